package io.inlay.core.inter;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Step 1 of the learned bi-prediction refinement (docs/learned-inter.md, "Bi-prediction refinement"):
 * how much of the bi-prediction residual a refinement of the average could remove, measured offline.
 *
 * <p><b>Collect.</b> Each clip's first frames are encoded as {@link EncoderMotionBlocks} does (random
 * access, preset slow, {@code -Dinlay.lifNlf=true}: the neural loop filter on, so the references are
 * filtered as in default encodes), the streams re-parsed, and every bi-predicted CU (AMVP, merged or
 * skipped) inside the picture becomes a block: original luma, the two stored intermediates
 * {@code predSamplesLX - 8192} of decoding-process.md §10 from the encoder's reconstructions, its size,
 * the frame QP, the POC distances {@code tau0 = poc - poc(L0)}, {@code tau1 = poc(L1) - poc} and the CU's
 * {@code BcwIdx} (decoding-process.md §13.2; coded or inherited, 0 when weighted bi-prediction is off), so
 * that the codec's default prediction of the CU can be rebuilt ({@link #defaultPrediction}: the weighted sum,
 * the bi-flow refinement where it applies, else the average). Cached per clip in {@code DIR/CLIP.bic}
 * ({@code .bjt} with templates; the older caches without {@code BcwIdx}, {@code .bib} and {@code .bit}, are
 * no longer read: they came from encoders without weighted bi-prediction).
 *
 * <p><b>Measure.</b> Squared error against the original of (a) the average of §10, (b) optical-flow
 * refinements in the spirit of H.266's BDOF (§8.5.6.5): per 4x4 a displacement from the gradients of
 * both predictions over a 6x6 window, per sample the offset {@code (v . (grad P0 - grad P1)) / 2},
 * (c) learned variants fitted by least squares on the training clips and measured on the held-out ones.
 *
 * <p>Run {@code java ... BiRefinementPotential DIR TRAIN_CLIPS HELDOUT_CLIPS} (comma-separated paths).
 */
public final class BiRefinementPotential {
    private BiRefinementPotential() {
    }

    /**
     * One bi-predicted CU: {@code p0}, {@code p1} stored intermediates (predSamples - 8192), {@code org} samples.
     * With {@code -Dinlay.bipTemplates=true} (cache {@code .bit}) also the L-shaped template of {@link #T} rows
     * above and {@link #T} columns left of the CU ({@code T * n} above, row-major, then {@code n * T} left,
     * row-major): {@code tc} the encoder's reconstruction of the current picture there (after the loop
     * filters: an approximation of what a decoder has before them), {@code t0}, {@code t1} the two lists'
     * intermediates there with the CU's vectors; null when the template leaves the picture.
     */
    record Block(int clip, int qp, int n, int tau0, int tau1, boolean merged, int bcw, short[] org, short[] p0,
                 short[] p1, short[] tc, short[] t0, short[] t1) {
        Block(int clip, int qp, int n, int tau0, int tau1, boolean merged, short[] org, short[] p0, short[] p1) {
            this(clip, qp, n, tau0, tau1, merged, 0, org, p0, p1, null, null, null);
        }
    }

    /** Template thickness (samples) of {@link Block#tc()}. */
    static final int T = 4;

    /** {@code -Dinlay.bipTemplates=true}: collect and read the templates too (cache files {@code .bit}). */
    static final boolean TEMPLATES = Boolean.getBoolean("inlay.bipTemplates");

