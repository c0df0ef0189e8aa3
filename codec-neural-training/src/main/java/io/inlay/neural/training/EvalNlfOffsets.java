package io.inlay.neural.training;

import java.util.List;

/**
 * What signalled per-CTU sample offsets could add to the neural loop filter (docs/neural-filter.md,
 * "Adaptive offsets"), measured before any syntax on the held-out (or validation) pairs, per frame,
 * net of the offsets' bits:
 *
 * <ul>
 * <li>{@code nlf}: the model at the best scale per component with the 64x64 CTU switch (EvalNlf's
 *     {@code ctu}; its flags are not counted, so every other column is compared with the same
 *     optimistic start);</li>
 * <li>{@code sao db}: H.265's sample adaptive offset (§7.3.8.3, §8.7.3: per CTU and component none,
 *     band offset or one of four edge offset classes, or merged from the left or upper CTU) on the
 *     deblocked picture, without the filter: what a conventional tool gets;</li>
 * <li>{@code sao nlf}: the same after the filter;</li>
 * <li>{@code nn frame}: after the filter, one offset per frame and component for each of 7 classes
 *     of the network's correction {@code c} (in samples, at the chosen scale, before rounding:
 *     boundaries ±0.5, ±1.5, ±2.5): a per-frame non-linear remapping of the correction;</li>
 * <li>{@code nn ctu}: after the filter, SAO's choices plus a fourth CTU type carrying the 7 class
 *     offsets.</li>
 * </ul>
 *
 * Offsets lie in [-7, 7] (H.265's range at 8 bits); each is chosen per category by
 * {@code n d^2 - 2 d s + lambda * bits(d)} from the category's count {@code n} and error sum
 * {@code s}. Bits are an approximation of H.265's binarisation: type none 1, band 2, edge 2 (with
 * the class type: edge 2, band 3, class 3), merge flags 1 each, |offset| truncated unary with
 * cMax 7, a sign bit per non-zero band or class offset, band position 5, edge class 2, and 1 per
 * frame and component for the enable flag ({@code nn frame}: that flag and its 7 offsets).
 * {@code lambda = 0.57 * 2^((frame_qp - 12) / 3)}; the bits enter as {@code lambda * bits} of
 * squared error ({@code net}, as {@link EvalNlfSwitching}).
 * Luma, Cb and Cr are decided separately (H.265 shares the type and merge of Cb and Cr). Gains are dB
 * PSNR-YUV over deblocked, mean per frame.
 *
 * <pre>
 * EvalNlfOffsets --cache DIR [--corpus DIR] [--set heldout|validation] [--clips a,b] MODEL.innf
 * </pre>
 */
public final class EvalNlfOffsets {
    private static final int CTU = 64;
    private static final int MAX_OFFSET = 7;
    private static final int CLASSES = 7;
    private static final int[][] EO_DIR = {{-1, 0, 1, 0}, {0, -1, 0, 1}, {-1, -1, 1, 1}, {1, -1, -1, 1}};

    private EvalNlfOffsets() {
    }

    public static void main(String[] args) throws Exception {
        EvalNlf.evaluate(args, EvalNlfOffsets::gains,
                List.of("nlf", "sao db", "sao nlf", "nn frame", "nn ctu", "nn share"), 5);
    }

    /** nlf, sao db, sao nlf, nn frame, nn ctu (dB YUV over deblocked), share of CTUs taking the class type. */
    static double[] gains(Sample s, short[] r) {
        double lambda = 0.57 * Math.pow(2, (s.qp - 12) / 3.0);
        Plane[] planes = Plane.of(s, r);
        int lumaScale = bestScale(planes, 0, 1);
        int chromaScale = bestScale(planes, 1, 3);
        double[][] sse = new double[5][3];
        double nnCtus = 0;
        double ctus = 0;
        for (int c = 0; c < 3; c++) {
            Plane p = planes[c];
            int scale = c == 0 ? lumaScale : chromaScale;
            boolean[] on = c == 0 ? p.switchMap(scale) : Plane.chromaMap(planes[1], planes[2], scale);
            int[] filtered = p.filtered(scale, on);
            int[] cls = p.classes(scale, on);
            sse[0][c] = p.sse(filtered);
            sse[1][c] = p.sao(p.rec, null, lambda, false).cost;
            sse[2][c] = p.sao(filtered, null, lambda, false).cost;
            sse[3][c] = p.frameClasses(filtered, cls, lambda);
            Sao withClasses = p.sao(filtered, cls, lambda, true);
            sse[4][c] = withClasses.cost;
            nnCtus += withClasses.classCtus;
            ctus += p.ctuCount();
        }
        double[] base = psnr(new double[] {planes[0].sse(planes[0].rec), planes[1].sse(planes[1].rec),
            planes[2].sse(planes[2].rec)}, s.n());
        double[] g = new double[6];
        for (int k = 0; k < 5; k++) {
            g[k] = psnr(sse[k], s.n())[3] - base[3];
        }
        g[5] = nnCtus / ctus;
        return g;
    }

