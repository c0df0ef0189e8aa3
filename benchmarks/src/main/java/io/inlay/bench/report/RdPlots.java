package io.inlay.bench.report;

import io.inlay.cli.rd.RdPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Rate-distortion curves as PNG (XChart): one chart per clip, PSNR-YUV against the rate, one line
 * per codec series with a marker at each QP.
 */
final class RdPlots {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private static final Color[] COLOURS = {
        new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0xFF7F0E),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0x17BECF), new Color(0x7F7F7F),
    };

    private RdPlots() {
    }

    /**
     * Writes the chart of one clip to {@code file}. The rate axis is kbit/s when every point knows
     * the clip's frame rate, else kbit per frame.
     *
     * @param bySeries the clip's points per series, in legend order
     */
    static void write(Path file, String clip, Map<String, List<RdPoint>> bySeries) throws IOException {
        boolean perSecond = bySeries.values().stream().flatMap(List::stream).allMatch(p -> Double.isFinite(p.fps()));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(clip)
                .xAxisTitle(perSecond ? "rate (kbit/s)" : "rate (kbit/frame)").yAxisTitle("PSNR-YUV (dB)").build();
        Styler.LegendPosition legend = Styler.LegendPosition.InsideSE;
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setAntiAlias(true);
        int n = 0;
        for (Map.Entry<String, List<RdPoint>> e : bySeries.entrySet()) {
            List<RdPoint> pts = new ArrayList<>(e.getValue());
            pts.sort(Comparator.comparingDouble(RdPoint::bytesPerFrame));
            double[] x = new double[pts.size()];
            double[] y = new double[pts.size()];
            for (int i = 0; i < x.length; i++) {
                RdPoint p = pts.get(i);
                x[i] = perSecond ? p.kbitPerSecond() : p.bytesPerFrame() * 8 / 1000;
                y[i] = p.psnrYuv();
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(COLOURS[n % COLOURS.length]);
            s.setMarkerColor(COLOURS[n % COLOURS.length]);
            s.setLineStyle(new BasicStroke(2f));
            n++;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
