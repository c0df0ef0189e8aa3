package io.inlay.neural.training;

import java.util.List;

/**
 * What a finer on/off map of the neural loop filter could gain net of its flags (docs/neural-filter.md,
 * "Finer switching"): on the held-out (or validation) pairs, per frame and component, at the scale that
 * is best for {@link EvalNlf}'s 64x64 {@code ctu} bound, the filtered/unfiltered choice is made per
 *
 * <ul>
 * <li>{@code 64}: 64x64 luma block, one flag each (today's syntax, §3.4);</li>
 * <li>{@code 32}: 32x32 luma block, one flag each;</li>
 * <li>{@code qt}: 64x64 block off, on, or split into four 32x32 blocks with a flag each (a quadtree
 *     of depth 1, as ALF's CTU flags with one split level).</li>
 * </ul>
 *
 * Each choice minimises {@code SSE + lambda * bits} with {@code lambda = 0.57 * 2^((frame_qp - 12) / 3)}
 * (the intra lambda; B frames' are larger, so this favours fine maps). Bits of a symbol are
 * {@code -log2} of its frequency among the frame's choices of the previous pass (three passes from
 * equal frequencies), an estimate of what an adaptive context-coded bin costs; a component whose best
 * map costs more than leaving it off is off (no flags). The bits are then counted as squared error
 * ({@code net}, as {@link EvalAdaptiveNlf} does), chroma's split evenly over Cb and Cr. Gains are dB
 * PSNR-YUV over deblocked, mean per frame.
 *
 * <pre>
 * EvalNlfSwitching --cache DIR [--corpus DIR] [--set heldout|validation] MODEL.innf
 * </pre>
 */
public final class EvalNlfSwitching {
    private static final int UNIT = 16; // 32x32 luma on the chroma grid
    private static final int PASSES = 3;

    private EvalNlfSwitching() {
    }

    public static void main(String[] args) throws Exception {
        EvalNlf.evaluate(args, EvalNlfSwitching::gains,
                List.of("bound 64", "bound 32", "net 64", "net 32", "net qt", "qt split", "qt bits"), 5);
    }

    /** bound 64, bound 32, net 64, net 32, net qt (dB YUV), share of split 64x64 blocks, qt bits per frame. */
    static double[] gains(Sample s, short[] r) {
        double lambda = 0.57 * Math.pow(2, (s.qp - 12) / 3.0);
        double[] base = TrainNlf.psnr(s.sse(null), s.n());
        double[][] sse = new double[5][6]; // per scheme: bound 64, bound 32, net 64, net 32, net qt
        double split = 0;
        double qtBits = 0;
        for (int comp = 0; comp < 2; comp++) {
            int sc = bestScale(s, r, comp);
            Blocks b = new Blocks(s, r, comp, sc);
            double[] off = {b.total(false), b.total(false), b.total(false), b.total(false), b.total(false)};
            double[] cost = new double[5];
            double[] bits = new double[5];
            if (sc > 0) {
                cost[0] = b.bound(2);
                cost[1] = b.bound(1);
                Choice c64 = b.flat(2, lambda);
                Choice c32 = b.flat(1, lambda);
                Choice qt = b.quadtree(lambda);
                double[] chosenSse = {cost[0], cost[1], c64.sse, c32.sse, qt.sse};
                double[] chosenBits = {0, 0, c64.bits, c32.bits, qt.bits};
                for (int k = 0; k < 5; k++) {
                    if (chosenSse[k] + lambda * chosenBits[k] < off[k]) {
                        cost[k] = chosenSse[k];
                        bits[k] = chosenBits[k];
                    } else {
                        cost[k] = off[k];
                    }
                }
                if (qt.sse + lambda * qt.bits < off[4]) {
                    split += comp == 0 ? qt.splitShare : 0;
                    qtBits += qt.bits;
                }
            } else {
                System.arraycopy(off, 0, cost, 0, 5);
            }
            for (int k = 0; k < 5; k++) {
                double net = cost[k] + lambda * bits[k];
                if (comp == 0) {
                    // luma planes 0..3 share the SSE: only their sum enters psnr()
                    sse[k][0] = net;
                } else {
                    double[] uv = s.sse(null);
                    double share = uv[4] / Math.max(1e-9, uv[4] + uv[5]);
                    sse[k][4] = net * share;
                    sse[k][5] = net * (1 - share);
                }
            }
        }
        double[] g = new double[7];
        for (int k = 0; k < 5; k++) {
            g[k] = TrainNlf.psnr(sse[k], s.n())[3] - base[3];
        }
        g[5] = split;
        g[6] = qtBits;
        return g;
    }

    /** The scale of the best 64x64 {@code ctu} bound of the component (0 luma, 1 chroma), 0 when none helps. */
    private static int bestScale(Sample s, short[] r, int comp) {
        double best = Double.MAX_VALUE;
        int bestSc = 0;
        for (int sc = 8; sc <= 255; sc += 4) {
            double v = new Blocks(s, r, comp, sc).bound(2);
            if (v < best) {
                best = v;
                bestSc = sc;
            }
        }
        return best < new Blocks(s, r, comp, 0).total(false) ? bestSc : 0;
    }

    private record Choice(double sse, double bits, double splitShare) {
    }

    /** Per 32x32 luma block of one component: SSE filtered at one scale and unfiltered. */
    private static final class Blocks {
        final int cols;
        final int rows;
        final double[] on;
        final double[] off;