    private static double[] psnr(double[] yuv, int n) {
        return TrainNlf.psnr(new double[] {yuv[0], 0, 0, 0, yuv[1], yuv[2]}, n);
    }

    /** The scale in 8..255 (steps of 4) whose CTU-switched SSE over planes [from, to) is lowest, 0 if none helps. */
    private static int bestScale(Plane[] planes, int from, int to) {
        double best = 0;
        for (int c = from; c < to; c++) {
            best += planes[c].sse(planes[c].rec);
        }
        int bestScale = 0;
        for (int sc = 8; sc <= 255; sc += 4) {
            boolean[] on = from == 0 ? planes[0].switchMap(sc) : Plane.chromaMap(planes[1], planes[2], sc);
            double v = 0;
            for (int c = from; c < to; c++) {
                v += planes[c].sse(planes[c].filtered(sc, on));
            }
            if (v < best) {
                best = v;
                bestScale = sc;
            }
        }
        return bestScale;
    }

    private record Sao(double cost, int classCtus) {
    }

    /** One component at its own resolution: deblocked and source samples and the network output (1/16 sample). */
    private record Plane(int w, int h, int ctu, int[] rec, int[] orig, int[] net) {

        static Plane[] of(Sample s, short[] r) {
            int n = s.n();
            int lw = 2 * s.w;
            int[] rec = new int[4 * n];
            int[] orig = new int[4 * n];
            int[] net = new int[4 * n];
            for (int p = 0; p < 4; p++) {
                for (int y = 0; y < s.h; y++) {
                    for (int x = 0; x < s.w; x++) {
                        int i = p * n + y * s.w + x;
                        int j = (2 * y + (p >> 1)) * lw + 2 * x + (p & 1);
                        rec[j] = s.rec[i] & 255;
                        orig[j] = s.orig[i] & 255;
                        net[j] = r[i];
                    }
                }
            }
            Plane[] planes = {new Plane(lw, 2 * s.h, CTU, rec, orig, net), null, null};
            for (int c = 1; c < 3; c++) {
                int[] cr = new int[n];
                int[] co = new int[n];
                int[] cn = new int[n];
                for (int j = 0; j < n; j++) {
                    int i = (3 + c) * n + j;
                    cr[j] = s.rec[i] & 255;
                    co[j] = s.orig[i] & 255;
                    cn[j] = r[i];
                }
                planes[c] = new Plane(s.w, s.h, CTU / 2, cr, co, cn);
            }
            return planes;
        }

        int cols() {
            return (w + ctu - 1) / ctu;
        }

        int ctuCount() {
            return cols() * ((h + ctu - 1) / ctu);
        }

        int ctuOf(int x, int y) {
            return (y / ctu) * cols() + x / ctu;
        }

