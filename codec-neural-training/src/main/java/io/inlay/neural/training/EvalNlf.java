package io.inlay.neural.training;

import io.inlay.core.neural.InLoopFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Evaluates integer models (.innf files) on whole frames of the held-out (or validation) pairs
 * (docs/neural-filter.md, "Training"), side by side:
 *
 * <ul>
 * <li>{@code s64}: every position filtered at scale 64 (1.0), as TrainNlf's report;</li>
 * <li>{@code frame}: per frame and component (luma, chroma) the best scale in 8..255 (steps of 4)
 *     with the filter on everywhere, or off (scale 0);</li>
 * <li>{@code ctu}: per frame and component the best scale with the per-CTU switch of §3.4
 *     (64x64 luma CTUs, a CTU filtered iff that lowers its SSE), flag bits not counted.</li>
 * </ul>
 *
 * {@code frame} and {@code ctu} are what the encoder's NeuralFilterDecision can reach at most
 * with today's syntax (it searches scales around the least-squares one and pays the flags),
 * measured on deblocked frames of an encode with the filter off (so references are not
 * filtered). Gains are mean per-frame PSNR differences over deblocked, dB.
 *
 * <pre>
 * EvalNlf --cache DIR [--corpus DIR] [--set heldout|validation] [--ctu 64] MODEL.innf ...
 * </pre>
 */
public final class EvalNlf {
    /** Switching unit on the chroma grid: 64x64 luma CTUs by default, {@code --ctu N} (luma) for other sizes. */
    private static int unit = 32;

