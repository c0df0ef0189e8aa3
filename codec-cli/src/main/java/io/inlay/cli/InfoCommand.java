package io.inlay.cli;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.neural.NeuralOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay info}: the sequence header and one line per frame of an Inlay stream, in coding order. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print an Inlay stream's sequence header, then one line per frame in coding order: index, type, "
                + "POC (display position), temporal layer, frame QP, reference pictures kept (refs) and active per list "
                + "(L0, L1), payload bytes, unit bytes (payload plus container framing and CRC) and deblocking; then "
                + "the frame count per type. With the neural loop filter, each line ends with the frame's luma and "
                + "chroma scales (nlf Y/C, in 1/64; 0 = off).",
            "The whole stream is read and checked (CRC-32C of every unit, frame-header semantics)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Inlay stream, - for stdin.")
    String input;

    @Option(names = "--nlf-flags",
            description = "Also decode the stream (needs the neural filter's model) to show, for frames with a nonzero "
                    + "scale, the share of CTUs whose luma and chroma are filtered.")
    boolean nlfFlags;

    @Override
    public Integer call() throws CliException {
        PrintWriter out = spec.commandLine().getOut();
        ContainerReader reader = new ContainerReader(Inputs.openBytes(input), ContainerLimits.DEFAULT);
        try {
            SequenceHeader sh;
            try {
                sh = reader.readSequenceHeader();
            } catch (IOException e) {
                throw CliException.input(input, e);
            }
            printHeader(out, sh, reader.offset());
            boolean nlf = sh.neuralLoopFilter();
            Decoder decoder = null;
            if (nlfFlags && nlf) {
                try {
                    decoder = Decoder.create(sh, DecoderConfig.defaults()
                            .withNeuralOptions(new NeuralOptions(NeuralOptions.Runtime.JAVA, 1)), reader.sequenceHeaderOffset());
                } catch (BitstreamException e) {
                    throw CliException.input(input + ": --nlf-flags: " + e.getMessage());
                } catch (IllegalStateException e) {
                    throw CliException.input(input + ": --nlf-flags: cannot run the neural loop filter: " + e.getMessage());
                }
            }
            try {
                frames(out, reader, nlf, decoder);
            } finally {
                if (decoder != null) {
                    decoder.close();
                }
            }
            out.flush();
        } finally {
            Inputs.closeQuietly(reader);
        }
        return ExitCode.OK;
    }

    private void frames(PrintWriter out, ContainerReader reader, boolean nlf, Decoder decoder) throws CliException {
        out.println("frame  type     POC  layer  QP  refs  L0  L1  payload     unit  deblock" + (nlf ? "             nlf Y/C" : ""));
        long index = 0;
        long totalPayload = 0;
        long[] perType = new long[FrameType.values().length];
        long repeatedHeaders = 0;
        while (true) {
            long start = reader.offset();
            Packet p;
            FrameHeader fh;
            try {
                p = reader.readPacket();
            } catch (IOException e) {
                throw CliException.input(input, e);
            }
            if (p == null) {
                break;
            }
            // a repeated sequence header before a key frame is not part of the frame's unit
            repeatedHeaders += reader.unitOffset() - start;
            start = reader.unitOffset();
            try {
                fh = FrameHeader.parse(p, nlf);
            } catch (BitstreamException e) {
                throw CliException.input(input + ": frame " + index + " (unit at byte " + start + "), payload "
                        + e.getMessage());
            }
            long unit = reader.offset() - start;
            totalPayload += p.payload().length;
            perType[p.frameType().ordinal()]++;
            String deblock = fh.deblockingEnabled()
                    ? String.format(Locale.ROOT, "on (beta %d, tc %d)", 2 * fh.betaOffsetDiv2(), 2 * fh.tcOffsetDiv2())
                    : "off";
            String line = String.format(Locale.ROOT, "%5d  %-4s %7d  %5d  %2d  %4d  %2d  %2d  %7d  %7d  %s",
                    index, p.frameType(), p.poc(), fh.temporalLayer(), fh.frameQp(), fh.refPics().size(),
                    fh.numRefIdxActiveL0(), fh.numRefIdxActiveL1(), p.payload().length, unit,
                    nlf ? String.format(Locale.ROOT, "%-18s", deblock) : deblock);
            if (nlf) {
                line += String.format(Locale.ROOT, "  %3d/%-3d", fh.nlfLumaScale(), fh.nlfChromaScale())
                        + usage(decoder, p, reader, index, start);
            }
            out.println(line);
            index++;
        }
        StringBuilder types = new StringBuilder();
        for (FrameType t : FrameType.values()) {
            types.append(types.isEmpty() ? "" : ", ").append(perType[t.ordinal()]).append(' ').append(t);
        }
        out.println(String.format(Locale.ROOT, "%d frames (%s), %d payload bytes, %d bytes in total%s", index, types,
                totalPayload, reader.offset(), repeatedHeaders == 0 ? ""
                        : String.format(Locale.ROOT, " (%d in repeated sequence headers)", repeatedHeaders)));
    }

    // " (CTUs filtered: Y 40%, C 12%)" after decoding the frame, for --nlf-flags
    private String usage(Decoder decoder, Packet p, ContainerReader reader, long index, long start)
            throws CliException {
        if (decoder == null) {
            return "";
        }
        try {
            decoder.push(p, reader.payloadOffset());
        } catch (BitstreamException e) {
            throw CliException.input(input + ": frame " + index + " (unit at byte " + start + "): " + e.getMessage());
        }
        while (decoder.pull() != null) {
            // only the flags are of interest
        }
        Decoder.NeuralFilterUsage u = decoder.lastNeuralFilterUsage();
        if (u == null || (u.lumaScale() == 0 && u.chromaScale() == 0)) {
            return "";
        }
        return String.format(Locale.ROOT, "  CTUs filtered: Y %s, C %s", share(u.lumaScale(), u.lumaOn(), u.ctus()),
                share(u.chromaScale(), u.chromaOn(), u.ctus()));
    }

    private static String share(int scale, int on, int ctus) {
        return scale == 0 ? "-" : String.format(Locale.ROOT, "%d/%d (%.0f%%)", on, ctus, 100.0 * on / ctus);
    }

    /** The description of the model from a provider that has it, else that none has. */
    private static String describeModel(byte[] id) {
        try {
            Optional<InLoopFilter> f = InLoopFilters.open(InLoopFilters.installed(), id,
                    new NeuralOptions(NeuralOptions.Runtime.JAVA, 1));
            if (f.isEmpty()) {
                return "model not available here";
            }
            try (InLoopFilter filter = f.get()) {
                return filter.description();
            }
        } catch (RuntimeException e) {
            return "model cannot be opened: " + e.getMessage();
        }
    }

    private static void printHeader(PrintWriter out, SequenceHeader sh, long headerEnd) {
        ChromaFormat cf = ChromaFormat.fromIdc(sh.chromaFormatIdc());
        out.println("sequence header (" + headerEnd + " bytes with the file header):");
        out.println(String.format(Locale.ROOT, "  size             %dx%d", sh.width(), sh.height()));
        out.println(String.format(Locale.ROOT, "  bit depth        %d", sh.bitDepth()));
        out.println(String.format(Locale.ROOT, "  chroma format    %s (idc %d)",
                cf == ChromaFormat.YUV420 ? "4:2:0" : String.valueOf(cf), sh.chromaFormatIdc()));
        out.println(String.format(Locale.ROOT, "  frame rate       %d/%d (%.3f fps)", sh.fpsNum(), sh.fpsDen(),
                sh.fpsDen() != 0 ? (double) sh.fpsNum() / sh.fpsDen() : 0.0));
        out.println(String.format(Locale.ROOT, "  colour range     %s", sh.colourRange() == 1 ? "full" : "limited"));
        out.println(String.format(Locale.ROOT, "  matrix coeffs    %d", sh.matrixCoefficients()));
        out.println(String.format(Locale.ROOT, "  CTU size         %d", 1 << sh.ctuLog2Size()));
        out.println(String.format(Locale.ROOT, "  min CU size      %d", 1 << sh.minCuLog2Size()));
        out.println(String.format(Locale.ROOT, "  tool flags       0x%x", sh.toolFlags()));
        if (sh.neuralModels().isEmpty()) {
            out.println("  neural models    none");
        } else {
            for (byte[] id : sh.neuralModels()) {
                out.println("  neural model     sha256:" + HexFormat.of().formatHex(id));
            }
        }
        if (sh.neuralLoopFilter() && !sh.neuralModels().isEmpty()) {
            out.println("  neural filter    " + describeModel(sh.neuralModels().getFirst()));
        }
        if (sh.learnedIntra() && sh.neuralModels().size() > sh.learnedIntraModelIndex()) {
            byte[] id = sh.neuralModels().get(sh.learnedIntraModelIndex());
            boolean have = io.inlay.core.neural.LearnedIntraModels.find(
                    io.inlay.core.neural.LearnedIntraModels.installed(), id).isPresent();
            out.println("  learned intra    sha256:" + HexFormat.of().formatHex(id)
                    + (have ? " (installed)" : " (not installed: this stream cannot be decoded here)"));
        }
        if (sh.learnedInter() && sh.neuralModels().size() > sh.learnedInterModelIndex()) {
            byte[] id = sh.neuralModels().get(sh.learnedInterModelIndex());
            var m = io.inlay.core.inter.LearnedInterModel.find(id);
            out.println("  learned inter    sha256:" + HexFormat.of().formatHex(id)
                    + (m.isPresent() ? " (bundled, " + m.get().sets() + " filter sets)"
                            : " (not bundled with this codec-core: this stream cannot be decoded here)"));
        }
        if (sh.biFlow()) {
            out.println("  bi-flow          on (bi-prediction optical-flow refinement)");
        }
        if (sh.biWeights()) {
            out.println("  bi-weights       on (weighted bi-prediction, bcw_idx: 1/2, 3/8, 5/8 of list 1)");
        }
    }
}
