package io.inlay.core.inter;

import java.util.List;
import java.util.Locale;

/**
 * The measurements of {@link BiRefinementPotential} on collected bi-predicted blocks: squared error of the
 * plain average against optical-flow refinements (closed form) and least-squares-fitted variants.
 * Everything here is in floating point (a potential study, not the normative tool); every prediction is
 * rounded to an 8-bit sample and clipped before its error is taken.
 */
final class BiRefinementStudy {
    private BiRefinementStudy() {
    }

    /** Gradients and the flow of one block, in sample units. */
    static final class Flow {
        final int n;
        final double[] a;
        final double[] b;
        final double[] gxa;
        final double[] gya;
        final double[] gxb;
        final double[] gyb;
        /** Per sample the flow displacement (of its 4x4 sub-block). */
        final double[] ux;
        final double[] uy;

        Flow(BiRefinementPotential.Block k) {
            n = k.n();
            a = new double[n * n];
            b = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                a[i] = (k.p0()[i] + 8192) / 64.0;
                b[i] = (k.p1()[i] + 8192) / 64.0;
            }
            gxa = new double[n * n];
            gya = new double[n * n];
            gxb = new double[n * n];
            gyb = new double[n * n];
            grad(a, gxa, gya);
            grad(b, gxb, gyb);
            ux = new double[n * n];
            uy = new double[n * n];
        }

