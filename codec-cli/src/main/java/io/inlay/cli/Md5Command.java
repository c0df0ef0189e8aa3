package io.inlay.cli;

import io.inlay.cli.OptionValues.RawGeometry;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay md5}: the sample MD5 of y4m or raw files, as {@code inlay decode --md5} defines it. */
@Command(name = "md5", mixinStandardHelpOptions = true,
        description = {"Print the MD5 of the samples of y4m (or raw) files, one line `<md5>  <file>` each.",
            "The same digest as `inlay decode --md5`: planes Y, Cb, Cr of each frame, 1 byte per sample at 8 bits, "
                + "2 bytes little-endian above (the y4m frame payloads, headers and FRAME lines excluded)."})
final class Md5Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "y4m or raw files, - for stdin.")
    List<String> files;

    @Option(names = "--raw", paramLabel = "WxH[:bitdepth]", converter = OptionValues.RawConverter.class,
            description = "Geometry of raw planar 4:2:0 input (ignored for y4m input).")
    RawGeometry raw;

    @Option(names = "--frames", paramLabel = "N", description = "Digest at most N frames of each file.")
    Long frames;

    @Override
    public Integer call() throws CliException {
        if (frames != null && frames < 1) {
            throw CliException.usage("--frames must be at least 1: " + frames);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String name : files) {
            out.println(digest(name, raw, frames == null ? Long.MAX_VALUE : frames) + "  " + name);
            out.flush();
        }
        return ExitCode.OK;
    }

    /** The sample MD5 of the first {@code limit} frames of {@code name}. */
    static String digest(String name, RawGeometry raw, long limit) throws CliException {
        VideoReader r = Inputs.openVideo(name, raw, null);
        try {
            Picture p = r.format().allocatePicture(0);
            SampleDigest d = new SampleDigest();
            for (long n = 0; n < limit && Inputs.read(r, p, name); n++) {
                d.update(p);
            }
            return d.hex();
        } finally {
            Inputs.closeQuietly(r);
        }
    }
}
