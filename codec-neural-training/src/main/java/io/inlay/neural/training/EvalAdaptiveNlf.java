package io.inlay.neural.training;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a per-frame refit of a model's output layer could gain (docs/neural-filter.md, "A
 * content-adaptive output layer"): the idea of VVC's ALF (Karczewicz et al., "VVC in-loop
 * filters", IEEE TCSVT 2021), which transmits Wiener filters fitted on the picture being coded.
 *
 * <p>Per frame of the held-out pairs: the model's hidden activations {@code h} (the integer
 * network up to its last layer) and its output {@code R}; then, per support (a set of taps of
 * the last layer, plus the bias: {@code full} all 3x3 taps of every channel, {@code plus} the
 * centre and its 4 neighbours, {@code centre} the centre taps), the least-squares delta of those
 * taps' weights that best predicts {@code 16 * (orig - rec) - R} (R units) over the frame, with a
 * ridge of 1e-3, 1e-2 or 1e-1 times the normal matrix's mean diagonal (shrinking the deltas),
 * quantised to the last layer's integer weights at the model's multipliers and shift, in steps of
 * 1, 8 or 64 weight steps ({@code dq = round(d * 2^s / M / step) * step}, the weight
 * {@code w + dq} clipped to -127..127), applied with the exact integer arithmetic of §2.
 * ALF-style iteration: each fit is repeated on the CTUs its per-CTU switch kept on (per
 * component). Per frame and component the {@code ctu} bound of {@link EvalNlf} (best scale, each
 * CTU on iff that lowers its SSE, flag bits not counted) is measured for the model as is (scales
 * 8..255) and for every refit (scales 48..80).
 *
 * <p>The coefficients' cost: the deltas (in their step) coded with an exp-Golomb code of the best
 * order 0..7 per output plane (3 bits for the order), a sign bit per non-zero delta, 3 bits for
 * the step and a flag per component. {@code net} is, per component, the candidate (the model as
 * is at 0 bits, or a refit) with the least {@code SSE + lambda * bits}, {@code lambda = 0.57 *
 * 2^((frame_qp - 12) / 3)} (the encoder's intra lambda; chroma weight 1), the bits' lambda-cost
 * then counted as squared error; {@code gross} is the least SSE of any refit, bits ignored. Gains
 * are mean per-frame PSNR-YUV differences over deblocked, dB; the frames are coded with the
 * filter off.
 *
 * <p>{@code --reuse true}: the refits are fitted on the first frame of each clip and QP only and
 * reused by all its frames (3 AI, 9 RA), as VVC's adaptation parameter sets let later pictures reuse
 * ALF coefficients ({@link #evalGroup}).
 *
 * <pre>
 * EvalAdaptiveNlf --cache DIR [--corpus DIR] [--set heldout|validation] [--clips a,b] [--reuse true] MODEL.innf
 *     (-Dsupports=full,plus,centre selects the supports; default full,centre)
 * </pre>
 */
public final class EvalAdaptiveNlf {
    private static final int CTU = 32;

    private EvalAdaptiveNlf() {
    }

    /** A support: which of the last layer's taps (channel * 9 + tap) are refitted. */
    record Support(String name, int[] taps) {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        EvalArgs a = EvalArgs.parse(args);
        if (a.models().size() != 1) {
            throw new IllegalArgumentException("one model file expected");
        }
        Path modelPath = a.models().get(0);
        String set = a.set();
        PrintStream out = System.out;
        PairCache cache = a.cache();
        List<PairCache.Job> jobs = a.jobs(out);
        List<IntModel.Layer> layers = layersOf(Files.readAllBytes(modelPath));
        boolean reuse = Boolean.parseBoolean(a.option("reuse", "false"));
        IntModel.Layer last = layers.get(layers.size() - 1);
        if (last.k() != 3) {
            throw new IllegalArgumentException("the last layer must be 3x3");
        }
        int ch = last.in();
        List<Support> supports = supports(ch);
        int e = 0;
        for (IntModel.Layer L : layers) {
            e += (L.k() - 1) / 2;
        }
        // columns: model ctu YUV; per support: gross YUV, net YUV, bits/frame, share of components refitted
        TreeMap<String, double[]> groups = new TreeMap<>();
        int cols = 1 + 4 * supports.size() + 1;
        long t0 = System.nanoTime();
        int frames = 0;
        for (PairCache.Job j : jobs) {
            List<Sample> ss = cache.load(j).stream().map(Sample::new).toList();
            // with --reuse, the frames of one QP (cache key before '#') share the first frame's refit
            Collection<List<Sample>> units = reuse
                    ? ss.stream().collect(Collectors.groupingBy(s -> s.name.substring(0, s.name.indexOf('#')),
                            LinkedHashMap::new, Collectors.toList())).values()
                    : ss.stream().map(List::of).toList();
            final int radius = e;
            List<List<double[]>> rows = units.parallelStream().map(u -> evalGroup(u, layers, radius, supports)).toList();
            int ui = 0;
            for (List<Sample> u : units) {
                for (int fi = 0; fi < u.size(); fi++) {
                    EvalNlf.accumulate(groups, u.get(fi), rows.get(ui).get(fi));
                    frames++;
                }
                ui++;
            }
            out.printf("%s done (%d frames, %.0f s)%n", j.name() + " " + j.gop().shortName(), frames,
                    (System.nanoTime() - t0) * 1e-9);
        }
        out.printf("model %s, %s: dB YUV over deblocked, mean per frame; bits per frame of the coefficients%n",
                modelPath.getFileName(), set);
        StringBuilder head = new StringBuilder(String.format("  %-18s %6s %9s", "group", "frames", "model ctu"));
        for (Support sp : supports) {
            head.append(String.format(" | %-7s %8s %8s %7s %5s", sp.name(), "gross", "net", "bits", "used"));
        }
        out.println(head);
        for (Map.Entry<String, double[]> en : groups.entrySet()) {
            double[] v = en.getValue();
            double n = v[cols - 1];
            StringBuilder line = new StringBuilder(String.format("  %-18s %6d %+9.4f", en.getKey(), (int) n, v[0] / n));
            for (int k = 0; k < supports.size(); k++) {
                line.append(String.format(" | %-7s %+8.4f %+8.4f %7.0f %5.2f", "", v[1 + 4 * k] / n, v[2 + 4 * k] / n,
                        v[3 + 4 * k] / n, v[4 + 4 * k] / n));
            }
            out.println(line);
        }
    }

    static List<Support> supports(int ch) {
        int[] full = new int[ch * 9];
        for (int i = 0; i < full.length; i++) {
            full[i] = i;
        }
        int[] centre = new int[ch];
        for (int c = 0; c < ch; c++) {
            centre[c] = c * 9 + 4;
        }
        // centre taps of every channel and the 4 direct neighbours (a plus sign)
        int[] plus = new int[ch * 5];
        int[] plusTaps = {1, 3, 4, 5, 7};
        for (int c = 0; c < ch; c++) {
            for (int t = 0; t < 5; t++) {
                plus[c * 5 + t] = c * 9 + plusTaps[t];
            }
        }
        return List.of(new Support("full", full), new Support("plus", plus), new Support("centre", centre))
                .stream().filter(sp -> SUPPORTS.contains(sp.name())).toList();
    }

    /** The model's layers through codec-neural's parser (a runtime dependency, hence reflection). */
    static List<IntModel.Layer> layersOf(byte[] file) throws ReflectiveOperationException {
        Class<?> mf = Class.forName("io.inlay.neural.ModelFile");
        Object model = mf.getMethod("parse", byte[].class).invoke(null, (Object) file);
        List<?> ls = (List<?>) mf.getMethod("layers").invoke(model);
        List<IntModel.Layer> out = new ArrayList<>();
        for (Object l : ls) {
            Class<?> c = l.getClass();
            out.add(new IntModel.Layer((int) c.getMethod("inChannels").invoke(l), (int) c.getMethod("outChannels").invoke(l),
                    (int) c.getMethod("kernelSize").invoke(l), (int) c.getMethod("shift").invoke(l),
                    (int[]) c.getMethod("multiplier").invoke(l), (int[]) c.getMethod("bias").invoke(l),
                    (byte[]) c.getMethod("weights").invoke(l)));
        }
        return out;
    }

    /** One frame: {model ctu YUV gain, per support {gross, net, bits, share of components refitted}}. */
    static double[] evalFrame(Sample s, List<IntModel.Layer> layers, int e, List<Support> supports) {
        return evalGroup(List.of(s), layers, e, supports).get(0);
    }

    /**
     * The frames of one clip and QP, {@code g.get(0)} coded first: the refits are fitted on it, their
     * coefficients sent once with it and reused by every frame of the group (VVC's adaptation
     * parameter sets), each frame and component choosing by a flag between the model as is and the
     * refit. Per frame the same row as {@link #evalFrame}; the coefficients' bits (at the first frame's
     * lambda) are spread evenly over the group's frames, a flag counts in every frame of a component
     * that takes the refit. With one frame this is the per-frame refit.
     */
    static List<double[]> evalGroup(List<Sample> g, List<IntModel.Layer> layers, int e, List<Support> supports) {
        Sample first = g.get(0);
        IntModel.Layer last = layers.get(layers.size() - 1);
        int[][] x = new int[g.size()][];
        Best[] model = new Best[g.size()];
        double[][] base = new double[g.size()][];
        double[] lambda = new double[g.size()];
        short[] rFirst = null;
        List<double[]> rows = new ArrayList<>();
        for (int f = 0; f < g.size(); f++) {
            Sample s = g.get(f);
            x[f] = hidden(s, layers, e);
            short[] r = crop(IntModel.layer(last, true, x[f], s.w + 2 * e, s.h + 2 * e), s, e);
            rFirst = f == 0 ? r : rFirst;
            model[f] = best(s, r, MODEL_SCALES);
            base[f] = TrainNlf.psnr(s.sse(null), s.n());
            lambda[f] = 0.57 * Math.pow(2.0, (s.qp - 12) / 3.0);
            double[] row = new double[1 + 4 * supports.size()];
            row[0] = TrainNlf.psnr(model[f].sse, s.n())[3] - base[f][3];
            rows.add(row);
        }
        Normal normal = Normal.of(first, x[0], rFirst, last.in(), e);
        boolean reuse = g.size() > 1;
        for (int si = 0; si < supports.size(); si++) {
            int[] taps = supports.get(si).taps();
            // per component (0 luma, 1 chroma): the refit with the least SSE over the group (gross) and
            // the one with the least SSE + lambda * bits, the model as is costing 0 bits (net)
            Best[][] gross = new Best[2][];
            Best[][] net = new Best[2][];
            double[] grossSse = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] netJ = new double[2];
            double[] netBits = new double[2];
            for (int comp = 0; comp < 2; comp++) {
                net[comp] = model;
                for (Best b : model) {
                    netJ[comp] += b.sum(comp);
                }
            }
            for (Candidate c : normal.candidates(first, x[0], last, e, taps)) {
                Best[] on = new Best[g.size()];
                on[0] = c.onFit;
                for (int f = 1; f < g.size(); f++) {
                    Sample s = g.get(f);
                    on[f] = best(s, outputWith(last, x[f], s.w + 2 * e, s.h + 2 * e, taps, c.dq, s, e));
                }
                for (int comp = 0; comp < 2; comp++) {
                    double sse = 0;
                    double j = lambda[0] * c.bits[comp];
                    for (int f = 0; f < g.size(); f++) {
                        // with reuse, a frame keeps the model where that is better (a flag per frame)
                        double refit = reuse ? Math.min(on[f].sum(comp), model[f].sum(comp)) : on[f].sum(comp);
                        sse += refit;
                        j += refit + (reuse ? lambda[f] : 0);
                    }
                    if (sse < grossSse[comp]) {
                        grossSse[comp] = sse;
                        gross[comp] = on;
                    }
                    if (j < netJ[comp]) {
                        netJ[comp] = j;
                        net[comp] = on;
                        netBits[comp] = c.bits[comp];
                    }
                }
            }
            for (int f = 0; f < g.size(); f++) {
                Sample s = g.get(f);
                double[] grossPlanes = new double[6];
                double[] netPlanes = new double[6];
                for (int comp = 0; comp < 2; comp++) {
                    Best gr = reuse && model[f].sum(comp) < gross[comp][f].sum(comp) ? model[f] : gross[comp][f];
                    boolean refitted = net[comp] != model && !(reuse && model[f].sum(comp) < net[comp][f].sum(comp));
                    Best nt = refitted ? net[comp][f] : model[f];
                    // the bits' squared-error equivalent, shared over the component's planes by their SSE;
                    // the coefficients' (sent with the first frame) spread evenly over the group's frames
                    double bitCost = lambda[0] * netBits[comp] / g.size() + (reuse && net[comp] != model ? lambda[f] : 0);
                    double total = nt.sum(comp);
                    for (int p = comp == 0 ? 0 : 4; p < (comp == 0 ? 4 : 6); p++) {
                        grossPlanes[p] = gr.sse[p];
                        netPlanes[p] = nt.sse[p] + bitCost * (total > 0 ? nt.sse[p] / total : 1.0 / (comp == 0 ? 4 : 2));
                    }
                    rows.get(f)[4 + 4 * si] += refitted ? 0.5 : 0;
                }
                double[] row = rows.get(f);
                row[1 + 4 * si] = TrainNlf.psnr(grossPlanes, s.n())[3] - base[f][3];
                row[2 + 4 * si] = TrainNlf.psnr(netPlanes, s.n())[3] - base[f][3];
                row[3 + 4 * si] = (netBits[0] + netBits[1]) / g.size();
            }
        }
        return rows;
    }

    /** A refit: the quantised deltas per output plane, their bits per component, and its result on the frame it was fitted on. */
    private record Candidate(int[][] dq, double[] bits, Best onFit) {
    }

    /** Per CTU of a frame: the upper triangle of {@code sum f f^T} and {@code sum f t_p} of the last layer's inputs {@code f}. */
    private record Normal(double[][] gram, double[][][] xt, int nf) {

        static Normal of(Sample s, int[] x, short[] rBase, int ch, int e) {
            int we = s.w + 2 * e;
            int he = s.h + 2 * e;
            int n = s.n();
            int nf = ch * 9 + 1;
            int cw = (s.w + CTU - 1) / CTU;
            int ctus = cw * ((s.h + CTU - 1) / CTU);
            double[][] gram = new double[ctus][nf * (nf + 1) / 2];
            double[][][] xt = new double[ctus][6][nf];
            double[] f = new double[nf];
            int pe = we * he;
            for (int y = 0; y < s.h; y++) {
                for (int xx = 0; xx < s.w; xx++) {
                    int k = (y / CTU) * cw + xx / CTU;
                    for (int c = 0; c < ch; c++) {
                        for (int t = 0; t < 9; t++) {
                            f[c * 9 + t] = x[c * pe + (y + e + t / 3 - 1) * we + xx + e + t % 3 - 1];
                        }
                    }
                    f[nf - 1] = 1;
                    double[] g = gram[k];
                    int q = 0;
                    for (int a = 0; a < nf; a++) {
                        double fa = f[a];
                        if (fa == 0) {
                            q += nf - a;
                            continue;
                        }
                        for (int b = a; b < nf; b++) {
                            g[q++] += fa * f[b];
                        }
                    }
                    for (int p = 0; p < 6; p++) {
                        int i = p * n + y * s.w + xx;
                        double t = 16.0 * ((s.orig[i] & 255) - (s.rec[i] & 255)) - rBase[i];
                        if (t == 0) {
                            continue;
                        }
                        double[] xp = xt[k][p];
                        for (int a = 0; a < nf; a++) {
                            xp[a] += f[a] * t;
                        }
                    }
                }
            }
            return new Normal(gram, xt, nf);
        }

        /**
         * The refits of {@code taps} on this frame: per ridge and precision, the fit over all CTUs
         * and its repetition on the CTUs the first fit's switch kept on (per component, ALF's iteration).
         */
        List<Candidate> candidates(Sample s, int[] x, IntModel.Layer last, int e, int[] taps) {
            List<Candidate> out = new ArrayList<>();
            boolean[] all = new boolean[gram.length];
            Arrays.fill(all, true);
            for (double ridge : RIDGES) {
                for (int prec : PRECISIONS) {
                    boolean[][] sel = {all, all};
                    for (int it = 0; it < 2; it++) {
                        int[][] dq = new int[6][];
                        for (int p = 0; p < 6; p++) {
                            dq[p] = solve(gram, xt, sel[p < 4 ? 0 : 1], taps, nf, p, last, ridge, prec);
                        }
                        Best b = best(s, outputWith(last, x, s.w + 2 * e, s.h + 2 * e, taps, dq, s, e));
                        double[] bits = new double[2];
                        for (int comp = 0; comp < 2; comp++) {
                            bits[comp] = 1 + 3;
                            for (int p = comp == 0 ? 0 : 4; p < (comp == 0 ? 4 : 6); p++) {
                                int[] v = new int[dq[p].length];
                                for (int t = 0; t < v.length; t++) {
                                    v[t] = dq[p][t] >> prec;
                                }
                                bits[comp] += expGolombBits(v);
                            }
                        }
                        out.add(new Candidate(dq, bits, b));
                        sel = new boolean[][] {b.flags[0], b.flags[1]};
                    }
                }
            }
            return out;
        }
    }

    /** Ridge weights tried (times the mean diagonal of the normal matrix): they shrink the deltas toward 0. */
    private static final double[] RIDGES = {1e-3, 1e-2, 1e-1};
    /** Delta precisions tried: a delta is coded in steps of 2^prec weight steps. */
    private static final int[] PRECISIONS = {0, 3, 6};
    private static final List<String> SUPPORTS = List.of(System.getProperty("supports", "full,centre").split(","));

    private static double sum(double[] v, int from, int to) {
        double a = 0;
        for (int i = from; i < to; i++) {
            a += v[i];
        }
        return a;
    }

    /** Least-squares deltas of plane {@code p}'s weights on {@code taps} (and its bias, last) over the selected CTUs, quantised. */
    private static int[] solve(double[][] gram, double[][][] xt, boolean[] sel, int[] taps, int nf, int p,
                               IntModel.Layer last, double ridge, int prec) {
        int m = taps.length + 1;
        int[] idx = Arrays.copyOf(taps, m);
        idx[m - 1] = nf - 1;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int k = 0; k < gram.length; k++) {
            if (!sel[k]) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                b[i] += xt[k][p][idx[i]];
                for (int j = i; j < m; j++) {
                    a[i][j] += gram[k][tri(idx[i], idx[j], nf)];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
            trace += a[i][i];
        }
        int[] dq = new int[m];
        if (trace == 0) {
            return dq;
        }
        for (int i = 0; i < m; i++) {
            a[i][i] += ridge * trace / m;
        }
        double[] d = LinearFit.solve(LinearFit.cholesky(a), b);
        // d is in R units per unit activation; weight step M / 2^s, bias step the same
        double step = last.multiplier()[p] / (double) (1L << last.shift()) * (1 << prec);
        for (int i = 0; i < m; i++) {
            dq[i] = (int) Math.round(d[i] / step) << prec;
        }
        return dq;
    }

    private static int tri(int i, int j, int nf) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return a * nf - a * (a - 1) / 2 + (b - a);
    }

    /** The last layer with {@code dq} added (weights clipped to -127..127), §2 exactly (long, so an overflow would show as a wrong value, never wrap). */
    static short[] outputWith(IntModel.Layer last, int[] x, int we, int he, int[] taps, int[][] dq, Sample s,
                                      int e) {
        int ch = last.in();
        int sh = last.shift();
        int n = s.n();
        short[] r = new short[6 * n];
        int pe = we * he;
        for (int p = 0; p < 6; p++) {
            int[] w = new int[ch * 9];
            for (int j = 0; j < ch * 9; j++) {
                w[j] = last.weight(p, j / 9, (j % 9) / 3, j % 3);
            }
            for (int t = 0; t < taps.length; t++) {
                w[taps[t]] = Math.max(-127, Math.min(127, w[taps[t]] + dq[p][t]));
            }
            long m = last.multiplier()[p];
            long bias = last.bias()[p] + (long) dq[p][taps.length];
            long add = bias * m + (1L << (sh - 1)) + (2048L << sh);
            long hi = (4096L << sh) - 1;
            for (int y = 0; y < s.h; y++) {
                for (int xx = 0; xx < s.w; xx++) {
                    long acc = 0;
                    for (int c = 0; c < ch; c++) {
                        int pb = c * pe + (y + e - 1) * we + xx + e - 1;
                        for (int t = 0; t < 9; t++) {
                            int wt = w[c * 9 + t];
                            if (wt != 0) {
                                acc += (long) wt * x[pb + (t / 3) * we + t % 3];
                            }
                        }
                    }
                    long t = acc * m + add;
                    r[p * n + y * s.w + xx] = (short) ((Math.max(0, Math.min(hi, t)) >> sh) - 2048);
                }
            }
        }
        return r;
    }

    private static short[] crop(int[] ext, Sample s, int e) {
        short[] r = new short[ext.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (short) ext[i];
        }
        return s.crop(r, e);
    }

    /** Bits of the deltas with the best exp-Golomb order 0..7 (3 bits) and a sign bit per non-zero value. */
    static double expGolombBits(int[] v) {
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 8; k++) {
            double b = 3;
            for (int d : v) {
                long a = Math.abs((long) d);
                // EGk of a: prefix of floor(log2(a / 2^k + 1)) ones, a zero, then that many + k bits
                int len = 63 - Long.numberOfLeadingZeros((a >> k) + 1);
                b += 2 * len + 1 + k + (d != 0 ? 1 : 0);
            }
            best = Math.min(best, b);
        }
        return best;
    }

    /** The last layer's input: the activations of the network's last hidden layer over {@code s.input(e)}. */
    static int[] hidden(Sample s, List<IntModel.Layer> layers, int e) {
        byte[] in8 = s.input(e);
        int[] x = new int[in8.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = in8[i] & 255;
        }
        for (int l = 0; l < layers.size() - 1; l++) {
            x = IntModel.layer(layers.get(l), false, x, s.w + 2 * e, s.h + 2 * e);
        }
        return x;
    }

    /** Per-plane SSE with the best scale per component and the per-CTU switch, and the chosen flags. */
    private record Best(double[] sse, boolean[][] flags) {
        /** The SSE of component {@code comp} (0 luma planes 0..3, 1 chroma planes 4..5). */
        double sum(int comp) {
            return comp == 0 ? EvalAdaptiveNlf.sum(sse, 0, 4) : EvalAdaptiveNlf.sum(sse, 4, 6);
        }
    }

    private static Best best(Sample s, short[] r) {
        return best(s, r, REFIT_SCALES);
    }

    /** Scales searched for the model as is (as EvalNlf) and for a refit (fitted at 64, so near it). */
    private static final int[] MODEL_SCALES = java.util.stream.IntStream.iterate(8, v -> v <= 255, v -> v + 4).toArray();
    private static final int[] REFIT_SCALES = {48, 56, 64, 72, 80};

    private static Best best(Sample s, short[] r, int[] scales) {
        int cw = (s.w + CTU - 1) / CTU;
        int ch = (s.h + CTU - 1) / CTU;
        int ctus = cw * ch;
        int n = s.n();
        double[][] off = new double[6][ctus];
        for (int p = 0; p < 6; p++) {
            for (int y = 0; y < s.h; y++) {
                for (int x = 0; x < s.w; x++) {
                    int i = p * n + y * s.w + x;
                    int d = (s.rec[i] & 255) - (s.orig[i] & 255);
                    off[p][(y / CTU) * cw + x / CTU] += d * d;
                }
            }
        }
        double[] sse = new double[6];
        boolean[][] flags = new boolean[2][ctus];
        for (int comp = 0; comp < 2; comp++) {
            int p0 = comp == 0 ? 0 : 4;
            int p1 = comp == 0 ? 4 : 6;
            double bestTotal = 0;
            for (int p = p0; p < p1; p++) {
                bestTotal += sum(off[p], 0, ctus);
            }
            double[] bestPlanes = new double[6];
            for (int p = p0; p < p1; p++) {
                bestPlanes[p] = sum(off[p], 0, ctus);
            }
            boolean[] bestFlags = new boolean[ctus];
            double[][] on = new double[6][ctus];
            for (int sc : scales) {
                for (int p = p0; p < p1; p++) {
                    Arrays.fill(on[p], 0);
                    for (int y = 0; y < s.h; y++) {
                        for (int x = 0; x < s.w; x++) {
                            int i = p * n + y * s.w + x;
                            int v = Math.max(0, Math.min(255, (s.rec[i] & 255) + ((r[i] * sc + 512) >> 10)));
                            int d = v - (s.orig[i] & 255);
                            on[p][(y / CTU) * cw + x / CTU] += d * d;
                        }
                    }
                }
                double total = 0;
                double[] planes = new double[6];
                boolean[] fl = new boolean[ctus];
                for (int k = 0; k < ctus; k++) {
                    double a = 0;
                    double b = 0;
                    for (int p = p0; p < p1; p++) {
                        a += on[p][k];
                        b += off[p][k];
                    }
                    fl[k] = a < b;
                    for (int p = p0; p < p1; p++) {
                        planes[p] += fl[k] ? on[p][k] : off[p][k];
                    }
                    total += Math.min(a, b);
                }
                if (total < bestTotal) {
                    bestTotal = total;
                    bestPlanes = planes;
                    bestFlags = fl;
                }
            }
            for (int p = p0; p < p1; p++) {
                sse[p] = bestPlanes[p];
            }
            flags[comp] = bestFlags;
        }
        return new Best(sse, flags);
    }
}