        Blocks(Sample s, short[] r, int comp, int scale) {
            cols = (s.w + UNIT - 1) / UNIT;
            rows = (s.h + UNIT - 1) / UNIT;
            on = new double[cols * rows];
            off = new double[cols * rows];
            int n = s.n();
            for (int p = comp == 0 ? 0 : 4; p < (comp == 0 ? 4 : 6); p++) {
                for (int y = 0; y < s.h; y++) {
                    for (int x = 0; x < s.w; x++) {
                        int i = p * n + y * s.w + x;
                        int v = s.rec[i] & 255;
                        int o = s.orig[i] & 255;
                        int f = Math.max(0, Math.min(255, v + ((r[i] * scale + 512) >> 10)));
                        int k = (y / UNIT) * cols + x / UNIT;
                        on[k] += (f - o) * (f - o);
                        off[k] += (v - o) * (v - o);
                    }
                }
            }
        }

        double total(boolean filtered) {
            double t = 0;
            for (double v : filtered ? on : off) {
                t += v;
            }
            return t;
        }

        /** SSE of blocks of {@code size} x {@code size} units, each on or off, whichever is lower. */
        double bound(int size) {
            double t = 0;
            for (int by = 0; by < rows; by += size) {
                for (int bx = 0; bx < cols; bx += size) {
                    t += Math.min(sum(on, bx, by, size), sum(off, bx, by, size));
                }
            }
            return t;
        }

        double sum(double[] a, int bx, int by, int size) {
            double t = 0;
            for (int y = by; y < Math.min(rows, by + size); y++) {
                for (int x = bx; x < Math.min(cols, bx + size); x++) {
                    t += a[y * cols + x];
                }
            }
            return t;
        }

        /** One flag per block of {@code size} units, adaptive bit estimate. */
        Choice flat(int size, double lambda) {
            double pOn = 0.5;
            Choice c = null;
            for (int pass = 0; pass < PASSES; pass++) {
                double bOn = bits(pOn);
                double bOff = bits(1 - pOn);
                double sse = 0;
                double bits = 0;
                int ons = 0;
                int count = 0;
                for (int by = 0; by < rows; by += size) {
                    for (int bx = 0; bx < cols; bx += size) {
                        double jOn = sum(on, bx, by, size) + lambda * bOn;
                        double jOff = sum(off, bx, by, size) + lambda * bOff;
                        boolean f = jOn < jOff;
                        sse += f ? sum(on, bx, by, size) : sum(off, bx, by, size);
                        bits += f ? bOn : bOff;
                        ons += f ? 1 : 0;
                        count++;
                    }
                }
                c = new Choice(sse, bits, 0);
                pOn = (ons + 0.5) / (count + 1.0);
            }
            return c;
        }

        /** Per 64x64 block off / on / split (three symbols), then a flag per 32x32 block of a split one. */
        Choice quadtree(double lambda) {
            double[] pTop = {1 / 3.0, 1 / 3.0, 1 / 3.0};
            double pSub = 0.5;
            Choice c = null;
            for (int pass = 0; pass < PASSES; pass++) {
                double[] bTop = {bits(pTop[0]), bits(pTop[1]), bits(pTop[2])};
                double bOn = bits(pSub);
                double bOff = bits(1 - pSub);
                double sse = 0;
                double bitsTotal = 0;
                int[] top = new int[3];
                int subOn = 0;
                int subCount = 0;
                for (int by = 0; by < rows; by += 2) {
                    for (int bx = 0; bx < cols; bx += 2) {
                        double jOff = sum(off, bx, by, 2) + lambda * bTop[0];
                        double jOn = sum(on, bx, by, 2) + lambda * bTop[1];
                        double jSplit = lambda * bTop[2];
                        double splitSse = 0;
                        double splitBits = bTop[2];
                        int ons = 0;
                        int subs = 0;
                        for (int y = by; y < Math.min(rows, by + 2); y++) {
                            for (int x = bx; x < Math.min(cols, bx + 2); x++) {
                                int k = y * cols + x;
                                boolean f = on[k] + lambda * bOn < off[k] + lambda * bOff;
                                splitSse += f ? on[k] : off[k];
                                splitBits += f ? bOn : bOff;
                                ons += f ? 1 : 0;
                                subs++;
                            }
                        }
                        jSplit = splitSse + lambda * splitBits;
                        int pick = jOff <= jOn && jOff <= jSplit ? 0 : jOn <= jSplit ? 1 : 2;
                        top[pick]++;
                        if (pick == 0) {
                            sse += sum(off, bx, by, 2);
                            bitsTotal += bTop[0];
                        } else if (pick == 1) {
                            sse += sum(on, bx, by, 2);
                            bitsTotal += bTop[1];
                        } else {
                            sse += splitSse;
                            bitsTotal += splitBits;
                            subOn += ons;
                            subCount += subs;
                        }
                    }
                }
                int blocks = top[0] + top[1] + top[2];
                c = new Choice(sse, bitsTotal, top[2] / (double) blocks);
                for (int i = 0; i < 3; i++) {
                    pTop[i] = (top[i] + 0.5) / (blocks + 1.5);
                }
                pSub = (subOn + 0.5) / (subCount + 1.0);
            }
            return c;
        }

        private static double bits(double p) {
            return -Math.log(Math.max(p, 1.0 / 64)) / Math.log(2);
        }
    }
}
