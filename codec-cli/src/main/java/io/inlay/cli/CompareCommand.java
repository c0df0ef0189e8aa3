package io.inlay.cli;

import io.inlay.cli.OptionValues.RawGeometry;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.metrics.FrameQuality;
import io.inlay.core.metrics.QualityMeter;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay compare}: PSNR and SSIM of B against reference A, frame i against frame i. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"PSNR-Y/U/V/YUV and SSIM (luma) of B against the reference A, frame i against frame i, "
                + "and their mean over frames. PSNR-YUV = (6Y+U+V)/8; identical planes count as 100 dB.",
            "Inputs are y4m (by signature) or raw planar 4:2:0 with --raw. Both must have the same size and "
                + "bit depth and, unless --frames limits the count, the same number of frames."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "Reference (y4m or raw; - for stdin).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Test (y4m or raw; - for stdin).")
    String b;

    @Option(names = "--raw", paramLabel = "WxH[:bitdepth]", converter = OptionValues.RawConverter.class,
            description = "Geometry of whichever input is raw planar 4:2:0 (y4m inputs ignore it).")
    RawGeometry raw;

    @Option(names = "--frames", paramLabel = "N", description = "Compare the first N frames (both need at least N).")
    Long frames;

    @Option(names = {"-v", "--verbose"}, description = "One line per frame before the mean.")
    boolean verbose;

    @Option(names = "--csv", description = "Machine-readable: one line frames,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim "
            + "(the mean); with -v preceded by one line index,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim per frame.")
    boolean csv;

    @Override
    public Integer call() throws CliException {
        if (frames != null && frames < 1) {
            throw CliException.usage("--frames must be at least 1: " + frames);
        }
        if (a.equals("-") && b.equals("-")) {
            throw CliException.usage("A and B cannot both be stdin");
        }
        PrintWriter out = spec.commandLine().getOut();
        VideoReader ra = Inputs.openVideo(a, raw, null);
        VideoReader rb = null;
        try {
            rb = Inputs.openVideo(b, raw, null);
            VideoFormat fa = ra.format();
            VideoFormat fb = rb.format();
            if (fa.width() != fb.width() || fa.height() != fb.height() || fa.bitDepth() != fb.bitDepth()
                    || fa.chromaFormat() != fb.chromaFormat()) {
                throw CliException.input(a + " is " + describe(fa) + " but " + b + " is " + describe(fb));
            }
            Picture pa = fa.allocatePicture(0);
            Picture pb = fb.allocatePicture(0);
            QualityMeter meter = new QualityMeter();
            long limit = frames == null ? Long.MAX_VALUE : frames;
            if (verbose && !csv) {
                out.println("frame    PSNR-Y    PSNR-U    PSNR-V  PSNR-YUV      SSIM");
            }
            long n = 0;
            while (n < limit) {
                boolean hasA = Inputs.read(ra, pa, a);
                boolean hasB = Inputs.read(rb, pb, b);
                if (!hasA || !hasB) {
                    if (hasA || hasB || frames != null) {
                        String shorter = !hasA ? a : b;
                        throw CliException.input(shorter + " has only " + n + " frames"
                                + (frames != null ? " (--frames " + frames + ")" : "; the other has more (use --frames)"));
                    }
                    break;
                }
                FrameQuality q = meter.add(pa, pb);
                if (verbose) {
                    out.println(csv ? csvLine(Long.toString(n), q) : textLine(String.format(Locale.ROOT, "%5d", n), q));
                }
                n++;
            }
            if (n == 0) {
                throw CliException.input(a + ": no frames");
            }
            FrameQuality mean = meter.mean();
            if (csv) {
                out.println(csvLine(Long.toString(n), mean));
            } else {
                if (verbose) {
                    out.println(textLine(" mean", mean));
                }
                out.println(String.format(Locale.ROOT,
                        "%d frames: PSNR-Y %.3f dB, PSNR-U %.3f dB, PSNR-V %.3f dB, PSNR-YUV %.3f dB, SSIM %.5f",
                        n, mean.psnrY(), mean.psnrU(), mean.psnrV(), mean.psnrYuv(), mean.ssimY()));
            }
            out.flush();
        } finally {
            Inputs.closeQuietly(ra);
            Inputs.closeQuietly(rb);
        }
        return ExitCode.OK;
    }

    static String describe(VideoFormat f) {
        return f.width() + "x" + f.height() + " " + f.bitDepth() + "-bit";
    }

    private static String textLine(String label, FrameQuality q) {
        return String.format(Locale.ROOT, "%s  %8.3f  %8.3f  %8.3f  %8.3f  %8.5f",
                label, q.psnrY(), q.psnrU(), q.psnrV(), q.psnrYuv(), q.ssimY());
    }

    private static String csvLine(String first, FrameQuality q) {
        return String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%.6f",
                first, q.psnrY(), q.psnrU(), q.psnrV(), q.psnrYuv(), q.ssimY());
    }
}
