package io.inlay.neural;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A neural loop-filter model: the {@code .innf} byte string of docs/bitstream/neural-filter.md §1,
 * parsed and validated. Instances are immutable and always valid; the identifier is the SHA-256 of
 * {@link #toBytes()}, which is the exact byte string parsed (or written).
 */
public final class ModelFile {
    /** "INNF". */
    static final byte[] MAGIC = {'I', 'N', 'N', 'F'};
    public static final int FORMAT_VERSION = 1;
    public static final int INPUT_SET = 1;
    public static final int OUTPUT_SET = 1;
    public static final int INPUT_CHANNELS = 7;
    public static final int OUTPUT_CHANNELS = 6;
    public static final int MAX_LAYERS = 32;
    public static final int MAX_CHANNELS = 64;
    public static final int MIN_SHIFT = 1;
    public static final int MAX_SHIFT = 24;
    public static final int MAX_MULTIPLIER = 65535;
    public static final int MAX_WEIGHT = 127;

    /**
     * One layer of §1. Arrays are copied in and out; {@code weights} is in the file's order
     * {@code [c][i][ky][kx]} ({@code out * in * k * k} values).
     */
    public record Layer(int inChannels, int outChannels, int kernelSize, int shift, int[] multiplier, int[] bias,
            byte[] weights) {
        public Layer {
            multiplier = multiplier.clone();
            bias = bias.clone();
            weights = weights.clone();
        }

        @Override
        public int[] multiplier() {
            return multiplier.clone();
        }

        @Override
        public int[] bias() {
            return bias.clone();
        }

        @Override
        public byte[] weights() {
            return weights.clone();
        }

        /** Weight {@code [c][i][ky][kx]}. */
        public int weight(int c, int i, int ky, int kx) {
            return weights[((c * inChannels + i) * kernelSize + ky) * kernelSize + kx];
        }

        public int multiplier(int c) {
            return multiplier[c];
        }

        public int bias(int c) {
            return bias[c];
        }

        /** {@code r = (k - 1) / 2}. */
        public int radius() {
            return (kernelSize - 1) / 2;
        }

        /** Multiply-accumulates per chroma-grid position. */
        public long macs() {
            return (long) inChannels * outChannels * kernelSize * kernelSize;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layer l && inChannels == l.inChannels && outChannels == l.outChannels
                    && kernelSize == l.kernelSize && shift == l.shift && Arrays.equals(multiplier, l.multiplier)
                    && Arrays.equals(bias, l.bias) && Arrays.equals(weights, l.weights);
        }

        @Override
        public int hashCode() {
            return Objects.hash(inChannels, outChannels, kernelSize, shift, Arrays.hashCode(multiplier),
                    Arrays.hashCode(bias), Arrays.hashCode(weights));
        }

        @Override
        public String toString() {
            return "Layer[" + inChannels + "->" + outChannels + ", " + kernelSize + "x" + kernelSize + ", shift "
                    + shift + "]";
        }
    }

    private final byte[] bytes;
    private final String name;
    private final List<Layer> layers;
    private final byte[] id;

    private ModelFile(byte[] bytes, String name, List<Layer> layers) {
        this.bytes = bytes;
        this.name = name;
        this.layers = List.copyOf(layers);
        this.id = sha256(bytes);
    }

    /**
     * Builds a model from its layers (the trainer's path) and validates it exactly as a parsed
     * file is validated; offsets in the exception refer to the file {@link #toBytes()} would write.
     *
     * @throws IllegalArgumentException when a value does not fit its field ({@code name} longer
     *         than 255 bytes, channels outside u16, kernel size or shift outside u8, more than 255
     *         layers, array lengths not matching the channel counts)
     * @throws InvalidModelException when the model breaks a validity rule of §1
     */
    public static ModelFile of(String name, List<Layer> layers) throws InvalidModelException {
        return parse(write(name, layers));
    }

    /** Parses and validates a model file (§1). */
    public static ModelFile parse(byte[] file) throws InvalidModelException {
        return new Parser(file.clone()).modelFile();
    }

    /** The model's byte string, exactly as parsed (or as {@link #of} serialised it). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** SHA-256 of {@link #toBytes()}: the identifier named in sequence headers. */
    public byte[] id() {
        return id.clone();
    }

    /** {@link #id()} in lower-case hex. */
    public String idHex() {
        return HexFormat.of().formatHex(id);
    }

    /** The informative name. */
    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int numLayers() {
        return layers.size();
    }

    public Layer layer(int l) {
        return layers.get(l);
    }

    /** Sum over layers of {@code r_l}: how far an output depends on inputs (tiling margin, §2 note). */
    public int receptiveFieldRadius() {
        int r = 0;
        for (Layer l : layers) {
            r += l.radius();
        }
        return r;
    }

    /** MAC per chroma-grid position (sum over layers of in * out * k^2). */
    public long macPerPosition() {
        long m = 0;
        for (Layer l : layers) {
            m += l.macs();
        }
        return m;
    }

    /** §2: complexity in MAC per luma sample, {@code macPerPosition() / 4}. */
    public double macPerLumaSample() {
        return macPerPosition() / 4.0;
    }

    /** "name (N layers, X kMAC/px)". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s (%d layers, %.2f kMAC/px)", name, layers.size(),
                macPerLumaSample() / 1000.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ModelFile[" + summary() + ", id " + idHex() + "]";
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    // ---- writer ----

    /** Serialises without checking §1's validity rules (tests use this to build invalid files). */
    static byte[] write(String name, List<Layer> layers) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 255) {
            throw new IllegalArgumentException("model name is " + n.length + " bytes in UTF-8, at most 255 fit");
        }
        if (layers.size() > 255) {
            throw new IllegalArgumentException(layers.size() + " layers do not fit num_layers (u8)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(FORMAT_VERSION);
        out.write(INPUT_SET);
        out.write(OUTPUT_SET);
        out.write(layers.size());
        out.write(n.length);
        out.writeBytes(n);
        for (Layer l : layers) {
            checkField(l.inChannels(), 0xFFFF, "in_channels");
            checkField(l.outChannels(), 0xFFFF, "out_channels");
            checkField(l.kernelSize(), 0xFF, "kernel_size");
            checkField(l.shift(), 0xFF, "shift");
            int oc = l.outChannels();
            if (l.multiplier.length != oc || l.bias.length != oc) {
                throw new IllegalArgumentException("multiplier and bias need out_channels = " + oc + " values");
            }
            if ((long) l.weights.length != (long) oc * l.inChannels() * l.kernelSize() * l.kernelSize()) {
                throw new IllegalArgumentException("weights need out * in * k * k values, have " + l.weights.length);
            }
            u16(out, l.inChannels());
            u16(out, l.outChannels());
            out.write(l.kernelSize());
            out.write(l.shift());
            for (int m : l.multiplier) {
                s32(out, m);
            }
            for (int b : l.bias) {
                s32(out, b);
            }
            out.writeBytes(l.weights);
        }
        return out.toByteArray();
    }

    private static void checkField(int v, int max, String field) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(field + " = " + v + " does not fit its field");
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void s32(ByteArrayOutputStream out, int v) {
        for (int k = 0; k < 4; k++) {
            out.write((v >>> (8 * k)) & 0xFF);
        }
    }

    // ---- parser: model_file() of §1 with every validity rule ----

    private static final class Parser {
        private final byte[] b;
        private int pos;

        Parser(byte[] b) {
            this.b = b;
        }

        ModelFile modelFile() throws InvalidModelException {
            need(4, "magic");
            for (int k = 0; k < 4; k++) {
                if (b[k] != MAGIC[k]) {
                    throw new InvalidModelException(0, "magic is not \"INNF\"");
                }
            }
            pos = 4;
            expect(u8("model_format_version"), FORMAT_VERSION, "model_format_version is not 1");
            expect(u8("input_set"), INPUT_SET, "input_set is not 1");
            expect(u8("output_set"), OUTPUT_SET, "output_set is not 1");
            int numLayersAt = pos;
            int numLayers = u8("num_layers");
            if (numLayers < 1 || numLayers > MAX_LAYERS) {
                throw new InvalidModelException(numLayersAt, "num_layers is " + numLayers + ", not in 1..32");
            }
            int nameLength = u8("name_length");
            need(nameLength, "name");
            String name = new String(b, pos, nameLength, StandardCharsets.UTF_8);
            pos += nameLength;
            List<Layer> layers = new ArrayList<>(numLayers);
            int prevOut = INPUT_CHANNELS;
            for (int l = 0; l < numLayers; l++) {
                int at = pos;
                int in = u16("in_channels[" + l + "]");
                int out = u16("out_channels[" + l + "]");
                if (l == 0 && in != INPUT_CHANNELS) {
                    throw new InvalidModelException(at, "in_channels[0] is " + in + ", not 7 (input set 1)");
                }
                if (l > 0 && in != prevOut) {
                    throw new InvalidModelException(at, "in_channels[" + l + "] is " + in
                            + ", not out_channels[" + (l - 1) + "] = " + prevOut);
                }
                if (out < 1 || out > MAX_CHANNELS) {
                    throw new InvalidModelException(at + 2, "out_channels[" + l + "] is " + out + ", not in 1..64");
                }
                if (l == numLayers - 1 && out != OUTPUT_CHANNELS) {
                    throw new InvalidModelException(at + 2, "out_channels[" + l + "] of the last layer is " + out
                            + ", not 6 (output set 1)");
                }
                int kAt = pos;
                int k = u8("kernel_size[" + l + "]");
                if (k != 1 && k != 3) {
                    throw new InvalidModelException(kAt, "kernel_size[" + l + "] is " + k + ", not 1 or 3");
                }
                int sAt = pos;
                int s = u8("shift[" + l + "]");
                if (s < MIN_SHIFT || s > MAX_SHIFT) {
                    throw new InvalidModelException(sAt, "shift[" + l + "] is " + s + ", not in 1..24");
                }
                int multAt = pos;
                int[] mult = new int[out];
                for (int c = 0; c < out; c++) {
                    int mAt = pos;
                    mult[c] = s32("multiplier[" + l + "][" + c + "]");
                    if (mult[c] < 1 || mult[c] > MAX_MULTIPLIER) {
                        throw new InvalidModelException(mAt, "multiplier[" + l + "][" + c + "] is " + mult[c]
                                + ", not in 1..65535");
                    }
                }
                int biasAt = pos;
                int[] bias = new int[out];
                for (int c = 0; c < out; c++) {
                    bias[c] = s32("bias[" + l + "][" + c + "]");
                }
                int taps = in * k * k;
                int wAt = pos;
                need((long) out * taps, "weight[" + l + "]");
                byte[] w = Arrays.copyOfRange(b, pos, pos + out * taps);
                pos += out * taps;
                for (int c = 0; c < out; c++) {
                    long sumAbs = 0;
                    for (int t = 0; t < taps; t++) {
                        int v = w[c * taps + t];
                        if (v == -128) {
                            throw new InvalidModelException(wAt + c * taps + t, "weight[" + l + "][" + c + "]["
                                    + (t / (k * k)) + "][" + (t % (k * k) / k) + "][" + (t % k)
                                    + "] is -128, not in -127..127");
                        }
                        sumAbs += Math.abs(v);
                    }
                    // Last rule of §1: (A + |bias|) * multiplier + 2049 * 2^shift < 2^31.
                    long a = 255 * sumAbs;
                    long bound = (a + Math.abs((long) bias[c])) * mult[c] + (2049L << s);
                    if (bound >= (1L << 31)) {
                        throw new InvalidModelException(biasAt + 4L * c, "layer " + l + " channel " + c
                                + " may overflow 32 bits: (A + |bias|) * multiplier + 2049 * 2^shift = " + bound
                                + " (A = " + a + ", bias " + bias[c] + ", multiplier " + mult[c] + ", shift " + s
                                + "), must be < 2^31");
                    }
                }
                assert multAt == biasAt - 4 * out;
                layers.add(new Layer(in, out, k, s, mult, bias, w));
                prevOut = out;
            }
            if (pos != b.length) {
                throw new InvalidModelException(pos, "the file does not end right after the last weight ("
                        + (b.length - pos) + " bytes follow)");
            }
            return new ModelFile(b, name, layers);
        }

        private void expect(int v, int want, String rule) throws InvalidModelException {
            if (v != want) {
                throw new InvalidModelException(pos - 1, rule + " (is " + v + ")");
            }
        }

        private void need(long n, String field) throws InvalidModelException {
            if (pos + n > b.length) {
                throw new InvalidModelException(b.length, "the file ends inside " + field + " (" + b.length
                        + " bytes)");
            }
        }

        private int u8(String field) throws InvalidModelException {
            need(1, field);
            return b[pos++] & 0xFF;
        }

        private int u16(String field) throws InvalidModelException {
            need(2, field);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        private int s32(String field) throws InvalidModelException {
            need(4, field);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }
    }
}
