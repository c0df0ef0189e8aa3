package io.inlay.cli;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.ChromaFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inlay info}: the sequence header and one line per frame of an Inlay stream, in coding order. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print an Inlay stream's sequence header, then one line per frame in coding order: index, type, "
                + "POC (display position), temporal layer, frame QP, reference pictures kept (refs) and active per list "
                + "(L0, L1), payload bytes, unit bytes (payload plus container framing and CRC) and deblocking; then "
                + "the frame count per type.",
            "The whole stream is read and checked (CRC-32C of every unit, frame-header semantics)."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Inlay stream, - for stdin.")
    String input;

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
            out.println("frame  type     POC  layer  QP  refs  L0  L1  payload     unit  deblock");
            long index = 0;
            long totalPayload = 0;
            long[] perType = new long[FrameType.values().length];
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
                try {
                    fh = FrameHeader.parse(p);
                } catch (BitstreamException e) {
                    throw CliException.input(input + ": frame " + index + " (unit at byte " + start + "), payload "
                            + e.getMessage());
                }
                long unit = reader.offset() - start;
                totalPayload += p.payload().length;
                perType[p.frameType().ordinal()]++;
                out.println(String.format(Locale.ROOT, "%5d  %-4s %7d  %5d  %2d  %4d  %2d  %2d  %7d  %7d  %s",
                        index, p.frameType(), p.poc(), fh.temporalLayer(), fh.frameQp(), fh.refPics().size(),
                        fh.numRefIdxActiveL0(), fh.numRefIdxActiveL1(), p.payload().length, unit,
                        fh.deblockingEnabled()
                                ? String.format(Locale.ROOT, "on (beta %d, tc %d)", 2 * fh.betaOffsetDiv2(), 2 * fh.tcOffsetDiv2())
                                : "off"));
                index++;
            }
            StringBuilder types = new StringBuilder();
            for (FrameType t : FrameType.values()) {
                types.append(types.isEmpty() ? "" : ", ").append(perType[t.ordinal()]).append(' ').append(t);
            }
            out.println(String.format(Locale.ROOT, "%d frames (%s), %d payload bytes, %d bytes in total", index, types,
                    totalPayload, reader.offset()));
            out.flush();
        } finally {
            Inputs.closeQuietly(reader);
        }
        return ExitCode.OK;
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
    }
}
