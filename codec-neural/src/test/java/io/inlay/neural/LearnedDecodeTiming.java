package io.inlay.neural;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.neural.NeuralOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process decode time of streams with the learned predictors on, Java kernels against ONNX
 * Runtime (docs/learned-intra.md, "Execution"): per stream, 3 warm-up rounds, then 7 rounds that
 * each decode once with each runtime (one thread), alternating; prints the median ms per decode.
 * A throwaway measurement program, not a test. Arguments: stream files.
 */
public final class LearnedDecodeTiming {
    private LearnedDecodeTiming() {
    }

    static long decodeNanos(byte[] stream, NeuralOptions o) throws Exception {
        long t0 = System.nanoTime();
        int frames = 0;
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(stream), ContainerLimits.DEFAULT);
             Decoder d = Decoder.create(in.readSequenceHeader(), DecoderConfig.defaults().withNeuralOptions(o),
                     in.sequenceHeaderOffset())) {
            for (Packet p; (p = in.readPacket()) != null; ) {
                d.push(p, in.payloadOffset());
                while (d.pull() != null) {
                    frames++;
                }
            }
            d.flush();
            while (d.pull() != null) {
                frames++;
            }
        }
        if (frames == 0) {
            throw new IllegalStateException("no frames");
        }
        return System.nanoTime() - t0;
    }

    public static void main(String[] args) throws Exception {
        NeuralOptions java = new NeuralOptions(NeuralOptions.Runtime.JAVA, 1);
        NeuralOptions onnx = new NeuralOptions(NeuralOptions.Runtime.ONNX, 1);
        for (String file : args) {
            byte[] s = Files.readAllBytes(Path.of(file));
            for (int i = 0; i < 3; i++) {
                decodeNanos(s, java);
                decodeNanos(s, onnx);
            }
            double[] tj = new double[7];
            double[] to = new double[7];
            for (int i = 0; i < 7; i++) {
                tj[i] = decodeNanos(s, java) / 1e6;
                to[i] = decodeNanos(s, onnx) / 1e6;
            }
            Arrays.sort(tj);
            Arrays.sort(to);
            System.out.printf("%s: java %.1f ms, onnx %.1f ms (medians of 7; ranges %.1f-%.1f, %.1f-%.1f)%n",
                    Path.of(file).getFileName(), tj[3], to[3], tj[0], tj[6], to[0], to[6]);
        }
    }
}