        private void grad(double[] p, double[] gx, double[] gy) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    gx[y * n + x] = (p[y * n + Math.min(n - 1, x + 1)] - p[y * n + Math.max(0, x - 1)]) / 2;
                    gy[y * n + x] = (p[Math.min(n - 1, y + 1) * n + x] - p[Math.max(0, y - 1) * n + x]) / 2;
                }
            }
        }

        /**
         * Per 4x4 sub-block the displacement u minimising, over the 6x6 window (coordinates clamped into the
         * block), sum (a - b + u . (ta grad a + tb grad b))^2 + lambda |u|^2 (the optical-flow constraint of
         * BDOF with the two predictions at times -ta and +tb), or with {@code sign} the sign-weighted
         * sequential solution of H.266's BDOF; clipped to +-lim samples.
         */
        void solve(double ta, double tb, double lambda, double lim, boolean sign) {
            solve(ta, tb, lambda, lim, sign, 4, 1);
        }

        /** {@link #solve(double, double, double, double, boolean)} per sb x sb sub-block over a window extended by {@code ext}. */
        void solve(double ta, double tb, double lambda, double lim, boolean sign, int sb, int ext) {
            for (int sy = 0; sy < n; sy += sb) {
                for (int sx = 0; sx < n; sx += sb) {
                    double sxx = 0;
                    double syy = 0;
                    double sxy = 0;
                    double sxd = 0;
                    double syd = 0;
                    for (int y = sy - ext; y < sy + sb + ext; y++) {
                        for (int x = sx - ext; x < sx + sb + ext; x++) {
                            int i = Math.clamp(y, 0, n - 1) * n + Math.clamp(x, 0, n - 1);
                            double gx = ta * gxa[i] + tb * gxb[i];
                            double gy = ta * gya[i] + tb * gyb[i];
                            double d = a[i] - b[i];
                            if (sign) {
                                sxx += Math.abs(gx);
                                syy += Math.abs(gy);
                                sxy += Math.signum(gy) * gx;
                                sxd += Math.signum(gx) * d;
                                syd += Math.signum(gy) * d;
                            } else {
                                sxx += gx * gx;
                                syy += gy * gy;
                                sxy += gx * gy;
                                sxd += gx * d;
                                syd += gy * d;
                            }
                        }
                    }
                    double vx;
                    double vy;
                    if (sign) {
                        vx = sxx > 0 ? -sxd / (sxx + lambda) : 0;
                        vx = Math.clamp(vx, -lim, lim);
                        vy = syy > 0 ? (-syd - vx * sxy) / (syy + lambda) : 0;
                    } else {
                        double m00 = sxx + lambda;
                        double m11 = syy + lambda;
                        double det = m00 * m11 - sxy * sxy;
                        if (det <= 1e-9) {
                            vx = 0;
                            vy = 0;
                        } else {
                            vx = (-sxd * m11 + syd * sxy) / det;
                            vy = (-syd * m00 + sxd * sxy) / det;
                        }
                        vx = Math.clamp(vx, -lim, lim);
                    }
                    vy = Math.clamp(vy, -lim, lim);
                    for (int y = sy; y < sy + sb; y++) {
                        for (int x = sx; x < sx + sb; x++) {
                            ux[y * n + x] = vx;
                            uy[y * n + x] = vy;
                        }
                    }
                }
            }
        }
    }

    /** Number of features of the fitted variants. */
    static final int NF = 2 + 9 + 9 + 1;

    /**
     * Features of sample i: the two flow offsets {@code ux (ta gxa - tb gxb) / 2} and likewise y, the 3x3
     * neighbourhood of a - b, the 3x3 neighbourhood of (a + b) / 2 minus its centre... (centre included),
     * and a constant.
     */
    static void features(Flow f, int i, double ta, double tb, double[] out) {
        int n = f.n;
        out[0] = f.ux[i] * (ta * f.gxa[i] - tb * f.gxb[i]) / 2;
        out[1] = f.uy[i] * (ta * f.gya[i] - tb * f.gyb[i]) / 2;
        int x = i % n;
        int y = i / n;
        int k = 2;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int j = Math.clamp(y + dy, 0, n - 1) * n + Math.clamp(x + dx, 0, n - 1);
                out[k] = f.a[j] - f.b[j];
                out[k + 9] = (f.a[j] + f.b[j]) / 2 - (f.a[i] + f.b[i]) / 2;
                k++;
            }
        }
        out[20] = 1;
    }

    /** Squared error accumulator per clip (index), with a per-CU oracle against the average. */
    static final class Score {
        final double[] sse;
        final double[] oracle;

        Score(int clips) {
            sse = new double[clips];
            oracle = new double[clips];
        }
    }

    interface Method {
        /** Correction (sample units) to add to the exact average of sample i, given the block's flow. */
        double correction(Flow f, BiRefinementPotential.Block k, int i);
    }

    static double sseAverage(BiRefinementPotential.Block k) {
        double s = 0;
        for (int i = 0; i < k.org().length; i++) {
            int p = Math.clamp((k.p0()[i] + k.p1()[i] + 2 * 8192 + 64) >> 7, 0, 255);
            double e = k.org()[i] - p;
            s += e * e;
        }
        return s;
    }

    static double sse(Flow f, BiRefinementPotential.Block k, Method m) {
        double s = 0;
        for (int i = 0; i < k.org().length; i++) {
            double avg = (f.a[i] + f.b[i]) / 2;
            long p = Math.clamp(Math.round(avg + m.correction(f, k, i)), 0, 255);
            double e = k.org()[i] - p;
            s += e * e;
        }
        return s;
    }

    /** A variant: the flow parameters and optional fitted weights over the feature mask. */
    record Variant(String name, boolean tau, double lambda, double lim, boolean sign, boolean[] mask, int sb, int ext) {
        Variant(String name, boolean tau, double lambda, double lim, boolean sign, boolean[] mask) {
            this(name, tau, lambda, lim, sign, mask, 4, 1);
        }
    }

    static double ta(BiRefinementPotential.Block k, boolean tau) {
        return tau ? k.tau0() : 1;
    }

    static double tb(BiRefinementPotential.Block k, boolean tau) {
        return tau ? k.tau1() : 1;
    }

    /** Whether the refinement applies: with {@code tau} every bi-predicted block, else only tau0 == tau1 > 0 (BDOF's condition). */
    static boolean applies(BiRefinementPotential.Block k, boolean tau) {
        return tau || (k.tau0() == k.tau1() && k.tau0() > 0) || (OPPOSITE && k.tau0() > 0 && k.tau1() > 0);
    }

    /** {@code -Dinlay.bipOpposite=true}: the unweighted (tau0 == tau1) model also on references at unequal distances on both sides. */
    static final boolean OPPOSITE = Boolean.getBoolean("inlay.bipOpposite");

    static double[] fit(List<BiRefinementPotential.Block> tr, Variant v) {
        int m = 0;
        int[] idx = new int[NF];
        for (int j = 0; j < NF; j++) {
            if (v.mask[j]) {
                idx[m++] = j;
            }
        }
        double[][] ata = new double[m][m];
        double[] atb = new double[m];
        double[] feat = new double[NF];
        for (BiRefinementPotential.Block k : tr) {
            if (!applies(k, v.tau)) {
                continue;
            }
            Flow f = new Flow(k);
            double ta = ta(k, v.tau);
            double tb = tb(k, v.tau);
            f.solve(ta, tb, v.lambda, v.lim, v.sign);
            for (int i = 0; i < k.org().length; i++) {
                features(f, i, ta, tb, feat);
                double r = k.org()[i] - (f.a[i] + f.b[i]) / 2;
                for (int p = 0; p < m; p++) {
                    double fp = feat[idx[p]];
                    atb[p] += fp * r;
                    for (int q = 0; q <= p; q++) {
                        ata[p][q] += fp * feat[idx[q]];
                    }
                }
            }
        }
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < p; q++) {
                ata[q][p] = ata[p][q];
            }
            ata[p][p] += 1e-6 * (1 + ata[p][p]);
        }
        double[] sol = LearnedInterTrainer.solve(ata, atb);
        double[] w = new double[NF];
        for (int p = 0; p < m; p++) {
            w[idx[p]] = sol[p];
        }
        return w;
    }

    static void run(List<BiRefinementPotential.Block> tr, List<BiRefinementPotential.Block> te, List<String> names) {
        int clips = names.size();
        double[] base = new double[clips];
        long[] count = new long[clips];
        for (BiRefinementPotential.Block k : te) {
            base[k.clip()] += sseAverage(k);
            count[k.clip()] += k.org().length;
        }
        StringBuilder h = new StringBuilder("variant");
        for (int c = 0; c < clips; c++) {
            if (count[c] > 0) {
                h.append(" | ").append(names.get(c));
            }
        }
        System.out.println(h.append(" | held-out total | per-CU oracle"));
        StringBuilder b0 = new StringBuilder("(a) average: MSE");
        double tot = 0;
        long tc = 0;
        for (int c = 0; c < clips; c++) {
            if (count[c] > 0) {
                b0.append(String.format(Locale.ROOT, " | %.3f", base[c] / count[c]));
                tot += base[c];
                tc += count[c];
            }
        }
        System.out.println(b0.append(String.format(Locale.ROOT, " | %.3f |", tot / tc)));
        boolean[] flowOnly = mask(0, 1);
        boolean[] filterOnly = mask(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        boolean[] all = mask(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        String sel = System.getProperty("inlay.bipVariants", "closed,fit");
        if (sel.contains("closed")) {
            for (boolean tau : new boolean[] {false, true}) {
                for (boolean sign : new boolean[] {true, false}) {
                    for (double lambda : sign ? new double[] {0} : new double[] {0, 16}) {
                        for (double lim : new double[] {0.5, 1}) {
                            for (double scale : new double[] {1, 0.5}) {
                                Variant v = new Variant(String.format(Locale.ROOT,
                                        "(b) %s flow%s, lambda %.0f, |u| <= %.1f, offset scale %.1f",
                                        sign ? "BDOF sign" : "LS", tau ? " tau-weighted, all bi" : " tau0 == tau1 only",
                                        lambda, lim, scale), tau, lambda, lim, sign, null);
                                double[] w = new double[NF];
                                w[0] = scale;
                                w[1] = scale;
                                report(v, w, te, base, count, names);
                            }
                        }
                    }
                }
            }
        }
        if (sel.contains("window")) {
            for (int[] se : new int[][] {{4, 1}, {2, 1}, {2, 2}, {4, 2}, {4, 3}, {8, 1}, {8, 2}, {1, 2}}) {
                for (boolean sign : new boolean[] {true, false}) {
                    for (double scale : new double[] {0.5, 0.4}) {
                        Variant v = new Variant(String.format(Locale.ROOT,
                                "(b) %s flow tau0 == tau1 only, %dx%d sub-blocks, window +%d, |u| <= 1, offset scale %.1f",
                                sign ? "BDOF sign" : "LS", se[0], se[0], se[1], scale), false, sign ? 0 : 16, 1, sign, null,
                                se[0], se[1]);
                        double[] w = new double[NF];
                        w[0] = scale;
                        w[1] = scale;
                        report(v, w, te, base, count, names);
                    }
                }
            }
        }
        if (sel.contains("cnnexport")) {
            try {
                BiCnnExport.run(tr, te, names);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (sel.contains("breakdown")) {
            breakdown(te);
        }
        if (sel.contains("weights")) {
            BiWeightStudy.run(tr, te, names);
        }
        if (sel.contains("bcw")) {
            bcwOracle(te, base, count, names, new int[] {3, 5});
            bcwOracle(te, base, count, names, new int[] {-2, 3, 5, 10});
            bcwOracle(te, base, count, names, new int[] {2, 3, 5, 6});
        }
        if (sel.contains("fit")) {
            for (boolean tau : new boolean[] {false, true}) {
                Variant[] vs = {
                    new Variant("(c) LS flow, fitted scale", tau, 4, 1, false, flowOnly),
                    new Variant("(c) Wiener 3x3 on a-b and (a+b)/2", tau, 4, 1, false, filterOnly),
                    new Variant("(c) LS flow + Wiener 3x3", tau, 4, 1, false, all),
                    new Variant("(c) BDOF sign flow + Wiener 3x3", tau, 0, 1, true, all),
                };
                for (Variant v : vs) {
                    double[] w = fit(tr, v);
                    report(new Variant(v.name + (tau ? " (tau, all bi)" : " (tau0 == tau1)"), v.tau, v.lambda, v.lim,
                            v.sign, v.mask), w, te, base, count, names);
                    StringBuilder ws = new StringBuilder("    weights:");
                    for (int j = 0; j < NF; j++) {
                        if (v.mask[j]) {
                            ws.append(String.format(Locale.ROOT, " %.4f", w[j]));
                        }
                    }
                    System.out.println(ws);
                }
            }
        }
    }

    /**
     * Per-CU oracle of weighted bi-prediction in the manner of H.266's BCW (§8.5.6.6.2): the prediction
     * {@code ((8 - w) P0 + w P1) / 8} with the best of {@code ws} and 4 (the average) per block, the
     * weight's rate ignored (an upper bound).
     */
    private static void bcwOracle(List<BiRefinementPotential.Block> te, double[] base, long[] count, List<String> names,
                                  int[] ws) {
        int clips = names.size();
        double[] sse = new double[clips];
        for (BiRefinementPotential.Block k : te) {
            double best = sseAverage(k);
            for (int w : ws) {
                double s = 0;
                for (int i = 0; i < k.org().length; i++) {
                    long a = k.p0()[i] + 8192L;
                    long b = k.p1()[i] + 8192L;
                    long p = Math.clamp(((8 - w) * a + w * b + (1 << 8)) >> 9, 0, 255);
                    double e = k.org()[i] - p;
                    s += e * e;
                }
                best = Math.min(best, s);
            }
            sse[k.clip()] += best;
        }
        StringBuilder sb = new StringBuilder("(d) BCW-like per-CU weight oracle, w/8 in " + java.util.Arrays.toString(ws)
                + " and 4/8");
        double t0 = 0;
        double t1 = 0;
        for (int c = 0; c < clips; c++) {
            if (count[c] > 0) {
                sb.append(String.format(Locale.ROOT, " | %+.2f %%", 100 * (sse[c] / base[c] - 1)));
                t0 += base[c];
                t1 += sse[c];
            }
        }
        System.out.println(sb.append(String.format(Locale.ROOT, " | **%+.2f %%** | (oracle)", 100 * (t1 / t0 - 1))));
    }

    /**
     * The best closed form (BDOF sign flow, 4x4 sub-blocks, 8x8 window, |u| <= 1, offset scale 0.5) on the
     * held-out blocks by QP, by merged or AMVP, by CU size: squared error of the average per sample and its
     * change with the refinement (blocks with tau0 != tau1 count with the average).
     */
    private static void breakdown(List<BiRefinementPotential.Block> te) {
        String[] keys = {"qp", "merged", "size"};
        for (String key : keys) {
            java.util.TreeMap<String, double[]> m = new java.util.TreeMap<>();
            for (BiRefinementPotential.Block k : te) {
                String g = switch (key) {
                    case "qp" -> "QP " + k.qp();
                    case "merged" -> k.merged() ? "merged/skipped" : "AMVP";
                    default -> (k.n() < 10 ? "0" : "") + k.n() + "x" + k.n();
                };
                double[] acc = m.computeIfAbsent(g, x -> new double[4]);
                double s0 = sseAverage(k);
                double s1 = s0;
                if (applies(k, false)) {
                    Flow f = new Flow(k);
                    f.solve(1, 1, 0, 1, true, 4, 2);
                    double[] feat = new double[NF];
                    s1 = sse(f, k, (fl, kk, i) -> {
                        features(fl, i, 1, 1, feat);
                        return 0.5 * (feat[0] + feat[1]);
                    });
                    acc[3] += k.org().length;
                }
                acc[0] += s0;
                acc[1] += s1;
                acc[2] += k.org().length;
            }
            for (var e : m.entrySet()) {
                double[] acc = e.getValue();
                System.out.printf(Locale.ROOT, "breakdown | %s | %.0f k samples (%.0f %% tau0 == tau1) | MSE %.3f | %+.2f %%%n",
                        e.getKey(), acc[2] / 1000, 100 * acc[3] / acc[2], acc[0] / acc[2], 100 * (acc[1] / acc[0] - 1));
            }
        }
    }

    private static boolean[] mask(int... on) {
        boolean[] m = new boolean[NF];
        for (int j : on) {
            m[j] = true;
        }
        return m;
    }

    private static void report(Variant v, double[] w, List<BiRefinementPotential.Block> te, double[] base, long[] count,
                               List<String> names) {
        int clips = names.size();
        double[] sse = new double[clips];
        double[] oracle = new double[clips];
        double[] feat = new double[NF];
        long applied = 0;
        long total = 0;
        for (BiRefinementPotential.Block k : te) {
            double s0 = sseAverage(k);
            total += k.org().length;
            if (!applies(k, v.tau)) {
                sse[k.clip()] += s0;
                oracle[k.clip()] += s0;
                continue;
            }
            applied += k.org().length;
            Flow f = new Flow(k);
            double ta = ta(k, v.tau);
            double tb = tb(k, v.tau);
            f.solve(ta, tb, v.lambda, v.lim, v.sign, v.sb, v.ext);
            double s1 = sse(f, k, (fl, kk, i) -> {
                if (w == null) {
                    features(fl, i, ta, tb, feat);
                    return feat[0] + feat[1];
                }
                features(fl, i, ta, tb, feat);
                double c = 0;
                for (int j = 0; j < NF; j++) {
                    c += w[j] * feat[j];
                }
                return c;
            });
            sse[k.clip()] += s1;
            oracle[k.clip()] += Math.min(s0, s1);
        }
        StringBuilder sb = new StringBuilder(v.name);
        double t0 = 0;
        double t1 = 0;
        double to = 0;
        for (int c = 0; c < clips; c++) {
            if (count[c] > 0) {
                sb.append(String.format(Locale.ROOT, " | %+.2f %%", 100 * (sse[c] / base[c] - 1)));
                t0 += base[c];
                t1 += sse[c];
                to += oracle[c];
            }
        }
        sb.append(String.format(Locale.ROOT, " | **%+.2f %%** | %+.2f %% (applies to %.0f %% of bi samples)",
                100 * (t1 / t0 - 1), 100 * (to / t0 - 1), 100.0 * applied / total));
        System.out.println(sb);
    }
}
