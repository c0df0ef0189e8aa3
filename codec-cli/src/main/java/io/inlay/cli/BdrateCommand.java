package io.inlay.cli;

import io.inlay.cli.rd.BdRateReport;
import io.inlay.cli.rd.RdCsv;
import io.inlay.cli.rd.RdPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay bdrate}: Bjontegaard delta rate from a rate-distortion CSV. */
@Command(name = "bdrate", mixinStandardHelpOptions = true,
        description = {"BD-rate (PSNR-Y, U, V, YUV) and BD-PSNR (YUV) of one codec against another, per clip and mean, "
                + "with PCHIP interpolation over the overlapping range (as JVET's common test conditions).",
            "CSV columns: " + RdPoint.HEADER + " (one row per encode; rate = bytes/frames; "
                + "the older " + RdPoint.LEGACY_HEADER + " is read too).",
            "A codec is named as CODEC (any configuration, if it has only one) or CODEC/CONFIG, e.g. x265/medium."})
final class BdrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CSV", description = "Rate-distortion CSV, - for stdin.")
    String csv;

    @Option(names = "--anchor", defaultValue = "x264", paramLabel = "CODEC[/CONFIG]",
            description = "Anchor codec or series (default: ${DEFAULT-VALUE}).")
    String anchor;

    @Option(names = "--test", defaultValue = "inlay", paramLabel = "CODEC[/CONFIG]",
            description = "Tested codec or series (default: ${DEFAULT-VALUE}).")
    String test;

    @Override
    public Integer call() throws CliException {
        List<RdPoint> points;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.openBytes(csv), StandardCharsets.UTF_8))) {
            points = RdCsv.read(in);
        } catch (IOException e) {
            throw CliException.input(csv, e);
        }
        BdRateReport report;
        try {
            report = BdRateReport.compute(points, anchor, test);
        } catch (IllegalArgumentException e) {
            throw CliException.input(csv + ": " + e.getMessage());
        }
        spec.commandLine().getOut().print(report.format());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
