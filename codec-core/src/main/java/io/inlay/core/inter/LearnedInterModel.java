package io.inlay.core.inter;

import io.inlay.core.kernels.SubpelInterpolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The data of learned inter interpolation (docs/bitstream/decoding-process.md §10.1): {@link #sets()}
 * alternative sets of luma quarter-sample filters, each three 8-tap rows (fractions 1/4, 1/2,
 * 3/4) of signed integer taps that sum to 64, used in place of H.265's luma taps by the coding
 * units whose {@code lif_idx} selects them (data-trained filters in the manner of the adaptive
 * interpolation filter of Vatis and Ostermann, IEEE TCSVT 2009, and of VVC's switchable half-sample
 * filter, JVET-N0309, here trained once offline instead of per frame). Its identifier is the SHA-256
 * of the file, named in the sequence header like the other learned models.
 *
 * <p>File layout: magic {@code "ILIF"}, u8 version (1), u8 sets (1..{@value #MAX_SETS}); then for
 * set 0..sets-1, fraction 1..3, tap 0..7: one s8 tap. Every row satisfies
 * {@link SubpelInterpolation#validLumaTaps} (sum 64, positive taps at most 96).
 *
 * <p>The models bundled with codec-core are listed in the resource
 * {@code io/inlay/core/inter/lif-index} (one file name per line, {@code #} comments, the first is
 * the default); a decoder finds a stream's model among them by identifier.
 */
public final class LearnedInterModel {
    /** Largest number of learned filter sets: {@code lif_idx} is 0..sets, and at most 0..3. */
    public static final int MAX_SETS = 3;
    /** Taps per luma filter row. */
    public static final int TAPS = 8;
    private static final byte[] MAGIC = {'I', 'L', 'I', 'F'};
    private static final int VERSION = 1;
    private static final String RESOURCES = "io/inlay/core/inter/";

    private static volatile List<LearnedInterModel> bundled;

    private final byte[] id;
    private final byte[] file;
    /** [set][frac 0..3][tap]; row 0 is the identity (never read by the kernels). */
    private final int[][][] taps;

    private LearnedInterModel(byte[] file, int[][][] taps) {
        this.file = file;
        this.taps = taps;
        try {
            this.id = MessageDigest.getInstance("SHA-256").digest(file);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * Parses a model file.
     *
     * @throws IllegalArgumentException when the bytes are not a valid version-1 model
     */
    public static LearnedInterModel parse(byte[] bytes) {
        require(bytes.length >= 6, "file too short");
        for (int i = 0; i < 4; i++) {
            require(bytes[i] == MAGIC[i], "not a learned interpolation model (magic)");
        }
        require(bytes[4] == VERSION, "unsupported version " + bytes[4]);
        int sets = bytes[5];
        require(sets >= 1 && sets <= MAX_SETS, "sets must be 1.." + MAX_SETS + ", is " + sets);
        require(bytes.length == 6 + sets * 3 * TAPS, "file length " + bytes.length + ", expected "
                + (6 + sets * 3 * TAPS));
        int[][][] t = new int[sets][4][TAPS];
        int p = 6;
        for (int s = 0; s < sets; s++) {
            t[s][0][3] = 64;
            for (int f = 1; f < 4; f++) {
                for (int k = 0; k < TAPS; k++) {
                    t[s][f][k] = bytes[p++];
                }
                require(SubpelInterpolation.validLumaTaps(t[s][f]), "set " + s + " fraction " + f
                        + ": taps shall sum to 64 with positive taps summing to at most 96: "
                        + Arrays.toString(t[s][f]));
            }
        }
        return new LearnedInterModel(bytes.clone(), t);
    }

    /** The file of the given tables ({@code taps[set][frac 1..3][k]}; row 0 ignored). */
    public static byte[] serialise(int[][][] taps) {
        byte[] out = new byte[6 + taps.length * 3 * TAPS];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        out[4] = VERSION;
        out[5] = (byte) taps.length;
        int p = 6;
        for (int[][] set : taps) {
            for (int f = 1; f < 4; f++) {
                for (int k = 0; k < TAPS; k++) {
                    int v = set[f][k];
                    if (v < -128 || v > 127) {
                        throw new IllegalArgumentException("tap " + v + " out of s8 range");
                    }
                    out[p++] = (byte) v;
                }
            }
        }
        parse(out);   // validates
        return out;
    }

    /** Number of learned filter sets ({@code lif_idx} 1..sets select them). */
    public int sets() {
        return taps.length;
    }

    /**
     * The tap table of set {@code s} (0-based; {@code lif_idx = s + 1}) in the layout of
     * {@link SubpelInterpolation#luma(short[], int, int, int[][], int, int, int, int, int, short[], int, int, int[])}:
     * {@code [frac 0..3][tap 0..7]}. Shared, not to be modified.
     */
    public int[][] taps(int s) {
        return taps[s];
    }

    /** SHA-256 of the file: the identifier named in sequence headers. */
    public byte[] id() {
        return id.clone();
    }

    /** The file's bytes. */
    public byte[] bytes() {
        return file.clone();
    }

    /** Multiply-accumulates per predicted luma sample: 8 for a one-dimensional fraction, 16 for a 2-D one (as H.265's filters). */
    public static int macsPerSample(boolean twoDimensional) {
        return twoDimensional ? 16 : 8;
    }

    /** The models bundled with codec-core, in index order (the first is the default). */
    public static List<LearnedInterModel> bundledModels() {
        List<LearnedInterModel> b = bundled;
        if (b == null) {
            synchronized (LearnedInterModel.class) {
                b = bundled;
                if (b == null) {
                    bundled = b = load();
                }
            }
        }
        return b;
    }

    /** The bundled model whose identifier is {@code id}, or empty. */
    public static Optional<LearnedInterModel> find(byte[] id) {
        for (LearnedInterModel m : bundledModels()) {
            if (Arrays.equals(m.id, id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The default bundled model, or empty when none is bundled. */
    public static Optional<LearnedInterModel> defaultModel() {
        List<LearnedInterModel> b = bundledModels();
        return b.isEmpty() ? Optional.empty() : Optional.of(b.getFirst());
    }

    private static List<LearnedInterModel> load() {
        ClassLoader loader = LearnedInterModel.class.getClassLoader();
        List<LearnedInterModel> out = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(RESOURCES + "lif-index")) {
            if (index == null) {
                return List.of();
            }
            for (String line : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (name.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled model " + RESOURCES + name + " is listed but missing");
                    }
                    out.add(parse(in.readAllBytes()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("bundled model " + RESOURCES + name + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled learned interpolation model index", e);
        }
        return List.copyOf(out);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