        /** §3.2 at 8 bits: the deblocked sample plus the rounded scaled correction where the CTU is on. */
        int[] filtered(int scale, boolean[] on) {
            int[] f = rec.clone();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (on[ctuOf(x, y)]) {
                        f[i] = Math.clamp(rec[i] + ((net[i] * scale + 512) >> 10), 0, 255);
                    }
                }
            }
            return f;
        }

        /** CTUs where the filter at {@code scale} lowers this plane's SSE. */
        boolean[] switchMap(int scale) {
            double[] delta = ctuDelta(scale);
            boolean[] on = new boolean[delta.length];
            for (int k = 0; k < on.length; k++) {
                on[k] = delta[k] < 0;
            }
            return on;
        }

        /** CTUs where the filter at {@code scale} lowers the SSE of Cb and Cr together (they share the flag). */
        static boolean[] chromaMap(Plane cb, Plane cr, int scale) {
            double[] a = cb.ctuDelta(scale);
            double[] b = cr.ctuDelta(scale);
            boolean[] on = new boolean[a.length];
            for (int k = 0; k < on.length; k++) {
                on[k] = a[k] + b[k] < 0;
            }
            return on;
        }

        private double[] ctuDelta(int scale) {
            double[] d = new double[ctuCount()];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int f = Math.clamp(rec[i] + ((net[i] * scale + 512) >> 10), 0, 255);
                    d[ctuOf(x, y)] += sq(f - orig[i]) - sq(rec[i] - orig[i]);
                }
            }
            return d;
        }

        /** Class 0..6 of the network's correction where the CTU is on (boundaries ±0.5, ±1.5, ±2.5 samples), 3 elsewhere. */
        int[] classes(int scale, boolean[] on) {
            int[] cls = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    double c = on[ctuOf(x, y)] ? net[i] * scale / 1024.0 : 0;
                    cls[i] = Math.clamp((int) Math.floor(c + 3.5), 0, CLASSES - 1);
                }
            }
            return cls;
        }

        double sse(int[] f) {
            double t = 0;
            for (int i = 0; i < f.length; i++) {
                t += sq(f[i] - orig[i]);
            }
            return t;
        }

        /** One set of class offsets for the whole plane on top of {@code f}: SSE + lambda * bits, or {@code f}'s SSE. */
        double frameClasses(int[] f, int[] cls, double lambda) {
            double[] n = new double[CLASSES];
            double[] s = new double[CLASSES];
            for (int i = 0; i < f.length; i++) {
                n[cls[i]]++;
                s[cls[i]] += orig[i] - f[i];
            }
            double cost = lambda; // the enable flag
            for (int k = 0; k < CLASSES; k++) {
                cost += bestOffset(n[k], s[k], lambda, 0)[1];
            }
            double plain = sse(f);
            return Math.min(plain + lambda, plain + cost);
        }

        /**
         * Per CTU the cheapest of none, band offset, edge offset (4 classes), the class offsets when
         * {@code cls} is given, or merging the left or upper CTU's parameters; total SSE + lambda * bits.
         */
        Sao sao(int[] f, int[] cls, double lambda, boolean classType) {
            int cols = cols();
            int rows = (h + ctu - 1) / ctu;
            double total = 0;
            int classCtus = 0;
            Params[] chosen = new Params[cols * rows];
            for (int cy = 0; cy < rows; cy++) {
                for (int cx = 0; cx < cols; cx++) {
                    int x0 = cx * ctu;
                    int y0 = cy * ctu;
                    int x1 = Math.min(w, x0 + ctu);
                    int y1 = Math.min(h, y0 + ctu);
                    double mergeBits = (cx > 0 ? 1 : 0) + (cy > 0 ? 1 : 0);
                    double typeNone = 1;
                    double typeBand = 2;
                    double typeEdge = 2;
                    double typeClass = 3;
                    if (classType) {
                        typeBand = 3;
                    }
                    // each candidate: delta SSE (<= 0 when useful) + lambda * bits
                    Params best = new Params(0, null, 0, lambda * (mergeBits + typeNone));
                    Params band = bandOffset(f, x0, y0, x1, y1, lambda);
                    best = cheaper(best, band.withBits(lambda * (mergeBits + typeBand)));
                    for (int dir = 0; dir < 4; dir++) {
                        Params edge = edgeOffset(f, dir, x0, y0, x1, y1, lambda);
                        best = cheaper(best, edge.withBits(lambda * (mergeBits + typeEdge)));
                    }
                    if (classType) {
                        best = cheaper(best, classOffset(f, cls, x0, y0, x1, y1, lambda)
                                .withBits(lambda * (mergeBits + typeClass)));
                    }
                    if (cx > 0) {
                        best = cheaper(best, apply(chosen[cy * cols + cx - 1], f, cls, x0, y0, x1, y1, lambda * 1));
                    }
                    if (cy > 0) {
                        best = cheaper(best, apply(chosen[(cy - 1) * cols + cx], f, cls, x0, y0, x1, y1,
                                lambda * (cx > 0 ? 2 : 1)));
                    }
                    chosen[cy * cols + cx] = best;
                    total += best.cost;
                    classCtus += best.type == 3 ? 1 : 0;
                }
            }
            // a frame-level enable flag (H.265's slice_sao_luma_flag / slice_sao_chroma_flag) turns it all off
            double plain = sse(f);
            return plain + total + lambda < plain + lambda ? new Sao(plain + total + lambda, classCtus) : new Sao(plain + lambda, 0);
        }

        /** type 0 none, 1 band (arg: first band), 2 edge (arg: direction), 3 classes; cost = delta SSE + lambda * bits. */
        private record Params(int type, int[] offsets, int arg, double cost) {
            Params withBits(double rateCost) {
                return new Params(type, offsets, arg, cost + rateCost);
            }
        }

        private static Params cheaper(Params a, Params b) {
            return b.cost < a.cost ? b : a;
        }

        /** A neighbour's parameters applied to this CTU (a merge): its delta SSE plus the merge flags' cost. */
        private Params apply(Params p, int[] f, int[] cls, int x0, int y0, int x1, int y1, double rateCost) {
            double d = 0;
            if (p.type != 0) {
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = y * w + x;
                        int k = category(p, f, cls, x, y);
                        if (k >= 0) {
                            int o = p.offsets[k];
                            int v = Math.clamp(f[i] + o, 0, 255);
                            d += sq(v - orig[i]) - sq(f[i] - orig[i]);
                        }
                    }
                }
            }
            return new Params(p.type, p.offsets, p.arg, d + rateCost);
        }

        /** The offset index of the sample under {@code p}, or -1 when none applies. */
        private int category(Params p, int[] f, int[] cls, int x, int y) {
            return switch (p.type) {
                case 1 -> {
                    int b = (f[y * w + x] >> 3) - p.arg;
                    yield b >= 0 && b < 4 ? b : -1;
                }
                case 2 -> edgeCategory(f, p.arg, x, y);
                case 3 -> cls[y * w + x];
                default -> -1;
            };
        }

        /** H.265 §8.7.3 edgeIdx: 0 local minimum, 1 and 2 half edges, 3 local maximum, -1 flat or at the border. */
        private int edgeCategory(int[] f, int dir, int x, int y) {
            int ax = x + EO_DIR[dir][0];
            int ay = y + EO_DIR[dir][1];
            int bx = x + EO_DIR[dir][2];
            int by = y + EO_DIR[dir][3];
            if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= w || bx >= w || ay >= h || by >= h) {
                return -1;
            }
            int c = f[y * w + x];
            int e = 2 + Integer.signum(c - f[ay * w + ax]) + Integer.signum(c - f[by * w + bx]);
            return switch (e) {
                case 0 -> 0;
                case 1 -> 1;
                case 3 -> 2;
                case 4 -> 3;
                default -> -1;
            };
        }

        private Params edgeOffset(int[] f, int dir, int x0, int y0, int x1, int y1, double lambda) {
            double[] n = new double[4];
            double[] s = new double[4];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int k = edgeCategory(f, dir, x, y);
                    if (k >= 0) {
                        n[k]++;
                        s[k] += orig[y * w + x] - f[y * w + x];
                    }
                }
            }
            int[] off = new int[4];
            double cost = lambda * 2; // class
            for (int k = 0; k < 4; k++) {
                // minima and half-minima brighten, maxima darken (H.265 signs)
                double[] b = bestOffset(n[k], s[k], lambda, k < 2 ? 1 : -1);
                off[k] = (int) b[0];
                cost += b[1];
            }
            return new Params(2, off, dir, cost);
        }

        private Params bandOffset(int[] f, int x0, int y0, int x1, int y1, double lambda) {
            double[] n = new double[32];
            double[] s = new double[32];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int i = y * w + x;
                    n[f[i] >> 3]++;
                    s[f[i] >> 3] += orig[i] - f[i];
                }
            }
            double[][] b = new double[32][];
            for (int k = 0; k < 32; k++) {
                b[k] = bestOffset(n[k], s[k], lambda, 0);
            }
            int bestStart = 0;
            double bestCost = Double.MAX_VALUE;
            for (int start = 0; start <= 28; start++) {
                double c = b[start][1] + b[start + 1][1] + b[start + 2][1] + b[start + 3][1];
                if (c < bestCost) {
                    bestCost = c;
                    bestStart = start;
                }
            }
            int[] off = new int[4];
            for (int k = 0; k < 4; k++) {
                off[k] = (int) b[bestStart + k][0];
            }
            return new Params(1, off, bestStart, bestCost + lambda * 5);
        }

        private Params classOffset(int[] f, int[] cls, int x0, int y0, int x1, int y1, double lambda) {
            double[] n = new double[CLASSES];
            double[] s = new double[CLASSES];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int i = y * w + x;
                    n[cls[i]]++;
                    s[cls[i]] += orig[i] - f[i];
                }
            }
            int[] off = new int[CLASSES];
            double cost = 0;
            for (int k = 0; k < CLASSES; k++) {
                double[] b = bestOffset(n[k], s[k], lambda, 0);
                off[k] = (int) b[0];
                cost += b[1];
            }
            return new Params(3, off, 0, cost);
        }

        /**
         * The offset d in [-7, 7] (only d * sign >= 0 when {@code sign} is not 0) minimising
         * {@code n d^2 - 2 d s + lambda * bits(d)}; returns {d, that cost}. Bits: truncated unary of
         * |d| (cMax 7) plus a sign bit for a non-zero d when the sign is free.
         */
        private static double[] bestOffset(double n, double s, double lambda, int sign) {
            double bestCost = lambda * 1;
            int best = 0;
            for (int d = -MAX_OFFSET; d <= MAX_OFFSET; d++) {
                if (d == 0 || (sign != 0 && d * sign < 0)) {
                    continue;
                }
                int a = Math.abs(d);
                double bits = Math.min(a + 1, MAX_OFFSET) + (sign == 0 ? 1 : 0);
                double c = n * d * d - 2 * d * s + lambda * bits;
                if (c < bestCost) {
                    bestCost = c;
                    best = d;
                }
            }
            return new double[] {best, bestCost};
        }

        private static double sq(double v) {
            return v * v;
        }
    }
}
