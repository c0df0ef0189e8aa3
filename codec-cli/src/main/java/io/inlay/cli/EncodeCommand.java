package io.inlay.cli;

import io.inlay.bitstream.ContainerWriter;
import io.inlay.bitstream.Packet;
import io.inlay.cli.OptionValues.FrameRate;
import io.inlay.cli.OptionValues.RawGeometry;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.MotionSearchMethod;
import io.inlay.core.Preset;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.io.Y4mWriter;
import io.inlay.core.neural.InLoopFilters;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay encode}: y4m or raw video to an Inlay stream. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode y4m (or raw planar 4:2:0 with --raw) video into an Inlay stream.",
            "Packets are written in coding order; with --gop ra pictures are coded out of display order, in mini-GOPs "
                + "of --gop-size pictures."})
final class EncodeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(EncodeCommand.class.getName());

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "y4m or raw input file, - for stdin.")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Inlay stream to write, - for stdout.")
    String output;

    @Option(names = "--qp", paramLabel = "N", defaultValue = "32", description = "Quantisation parameter 0..51 (default: ${DEFAULT-VALUE}).")
    int qp;

    @Option(names = "--frames", paramLabel = "N", description = "Encode at most N frames.")
    Long frames;

    @Option(names = "--recon", paramLabel = "FILE",
            description = "Also write the encoder's reconstruction as y4m (what a decoder outputs).")
    String recon;

    @Option(names = "--raw", paramLabel = "WxH[:bitdepth]", converter = OptionValues.RawConverter.class,
            description = "Geometry of raw planar 4:2:0 input (ignored for y4m input).")
    RawGeometry raw;

    @Option(names = "--fps", paramLabel = "N/D", converter = OptionValues.FrameRateConverter.class,
            description = "Frame rate (default: the y4m header's; 25 for raw input).")
    FrameRate fps;

    @Option(names = "--no-deblock", description = "Disable the deblocking filter.")
    boolean noDeblock;

    @Option(names = "--aq", paramLabel = "STRENGTH", defaultValue = "0",
            description = "Adaptive quantisation strength 0..3: QP per CTU from its texture (default 0 = off, best PSNR).")
    double aq;

    @Option(names = "--chroma-weight", paramLabel = "F|auto",
            description = "Extra weight of chroma error in the encoder's decisions, 0.25..16 (default "
                    + EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT + "; larger favours PSNR-U/V and PSNR-YUV "
                    + "over PSNR-Y), or auto: adapted per frame to PSNR-YUV 6:1:1 (docs/rdo.md).")
    String chromaWeight;

    @Option(names = "--no-rdoq", description = "Disable rate-distortion optimised quantisation.")
    boolean noRdoq;

    @Option(names = "--gop", paramLabel = "ai|ra|ld|ldp", defaultValue = "ra",
            description = "Coding structure: ai = all intra, ra = random access (hierarchical B, pictures coded out of "
                    + "display order), ld = low delay (B pictures from earlier ones only), ldp = low delay with P "
                    + "pictures (one reference list) (default: ${DEFAULT-VALUE}).")
    String gop;

    @Option(names = "--keyint", paramLabel = "N", defaultValue = "64",
            description = "Key-frame interval 1..65535: an intra key frame every N pictures, where the stream can be cut "
                    + "(default: ${DEFAULT-VALUE}; ignored with --gop ai).")
    int keyint;

    @Option(names = "--gop-size", paramLabel = "N", defaultValue = "8",
            description = "Pictures per random-access mini-GOP 2..16 (default: ${DEFAULT-VALUE}; --gop ra only).")
    int gopSize;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "slow",
            description = "Speed preset: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow; "
                    + "sets the search effort, the options below override it (default: ${DEFAULT-VALUE}; "
                    + "docs/presets.md).")
    String preset;

    @Option(names = "--refs", paramLabel = "N",
            description = "Reference pictures per list 1..4 (default: the preset's; ignored with --gop ai).")
    Integer refs;

    @Option(names = "--search-range", paramLabel = "N",
            description = "Motion search range 8..512 luma samples (default: the preset's; ignored with --gop ai).")
    Integer searchRange;

    @Option(names = "--me", paramLabel = "dia|hex|star|full",
            description = "Integer motion search pattern (default: the preset's).")
    String me;

    @Option(names = "--subpel", paramLabel = "N",
            description = "Fractional motion refinement: 0 integer, 1 half, 2 quarter samples (default: the preset's).")
    Integer subpel;

    @Option(names = "--bi", paramLabel = "N",
            description = "Bi-prediction search: 0 none, 1 combined vectors, 2 with list 1 refined, 3 also list 0"
                    + " searched again per bi-prediction weight (default: the preset's).")
    Integer bi;

    @Option(names = "--merge-rd", paramLabel = "N",
            description = "Merge candidates coded in full, 1..5 (default: the preset's).")
    Integer mergeRd;

    @Option(names = "--intra-rd", paramLabel = "N",
            description = "Luma intra modes coded in full after SATD pre-selection, 1..8 (default: the preset's).")
    Integer intraRd;

    @Option(names = "--max-cu", paramLabel = "N",
            description = "Largest CU evaluated unsplit: 8, 16, 32 or 64 (default: the preset's).")
    Integer maxCu;

    @Option(names = "--min-cu", paramLabel = "N",
            description = "Smallest CU split down to: 8, 16, 32 or 64 (default: the preset's).")
    Integer minCu;

    @Option(names = "--nn-filter", paramLabel = "on|off",
            description = "Neural in-loop filter, switched per CTU by RD (default: on when a model is available).")
    String nnFilter;

    @Option(names = "--learned-intra", paramLabel = "on|off", defaultValue = "off",
            description = "Learned intra prediction (affine-linear luma modes from the bundled model, chosen per"
                    + " prediction block by RD; docs/learned-intra.md) (default: ${DEFAULT-VALUE}).")
    String learnedIntra;

    @Option(names = "--learned-inter", paramLabel = "on|off", defaultValue = "off",
            description = "Learned inter interpolation (trained luma filter sets chosen per AMVP coding unit by"
                    + " RD, inherited by merged ones; docs/learned-inter.md) (default: ${DEFAULT-VALUE}).")
    String learnedInter;

    @Option(names = "--bi-flow", paramLabel = "on|off", defaultValue = "on",
            description = "Bi-prediction optical-flow refinement (the luma of bi-predicted coding units with references"
                    + " at equal distances before and after is refined per 4x4 from the gradients of both predictions;"
                    + " no syntax per CU; docs/learned-inter.md) (default: ${DEFAULT-VALUE}).")
    String biFlow;

    @Option(names = "--bi-weights", paramLabel = "on|off",
            description = "Weighted bi-prediction (bi-predicted AMVP coding units choose the weight 1/2, 3/8 or 5/8 of"
                    + " their list-1 prediction, coded by bcw_idx, inherited by merged ones; random access and low"
                    + " delay B; docs/learned-inter.md) (default: on when the bi-prediction search refines list 1,"
                    + " --bi 2: the presets fast to veryslow).")
    String biWeights;

    @Option(names = "--nn-model", paramLabel = "SHA256",
            description = "The neural loop filter's model: its SHA-256 in hex, or a unique prefix of it, among the"
                    + " installed models (`inlay info` of a stream shows it); implies --nn-filter on. Default: the"
                    + " recommended model, if any.")
    String nnModel;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-y", "--overwrite"}, description = "Replace existing output files.")
    boolean overwrite;

    @Option(names = "--progress", description = "Show the progress line even when stderr is not a terminal.")
    boolean progress;

    @Override
    public Integer call() throws CliException {
        if (qp < 0 || qp > 51) {
            throw CliException.usage("--qp must be 0..51: " + qp);
        }
        if (frames != null && frames < 1) {
            throw CliException.usage("--frames must be at least 1: " + frames);
        }
        if (!(aq >= 0 && aq <= 3)) {
            throw CliException.usage("--aq must be 0..3: " + aq);
        }
        chromaWeightValue();
        GopStructure structure = GopStructure.fromShortName(gop.strip().toLowerCase(Locale.ROOT));
        if (structure == null) {
            throw CliException.usage("--gop must be one of " + String.join(", ",
                    Arrays.stream(GopStructure.values()).map(GopStructure::shortName).toList()) + ": " + gop);
        }
        if (keyint < 1 || keyint > 65535) {
            throw CliException.usage("--keyint must be 1..65535: " + keyint);
        }
        if (gopSize < 2 || gopSize > 16) {
            throw CliException.usage("--gop-size must be 2..16: " + gopSize);
        }
        if (refs != null && (refs < 1 || refs > 4)) {
            throw CliException.usage("--refs must be 1..4: " + refs);
        }
        if (searchRange != null && (searchRange < 8 || searchRange > 512)) {
            throw CliException.usage("--search-range must be 8..512: " + searchRange);
        }
        if (recon != null && recon.equals("-") && output.equals("-")) {
            throw CliException.usage("--recon and -o cannot both be stdout");
        }
        PrintWriter err = spec.commandLine().getErr();
        VideoReader reader = Inputs.openVideo(input, raw, fps);
        try {
            VideoFormat format = Inputs.format(reader, fps);
            if ("tbm".indexOf(format.interlace()) >= 0) {
                // Inlay codes frames, not fields: say so rather than code interlaced video silently
                err.println("inlay: warning: " + input + ": interlaced input (y4m I" + format.interlace()
                        + "): each frame is coded as one progressive picture, fields together");
            }
            EncoderConfig config = config(format, structure);
            LOG.info(() -> describe(config));
            LOG.info(() -> "neural loop filter " + (config.neuralFilter()
                    ? "on, model " + java.util.HexFormat.of().formatHex(config.neuralModel()) : "off"));
            Encoder encoder;
            try {
                encoder = Encoder.create(config);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw CliException.usage("--nn-filter: cannot open the neural loop filter: " + e.getMessage());
            }
            try (encoder) {
                encode(encoder, reader, format, err);
            }
        } finally {
            Inputs.closeQuietly(reader);
        }
        return ExitCode.OK;
    }

    private void encode(Encoder encoder, VideoReader reader, VideoFormat format, PrintWriter err) throws CliException {
        long limit = frames == null ? Long.MAX_VALUE : frames;
        long expected = Inputs.estimateFrames(input, reader);
        if (frames != null) {
            expected = expected < 0 ? frames : Math.min(expected, frames);
        }
        double rate = format.fpsNum() > 0 ? (double) format.fpsNum() / format.fpsDen() : 25;
        Progress progress = new Progress(err, this.progress || Terminal.stderrIsTerminal(), expected, rate);
        try (AtomicOutput out = AtomicOutput.create(output, overwrite);
                AtomicOutput rec = recon == null ? null : AtomicOutput.create(recon, overwrite)) {
            ContainerWriter writer = new ContainerWriter(out.stream()).repeatSequenceHeaderAtIFrames(true);
            Y4mWriter recWriter = rec == null ? null : new Y4mWriter(rec.stream(), format);
            write(out, () -> writer.writeSequenceHeader(encoder.sequenceHeader()));
            Picture picture = format.allocatePicture(0);
            long n = 0;
            while (n < limit && Inputs.read(reader, picture, input)) {
                encoder.push(picture);
                n++;
                drain(encoder, writer, out, recWriter, rec);
                progress.update(n, writer.bytesWritten());
            }
            if (n == 0) {
                throw CliException.input(input + ": no frames");
            }
            encoder.flush();
            drain(encoder, writer, out, recWriter, rec);
            write(out, writer::flush);
            long bytes = writer.bytesWritten();
            out.commit();
            if (rec != null) {
                write(rec, recWriter::flush);
                rec.commit();
            }
            progress.finish("encoded", n, bytes);
        } finally {
            progress.clear();
        }
    }

    private EncoderConfig config(VideoFormat f, GopStructure structure) throws CliException {
        Boolean filter = onOff("--nn-filter", nnFilter);
        byte[] model = nnModel != null ? installedModel(nnModel) : null;
        if (model != null && Boolean.FALSE.equals(filter)) {
            throw CliException.usage("--nn-model names a model, but --nn-filter is off");
        }
        if (Boolean.TRUE.equals(filter) && model == null
                && InLoopFilters.defaultModel(InLoopFilters.installed()).isEmpty()) {
            throw CliException.usage("--nn-filter on: no neural loop-filter model is recommended; name one with"
                    + " --nn-model");
        }
        boolean lip = onOff("--learned-intra", learnedIntra);
        boolean lif = onOff("--learned-inter", learnedInter);
        boolean bdof = onOff("--bi-flow", biFlow);
        Boolean bcw = onOff("--bi-weights", biWeights);
        try {
            EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height())
                    .learnedIntra(lip)
                    .learnedInter(lif)
                    .biFlow(bdof)
                    .bitDepth(f.bitDepth())
                    .chromaFormat(f.chromaFormat())
                    .frameRate(f.fpsNum() > 0 ? f.fpsNum() : 25, f.fpsNum() > 0 ? f.fpsDen() : 1)
                    .colourRange(f.colourRange() == VideoFormat.RANGE_FULL ? 1 : 0)
                    .qp(qp)
                    .deblocking(!noDeblock)
                    .aqStrength(aq)
                    .chromaWeight(chromaWeightValue())
                    .gop(structure)
                    .keyint(keyint)
                    .gopSize(gopSize)
                    .keepReconstruction(recon != null)
                    .threads(runtime.threadCount())
                    .neuralOptions(runtime.neuralOptions());
            searchEffort(b);
            if (bcw != null) {
                b.biWeights(bcw);
            }
            if (filter != null) {
                b.neuralFilter(filter);
            }
            if (model != null) {
                b.neuralFilter(true).neuralModel(model);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.input(input + ": unsupported input: " + e.getMessage());
        }
    }

    /** The preset and the search-effort options given explicitly (which override the preset's). */
    private void searchEffort(EncoderConfig.Builder b) throws CliException {
        try {
            b.preset(Preset.of(preset.strip()));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--preset: " + e.getMessage());
        }
        if (noRdoq) {
            b.rdoq(false);
        }
        if (me != null) {
            b.motionSearch(switch (me.strip().toLowerCase(Locale.ROOT)) {
                case "dia" -> MotionSearchMethod.DIAMOND;
                case "hex" -> MotionSearchMethod.HEXAGON;
                case "star" -> MotionSearchMethod.STAR;
                case "full" -> MotionSearchMethod.FULL;
                default -> throw CliException.usage("--me must be dia, hex, star or full: " + me);
            });
        }
        try {
            if (refs != null) {
                b.refs(refs);
            }
            if (searchRange != null) {
                b.searchRange(searchRange);
            }
            if (subpel != null) {
                b.subpelRefine(subpel);
            }
            if (bi != null) {
                b.biSearch(bi);
            }
            if (mergeRd != null) {
                b.mergeRdCandidates(mergeRd);
            }
            if (intraRd != null) {
                b.intraRdModes(intraRd);
            }
            if (maxCu != null) {
                b.maxCuSize(maxCu);
            }
            if (minCu != null) {
                b.minCuSize(minCu);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The installed model whose SHA-256 (hex) starts with {@code prefix}; a usage error unless exactly one does. */
    private static byte[] installedModel(String prefix) throws CliException {
        String p = prefix.strip().toLowerCase(Locale.ROOT);
        if (!p.matches("[0-9a-f]{1,64}")) {
            throw CliException.usage("--nn-model must be a SHA-256 in hex (or a prefix of one): " + prefix);
        }
        java.util.Map<String, byte[]> found = new java.util.TreeMap<>();
        for (var provider : InLoopFilters.installed()) {
            for (byte[] id : provider.models()) {
                String hex = java.util.HexFormat.of().formatHex(id);
                if (hex.startsWith(p)) {
                    found.put(hex, id);
                }
            }
        }
        if (found.size() != 1) {
            throw CliException.usage("--nn-model " + prefix + (found.isEmpty() ? " matches no installed model"
                    : " matches " + found.size() + " installed models: " + String.join(", ", found.keySet())));
        }
        return found.values().iterator().next();
    }

    /** One line: the format and the settings the encoder runs with (after the structure's overrides). */
    static String describe(EncoderConfig c) {
        return String.format(Locale.ROOT, "encoding %dx%d %d-bit, QP %d, preset %s, %s", c.width(), c.height(),
                c.bitDepth(), c.qp(), c.preset().label(), describeStructure(c));
    }

    /** The coding structure, e.g. {@code ra (key frame every 64, mini-GOP 8, 2 refs per list, search range 64)}. */
    static String describeStructure(EncoderConfig c) {
        if (c.gop() == GopStructure.ALL_INTRA) {
            return "ai (every picture intra)";
        }
        return String.format(Locale.ROOT, "%s (key frame every %d, %s%d %s per list, search range %d)",
                c.gop().shortName(), c.keyint(),
                c.gop() == GopStructure.RANDOM_ACCESS ? "mini-GOP " + c.gopSize() + ", " : "",
                c.refs(), c.refs() == 1 ? "ref" : "refs", c.searchRange());
    }

    private static void drain(Encoder encoder, ContainerWriter writer, AtomicOutput out, Y4mWriter recWriter,
            AtomicOutput rec) throws CliException {
        for (Packet p; (p = encoder.pull()) != null; ) {
            Packet packet = p;
            write(out, () -> writer.writePacket(packet));
        }
        if (recWriter != null) {
            for (Picture r; (r = encoder.pullReconstruction()) != null; ) {
                Picture pic = r;
                write(rec, () -> recWriter.write(pic));
            }
        }
    }

    /** An I/O step on an output; its failure is an {@link ExitCode#OUTPUT} error naming the output. */
    interface IoStep {
        void run() throws IOException;
    }

    static void write(AtomicOutput out, IoStep step) throws CliException {
        try {
            step.run();
        } catch (IOException e) {
            throw CliException.output(out.name(), e);
        }
    }

    /** An {@code on|off} option's value (any case, surrounding blanks ignored); null when not given. */
    private static Boolean onOff(String option, String value) throws CliException {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> throw CliException.usage(option + " must be on or off: " + value);
        };
    }

    /** {@code --chroma-weight}: the builder's value (auto: {@link EncoderConfig#CHROMA_WEIGHT_AUTO}); a usage error when out of range. */
    private double chromaWeightValue() throws CliException {
        if (chromaWeight == null) {
            return EncoderConfig.Builder.DEFAULT_CHROMA_WEIGHT;
        }
        String v = chromaWeight.strip().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return EncoderConfig.CHROMA_WEIGHT_AUTO;
        }
        double cw;
        try {
            cw = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            cw = Double.NaN;
        }
        if (!(cw >= 0.25 && cw <= 16)) {
            throw CliException.usage("--chroma-weight must be 0.25..16 or auto: " + chromaWeight);
        }
        return cw;
    }
}
