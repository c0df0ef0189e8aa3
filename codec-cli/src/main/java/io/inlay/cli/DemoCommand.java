package io.inlay.cli;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.metrics.FrameQuality;
import io.inlay.core.metrics.QualityMeter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inlay demo}: encode, decode and measure the bundled clip in memory, and check that the
 * decoder's output equals the encoder's reconstruction bit for bit.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Encode and decode the bundled clip (testvectors/clips/" + DemoCommand.CLIP + "), print size, "
                + "bitrate, PSNR-YUV, SSIM, encode and decode speed, and check that the decoded video equals the "
                + "encoder's reconstruction bit for bit (exit code 5 if not)."})
final class DemoCommand implements Callable<Integer> {
    static final String CLIP = "cars_320x240_10f.y4m";

    @Spec
    CommandSpec spec;

    @Option(names = "--clip", paramLabel = "FILE", description = "Another y4m clip instead of the bundled one.")
    Path clip;

    @Option(names = "--qp", paramLabel = "N", defaultValue = "32", description = "Quantisation parameter (default: ${DEFAULT-VALUE}).")
    int qp;

    @Option(names = "--frames", paramLabel = "N", description = "Use at most N frames of the clip.")
    Long frames;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Also write the stream to OUT.")
    String output;

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing OUT.")
    boolean overwrite;

