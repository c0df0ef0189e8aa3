package io.inlay.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** §1: writing, parsing, the identifier and every validity rule. */
class ModelFileTest {
    private static final int[] CH = {7, 4, 6};
    private static final int[] K = {3, 1};

    private static ModelFile sample() {
        return TestModels.random(42, TestModels.Kind.CALIBRATED, CH, K);
    }

    @Test
    void roundTripAndIdentifier() throws Exception {
        ModelFile m = sample();
        byte[] bytes = m.toBytes();
        ModelFile back = ModelFile.parse(bytes);
        assertEquals(m, back);
        assertEquals(m.layers(), back.layers());
        assertEquals(m.name(), back.name());
        assertArrayEquals(bytes, back.toBytes());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(bytes), m.id());
        assertEquals(64, m.idHex().length());
        // Built from the layers again: same bytes.
        assertArrayEquals(bytes, ModelFile.of(m.name(), m.layers()).toBytes());
        // Layout: header 9 + name, then per layer 6 + 8 * out + out * in * k * k.
        int expected = 9 + m.name().length() + (6 + 8 * 4 + 4 * 7 * 9) + (6 + 8 * 6 + 6 * 4);
        assertEquals(expected, bytes.length);
        assertEquals('I', bytes[0]);
        assertEquals(1, bytes[4]);
        assertEquals(2, bytes[7]);
    }

    @Test
    void complexityAndReceptiveField() {
        ModelFile m = sample();
        assertEquals(7 * 4 * 9 + 4 * 6, m.macPerPosition());
        assertEquals((7 * 4 * 9 + 4 * 6) / 4.0, m.macPerLumaSample());
        assertEquals(1, m.receptiveFieldRadius());
        ModelFile deep = TestModels.random(1, TestModels.Kind.RANDOM, new int[] {7, 16, 16, 16, 16, 16, 16, 16, 6},
                new int[] {3, 3, 3, 3, 3, 3, 3, 3});
        assertEquals(8, deep.receptiveFieldRadius());
        assertEquals(15696, deep.macPerPosition());
        assertTrue(deep.summary().contains("8 layers") && deep.summary().contains("3.92 kMAC/px"), deep.summary());
    }

    @Test
    void layerArraysAreCopied() {
        int[] mult = {1, 1, 1, 1, 1, 1};
        ModelFile.Layer l = new ModelFile.Layer(7, 6, 1, 1, mult, new int[6], new byte[42]);
        mult[0] = 99;
        assertEquals(1, l.multiplier(0));
        l.multiplier()[0] = 99;
        assertEquals(1, l.multiplier(0));
    }

    // ---- rejections: each rule, with its offset ----

    private static void rejects(byte[] file, long offset, String fragment) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFile.parse(file));
        assertTrue(e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
        assertEquals(offset, e.offset(), e.getMessage());
    }

    private static byte[] patched(Consumer<byte[]> patch) {
        byte[] b = sample().toBytes();
        patch.accept(b);
        return b;
    }

    // Offset of layer 0's fields: header 9 + name.
    private static int layer0() {
        return 9 + sample().name().length();
    }

    private static int layer1() {
        return layer0() + 6 + 8 * 4 + 4 * 7 * 9;
    }

    @Test
    void rejectsHeaderFields() {
        rejects(patched(b -> b[1] = 'M'), 0, "magic is not \"INNF\"");
        rejects(new byte[] {'I', 'N'}, 2, "the file ends inside magic");
        rejects(patched(b -> b[4] = 2), 4, "model_format_version is not 1");
        rejects(patched(b -> b[5] = 0), 5, "input_set is not 1");
        rejects(patched(b -> b[6] = 2), 6, "output_set is not 1");
        rejects(patched(b -> b[7] = 0), 7, "num_layers is 0, not in 1..32");
        rejects(patched(b -> b[7] = 33), 7, "num_layers is 33, not in 1..32");
    }

    @Test
    void rejectsFileLength() {
        byte[] ok = sample().toBytes();
        rejects(Arrays.copyOf(ok, ok.length - 1), ok.length - 1, "the file ends inside weight[1]");
        rejects(Arrays.copyOf(ok, ok.length + 1), ok.length, "does not end right after the last weight");
        rejects(Arrays.copyOf(ok, 12), 12, "the file ends inside name");
        // num_layers says 3 but only 2 are present.
        rejects(patched(b -> b[7] = 3), ok.length, "the file ends inside in_channels[2]");
    }

    @Test
    void rejectsChannelCounts() throws InvalidModelException {
        rejects(patched(b -> b[layer0()] = 8), layer0(), "in_channels[0] is 8, not 7");
        rejects(patched(b -> b[layer1()] = 5), layer1(), "in_channels[1] is 5, not out_channels[0] = 4");
        rejects(patched(b -> b[layer1() + 2] = 5), layer1() + 2, "out_channels[1] of the last layer is 5, not 6");
        // Channel counts outside 1..64, written with matching arrays.
        rejects(ModelFile.write("c", List.of(layerOf(7, 65, 1, 1), layerOf(65, 6, 1, 1))), 9 + 1 + 2,
                "out_channels[0] is 65, not in 1..64");
        rejects(ModelFile.write("c", List.of(layerOf(7, 0, 1, 1), layerOf(0, 6, 1, 1))), 9 + 1 + 2,
                "out_channels[0] is 0, not in 1..64");
        assertEquals(64, ModelFile.of("c", List.of(layerOf(7, 64, 1, 1), layerOf(64, 6, 1, 1))).layer(0).outChannels());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.of("c", List.of(layerOf(7, 6, 1, 1),
                new ModelFile.Layer(6, 6, 1, 1, new int[5], new int[6], new byte[36]))));
    }

    private static ModelFile.Layer layerOf(int in, int out, int k, int shift) {
        int[] mult = new int[out];
        Arrays.fill(mult, 1);
        return new ModelFile.Layer(in, out, k, shift, mult, new int[out], new byte[out * in * k * k]);
    }

    @Test
    void rejectsKernelShiftMultiplierWeight() throws InvalidModelException {
        int k = layer0() + 4;
        rejects(patched(b -> b[k] = 2), k, "kernel_size[0] is 2, not 1 or 3");
        rejects(patched(b -> b[k] = 5), k, "kernel_size[0] is 5, not 1 or 3");
        rejects(patched(b -> b[k + 1] = 0), k + 1, "shift[0] is 0, not in 1..24");
        rejects(patched(b -> b[k + 1] = 25), k + 1, "shift[0] is 25, not in 1..24");
        int m1 = k + 2 + 4; // multiplier[0][1]
        rejects(patched(b -> setS32(b, m1, 0)), m1, "multiplier[0][1] is 0, not in 1..65535");
        rejects(patched(b -> setS32(b, m1, 65536)), m1, "multiplier[0][1] is 65536, not in 1..65535");
        rejects(patched(b -> setS32(b, m1, -3)), m1, "multiplier[0][1] is -3, not in 1..65535");
        int w = k + 2 + 8 * 4 + 2 * 63 + 9 + 4; // weight[0][2][1][1][1]
        rejects(patched(b -> b[w] = -128), w, "weight[0][2][1][1][1] is -128, not in -127..127");
        // Boundaries that are valid.
        List<ModelFile.Layer> ok = List.of(new ModelFile.Layer(7, 6, 1, 24 - 5, filled(6, 65535), new int[6],
                new byte[42]));
        assertEquals(19, ModelFile.of("edge", ok).layer(0).shift());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static void setS32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @Test
    void rejectsPossibleOverflowExactlyAtTheLimit() throws InvalidModelException {
        // One channel, all weights 127 over 7 inputs 1x1: A = 255 * 889 = 226695; shift 4.
        // (A + |bias|) * M + 2049 * 16 < 2^31  <=>  (A + |bias|) * M <= 2^31 - 1 - 32784 = 2147450863.
        long a = 255L * 7 * 127;
        int m = 9000;
        long maxBias = 2147450863L / m - a; // largest |bias| that passes with M = 9000
        for (long bias : new long[] {maxBias, -maxBias}) {
            ModelFile.of("ok", List.of(overflowLayer(m, (int) bias)));
        }
        byte[] bad = ModelFile.write("no", List.of(overflowLayer(m, (int) maxBias + 1)));
        int biasAt = 9 + 2 + 6 + 4 * 6 + 4 * 0; // bias[0][0]
        rejects(bad, biasAt, "layer 0 channel 0 may overflow 32 bits");
        byte[] bad2 = ModelFile.write("no", List.of(overflowLayer(m, (int) -maxBias - 1)));
        rejects(bad2, biasAt, "must be < 2^31");
        // Shift alone: 2049 * 2^20 >= 2^31 even with nothing else.
        List<ModelFile.Layer> s20 = new ArrayList<>(List.of(new ModelFile.Layer(7, 6, 1, 20, filled(6, 1),
                new int[6], new byte[42])));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFile.of("s20", s20));
        assertTrue(e.getMessage().contains("may overflow"), e.getMessage());
    }

    private static ModelFile.Layer overflowLayer(int m, int bias0) {
        byte[] w = new byte[42];
        Arrays.fill(w, 0, 7, (byte) 127);
        int[] bias = new int[6];
        bias[0] = bias0;
        return new ModelFile.Layer(7, 6, 1, 4, filled(6, m), bias, w);
    }

    @Test
    void builderRejectsValuesThatDoNotFitTheirField() {
        assertThrows(IllegalArgumentException.class, () -> ModelFile.of("x".repeat(256), List.of(layerOf(7, 6, 1, 1))));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.of("k", List.of(new ModelFile.Layer(7, 6, 1, 1,
                filled(6, 1), new int[6], new byte[41]))));
    }
}