    private EvalNlf() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        EvalArgs a = EvalArgs.parse(args);
        unit = Integer.parseInt(a.option("ctu", "64")) / 2;
        PrintStream out = System.out;
        List<Sample> samples = a.samples(out);
        List<Path> models = a.models();
        out.printf("%s: %d frames%n", a.set(), samples.size());
        for (Path m : models) {
            out.printf("model %s%n", m.getFileName());
            report(out, perGroup(m, samples, EvalNlf::gains), List.of("s64 Y", "s64 YUV", "frame YUV", "ctu YUV", "ctu Y",
                    "ctu U", "ctu V"), 7);
        }
    }

    /**
     * The main of a per-model evaluation ({@link EvalNlfSwitching}, {@link EvalNlfOffsets}): the pairs the
     * command line names ({@link EvalArgs}), then per model file a table of {@code gains}' columns per group.
     */
    static void evaluate(String[] args, BiFunction<Sample, short[], double[]> gains, List<String> columns, int db)
            throws IOException, ReflectiveOperationException {
        Locale.setDefault(Locale.ROOT);
        EvalArgs a = EvalArgs.parse(args);
        PrintStream out = System.out;
        List<Sample> samples = a.samples(out);
        for (Path m : a.models()) {
            out.printf("model %s%n", m.getFileName());
            report(out, perGroup(m, samples, gains), columns, db);
        }
    }

    /**
     * Runs the model on every frame (each extended by the receptive field as the decoder does) and
     * sums {@code gains(frame, its correction)} per group ({@link #accumulate}).
     */
    static TreeMap<String, double[]> perGroup(Path model, List<Sample> samples,
            BiFunction<Sample, short[], double[]> gains) throws IOException, ReflectiveOperationException {
        TreeMap<String, double[]> groups = new TreeMap<>();
        try (InLoopFilter net = open(Files.readAllBytes(model))) {
            int e = net.receptiveFieldRadius();
            for (Sample s : samples) {
                short[] r = new short[6 * (s.w + 2 * e) * (s.h + 2 * e)];
                net.run(s.input(e), s.w + 2 * e, s.h + 2 * e, r);
                accumulate(groups, s, gains.apply(s, s.crop(r, e)));
            }
        }
        return groups;
    }

    /** One line per group: its frame count and the mean of each column, the first {@code db} of them signed (dB). */
    static void report(PrintStream out, TreeMap<String, double[]> groups, List<String> columns, int db) {
        StringBuilder head = new StringBuilder(String.format("  %-22s %6s", "group", "frames"));
        columns.forEach(c -> head.append(String.format(" %9s", c)));
        out.println(head);
        for (Map.Entry<String, double[]> en : groups.entrySet()) {
            double[] v = en.getValue();
            double n = v[v.length - 1];
            StringBuilder line = new StringBuilder(String.format("  %-22s %6d", en.getKey(), (int) n));
            for (int k = 0; k < v.length - 1; k++) {
                line.append(String.format(k < db ? " %+9.4f" : " %9.3f", v[k] / n));
            }
            out.println(line);
        }
    }

    /**
     * Adds a frame's {@code values} to its groups (its clip and GOP, its {@code frame_qp} band, and
     * "all"): each group's row holds the sums of the values and, last, the frame count.
     */
    static void accumulate(TreeMap<String, double[]> groups, Sample s, double[] values) {
        String clip = s.name.substring(0, s.name.indexOf('#'));
        String gop = clip.contains("_ai_") ? "ai" : "ra";
        String base = clip.substring(0, clip.indexOf('_'));
        int qb = s.qp < 30 ? 0 : s.qp < 35 ? 1 : s.qp < 40 ? 2 : 3;
        String band = new String[] {"qp <30", "qp 30-34", "qp 35-39", "qp >=40"}[qb];
        for (String key : new String[] {"clip " + base + " " + gop, "band " + band, "all"}) {
            double[] row = groups.computeIfAbsent(key, k -> new double[values.length + 1]);
            for (int i = 0; i < values.length; i++) {
                row[i] += values[i];
            }
            row[values.length]++;
        }
    }

    static InLoopFilter open(byte[] file) throws ReflectiveOperationException {
        Class<?> mf = Class.forName("io.inlay.neural.ModelFile");
        Object model = mf.getMethod("parse", byte[].class).invoke(null, (Object) file);
        Class<?> nf = Class.forName("io.inlay.neural.NeuralFilters");
        return (InLoopFilter) nf.getMethod("openJava", mf, int.class).invoke(null, model, 1);
    }

    /** Y and YUV gain at scale 64, YUV gain with the best frame scale, YUV gain with the best scale and CTU switch. */
    static double[] gains(Sample s, short[] r) {
        double[] base = TrainNlf.psnr(s.sse(null), s.n());
        double[] s64 = TrainNlf.psnr(sseAt(s, r, 64, 64, false), s.n());
        // Luma and chroma are chosen independently (their SSEs are separate terms); search each
        // with the other's scale fixed at 0, then combine.
        double[] lumaF = sseAt(s, r, 0, 0, false);
        double[] lumaC = lumaF.clone();
        double[] chromaF = lumaF.clone();
        double[] chromaC = lumaF.clone();
        double lf = sumY(lumaF);
        double lc = lf;
        double cf = lumaF[4] + lumaF[5];
        double cc = cf;
        for (int sc = 8; sc <= 255; sc += 4) {
            double[] f = sseAt(s, r, sc, sc, false);
            double[] c = sseAt(s, r, sc, sc, true);
            if (sumY(f) < lf) {
                lf = sumY(f);
                System.arraycopy(f, 0, lumaF, 0, 4);
            }
            if (sumY(c) < lc) {
                lc = sumY(c);
                System.arraycopy(c, 0, lumaC, 0, 4);
            }
            if (f[4] + f[5] < cf) {
                cf = f[4] + f[5];
                chromaF[4] = f[4];
                chromaF[5] = f[5];
            }
            if (c[4] + c[5] < cc) {
                cc = c[4] + c[5];
                chromaC[4] = c[4];
                chromaC[5] = c[5];
            }
        }
        double[] fr = {lumaF[0], lumaF[1], lumaF[2], lumaF[3], chromaF[4], chromaF[5]};
        double[] ct = {lumaC[0], lumaC[1], lumaC[2], lumaC[3], chromaC[4], chromaC[5]};
        double[] bestFrame = TrainNlf.psnr(fr, s.n());
        double[] bestCtu = TrainNlf.psnr(ct, s.n());
        return new double[] {s64[0] - base[0], s64[3] - base[3], bestFrame[3] - base[3], bestCtu[3] - base[3],
            bestCtu[0] - base[0], bestCtu[1] - base[1], bestCtu[2] - base[2]};
    }

    private static double sumY(double[] e) {
        return e[0] + e[1] + e[2] + e[3];
    }

    /**
     * Per-plane SSE with the correction applied as §3.2 at 8 bits ({@code d = (R*scale + 512) >> 10}),
     * luma planes at {@code ls}, chroma at {@code cs}; with {@code ctu}, each CTU and component
     * takes the filtered or the deblocked samples, whichever has the lower SSE.
     */
    static double[] sseAt(Sample s, short[] r, int ls, int cs, boolean ctu) {
        int n = s.n();
        int cw = (s.w + unit - 1) / unit;
        int ch = (s.h + unit - 1) / unit;
        double[][] on = new double[6][cw * ch];
        double[][] off = new double[6][cw * ch];
        for (int p = 0; p < 6; p++) {
            int sc = p < 4 ? ls : cs;
            for (int y = 0; y < s.h; y++) {
                for (int x = 0; x < s.w; x++) {
                    int i = p * n + y * s.w + x;
                    int v = s.rec[i] & 255;
                    int o = s.orig[i] & 255;
                    int f = Math.max(0, Math.min(255, v + ((r[i] * sc + 512) >> 10)));
                    int k = (y / unit) * cw + x / unit;
                    on[p][k] += (f - o) * (f - o);
                    off[p][k] += (v - o) * (v - o);
                }
            }
        }
        double[] sse = new double[6];
        for (int k = 0; k < cw * ch; k++) {
            double lOn = on[0][k] + on[1][k] + on[2][k] + on[3][k];
            double lOff = off[0][k] + off[1][k] + off[2][k] + off[3][k];
            boolean lumaOn = !ctu || lOn < lOff;
            boolean chromaOn = !ctu || on[4][k] + on[5][k] < off[4][k] + off[5][k];
            for (int p = 0; p < 6; p++) {
                boolean use = p < 4 ? lumaOn : chromaOn;
                sse[p] += use ? on[p][k] : off[p][k];
            }
        }
        return sse;
    }
}