    @Override
    public Integer call() throws CliException {
        if (qp < 0 || qp > 51) {
            throw CliException.usage("--qp must be 0..51: " + qp);
        }
        if (frames != null && frames < 1) {
            throw CliException.usage("--frames must be at least 1: " + frames);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path path = clip != null ? clip : findBundledClip();
        String name = path.toString();

        List<Picture> source = new ArrayList<>();
        VideoFormat format;
        VideoReader reader = Inputs.openVideo(name, null, null);
        try {
            format = reader.format();
            long limit = frames == null ? Long.MAX_VALUE : frames;
            while (source.size() < limit) {
                Picture p = format.allocatePicture(0);
                if (!Inputs.read(reader, p, name)) {
                    break;
                }
                source.add(p);
            }
        } finally {
            Inputs.closeQuietly(reader);
        }
        if (source.isEmpty()) {
            throw CliException.input(name + ": no frames");
        }
        double fps = format.fpsNum() > 0 ? (double) format.fpsNum() / format.fpsDen() : 25;
        out.println(String.format(Locale.ROOT, "clip       %s (%dx%d, %d-bit, %d frames, %.3f fps)", name,
                format.width(), format.height(), format.bitDepth(), source.size(), fps));
        out.println("kernels    " + Kernels.get().description());
        out.flush();

        // Encode into memory, keeping the reconstruction.
        EncoderConfig config;
        try {
            config = EncoderConfig.builder(format.width(), format.height()).bitDepth(format.bitDepth())
                    .chromaFormat(format.chromaFormat())
                    .frameRate(format.fpsNum() > 0 ? format.fpsNum() : 25, format.fpsNum() > 0 ? format.fpsDen() : 1)
                    .colourRange(format.colourRange() == VideoFormat.RANGE_FULL ? 1 : 0)
                    .qp(qp).keepReconstruction(true).build();
        } catch (IllegalArgumentException e) {
            throw CliException.input(name + ": unsupported input: " + e.getMessage());
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Picture> recon = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ContainerWriter writer = new ContainerWriter(stream)) {
            Encoder encoder = Encoder.create(config);
            writer.writeSequenceHeader(encoder.sequenceHeader());
            for (Picture p : source) {
                encoder.push(p);
                drain(encoder, writer, recon);
            }
            encoder.flush();
            drain(encoder, writer, recon);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        long t1 = System.nanoTime();
        byte[] bytes = stream.toByteArray();

        // Decode from memory.
        List<Picture> decoded = new ArrayList<>();
        long t2 = System.nanoTime();
        try (ContainerReader cr = new ContainerReader(new ByteArrayInputStream(bytes), ContainerLimits.DEFAULT)) {
            Decoder decoder = Decoder.create(cr.readSequenceHeader(), DecoderConfig.defaults());
            for (Packet p; (p = cr.readPacket()) != null; ) {
                decoder.push(p);
                for (Picture pic; (pic = decoder.pull()) != null; ) {
                    decoded.add(pic);
                }
            }
            decoder.flush();
            for (Picture pic; (pic = decoder.pull()) != null; ) {
                decoded.add(pic);
            }
        } catch (IOException e) {
            // The stream came from our own encoder a moment ago: failing to decode it is a bug.
            throw new IllegalStateException("the decoder rejected the encoder's stream: " + e.getMessage(), e);
        }
        long t3 = System.nanoTime();

        if (output != null) {
            try (AtomicOutput o = AtomicOutput.create(output, overwrite)) {
                EncodeCommand.write(o, () -> o.stream().write(bytes));
                o.commit();
            }
        }

        int n = Math.min(source.size(), decoded.size());
        FrameQuality q = QualityMeter.meanOf(source.subList(0, n), decoded.subList(0, n));
        SampleDigest decodedMd5 = new SampleDigest();
        SampleDigest reconMd5 = new SampleDigest();
        int equal = 0;
        for (int i = 0; i < Math.min(decoded.size(), recon.size()); i++) {
            decodedMd5.update(decoded.get(i));
            reconMd5.update(recon.get(i));
            if (decoded.get(i).sameSamples(recon.get(i))) {
                equal++;
            }
        }
        boolean exact = decoded.size() == source.size() && recon.size() == source.size() && equal == source.size();
        double kbps = bytes.length * 8.0 * fps / source.size() / 1000;
        out.println(String.format(Locale.ROOT, "qp         %d", qp));
        out.println("structure  " + EncodeCommand.describeStructure(config));
        out.println(String.format(Locale.ROOT, "size       %d bytes (%.3f bits/pixel)", bytes.length,
                bytes.length * 8.0 / ((double) format.width() * format.height() * source.size())));
        out.println(String.format(Locale.ROOT, "bitrate    %.1f kbit/s at %.3f fps", kbps, fps));
        out.println(String.format(Locale.ROOT, "PSNR-YUV   %.3f dB (Y %.3f, U %.3f, V %.3f)", q.psnrYuv(), q.psnrY(),
                q.psnrU(), q.psnrV()));
        out.println(String.format(Locale.ROOT, "SSIM       %.5f (luma)", q.ssimY()));
        out.println(String.format(Locale.ROOT, "encode     %.2f fps (%.2f s)", source.size() / seconds(t0, t1), seconds(t0, t1)));
        out.println(String.format(Locale.ROOT, "decode     %.2f fps (%.2f s)", decoded.size() / seconds(t2, t3), seconds(t2, t3)));
        if (exact) {
            out.println("bit-exact  yes: decoded output == encoder reconstruction (" + equal + "/" + source.size()
                    + " frames, sample MD5 " + decodedMd5.hex() + ")");
        } else {
            out.println("bit-exact  NO: " + equal + " of " + source.size() + " frames equal (decoded "
                    + decoded.size() + ", reconstructed " + recon.size() + "; sample MD5 decoded "
                    + decodedMd5.hex() + ", recon " + reconMd5.hex() + ")");
        }
        out.flush();
        if (!exact) {
            throw new CliException(ExitCode.MISMATCH, "decoded output differs from the encoder's reconstruction");
        }
        return ExitCode.OK;
    }

    private static double seconds(long from, long to) {
        return Math.max(1e-9, (to - from) / 1e9);
    }

    private static void drain(Encoder encoder, ContainerWriter writer, List<Picture> recon) throws IOException {
        for (Packet p; (p = encoder.pull()) != null; ) {
            writer.writePacket(p);
        }
        for (Picture r; (r = encoder.pullReconstruction()) != null; ) {
            recon.add(r);
        }
    }

    /**
     * The bundled clip: under {@code inlay.home} (set by bin/inlay), else relative to the jar
     * ({@code <repo>/codec-cli/target/inlay.jar}), else relative to the working directory.
     */
    static Path findBundledClip() throws CliException {
        List<Path> tried = new ArrayList<>();
        String home = System.getProperty("inlay.home");
        if (home != null) {
            tried.add(Path.of(home));
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                tried.add(p);
            }
        } catch (URISyntaxException | SecurityException | NullPointerException | java.nio.file.FileSystemNotFoundException e) {
            // No code source location: rely on the other places.
        }
        tried.add(Path.of("").toAbsolutePath());
        for (Path root : tried) {
            Path c = root.resolve("testvectors").resolve("clips").resolve(CLIP);
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw CliException.input("cannot find the bundled clip testvectors/clips/" + CLIP + " (give --clip FILE)");
    }
}
