package io.inlay.core.inter;

import io.inlay.core.kernels.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Offline potential of per-CU weighted bi-prediction on top of the bi-flow refinement (docs/learned-inter.md,
 * "Weighted bi-prediction"): the prediction {@code ((16 - w) P0 + w P1) / 16} with {@code w} from a small set
 * chosen per CU, in the manner of H.266's BCW (§8.5.6.6.2), with the index's rate priced.
 *
 * <p>The anchor is what the codec did at format 0.8 (it ignores {@code Block.bcw()}: to reproduce the study on the
 * encoder of today, collect with {@code -Dinlay.lifBiWeights=false}, weighted bi-prediction off, into a
 * separate cache directory): the bi-flow refinement of decoding-process.md §13.1 (the
 * scalar integer kernel) where it applies, else the average. A weight other than 1/2 replaces it by the
 * weighted average (mode "excl", H.266's rule: BDOF only with equal weights), or (mode "flow") adds the
 * refinement's offset (refined minus average, in samples) to the weighted average.
 *
 * <p>Choice per CU: the encoder's {@code SSE + lambda * bits}, lambda from {@code RdCost}/{@code GopPlanner}
 * (the frame's temporal layer guessed from the POC distances), the bits of the index's binarization
 * (truncated unary over the set, the average first, the others by training frequency) from adaptive binary
 * contexts (one per bin position; probability update {@code max(1/(count + 2), 1/32)}, reset per clip and
 * QP), which adapt to the choices made. Only AMVP CUs code an index; merged and skipped CUs either keep the
 * anchor ("merge: anchor", conservative) or choose freely at no rate ("merge: free", an upper bound for
 * BCW's inheritance, which in reality only offers the neighbours' weights).
 *
 * <p>The fitted sets: per training AMVP CU the continuous least-squares weight
 * {@code w* = <org - P0, P1 - P0> / |P1 - P0|^2}, weighted by {@code |P1 - P0|^2} (the squared error
 * excess of a weight {@code q} is {@code |P1 - P0|^2 (w* - q)^2}), 1-D Lloyd-Max with 1/2 pinned, rounded
 * to 1/8 or 1/16; and a direct search on the training clips' net cost over the 1/16 grid.
 */
final class BiWeightStudy {
    private BiWeightStudy() {
    }

    /** Weights are in 1/16; the table spans w = W_MIN .. W_MAX. */
    static final int W_MIN = -8;
    static final int W_MAX = 24;
    static final int NW = W_MAX - W_MIN + 1;

    /** Per block: squared error per weight in both modes, the anchor's, and the template's choice input. */
    static final class Entry {
        final BiRefinementPotential.Block k;
        final double[] sseExcl = new double[NW];
        final double[] sseFlow = new double[NW];
        /** Template squared error per weight (plain weighted average), null without a template. */
        double[] tsse;
        double anchor;
        double lambda;
        /** Continuous least-squares weight and its energy |P1 - P0|^2 (sample units). */
        double wStar;
        double energy;

        Entry(BiRefinementPotential.Block k) {
            this.k = k;
        }
    }

    static double lambda(BiRefinementPotential.Block k) {
        int layer;
        double factor;
        int off;
        if (k.tau0() > 0 && k.tau1() > 0) {
            int d = Math.min(k.tau0(), k.tau1());
            layer = d >= 4 ? 1 : d == 2 ? 2 : 3;
            off = 1 + layer;
            factor = 0.3536;
        } else {
            layer = 0;
            off = 1;
            factor = 0.442;
        }
        int qp = k.qp() + off;
        if (layer > 0) {
            factor *= Math.max(2.0, Math.min(4.0, (qp - 12) / 6.0));
        }
        return factor * Math.pow(2, (qp - 12) / 3.0);
    }

    static Entry entry(BiRefinementPotential.Block k, BiFlowRefinement flow, short[] ref) {
        Entry e = new Entry(k);
        int n = k.n();
        int len = n * n;
        boolean applies = k.tau0() == k.tau1() && k.tau0() > 0;
        if (applies) {
            flow.refine(k.p0(), 0, n, k.p1(), 0, n, n, 8, ref, 0, n);
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < len; i++) {
            int a = k.p0()[i] + 8192;
            int b = k.p1()[i] + 8192;
            int avg = Math.clamp((a + b + 64) >> 7, 0, 255);
            int off = applies ? ref[i] - avg : 0;
            int o = k.org()[i];
            int base = applies ? ref[i] : avg;
            e.anchor += (double) (o - base) * (o - base);
            for (int w = W_MIN; w <= W_MAX; w++) {
                int p = Math.clamp(((16 - w) * a + w * b + (1 << 9)) >> 10, 0, 255);
                int pe = w == 8 ? base : p;
                int pf = Math.clamp(p + off, 0, 255);
                e.sseExcl[w - W_MIN] += (double) (o - pe) * (o - pe);
                e.sseFlow[w - W_MIN] += (double) (o - pf) * (o - pf);
            }
            double d = (b - a) / 64.0;
            sxy += (o - a / 64.0) * d;
            sxx += d * d;
        }
        e.energy = sxx;
        e.wStar = sxx > 0 ? Math.clamp(sxy / sxx, -1.0, 2.0) : 0.5;
        e.lambda = lambda(k);
        if (k.tc() != null) {
            e.tsse = new double[NW];
            for (int i = 0; i < k.tc().length; i++) {
                int a = k.t0()[i] + 8192;
                int b = k.t1()[i] + 8192;
                int o = k.tc()[i];
                for (int w = W_MIN; w <= W_MAX; w++) {
                    int p = Math.clamp(((16 - w) * a + w * b + (1 << 9)) >> 10, 0, 255);
                    e.tsse[w - W_MIN] += (double) (o - p) * (o - p);
                }
            }
        }
        return e;
    }

    static List<Entry> entries(List<BiRefinementPotential.Block> bs) {
        BiFlowRefinement flow = new BiFlowRefinement(Kernels.scalar().biFlowRefinement());
        short[] ref = new short[64 * 64];
        List<Entry> out = new ArrayList<>(bs.size());
        for (BiRefinementPotential.Block k : bs) {
            out.add(entry(k, flow, ref));
        }
        return out;
    }

    /** Adaptive binary contexts, one per bin position (and per template class). */
    static final class Ctx {
        final double[][] p1;
        final int[][] count;

        Ctx(int classes, int bins) {
            p1 = new double[classes][bins];
            count = new int[classes][bins];
            for (double[] r : p1) {
                Arrays.fill(r, 0.5);
            }
        }

        double bits(int cls, int bin, int v) {
            double p = v == 1 ? p1[cls][bin] : 1 - p1[cls][bin];
            return -Math.log(Math.max(p, 1.0 / 64)) / Math.log(2);
        }

        void update(int cls, int bin, int v) {
            double a = Math.max(1.0 / (count[cls][bin] + 2), 1.0 / 32);
            p1[cls][bin] += a * (v - p1[cls][bin]);
            count[cls][bin]++;
        }

        /** Bits of index {@code idx} of a set of size m (truncated unary), optionally updating. */
        double code(int cls, int idx, int m, boolean update) {
            double bits = 0;
            for (int bin = 0; bin < m - 1; bin++) {
                int v = idx > bin ? 1 : 0;
                bits += bits(cls, bin, v);
                if (update) {
                    update(cls, bin, v);
                }
                if (v == 0) {
                    break;
                }
            }
            return bits;
        }
    }

    /** The outcome of a set on a list of entries. */
    static final class Result {
        final TreeMap<String, double[]> groups = new TreeMap<>();   // key -> {anchor, sse, J, samples}
        final int[] uses;
        double anchor;
        double sse;
        double cost;

        Result(int m) {
            uses = new int[m];
        }

        void add(String g, double a, double s, double j, int samples) {
            double[] acc = groups.computeIfAbsent(g, x -> new double[4]);
            acc[0] += a;
            acc[1] += s;
            acc[2] += j;
            acc[3] += samples;
        }
    }

    enum Merge { ANCHOR, FREE, TEMPLATE }

    /**
     * Applies the set {@code set} (weights in 1/16, set[0] == 8 the average) to {@code es}. {@code flowMode}:
     * the refinement's offset is kept with unequal weights; {@code template}: 0 none, 1 the template's best
     * weight selects the contexts (index coded), 2 the template's choice is the weight (no index, all CUs).
     */
    static Result apply(List<Entry> es, int[] set, boolean flowMode, Merge merge, int template) {
        int m = set.length;
        Result r = new Result(m);
        Ctx ctx = null;
        int lastClip = -1;
        int lastQp = -1;
        for (Entry e : es) {
            BiRefinementPotential.Block k = e.k;
            if (k.clip() != lastClip || k.qp() != lastQp) {
                ctx = new Ctx(m + 1, Math.max(1, m - 1));
                lastClip = k.clip();
                lastQp = k.qp();
            }
            double[] sse = flowMode ? e.sseFlow : e.sseExcl;
            int tbest = -1;
            if (e.tsse != null && template > 0) {
                tbest = 0;
                for (int i = 1; i < m; i++) {
                    if (e.tsse[set[i] - W_MIN] < e.tsse[set[tbest] - W_MIN]) {
                        tbest = i;
                    }
                }
            }
            int cls = tbest < 0 ? m : tbest;
            int choice;
            double bits = 0;
            if (template == 2) {
                choice = tbest < 0 ? 0 : tbest;
            } else if (!k.merged()) {
                choice = 0;
                double best = Double.MAX_VALUE;
                for (int i = 0; i < m; i++) {
                    double j = sse[set[i] - W_MIN] + e.lambda * ctx.code(template == 1 ? cls : 0, i, m, false);
                    if (j < best) {
                        best = j;
                        choice = i;
                    }
                }
                bits = ctx.code(template == 1 ? cls : 0, choice, m, true);
            } else if (merge == Merge.FREE) {
                choice = 0;
                for (int i = 1; i < m; i++) {
                    if (sse[set[i] - W_MIN] < sse[set[choice] - W_MIN]) {
                        choice = i;
                    }
                }
            } else if (merge == Merge.TEMPLATE && tbest >= 0) {
                choice = tbest;
            } else {
                choice = 0;
            }
            double s = sse[set[choice] - W_MIN];
            double j = s + e.lambda * bits;
            r.uses[choice]++;
            r.anchor += e.anchor;
            r.sse += s;
            r.cost += j;
            int samples = k.n() * k.n();
            r.add("QP " + k.qp(), e.anchor, s, j, samples);
            r.add(k.merged() ? "merged/skipped" : "AMVP", e.anchor, s, j, samples);
            r.add((k.n() < 10 ? "0" : "") + k.n() + "x" + k.n(), e.anchor, s, j, samples);
            r.add("clip " + k.clip(), e.anchor, s, j, samples);
        }
        return r;
    }

    static String fmt(int[] set) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < set.length; i++) {
            sb.append(i > 0 ? ", " : "");
            sb.append(set[i] % 2 == 0 ? (set[i] / 2) + "/8" : set[i] + "/16");
        }
        return sb.append("}").toString();
    }

    static void print(String name, Result r, List<String> names, boolean groups) {
        StringBuilder sb = new StringBuilder(name);
        for (var g : r.groups.entrySet()) {
            if (g.getKey().startsWith("clip ")) {
                double[] a = g.getValue();
                sb.append(String.format(Locale.ROOT, " | %+.2f / %+.2f %%", 100 * (a[1] / a[0] - 1), 100 * (a[2] / a[0] - 1)));
            }
        }
        sb.append(String.format(Locale.ROOT, " | **%+.2f / %+.2f %%** | uses %s", 100 * (r.sse / r.anchor - 1),
                100 * (r.cost / r.anchor - 1), Arrays.toString(r.uses)));
        System.out.println(sb);
        if (groups) {
            for (var g : r.groups.entrySet()) {
                if (!g.getKey().startsWith("clip ")) {
                    double[] a = g.getValue();
                    System.out.printf(Locale.ROOT, "    %s | %.0f k samples | anchor MSE %.3f | SSE %+.2f %% | SSE+lambda R %+.2f %%%n",
                            g.getKey(), a[3] / 1000, a[0] / a[3], 100 * (a[1] / a[0] - 1), 100 * (a[2] / a[0] - 1));
                }
            }
        }
    }

    /** Orders the non-average entries by how often the training clips' AMVP CUs choose them (rate ignored). */
    static int[] order(List<Entry> tr, int[] set, boolean flowMode) {
        int m = set.length;
        double[] use = new double[m];
        for (Entry e : tr) {
            if (e.k.merged()) {
                continue;
            }
            double[] sse = flowMode ? e.sseFlow : e.sseExcl;
            int c = 0;
            for (int i = 1; i < m; i++) {
                if (sse[set[i] - W_MIN] < sse[set[c] - W_MIN]) {
                    c = i;
                }
            }
            use[c]++;
        }
        Integer[] idx = new Integer[m - 1];
        for (int i = 0; i < m - 1; i++) {
            idx[i] = i + 1;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(use[y], use[x]));
        int[] out = new int[m];
        out[0] = set[0];
        for (int i = 0; i < m - 1; i++) {
            out[i + 1] = set[idx[i]];
        }
        return out;
    }

    /** Energy-weighted 1-D Lloyd-Max of the AMVP training CUs' w* with 1/2 pinned; k levels, rounded to 1/res. */
    static int[] lloydMax(List<Entry> tr, int k, int res) {
        double[] q = new double[k];
        q[0] = 0.5;
        for (int i = 1; i < k; i++) {
            int j = (i + 1) / 2;
            q[i] = 0.5 + (i % 2 == 1 ? -1 : 1) * 0.15 * j;
        }
        for (int it = 0; it < 100; it++) {
            double[] num = new double[k];
            double[] den = new double[k];
            for (Entry e : tr) {
                if (e.k.merged()) {
                    continue;
                }
                int c = 0;
                for (int i = 1; i < k; i++) {
                    if (Math.abs(e.wStar - q[i]) < Math.abs(e.wStar - q[c])) {
                        c = i;
                    }
                }
                num[c] += e.energy * e.wStar;
                den[c] += e.energy;
            }
            for (int i = 1; i < k; i++) {
                if (den[i] > 0) {
                    q[i] = num[i] / den[i];
                }
            }
        }
        System.out.printf(Locale.ROOT, "  Lloyd-Max, %d levels: %s%n", k, Arrays.toString(q));
        int[] set = new int[k];
        for (int i = 0; i < k; i++) {
            set[i] = (int) Math.round(q[i] * res) * (16 / res);
        }
        return set;
    }

    /** Coordinate descent on the training clips' net cost (merge: anchor) over the 1/16 grid, from {@code start}. */
    static int[] search(List<Entry> tr, int[] start, boolean flowMode) {
        int[] best = start.clone();
        double bestCost = apply(tr, order(tr, best, flowMode), flowMode, Merge.ANCHOR, 0).cost;
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int i = 1; i < best.length; i++) {
                for (int w = W_MIN; w <= W_MAX; w++) {
                    final int ww = w;
                    if (Arrays.stream(best).anyMatch(x -> x == ww)) {
                        continue;
                    }
                    int[] t = best.clone();
                    t[i] = w;
                    double c = apply(tr, order(tr, t, flowMode), flowMode, Merge.ANCHOR, 0).cost;
                    if (c < bestCost - 1e-6) {
                        bestCost = c;
                        best = t;
                        improved = true;
                    }
                }
            }
        }
        return order(tr, best, flowMode);
    }

    static void run(List<BiRefinementPotential.Block> trb, List<BiRefinementPotential.Block> teb, List<String> names) {
        long t0 = System.nanoTime();
        List<Entry> tr = entries(trb);
        List<Entry> te = entries(teb);
        System.out.printf(Locale.ROOT, "tables: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        double wsum = 0;
        double esum = 0;
        int[] hist = new int[13];
        for (Entry e : tr) {
            if (!e.k.merged()) {
                wsum += e.energy * e.wStar;
                esum += e.energy;
                hist[(int) Math.clamp(Math.floor((e.wStar + 1) * 4), 0, 12)]++;
            }
        }
        System.out.printf(Locale.ROOT, "training AMVP CUs: energy-weighted mean w* %.3f; histogram of w* in quarters from -1: %s%n",
                wsum / esum, Arrays.toString(hist));
        System.out.println("set | mode | merge | per clip SSE / SSE+lambda R | held-out SSE / **SSE+lambda R** | uses");
        List<int[]> sets = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        sets.add(new int[] {8, 6, 10});
        labels.add("(a) BCW RA {4, 3, 5}/8");
        sets.add(new int[] {8, 6, 10, -4, 20});
        labels.add("(a) BCW LD {4, 3, 5, -2, 10}/8");
        sets.add(new int[] {8, 4, 6, 10, 12});
        labels.add("{4, 2, 3, 5, 6}/8");
        for (boolean flowMode : new boolean[] {false, true}) {
            for (int k : new int[] {3, 5}) {
                for (int res : new int[] {8, 16}) {
                    sets.add(lloydMax(tr, k, res));
                    labels.add("(b) Lloyd-Max " + k + " levels, 1/" + res + (flowMode ? " (flow)" : ""));
                }
            }
        }
        for (int s = 0; s < sets.size(); s++) {
            for (boolean flowMode : new boolean[] {false, true}) {
                if (labels.get(s).endsWith("(flow)") && !flowMode) {
                    continue;
                }
                int[] set = order(tr, sets.get(s), flowMode);
                for (Merge mg : new Merge[] {Merge.ANCHOR, Merge.FREE}) {
                    Result r = apply(te, set, flowMode, mg, 0);
                    print(labels.get(s) + " " + fmt(set) + " | " + (flowMode ? "flow" : "excl") + " | " + mg, r, names,
                            false);
                }
            }
        }
        for (boolean flowMode : new boolean[] {false, true}) {
            for (int[] start : new int[][] {{8, 6, 10}, {8, 6, 10, 4, 12}}) {
                int[] set = search(tr, start, flowMode);
                Result rt = apply(tr, set, flowMode, Merge.ANCHOR, 0);
                System.out.printf(Locale.ROOT, "  search from %s: training SSE %+.2f %%, SSE+lambda R %+.2f %%%n",
                        fmt(start), 100 * (rt.sse / rt.anchor - 1), 100 * (rt.cost / rt.anchor - 1));
                Result r = apply(te, set, flowMode, Merge.ANCHOR, 0);
                print("(b) searched on training " + fmt(set) + " | " + (flowMode ? "flow" : "excl") + " | ANCHOR", r,
                        names, true);
                print("(b) searched on training " + fmt(set) + " | " + (flowMode ? "flow" : "excl") + " | FREE",
                        apply(te, set, flowMode, Merge.FREE, 0), names, false);
                if (BiRefinementPotential.TEMPLATES) {
                    print("(c) same, contexts by the template's choice | ANCHOR", apply(te, set, flowMode, Merge.ANCHOR, 1),
                            names, false);
                    print("(c) same, merged CUs take the template's choice | TEMPLATE",
                            apply(te, set, flowMode, Merge.TEMPLATE, 0), names, false);
                    print("(c) template-derived weight, no index, all CUs", apply(te, set, flowMode, Merge.ANCHOR, 2),
                            names, true);
                }
            }
        }
        if (BiRefinementPotential.TEMPLATES) {
            for (int[] set : new int[][] {{8, 6, 10}, {8, 7, 9}, {8, 4, 6, 10, 12}}) {
                for (boolean flowMode : new boolean[] {false, true}) {
                    print("(c) template-derived weight, no index, all CUs " + fmt(set) + " | " + (flowMode ? "flow" : "excl"),
                            apply(te, set, flowMode, Merge.ANCHOR, 2), names, false);
                }
            }
        }
    }
}