    static final int[] QPS = {22, 27, 32, 37};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        String[] train = args[1].split(",");
        String[] test = args[2].split(",");
        int frames = Integer.getInteger("inlay.bipFrames", 9);
        List<Block> tr = new ArrayList<>();
        List<Block> te = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String c : test) {
            te.addAll(load(dir, Path.of(c), frames, names.size()));
            names.add(Path.of(c).getFileName().toString().replace(".y4m", ""));
        }
        for (String c : train) {
            if (c.isEmpty()) {
                continue;
            }
            tr.addAll(load(dir, Path.of(c), frames, names.size()));
            names.add(Path.of(c).getFileName().toString().replace(".y4m", ""));
        }
        System.out.printf(Locale.ROOT, "training blocks %d (%d samples), held-out blocks %d (%d samples)%n", tr.size(),
                samples(tr), te.size(), samples(te));
        BiRefinementStudy.run(tr, te, names);
    }

    /**
     * The codec's default luma prediction of {@code k} (8-bit samples, as the encoder of format 0.9 with its
     * default tools makes it): with {@code BcwIdx} > 0 the weighted sum of §13.2, else where the bi-flow
     * condition holds (equal POC distances on both sides) the refinement of §13.1 (the scalar integer
     * kernel), else the average of §10. Returns the kind: 0 average, 1 bi-flow, 2 weighted.
     */
    static int defaultPrediction(Block k, BiFlowRefinement flow, short[] dst) {
        int n = k.n();
        if (k.bcw() > 0) {
            int w1 = BiWeights.weight(k.bcw());
            for (int i = 0; i < n * n; i++) {
                int a = k.p0()[i] + 8192;
                int b = k.p1()[i] + 8192;
                dst[i] = (short) Math.clamp(((8 - w1) * a + w1 * b + (1 << 8)) >> 9, 0, 255);
            }
            return 2;
        }
        if (k.tau0() == k.tau1() && k.tau0() > 0) {
            flow.refine(k.p0(), 0, n, k.p1(), 0, n, n, 8, dst, 0, n);
            return 1;
        }
        for (int i = 0; i < n * n; i++) {
            dst[i] = (short) Math.clamp((k.p0()[i] + k.p1()[i] + 16384 + 64) >> 7, 0, 255);
        }
        return 0;
    }

    static long samples(List<Block> bs) {
        long s = 0;
        for (Block b : bs) {
            s += (long) b.n * b.n;
        }
        return s;
    }

    /** The clip's blocks, from the cache or collected (and cached). */
    static List<Block> load(Path dir, Path clip, int frames, int index) throws Exception {
        String name = clip.getFileName().toString().replace(".y4m", "");
        String ext = TEMPLATES ? ".bjt" : ".bic";
        Path cache = dir.resolve(name + ext);
        if (!Files.exists(cache)) {
            Path tmp = dir.resolve(name + ext + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                collect(clip, frames, out);
            }
            Files.move(tmp, cache);
        }
        List<Block> bs = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            while (true) {
                int qp;
                try {
                    qp = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                int n = in.readInt();
                int t0 = in.readInt();
                int t1 = in.readInt();
                boolean merged = in.readBoolean();
                int bcw = in.readByte();
                short[][] a = new short[3][n * n];
                for (short[] x : a) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = in.readShort();
                    }
                }
                short[][] t = new short[3][];
                if (TEMPLATES && in.readBoolean()) {
                    for (int l = 0; l < 3; l++) {
                        t[l] = new short[2 * T * n];
                        for (int i = 0; i < t[l].length; i++) {
                            t[l][i] = in.readShort();
                        }
                    }
                }
                bs.add(new Block(index, qp, n, t0, t1, merged, bcw, a[0], a[1], a[2], t[0], t[1], t[2]));
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d bi-predicted blocks%n", name, bs.size());
        return bs;
    }

    private static void collect(Path clip, int frames, DataOutputStream out) throws Exception {
        SubpelFilter filter = new SubpelFilter(Kernels.scalar().subpelInterpolation(), Kernels.scalar().biAveraging());
        Set<Plane> extended = new HashSet<>();
        EncoderMotionBlocks.encodeAndParse(clip, frames, QPS, null, (qp, refs, maps, org, recons) -> {
            if (refs == null) {
                extended.clear();
                return;
            }
            try {
                frame(filter, extended, qp, refs, maps, org, recons, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void frame(SubpelFilter filter, Set<Plane> extended, int qp, ReferenceLists refs, FrameMaps maps,
                              Picture org, List<Picture> recons, DataOutputStream out) throws IOException {
        Motion mo = new Motion();
        Plane o = org.plane(0);
        for (int y = 0; y < maps.height(); y += 8) {
            for (int x = 0; x < maps.width(); x += 8) {
                int n = 1 << maps.cuLog2(x, y);
                if ((x & (n - 1)) != 0 || (y & (n - 1)) != 0 || !maps.isInter(x, y)) {
                    continue;
                }
                maps.motion().get(x, y, mo);
                if (!mo.isBi() || x + n > o.width() || y + n > o.height()) {
                    continue;
                }
                short[][] p = new short[2][n * n];
                for (int l = 0; l < 2; l++) {
                    Plane ref = recons.get(refs.refPoc(l, mo.ref(l))).plane(0);
                    if (extended.add(ref)) {
                        ref.extendBorders();
                    }
                    int mv = mo.mv(l);
                    filter.predictLuma(ref, x, y, Mv.x(mv), Mv.y(mv), n, n, 8, p[l], 0, n);
                }
                out.writeInt(qp);
                out.writeInt(n);
                out.writeInt(refs.poc() - refs.refPoc(0, mo.ref0));
                out.writeInt(refs.refPoc(1, mo.ref1) - refs.poc());
                out.writeBoolean(maps.merge(x, y));
                out.writeByte(mo.bcw);
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        out.writeShort(o.get(x + i, y + j));
                    }
                }
                for (short[] a : p) {
                    for (short v : a) {
                        out.writeShort(v);
                    }
                }
                if (TEMPLATES) {
                    boolean inside = x >= T && y >= T;
                    out.writeBoolean(inside);
                    if (inside) {
                        Plane cur = recons.get(refs.poc()).plane(0);
                        for (int j = -T; j < 0; j++) {
                            for (int i = 0; i < n; i++) {
                                out.writeShort(cur.get(x + i, y + j));
                            }
                        }
                        for (int j = 0; j < n; j++) {
                            for (int i = -T; i < 0; i++) {
                                out.writeShort(cur.get(x + i, y + j));
                            }
                        }
                        short[] above = new short[T * n];
                        short[] left = new short[n * T];
                        for (int l = 0; l < 2; l++) {
                            Plane ref = recons.get(refs.refPoc(l, mo.ref(l))).plane(0);
                            int mv = mo.mv(l);
                            filter.predictLuma(ref, x, y - T, Mv.x(mv), Mv.y(mv), n, T, 8, above, 0, n);
                            filter.predictLuma(ref, x - T, y, Mv.x(mv), Mv.y(mv), T, n, 8, left, 0, T);
                            for (short v : above) {
                                out.writeShort(v);
                            }
                            for (short v : left) {
                                out.writeShort(v);
                            }
                        }
                    }
                }
            }
        }
    }
}
