package io.inlay.core.intra;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The data of learned intra prediction (docs/bitstream/decoding-process.md §4.8, "Learned intra
 * prediction"): for each of the four block-size classes (4x4, 8x8, 16x16, 32x32) and each of the
 * {@link #MODES} modes, an integer matrix {@code A} of {@link #outputs(int)} x {@link #inputs(int)}
 * signed 8-bit weights, an offset vector {@code b} of signed 32-bit values (at 8-bit sample scale),
 * a rounding shift and the derived mode: the regular mode (0..34) that the most probable modes of
 * later blocks and the chroma DM read for a block of this class and mode
 * (docs/bitstream/coding-tree.md §5.3, §5.4). Its identifier is the SHA-256 of the file, named in
 * the sequence header like the neural loop filter's model.
 *
 * <p>File layout (big-endian): magic {@code "ILIP"}, u8 version (2), u8 modes (8); then for class
 * 0..3 and mode 0..7: u8 derived mode (0..34), u8 shift (1..15), {@code outputs * inputs} s8 weights
 * (row-major, one row per reduced output sample), {@code outputs} s32 offsets with |b| &lt; 2^22.
 *
 * <p>Since format 0.7 a class has {@link #MODES} = 16 modes: the {@link #STORED_MODES} of the file
 * and, as mode {@code 8 + k}, mode k transposed (§4.8: the two sides of the reduced boundary
 * swapped and the reduced prediction transposed, as H.266's MIP transposition), whose matrix,
 * offsets and derived mode this class derives when it parses the file ({@link #transposed}).
 */
public final class LearnedIntraModel {
    /** Modes per block-size class in the file. */
    public static final int STORED_MODES = 8;
    /** Modes per block-size class in the bitstream (the stored ones and their transposes): {@code lip_mode} has four bits. */
    public static final int MODES = 2 * STORED_MODES;
    /** Block-size classes: log2 size 2..5. */
    public static final int CLASSES = 4;
    /** Bound of an offset (exclusive), keeping the 32-bit accumulation of §4.8 exact. */
    public static final int OFFSET_LIMIT = 1 << 22;
    private static final byte[] MAGIC = {'I', 'L', 'I', 'P'};
    private static final int VERSION = 2;

    private final byte[] id;
    private final byte[] file;
    /** [class][mode][out * inputs + in]. */
    private final byte[][][] weights = new byte[CLASSES][MODES][];
    private final int[][][] offsets = new int[CLASSES][MODES][];
    private final int[][] shifts = new int[CLASSES][MODES];
    private final int[][] derivedModes = new int[CLASSES][MODES];

    private LearnedIntraModel(byte[] file) {
        this.file = file;
        try {
            this.id = MessageDigest.getInstance("SHA-256").digest(file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Reduced boundary samples per side of class {@code c}: 4 for 4x4, 8 otherwise. */
    public static int boundaryPerSide(int c) {
        return c == 0 ? 4 : 8;
    }

    /** Inputs of class {@code c}'s matrices: both sides' reduced boundaries. */
    public static int inputs(int c) {
        return 2 * boundaryPerSide(c);
    }

    /** Side of the reduced prediction of class {@code c}: 4 for 4x4, 8 otherwise. */
    public static int reducedSide(int c) {
        return c == 0 ? 4 : 8;
    }

    /** Outputs of class {@code c}'s matrices (reduced prediction samples). */
    public static int outputs(int c) {
        return reducedSide(c) * reducedSide(c);
    }

    /**
     * Parses a model file.
     *
     * @throws IllegalArgumentException when the bytes are not a valid version-2 model
     */
    public static LearnedIntraModel parse(byte[] bytes) {
        LearnedIntraModel m = new LearnedIntraModel(bytes.clone());
        int p = 0;
        require(bytes.length >= 6, "file too short");
        for (int i = 0; i < 4; i++) {
            require(bytes[i] == MAGIC[i], "not a learned intra model (magic)");
        }
        require(bytes[4] == VERSION, "unsupported version " + bytes[4]);
        require(bytes[5] == STORED_MODES, "modes must be " + STORED_MODES + ", is " + bytes[5]);
        p = 6;
        for (int c = 0; c < CLASSES; c++) {
            int in = inputs(c);
            int out = outputs(c);
            for (int k = 0; k < STORED_MODES; k++) {
                require(p + 2 + in * out + 4 * out <= bytes.length, "file truncated at class " + c + " mode " + k);
                int derived = bytes[p++] & 0xFF;
                require(derived < IntraModes.NUM_MODES, "derived mode must be 0.." + (IntraModes.NUM_MODES - 1)
                        + ", is " + derived + " (class " + c + " mode " + k + ")");
                m.derivedModes[c][k] = derived;
                int shift = bytes[p++] & 0xFF;
                require(shift >= 1 && shift <= 15, "shift must be 1..15, is " + shift);
                m.shifts[c][k] = shift;
                byte[] w = new byte[in * out];
                System.arraycopy(bytes, p, w, 0, w.length);
                p += w.length;
                int[] b = new int[out];
                for (int j = 0; j < out; j++) {
                    b[j] = (bytes[p] << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
                    p += 4;
                    require(b[j] > -OFFSET_LIMIT && b[j] < OFFSET_LIMIT, "offset out of range: " + b[j]);
                }
                m.weights[c][k] = w;
                m.offsets[c][k] = b;
            }
        }
        require(p == bytes.length, "trailing bytes after the last matrix");
        for (int c = 0; c < CLASSES; c++) {
            for (int k = 0; k < STORED_MODES; k++) {
                m.transposed(c, k);
            }
        }
        return m;
    }

    /**
     * Derives mode {@code STORED_MODES + k} of class c from mode k (§4.8): with the inputs' two
     * halves swapped (top and left) and the reduced prediction transposed, the affine map is the
     * same map with rows and columns permuted: {@code A'[y * r + x][i] = A[x * r + y][(i + S) mod 2S]},
     * {@code b'[y * r + x] = b[x * r + y]}, the same shift; the derived mode is the regular mode
     * mirrored about the diagonal (mode 18): {@code 36 - m} for the angular modes, planar and DC
     * unchanged.
     */
    private void transposed(int c, int k) {
        int s = boundaryPerSide(c);
        int in = 2 * s;
        int r = reducedSide(c);
        byte[] a = weights[c][k];
        int[] b = offsets[c][k];
        byte[] at = new byte[a.length];
        int[] bt = new int[b.length];
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                int j = y * r + x;
                int src = x * r + y;
                bt[j] = b[src];
                for (int i = 0; i < in; i++) {
                    at[j * in + i] = a[src * in + (i + s) % in];
                }
            }
        }
        int t = k + STORED_MODES;
        weights[c][t] = at;
        offsets[c][t] = bt;
        shifts[c][t] = shifts[c][k];
        derivedModes[c][t] = transposedMode(derivedModes[c][k]);
    }

    /** A regular mode mirrored about the diagonal (mode 18): angular m becomes 36 - m. */
    public static int transposedMode(int mode) {
        return mode < IntraModes.ANGULAR_FIRST ? mode : 36 - mode;
    }

    /**
     * Serialises matrices to the file layout ({@link #parse} reads it back).
     *
     * @param weights [class][mode][out * inputs + in], modes 0..{@link #STORED_MODES} - 1 (more are ignored)
     * @param offsets [class][mode][out]
     * @param shifts  [class][mode]
     * @param derived [class][mode] the derived regular mode, 0..34
     */
    public static byte[] serialise(byte[][][] weights, int[][][] offsets, int[][] shifts, int[][] derived) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(MAGIC);
        o.write(VERSION);
        o.write(STORED_MODES);
        for (int c = 0; c < CLASSES; c++) {
            for (int k = 0; k < STORED_MODES; k++) {
                if (derived[c][k] < 0 || derived[c][k] >= IntraModes.NUM_MODES) {
                    throw new IllegalArgumentException("derived mode must be 0..34, is " + derived[c][k]);
                }
                o.write(derived[c][k]);
                o.write(shifts[c][k]);
                if (weights[c][k].length != inputs(c) * outputs(c)) {
                    throw new IllegalArgumentException("class " + c + " needs " + inputs(c) * outputs(c) + " weights");
                }
                o.writeBytes(weights[c][k]);
                for (int b : offsets[c][k]) {
                    o.write(b >>> 24);
                    o.write(b >>> 16);
                    o.write(b >>> 8);
                    o.write(b);
                }
            }
        }
        return o.toByteArray();
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException("invalid learned intra model: " + why);
        }
    }

    /** SHA-256 of the file: the identifier named in sequence headers. */
    public byte[] id() {
        return id.clone();
    }

    /** The file's bytes. */
    public byte[] bytes() {
        return file.clone();
    }

    /**
     * The regular mode (0..34) that a block of class {@code c} (log2 size - 2) predicted with learned
     * mode {@code mode} stands for in the most probable modes of later blocks and in the chroma DM.
     */
    public int derivedMode(int c, int mode) {
        return derivedModes[c][mode];
    }

    byte[] weights(int c, int mode) {
        return weights[c][mode];
    }

    int[] offsets(int c, int mode) {
        return offsets[c][mode];
    }

    /** The rounding shift of class {@code c}, mode {@code mode} (1..15). */
    public int shift(int c, int mode) {
        return shifts[c][mode];
    }

    /** A copy of the weights {@code A} of class {@code c}, mode {@code mode}: {@code [out * inputs + in]}. */
    public byte[] matrixWeights(int c, int mode) {
        return weights[c][mode].clone();
    }

    /** A copy of the offsets {@code b} of class {@code c}, mode {@code mode} (8-bit sample scale). */
    public int[] matrixOffsets(int c, int mode) {
        return offsets[c][mode].clone();
    }

    /** Multiply-accumulates per predicted sample of an n x n block (matrix product plus upsampling). */
    public static double macsPerSample(int log2Size) {
        int c = log2Size - 2;
        int n = 1 << log2Size;
        double macs = (double) inputs(c) * outputs(c);
        if (n > reducedSide(c)) {
            macs += 2.0 * n * n;        // two-tap interpolation per sample in each direction, at most
        }
        return macs / (n * n);
    }
}
