package io.inlay.core.encoder;

import io.inlay.bitstream.BitCounter;
import io.inlay.bitstream.ContextSet;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.syntax.CodingTree;
import java.util.Arrays;

/**
 * Chooses the neural loop filter's scales and CTU flags of a frame (docs/rdo.md, "Neural loop
 * filter"), luma and chroma (Cb + Cr) independently, from one network run
 * ({@link NeuralLoopFilter#analyse}):
 *
 * <ol>
 * <li>Per CTU, the least-squares statistics of the correction against the coding error
 *     {@code e = orig - rec}: {@code sum e*R}, {@code sum R^2}. The scale minimising the squared
 *     error over the CTUs where the correction helps (refined twice) is quantised to 1..255.</li>
 * <li>A few scales around it (x1/2 .. x3/2) are evaluated exactly: per CTU the SSE of the filtered
 *     samples (rounding and clipping of §3.2 included) against the unfiltered SSE.</li>
 * <li>For each scale the CTU flags are chosen in coding order, each on iff
 *     {@code w * (SSE_on - SSE_off) + lambda * (bits(1) - bits(0)) < 0}, the bits priced by a
 *     {@link BitCounter} from the encoder's context state with the neighbour-dependent context of
 *     the flag, which then adapts as the real coder's will.</li>
 * <li>The scale with the least {@code w * SSE + lambda * bits} wins if it beats the filter off
 *     ({@code w * SSE_off}, no flags coded); otherwise the component's scale is 0.</li>
 * </ol>
 *
 * {@code w} is 1 for luma and the chroma weight for chroma, as in the rest of the encoder. The
 * scale bytes are coded whenever the sequence enables the tool, whatever their value, so they are
 * not part of the comparison. Leaves the flags in the stage's {@link NeuralLoopFilter#lumaFlags()}
 * and {@link NeuralLoopFilter#chromaFlags()} (all 0 for a component that is off).
 */
final class NeuralFilterDecision {
    /** Scales tried around the least-squares one, in 1/8. */
    private static final int[] FACTORS_8 = {4, 6, 7, 8, 9, 10, 12};

    private final NeuralLoopFilter nlf;
    private final int ctbs;
    private final long[] sseOff;
    private final long[] sseOn;
    private final double[] er;
    private final double[] rr;
    private final byte[] trial;
    private ContextSet counterContexts;

    // results of the last decide(), per component (0 luma, 1 chroma)
    private final int[] scale = new int[2];
    private final long[] frameSseOff = new long[2];
    private final long[] frameSseChosen = new long[2];
    private final long[] flagCost = new long[2];
    private double lambda;
    private double chromaWeight;

    NeuralFilterDecision(NeuralLoopFilter nlf) {
        this.nlf = nlf;
        this.ctbs = nlf.ctbCols() * nlf.ctbRows();
        this.sseOff = new long[ctbs];
        this.sseOn = new long[ctbs];
        this.er = new double[ctbs];
        this.rr = new double[ctbs];
        this.trial = new byte[ctbs];
    }

    /**
     * Decides both components for the deblocked {@code rec} (already analysed by the stage) against
     * {@code orig}, both coded-area pictures; {@code contexts} is the encoder's context state where
     * the flags will be coded (not modified).
     */
    void decide(Picture orig, Picture rec, double lambda, double chromaWeight, ContextSet contexts) {
        this.lambda = lambda;
        this.chromaWeight = chromaWeight;
        if (counterContexts == null) {
            counterContexts = contexts.copy();
        }
        decideComponent(0, orig, rec, 1.0, contexts, nlf.lumaFlags());
        decideComponent(1, orig, rec, chromaWeight, contexts, nlf.chromaFlags());
    }

    /** {@code nlf_luma_scale} chosen by the last {@link #decide}. */
    int lumaScale() {
        return scale[0];
    }

    /** {@code nlf_chroma_scale} chosen by the last {@link #decide}. */
    int chromaScale() {
        return scale[1];
    }

    /** SSE of the component (0 luma, 1 Cb + Cr) without the filter, in the last frame. */
    long sseOff(int component) {
        return frameSseOff[component];
    }

    /** SSE of the component with the chosen scale and flags (= {@link #sseOff} when off). */
    long sseChosen(int component) {
        return frameSseChosen[component];
    }

    /** Estimated cost of the component's CTU flags in 1/32768 bit (0 when off). */
    long flagCost(int component) {
        return flagCost[component];
    }

    /** The stage whose flags the last decision set. */
    NeuralLoopFilter stage() {
        return nlf;
    }

    /** lambda of the last decision. */
    double lambda() {
        return lambda;
    }

    /** Weight of chroma distortion in the last decision. */
    double chromaWeight() {
        return chromaWeight;
    }

