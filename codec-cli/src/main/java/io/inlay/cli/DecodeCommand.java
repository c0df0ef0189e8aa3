package io.inlay.cli;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.Y4mWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay decode}: an Inlay stream to y4m, and/or the MD5 of the decoded samples. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode an Inlay stream to y4m.",
            "--md5 prints the MD5 of the decoded samples: planes Y, Cb, Cr of each frame, rows top to bottom, "
                + "1 byte per sample at 8 bits and 2 bytes little-endian above; the bytes of the y4m frame payloads "
                + "(`inlay md5 FILE.y4m` computes the same for any y4m, e.g. the encoder's --recon)."})
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Inlay stream, - for stdin.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.y4m", description = "y4m file to write, - for stdout.")
    String output;

    @Option(names = "--md5", description = "Print the MD5 of the decoded samples (to stdout, or stderr when -o -).")
    boolean md5;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output file.")
    boolean overwrite;

    @Option(names = "--conceal",
            description = "Go on past damaged units and frames that cannot be decoded: replace each lost frame by a "
                    + "copy of the decoded picture nearest in display order, report it on stderr, resume at the next "
                    + "decodable frame (at the latest the next key frame).")
    boolean conceal;

    @Option(names = "--max-size", paramLabel = "WxH", converter = OptionValues.FrameSizeConverter.class,
            description = "Refuse streams larger than WxH (and W*H pixels) before allocating anything for them "
                    + "(default 16384x16384 and 7680x4320 pixels).")
    OptionValues.FrameSize maxSize;

    @Option(names = "--max-frames-in-flight", paramLabel = "N", defaultValue = "16",
            description = "Most decoded pictures waiting for output, 1..256 (default: ${DEFAULT-VALUE}).")
    int maxFramesInFlight;

    @Override
    public Integer call() throws CliException {
        if (output == null && !md5) {
            throw CliException.usage("decode needs -o OUT.y4m, --md5 or both");
        }
        if (maxFramesInFlight < 1 || maxFramesInFlight > DecoderConfig.MAX_FRAMES_IN_FLIGHT) {
            throw CliException.usage("--max-frames-in-flight must be 1.." + DecoderConfig.MAX_FRAMES_IN_FLIGHT + ": "
                    + maxFramesInFlight);
        }
        ContainerLimits limits = maxSize == null ? ContainerLimits.DEFAULT
                : new ContainerLimits(maxSize.width(), maxSize.height(), (long) maxSize.width() * maxSize.height(),
                        ContainerLimits.DEFAULT.maxPacketBytes());
        DecoderConfig config = DecoderConfig.defaults().withContainerLimits(limits)
                .withMaxFramesInFlight(maxFramesInFlight).withConcealment(conceal)
                .withNeuralOptions(runtime.neuralOptions()).withThreads(runtime.threadCount());
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        ContainerReader reader = new ContainerReader(Inputs.openBytes(input), limits);
        try (AtomicOutput out = output == null ? null : AtomicOutput.create(output, overwrite)) {
            SequenceHeader sh = readHeader(reader);
            Decoder decoder;
            VideoFormat format;
            try {
                format = Streams.videoFormat(sh);
                decoder = Decoder.create(sh, config, reader.sequenceHeaderOffset());
            } catch (IOException e) {
                throw CliException.input(input, e);
            } catch (IllegalArgumentException e) {
                throw CliException.input(input + ": unsupported stream: " + e.getMessage());
            } catch (IllegalStateException e) {
                throw CliException.input(input + ": cannot run the neural loop filter: " + e.getMessage());
            }
            try (decoder) {
                decode(decoder, reader, format, out, err, start);
            }
        } finally {
            Inputs.closeQuietly(reader);
        }
        return ExitCode.OK;
    }

    private void decode(Decoder decoder, ContainerReader reader, VideoFormat format, AtomicOutput out, PrintWriter err,
                        long start) throws CliException {
        Y4mWriter writer = out == null ? null : new Y4mWriter(out.stream(), format);
        SampleDigest digest = md5 ? new SampleDigest() : null;
        long frames = 0;
        long concealed = 0;
        for (Packet p; (p = readPacket(reader, err)) != null; ) {
            try {
                decoder.push(p, reader.payloadOffset());
            } catch (BitstreamException e) {
                if (!conceal) {
                    throw CliException.input(input, e);
                }
                warn(err, e.getMessage() + "; packet dropped");   // a POC that cannot be placed
            } catch (IOException e) {
                throw CliException.input(input, e);
            }
            concealed += reportConcealments(decoder, err);
            frames += emit(decoder, writer, out, digest);
        }
        try {
            decoder.flush();
        } catch (BitstreamException e) {
            throw CliException.input(input, e);
        }
        concealed += reportConcealments(decoder, err);
        frames += emit(decoder, writer, out, digest);
        if (out != null) {
            EncodeCommand.write(out, writer::flush);
            out.commit();
        }
        if (digest != null) {
            PrintWriter where = output != null && output.equals("-") ? err : spec.commandLine().getOut();
            where.println(digest.hex());
            where.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(java.util.Locale.ROOT, "inlay: decoded %d frames%s, %.2f fps (%.2f s)",
                frames, conceal ? " (" + concealed + " concealed)" : "", seconds > 0 ? frames / seconds : 0, seconds));
        err.flush();
    }

    private void warn(PrintWriter err, String message) {
        err.println("inlay: warning: " + input + ": " + message);
        err.flush();
    }

    private long reportConcealments(Decoder decoder, PrintWriter err) {
        long n = 0;
        for (Decoder.Concealment c; (c = decoder.pollConcealment()) != null; n++) {
            warn(err, "frame poc " + c.poc() + " concealed ("
                    + (c.sourcePoc() < 0 ? "grey" : "copy of poc " + c.sourcePoc()) + "): "
                    + (c.offset() < 0 ? "" : "at byte " + c.offset() + ": ") + c.reason());
        }
        return n;
    }

    private SequenceHeader readHeader(ContainerReader reader) throws CliException {
        try {
            return reader.readSequenceHeader();
        } catch (IOException e) {
            throw CliException.input(input, e);
        }
    }

    // The next packet; with --conceal, damaged units are reported and skipped (ContainerReader.recover()).
    private Packet readPacket(ContainerReader reader, PrintWriter err) throws CliException {
        try {
            while (true) {
                try {
                    return reader.readPacket();
                } catch (BitstreamException e) {
                    if (!conceal) {
                        throw e;
                    }
                    long at = reader.offset();
                    boolean more = reader.recover();
                    warn(err, e.getMessage() + (more ? "; resuming at byte " + reader.offset()
                            + (reader.offset() > at ? " (" + (reader.offset() - at) + " bytes skipped)" : "")
                            : "; no place to resume before the end of the stream"));
                    if (!more) {
                        return null;
                    }
                }
            }
        } catch (IOException e) {
            throw CliException.input(input, e);
        }
    }

    private static long emit(Decoder decoder, Y4mWriter writer, AtomicOutput out, SampleDigest digest)
            throws CliException {
        long n = 0;
        for (Picture pic; (pic = decoder.pull()) != null; ) {
            if (digest != null) {
                digest.update(pic);
            }
            if (writer != null) {
                Picture p = pic;
                EncodeCommand.write(out, () -> writer.write(p));
            }
            n++;
        }
        return n;
    }
}
