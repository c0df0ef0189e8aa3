package io.inlay.neural.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code --resume}: a checkpoint written at model selection restores every float variable
 * bit-exactly into a freshly built graph, so the network's output is the same; a file of the
 * wrong size is refused.
 */
class TrainNlfCheckpointTest {

    @Test
    void checkpointRestoresTheNetwork(@TempDir Path dir) throws IOException {
        Map<String, String> opt = Map.of("init", "he", "highpass", "true", "input-gain", "16", "patch", "24");
        TrainNlf a = new TrainNlf(new java.util.HashMap<>(opt), new PrintStream(OutputStream.nullOutputStream()));
        a.build(null);
        Random r = new Random(7);
        for (int l = 0; l < TrainNlf.CHANNELS.length - 1; l++) {
            for (String n : new String[] {"w" + l, "b" + l}) {
                INDArray v = a.sd.getVariable(n).getArr();
                float[] f = new float[(int) v.length()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) (r.nextGaussian() * 0.1);
                }
                v.assign(Nd4j.createFromArray(f).reshape(v.shape()));
            }
        }
        Path ckpt = dir.resolve("x.ckpt");
        Map<String, INDArray> vars = new java.util.HashMap<>();
        for (int l = 0; l < TrainNlf.CHANNELS.length - 1; l++) {
            vars.put("w" + l, a.sd.getVariable("w" + l).getArr());
            vars.put("b" + l, a.sd.getVariable("b" + l).getArr());
        }
        a.writeCheckpoint(vars, ckpt);

        TrainNlf b = new TrainNlf(new java.util.HashMap<>(opt), new PrintStream(OutputStream.nullOutputStream()));
        b.build(null);
        b.readCheckpoint(ckpt);
        for (String n : vars.keySet()) {
            assertArrayEquals(a.sd.getVariable(n).getArr().dup('c').data().asFloat(),
                    b.sd.getVariable(n).getArr().dup('c').data().asFloat(), n);
        }
        float[] in = new float[7 * 20 * 20];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(256) / 255f;
        }
        INDArray x = Nd4j.createFromArray(in).reshape('c', 1, 7, 20, 20);
        assertArrayEquals(a.floatOutput(x).dup('c').data().asFloat(), b.floatOutput(x).dup('c').data().asFloat());

        byte[] bytes = Files.readAllBytes(ckpt);
        Files.write(ckpt, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThrows(IOException.class, () -> b.readCheckpoint(ckpt));
    }
}