    private void decideComponent(int comp, Picture orig, Picture rec, double weight, ContextSet contexts,
                                 byte[] flags) {
        int bitDepth = rec.bitDepth();
        statistics(comp, orig, rec);
        long offTotal = 0;
        for (int i = 0; i < ctbs; i++) {
            offTotal += sseOff[i];
        }
        frameSseOff[comp] = offTotal;
        frameSseChosen[comp] = offTotal;
        flagCost[comp] = 0;
        scale[comp] = 0;
        Arrays.fill(flags, (byte) 0);
        // d = R * scale * k, k = 2^(BitDepth - 8) / 1024
        double k = (1 << (bitDepth - 8)) / 1024.0;
        double sNum = 0;
        double sDen = 0;
        for (int i = 0; i < ctbs; i++) {
            if (er[i] > 0) {
                sNum += er[i];
                sDen += rr[i];
            }
        }
        if (sNum <= 0 || sDen <= 0) {
            return;
        }
        double s = sNum / (k * sDen);
        for (int pass = 0; pass < 2; pass++) {
            // CTUs whose squared error falls at scale s: 2 k s er - k^2 s^2 rr > 0
            double num = 0;
            double den = 0;
            for (int i = 0; i < ctbs; i++) {
                if (er[i] > 0.5 * k * s * rr[i]) {
                    num += er[i];
                    den += rr[i];
                }
            }
            if (num <= 0 || den <= 0) {
                break;
            }
            s = num / (k * den);
        }
        int base = (int) Math.max(1, Math.min(255, Math.round(s)));
        double best = weight * offTotal;
        int bestScale = 0;
        int tried = -1;
        for (int f : FACTORS_8) {
            int sc = Math.max(1, Math.min(255, (base * f + 4) >> 3));
            if (sc == tried) {
                continue;
            }
            tried = sc;
            filteredSse(comp, orig, rec, sc);
            counterContexts.copyFrom(contexts);
            BitCounter counter = new BitCounter(counterContexts);
            long sse = 0;
            for (int i = 0; i < ctbs; i++) {
                int ctx = CodingTree.nlfCtuFlagCtx(trial, i, nlf.ctbCols(), comp == 1);
                double jOn = weight * sseOn[i] + lambda * counterContexts.cost(ctx, 1) * CtuSearch.COST_UNIT;
                double jOff = weight * sseOff[i] + lambda * counterContexts.cost(ctx, 0) * CtuSearch.COST_UNIT;
                int on = jOn < jOff ? 1 : 0;
                trial[i] = (byte) on;
                counter.encodeBin(ctx, on);
                sse += on != 0 ? sseOn[i] : sseOff[i];
            }
            double j = weight * sse + lambda * counter.cost() * CtuSearch.COST_UNIT;
            if (j < best) {
                best = j;
                bestScale = sc;
                System.arraycopy(trial, 0, flags, 0, ctbs);
                frameSseChosen[comp] = sse;
                flagCost[comp] = counter.cost();
            }
        }
        scale[comp] = bestScale;
        if (bestScale == 0) {
            Arrays.fill(flags, (byte) 0);
        }
    }

    // Per CTU: SSE without the filter, sum e*R and sum R^2 (e = orig - rec).
    private void statistics(int comp, Picture orig, Picture rec) {
        Arrays.fill(sseOff, 0);
        Arrays.fill(er, 0);
        Arrays.fill(rr, 0);
        scan(comp, orig, rec, 0);
    }

    // Per CTU: SSE of the filtered samples at scale sc (§3.2 exactly).
    private void filteredSse(int comp, Picture orig, Picture rec, int sc) {
        Arrays.fill(sseOn, 0);
        scan(comp, orig, rec, sc);
    }

    /*
     * Visits every sample of the component (luma, or Cb then Cr) with its CTU and correction:
     * statistics() when sc is 0, else the SSE of the samples filtered at scale sc.
     */
    private void scan(int comp, Picture orig, Picture rec, int sc) {
        short[] r = nlf.correction();
        int w = nlf.planeWidth();
        int h = nlf.planeHeight();
        int plane = w * h;
        int cols = nlf.ctbCols();
        int bitDepth = rec.bitDepth();
        int maxVal = rec.maxValue();
        int first = comp == 0 ? 0 : 1;
        int last = comp == 0 ? 0 : 2;
        for (int c = first; c <= last; c++) {
            Plane po = orig.plane(c);
            Plane pr = rec.plane(c);
            short[] so = po.samples();
            short[] sr = pr.samples();
            int ctbLog2 = c == 0 ? 6 : 5;
            for (int y = 0; y < pr.height(); y++) {
                int io = po.index(0, y);
                int ir = pr.index(0, y);
                int ctbRow = (y >> ctbLog2) * cols;
                int rRow = c == 0 ? ((y & 1) * 2) * plane + (y >> 1) * w : (3 + c) * plane + y * w;
                for (int x = 0; x < pr.width(); x++) {
                    int ctb = ctbRow + (x >> ctbLog2);
                    int o = so[io + x] & 0xFFFF;
                    int v = sr[ir + x] & 0xFFFF;
                    int cr = r[c == 0 ? rRow + (x & 1) * plane + (x >> 1) : rRow + x];
                    if (sc == 0) {
                        int e = o - v;
                        sseOff[ctb] += (long) e * e;
                        er[ctb] += (double) e * cr;
                        rr[ctb] += (double) cr * cr;
                    } else {
                        int e = o - Math.max(0, Math.min(maxVal, v + NeuralLoopFilter.offset(cr, sc, bitDepth)));
                        sseOn[ctb] += (long) e * e;
                    }
                }
            }
        }
    }
}
