package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.DeblockingFilter;
import io.inlay.core.kernels.Kernels;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link DeblockingFilter}, bit-exact with the scalar reference (H.265 §8.7.2.5.3,
 * §8.7.2.5.5-7).
 *
 * <p>Runs along a horizontal edge ({@code along == 1}) are vectorised with one lane per line:
 * the p3..q3 rows of the run are contiguous, so each is one vector load. The per-segment
 * decisions are lane masks: dp and dq are computed on every line, and lines 0 and 3 of each
 * segment are added and spread over its four lanes (dE, dEp, dEq); the strong-filter test dSam
 * of lines 0 and 3 likewise. β and tC per lane are the first segment's broadcast with the next
 * segments' blended in by constant lane masks (a gather with an index map measured slower in a
 * loaded side-by-side run: 5.4-7.2 against 4.7-4.9 µs for the horizontal edges of a 64x64 CTU in
 * 32-bit lanes). Both the strong and the normal filter are computed on every lane and the results
 * blended by the masks; the six rows p2..q2 are stored back (lanes that are not filtered store
 * their own values). A group of segments whose β or tC are all 0, or whose lanes all fail dE, is
 * skipped without a store.
 *
 * <p>Up to 10 bits luma runs use 16-bit lanes (32/16/8 per 512/256/128-bit vector: 8/4/2
 * segments), where every intermediate fits, and the per-segment sums of lines 0 and 3 come from
 * the vector's 64-bit view (one segment per long) instead of a shuffle. 12-bit samples and the
 * segments left over take 32-bit lanes (16/8/4 per vector: 4/2/1 segments; no intermediate can
 * overflow) with constant shuffles for the per-segment sums. Chroma runs (2 lines per segment, no
 * decisions) use 32-bit lanes (8/4/2 segments) and the scalar code for a last odd segment.
 *
 * <p>Vertical edges ({@code along == stride}) stay on the scalar reference: their lines are a
 * stride apart, so lanes would need gathers and scatters of 16-bit samples or a transpose. A
 * transpose through a per-thread buffer (p3..q3 of every line copied into 8 rows, filtered as a
 * horizontal run, p2..q2 copied back) measured no clear gain over the scalar loop (docs/kernels.md),
 * so it was not kept. The single-segment methods are the scalar ones too.
 */
final class VectorDeblockingFilter implements DeblockingFilter {
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Short> S64 = ShortVector.SPECIES_64;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;

    // Lane i <- line 0 (resp. line 3) of its segment.
    private static final VectorShuffle<Integer> FIRST16 = VectorShuffle.fromOp(I512, i -> i & ~3);
    private static final VectorShuffle<Integer> LAST16 = VectorShuffle.fromOp(I512, i -> i | 3);
    private static final VectorShuffle<Integer> FIRST8 = VectorShuffle.fromOp(I256, i -> i & ~3);
    private static final VectorShuffle<Integer> LAST8 = VectorShuffle.fromOp(I256, i -> i | 3);
    private static final VectorShuffle<Integer> FIRST4 = VectorShuffle.fromOp(I128, i -> i & ~3);
    private static final VectorShuffle<Integer> LAST4 = VectorShuffle.fromOp(I128, i -> i | 3);

    // Lanes of segment m (of 4 luma or 2 chroma lines) in a vector of L lanes: LANES<L>_<lines>_<m>.
    private static final VectorMask<Integer> LANES16_4_1 = VectorMask.fromLong(I512, 0xF0L);
    private static final VectorMask<Integer> LANES16_4_2 = VectorMask.fromLong(I512, 0xF00L);
    private static final VectorMask<Integer> LANES16_4_3 = VectorMask.fromLong(I512, 0xF000L);
    private static final VectorMask<Integer> LANES16_2_1 = VectorMask.fromLong(I512, 0xCL);
    private static final VectorMask<Integer> LANES16_2_2 = VectorMask.fromLong(I512, 0x30L);
    private static final VectorMask<Integer> LANES16_2_3 = VectorMask.fromLong(I512, 0xC0L);
    private static final VectorMask<Integer> LANES16_2_4 = VectorMask.fromLong(I512, 0x300L);
    private static final VectorMask<Integer> LANES16_2_5 = VectorMask.fromLong(I512, 0xC00L);
    private static final VectorMask<Integer> LANES16_2_6 = VectorMask.fromLong(I512, 0x3000L);
    private static final VectorMask<Integer> LANES16_2_7 = VectorMask.fromLong(I512, 0xC000L);
    private static final VectorMask<Integer> LANES8_4_1 = VectorMask.fromLong(I256, 0xF0L);
    private static final VectorMask<Integer> LANES8_2_1 = VectorMask.fromLong(I256, 0xCL);
    private static final VectorMask<Integer> LANES8_2_2 = VectorMask.fromLong(I256, 0x30L);
    private static final VectorMask<Integer> LANES8_2_3 = VectorMask.fromLong(I256, 0xC0L);
    private static final VectorMask<Integer> LANES4_2_1 = VectorMask.fromLong(I128, 0xCL);
    private static final VectorMask<Short> SHORTS32_1 = VectorMask.fromLong(S512, 0xF0L);
    private static final VectorMask<Short> SHORTS32_2 = VectorMask.fromLong(S512, 0xF00L);
    private static final VectorMask<Short> SHORTS32_3 = VectorMask.fromLong(S512, 0xF000L);
    private static final VectorMask<Short> SHORTS32_4 = VectorMask.fromLong(S512, 0xF0000L);
    private static final VectorMask<Short> SHORTS32_5 = VectorMask.fromLong(S512, 0xF00000L);
    private static final VectorMask<Short> SHORTS32_6 = VectorMask.fromLong(S512, 0xF000000L);
    private static final VectorMask<Short> SHORTS32_7 = VectorMask.fromLong(S512, 0xF0000000L);
    private static final VectorMask<Short> SHORTS16_1 = VectorMask.fromLong(S256, 0xF0L);
    private static final VectorMask<Short> SHORTS16_2 = VectorMask.fromLong(S256, 0xF00L);
    private static final VectorMask<Short> SHORTS16_3 = VectorMask.fromLong(S256, 0xF000L);
    private static final VectorMask<Short> SHORTS8_1 = VectorMask.fromLong(S128, 0xF0L);

    private final DeblockingFilter scalar = Kernels.scalar().deblockingFilter();
    private final boolean use16;
    private final boolean use8;

    VectorDeblockingFilter(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
    }

    @Override
    public void lumaSegment(short[] s, int q0, int across, int along, int beta, int tc, int maxValue) {
        scalar.lumaSegment(s, q0, across, along, beta, tc, maxValue);
    }

    @Override
    public void chromaSegment(short[] s, int q0, int across, int along, int tc, int maxValue) {
        scalar.chromaSegment(s, q0, across, along, tc, maxValue);
    }

    @Override
    public void lumaEdge(short[] s, int q0, int across, int along, int segments, int[] beta, int[] tc,
            int maxValue) {
        if (along != 1) {
            scalar.lumaEdge(s, q0, across, along, segments, beta, tc, maxValue);
            return;
        }
        lumaHorizontal(s, q0, across, segments, beta, tc, maxValue);
    }

    /** A run whose lines are contiguous ({@code along == 1}). */
    private void lumaHorizontal(short[] s, int q0, int across, int segments, int[] beta, int[] tc, int maxValue) {
        int j = 0;
        if (maxValue <= 1023) {
            // up to 10 bits: 16-bit lanes, twice the segments per vector
            if (use16) {
                j = lumaShort32(s, q0, across, segments, beta, tc, maxValue, j);
            }
            if (use8) {
                j = lumaShort16(s, q0, across, segments, beta, tc, maxValue, j);
            }
            j = lumaShort8(s, q0, across, segments, beta, tc, maxValue, j);
        }
        if (use16) {
            j = luma16(s, q0, across, segments, beta, tc, maxValue, j);
        }
        if (use8) {
            j = luma8(s, q0, across, segments, beta, tc, maxValue, j);
        }
        luma4(s, q0, across, segments, beta, tc, maxValue, j);
    }

    @Override
    public void chromaEdge(short[] s, int q0, int across, int along, int segments, int[] tc, int maxValue) {
        if (along != 1) {
            scalar.chromaEdge(s, q0, across, along, segments, tc, maxValue);
            return;
        }
        int j = 0;
        if (use16) {
            j = chroma16(s, q0, across, segments, tc, maxValue, j);
        }
        if (use8) {
            j = chroma8(s, q0, across, segments, tc, maxValue, j);
        }
        j = chroma4(s, q0, across, segments, tc, maxValue, j);
        for (; j < segments; j++) {
            scalar.chromaSegment(s, q0 + 2 * j, across, 1, tc[j], maxValue);
        }
    }

    /** True when segments {@code j..j+n-1} have a nonzero β and tC (luma) or tC (chroma, beta null). */
    private static boolean anyActive(int[] beta, int[] tc, int j, int n) {
        for (int k = j; k < j + n; k++) {
            if (tc[k] != 0 && (beta == null || beta[k] != 0)) {
                return true;
            }
        }
        return false;
    }

    // One method per vector width, each with its species constants, and no vector crossing a
    // call: C2 then keeps every vector in registers whether or not it inlines these methods.

    /**
     * Luma segments {@code j..} of a horizontal-edge run, 4 at a time while whole groups remain;
     * returns the first segment not filtered.
     */
    private static int luma16(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        for (; j + 4 <= segments; j += 4) {
            if (!anyActive(beta, tc, j, 4)) {
                continue;
            }
            int o = q0 + 4 * j;
            IntVector p3 = (IntVector) ShortVector.fromArray(S256, s, o - 4 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector p2 = (IntVector) ShortVector.fromArray(S256, s, o - 3 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector p1 = (IntVector) ShortVector.fromArray(S256, s, o - 2 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S256, s, o - a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S256, s, o).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S256, s, o + a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q2 = (IntVector) ShortVector.fromArray(S256, s, o + 2 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q3 = (IntVector) ShortVector.fromArray(S256, s, o + 3 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector bv = IntVector.broadcast(I512, beta[j])
                    .blend(beta[j + 1], LANES16_4_1)
                    .blend(beta[j + 2], LANES16_4_2)
                    .blend(beta[j + 3], LANES16_4_3);
            IntVector tv = IntVector.broadcast(I512, tc[j])
                    .blend(tc[j + 1], LANES16_4_1)
                    .blend(tc[j + 2], LANES16_4_2)
                    .blend(tc[j + 3], LANES16_4_3);
            // §8.7.2.5.3: dp, dq per line; dE from lines 0 and 3 of each segment.
            IntVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            IntVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            IntVector dpq = dp.add(dq);
            IntVector dp03 = dp.rearrange(FIRST16).add(dp.rearrange(LAST16));
            IntVector dq03 = dq.rearrange(FIRST16).add(dq.rearrange(LAST16));
            VectorMask<Integer> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, 0));
            if (!on.anyTrue()) {
                continue;
            }
            // §8.7.2.5.6 dSam per line, combined over lines 0 and 3.
            VectorMask<Integer> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul(5).add(1).lanewise(VectorOperators.ASHR, 1)));
            IntVector samV = IntVector.zero(I512).blend(1, sam);
            VectorMask<Integer> strong = samV.rearrange(FIRST16).and(samV.rearrange(LAST16))
                    .compare(VectorOperators.NE, 0).and(on);
            IntVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            // §8.7.2.5.7 strong filter: +-2 tC around each input sample.
            IntVector tc2 = tv.add(tv);
            IntVector sumP = p1.add(p0).add(q0v);              // p1 + p0 + q0
            IntVector sumQ = p0.add(q0v).add(q1);              // p0 + q0 + q1
            IntVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            IntVector sP1 = p2.add(sumP).add(2).lanewise(VectorOperators.ASHR, 2).max(p1.sub(tc2)).min(p1.add(tc2));
            IntVector sP2 = p3.add(p3).add(p2.mul(3)).add(sumP).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p2.sub(tc2)).min(p2.add(tc2));
            IntVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            IntVector sQ1 = q2.add(sumQ).add(2).lanewise(VectorOperators.ASHR, 2).max(q1.sub(tc2)).min(q1.add(tc2));
            IntVector sQ2 = q3.add(q3).add(q2.mul(3)).add(sumQ).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q2.sub(tc2)).min(q2.add(tc2));
            // Normal filter: p0/q0 unless |delta| >= 10 tC, p1/q1 when dEp/dEq.
            IntVector delta = q0v.sub(p0).mul(9).sub(q1.sub(p1).mul(3)).add(8).lanewise(VectorOperators.ASHR, 4);
            VectorMask<Integer> weak = delta.abs().compare(VectorOperators.LT, tv.mul(10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            IntVector wP0 = p0.add(delta).max(0).min(max);
            IntVector wQ0 = q0v.sub(delta).max(0).min(max);
            IntVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            IntVector wP1 = p2.add(p0).add(1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max(0).min(max);
            IntVector wQ1 = q2.add(q0v).add(1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max(0).min(max);
            VectorMask<Integer> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Integer> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            ((ShortVector) p2.blend(sP2, strong).convertShape(VectorOperators.I2S, S256, 0)).intoArray(s, o - 3 * a);
            ((ShortVector) p1.blend(wP1, weakP).blend(sP1, strong).convertShape(VectorOperators.I2S, S256, 0))
                    .intoArray(s, o - 2 * a);
            ((ShortVector) p0.blend(wP0, weak).blend(sP0, strong).convertShape(VectorOperators.I2S, S256, 0))
                    .intoArray(s, o - a);
            ((ShortVector) q0v.blend(wQ0, weak).blend(sQ0, strong).convertShape(VectorOperators.I2S, S256, 0))
                    .intoArray(s, o);
            ((ShortVector) q1.blend(wQ1, weakQ).blend(sQ1, strong).convertShape(VectorOperators.I2S, S256, 0))
                    .intoArray(s, o + a);
            ((ShortVector) q2.blend(sQ2, strong).convertShape(VectorOperators.I2S, S256, 0)).intoArray(s, o + 2 * a);
        }
        return j;
    }

    /** Chroma segments {@code j..} of a horizontal-edge run, 8 at a time; returns the first not filtered. */
    private static int chroma16(short[] s, int q0, int a, int segments, int[] tc, int max, int j) {
        for (; j + 8 <= segments; j += 8) {
            if (!anyActive(null, tc, j, 8)) {
                continue;
            }
            int o = q0 + 2 * j;
            IntVector p1 = (IntVector) ShortVector.fromArray(S256, s, o - 2 * a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S256, s, o - a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S256, s, o).convertShape(VectorOperators.S2I, I512, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S256, s, o + a).convertShape(VectorOperators.S2I, I512, 0);
            IntVector tv = IntVector.broadcast(I512, tc[j])
                    .blend(tc[j + 1], LANES16_2_1)
                    .blend(tc[j + 2], LANES16_2_2)
                    .blend(tc[j + 3], LANES16_2_3)
                    .blend(tc[j + 4], LANES16_2_4)
                    .blend(tc[j + 5], LANES16_2_5)
                    .blend(tc[j + 6], LANES16_2_6)
                    .blend(tc[j + 7], LANES16_2_7);
            // §8.7.2.5.5: delta = Clip3(-tC, tC, ((((q0 - p0) << 2) + p1 - q1 + 4) >> 3)).
            IntVector delta = q0v.sub(p0).lanewise(VectorOperators.LSHL, 2).add(p1).sub(q1).add(4)
                    .lanewise(VectorOperators.ASHR, 3).max(tv.neg()).min(tv);
            ((ShortVector) p0.add(delta).max(0).min(max).convertShape(VectorOperators.I2S, S256, 0)).intoArray(s, o - a);
            ((ShortVector) q0v.sub(delta).max(0).min(max).convertShape(VectorOperators.I2S, S256, 0)).intoArray(s, o);
        }
        return j;
    }

    /**
     * Luma segments {@code j..} of a horizontal-edge run, 2 at a time while whole groups remain;
     * returns the first segment not filtered.
     */
    private static int luma8(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        for (; j + 2 <= segments; j += 2) {
            if (!anyActive(beta, tc, j, 2)) {
                continue;
            }
            int o = q0 + 4 * j;
            IntVector p3 = (IntVector) ShortVector.fromArray(S128, s, o - 4 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector p2 = (IntVector) ShortVector.fromArray(S128, s, o - 3 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector p1 = (IntVector) ShortVector.fromArray(S128, s, o - 2 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S128, s, o - a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S128, s, o).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S128, s, o + a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q2 = (IntVector) ShortVector.fromArray(S128, s, o + 2 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q3 = (IntVector) ShortVector.fromArray(S128, s, o + 3 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector bv = IntVector.broadcast(I256, beta[j])
                    .blend(beta[j + 1], LANES8_4_1);
            IntVector tv = IntVector.broadcast(I256, tc[j])
                    .blend(tc[j + 1], LANES8_4_1);
            // §8.7.2.5.3: dp, dq per line; dE from lines 0 and 3 of each segment.
            IntVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            IntVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            IntVector dpq = dp.add(dq);
            IntVector dp03 = dp.rearrange(FIRST8).add(dp.rearrange(LAST8));
            IntVector dq03 = dq.rearrange(FIRST8).add(dq.rearrange(LAST8));
            VectorMask<Integer> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, 0));
            if (!on.anyTrue()) {
                continue;
            }
            // §8.7.2.5.6 dSam per line, combined over lines 0 and 3.
            VectorMask<Integer> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul(5).add(1).lanewise(VectorOperators.ASHR, 1)));
            IntVector samV = IntVector.zero(I256).blend(1, sam);
            VectorMask<Integer> strong = samV.rearrange(FIRST8).and(samV.rearrange(LAST8))
                    .compare(VectorOperators.NE, 0).and(on);
            IntVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            // §8.7.2.5.7 strong filter: +-2 tC around each input sample.
            IntVector tc2 = tv.add(tv);
            IntVector sumP = p1.add(p0).add(q0v);              // p1 + p0 + q0
            IntVector sumQ = p0.add(q0v).add(q1);              // p0 + q0 + q1
            IntVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            IntVector sP1 = p2.add(sumP).add(2).lanewise(VectorOperators.ASHR, 2).max(p1.sub(tc2)).min(p1.add(tc2));
            IntVector sP2 = p3.add(p3).add(p2.mul(3)).add(sumP).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p2.sub(tc2)).min(p2.add(tc2));
            IntVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            IntVector sQ1 = q2.add(sumQ).add(2).lanewise(VectorOperators.ASHR, 2).max(q1.sub(tc2)).min(q1.add(tc2));
            IntVector sQ2 = q3.add(q3).add(q2.mul(3)).add(sumQ).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q2.sub(tc2)).min(q2.add(tc2));
            // Normal filter: p0/q0 unless |delta| >= 10 tC, p1/q1 when dEp/dEq.
            IntVector delta = q0v.sub(p0).mul(9).sub(q1.sub(p1).mul(3)).add(8).lanewise(VectorOperators.ASHR, 4);
            VectorMask<Integer> weak = delta.abs().compare(VectorOperators.LT, tv.mul(10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            IntVector wP0 = p0.add(delta).max(0).min(max);
            IntVector wQ0 = q0v.sub(delta).max(0).min(max);
            IntVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            IntVector wP1 = p2.add(p0).add(1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max(0).min(max);
            IntVector wQ1 = q2.add(q0v).add(1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max(0).min(max);
            VectorMask<Integer> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Integer> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            ((ShortVector) p2.blend(sP2, strong).convertShape(VectorOperators.I2S, S128, 0)).intoArray(s, o - 3 * a);
            ((ShortVector) p1.blend(wP1, weakP).blend(sP1, strong).convertShape(VectorOperators.I2S, S128, 0))
                    .intoArray(s, o - 2 * a);
            ((ShortVector) p0.blend(wP0, weak).blend(sP0, strong).convertShape(VectorOperators.I2S, S128, 0))
                    .intoArray(s, o - a);
            ((ShortVector) q0v.blend(wQ0, weak).blend(sQ0, strong).convertShape(VectorOperators.I2S, S128, 0))
                    .intoArray(s, o);
            ((ShortVector) q1.blend(wQ1, weakQ).blend(sQ1, strong).convertShape(VectorOperators.I2S, S128, 0))
                    .intoArray(s, o + a);
            ((ShortVector) q2.blend(sQ2, strong).convertShape(VectorOperators.I2S, S128, 0)).intoArray(s, o + 2 * a);
        }
        return j;
    }

    /** Chroma segments {@code j..} of a horizontal-edge run, 4 at a time; returns the first not filtered. */
    private static int chroma8(short[] s, int q0, int a, int segments, int[] tc, int max, int j) {
        for (; j + 4 <= segments; j += 4) {
            if (!anyActive(null, tc, j, 4)) {
                continue;
            }
            int o = q0 + 2 * j;
            IntVector p1 = (IntVector) ShortVector.fromArray(S128, s, o - 2 * a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S128, s, o - a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S128, s, o).convertShape(VectorOperators.S2I, I256, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S128, s, o + a).convertShape(VectorOperators.S2I, I256, 0);
            IntVector tv = IntVector.broadcast(I256, tc[j])
                    .blend(tc[j + 1], LANES8_2_1)
                    .blend(tc[j + 2], LANES8_2_2)
                    .blend(tc[j + 3], LANES8_2_3);
            // §8.7.2.5.5: delta = Clip3(-tC, tC, ((((q0 - p0) << 2) + p1 - q1 + 4) >> 3)).
            IntVector delta = q0v.sub(p0).lanewise(VectorOperators.LSHL, 2).add(p1).sub(q1).add(4)
                    .lanewise(VectorOperators.ASHR, 3).max(tv.neg()).min(tv);
            ((ShortVector) p0.add(delta).max(0).min(max).convertShape(VectorOperators.I2S, S128, 0)).intoArray(s, o - a);
            ((ShortVector) q0v.sub(delta).max(0).min(max).convertShape(VectorOperators.I2S, S128, 0)).intoArray(s, o);
        }
        return j;
    }

    /**
     * Luma segments {@code j..} of a horizontal-edge run, 1 at a time while whole groups remain;
     * returns the first segment not filtered.
     */
    private static int luma4(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        for (; j + 1 <= segments; j += 1) {
            if (!anyActive(beta, tc, j, 1)) {
                continue;
            }
            int o = q0 + 4 * j;
            IntVector p3 = (IntVector) ShortVector.fromArray(S64, s, o - 4 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector p2 = (IntVector) ShortVector.fromArray(S64, s, o - 3 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector p1 = (IntVector) ShortVector.fromArray(S64, s, o - 2 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S64, s, o - a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S64, s, o).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S64, s, o + a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q2 = (IntVector) ShortVector.fromArray(S64, s, o + 2 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q3 = (IntVector) ShortVector.fromArray(S64, s, o + 3 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector bv = IntVector.broadcast(I128, beta[j]);
            IntVector tv = IntVector.broadcast(I128, tc[j]);
            // §8.7.2.5.3: dp, dq per line; dE from lines 0 and 3 of each segment.
            IntVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            IntVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            IntVector dpq = dp.add(dq);
            IntVector dp03 = dp.rearrange(FIRST4).add(dp.rearrange(LAST4));
            IntVector dq03 = dq.rearrange(FIRST4).add(dq.rearrange(LAST4));
            VectorMask<Integer> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, 0));
            if (!on.anyTrue()) {
                continue;
            }
            // §8.7.2.5.6 dSam per line, combined over lines 0 and 3.
            VectorMask<Integer> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul(5).add(1).lanewise(VectorOperators.ASHR, 1)));
            IntVector samV = IntVector.zero(I128).blend(1, sam);
            VectorMask<Integer> strong = samV.rearrange(FIRST4).and(samV.rearrange(LAST4))
                    .compare(VectorOperators.NE, 0).and(on);
            IntVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            // §8.7.2.5.7 strong filter: +-2 tC around each input sample.
            IntVector tc2 = tv.add(tv);
            IntVector sumP = p1.add(p0).add(q0v);              // p1 + p0 + q0
            IntVector sumQ = p0.add(q0v).add(q1);              // p0 + q0 + q1
            IntVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            IntVector sP1 = p2.add(sumP).add(2).lanewise(VectorOperators.ASHR, 2).max(p1.sub(tc2)).min(p1.add(tc2));
            IntVector sP2 = p3.add(p3).add(p2.mul(3)).add(sumP).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(p2.sub(tc2)).min(p2.add(tc2));
            IntVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            IntVector sQ1 = q2.add(sumQ).add(2).lanewise(VectorOperators.ASHR, 2).max(q1.sub(tc2)).min(q1.add(tc2));
            IntVector sQ2 = q3.add(q3).add(q2.mul(3)).add(sumQ).add(4).lanewise(VectorOperators.ASHR, 3)
                    .max(q2.sub(tc2)).min(q2.add(tc2));
            // Normal filter: p0/q0 unless |delta| >= 10 tC, p1/q1 when dEp/dEq.
            IntVector delta = q0v.sub(p0).mul(9).sub(q1.sub(p1).mul(3)).add(8).lanewise(VectorOperators.ASHR, 4);
            VectorMask<Integer> weak = delta.abs().compare(VectorOperators.LT, tv.mul(10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            IntVector wP0 = p0.add(delta).max(0).min(max);
            IntVector wQ0 = q0v.sub(delta).max(0).min(max);
            IntVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            IntVector wP1 = p2.add(p0).add(1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max(0).min(max);
            IntVector wQ1 = q2.add(q0v).add(1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max(0).min(max);
            VectorMask<Integer> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Integer> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            ((ShortVector) p2.blend(sP2, strong).convertShape(VectorOperators.I2S, S64, 0)).intoArray(s, o - 3 * a);
            ((ShortVector) p1.blend(wP1, weakP).blend(sP1, strong).convertShape(VectorOperators.I2S, S64, 0))
                    .intoArray(s, o - 2 * a);
            ((ShortVector) p0.blend(wP0, weak).blend(sP0, strong).convertShape(VectorOperators.I2S, S64, 0))
                    .intoArray(s, o - a);
            ((ShortVector) q0v.blend(wQ0, weak).blend(sQ0, strong).convertShape(VectorOperators.I2S, S64, 0))
                    .intoArray(s, o);
            ((ShortVector) q1.blend(wQ1, weakQ).blend(sQ1, strong).convertShape(VectorOperators.I2S, S64, 0))
                    .intoArray(s, o + a);
            ((ShortVector) q2.blend(sQ2, strong).convertShape(VectorOperators.I2S, S64, 0)).intoArray(s, o + 2 * a);
        }
        return j;
    }

    /** Chroma segments {@code j..} of a horizontal-edge run, 2 at a time; returns the first not filtered. */
    private static int chroma4(short[] s, int q0, int a, int segments, int[] tc, int max, int j) {
        for (; j + 2 <= segments; j += 2) {
            if (!anyActive(null, tc, j, 2)) {
                continue;
            }
            int o = q0 + 2 * j;
            IntVector p1 = (IntVector) ShortVector.fromArray(S64, s, o - 2 * a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector p0 = (IntVector) ShortVector.fromArray(S64, s, o - a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q0v = (IntVector) ShortVector.fromArray(S64, s, o).convertShape(VectorOperators.S2I, I128, 0);
            IntVector q1 = (IntVector) ShortVector.fromArray(S64, s, o + a).convertShape(VectorOperators.S2I, I128, 0);
            IntVector tv = IntVector.broadcast(I128, tc[j])
                    .blend(tc[j + 1], LANES4_2_1);
            // §8.7.2.5.5: delta = Clip3(-tC, tC, ((((q0 - p0) << 2) + p1 - q1 + 4) >> 3)).
            IntVector delta = q0v.sub(p0).lanewise(VectorOperators.LSHL, 2).add(p1).sub(q1).add(4)
                    .lanewise(VectorOperators.ASHR, 3).max(tv.neg()).min(tv);
            ((ShortVector) p0.add(delta).max(0).min(max).convertShape(VectorOperators.I2S, S64, 0)).intoArray(s, o - a);
            ((ShortVector) q0v.sub(delta).max(0).min(max).convertShape(VectorOperators.I2S, S64, 0)).intoArray(s, o);
        }
        return j;
    }

    /**
     * Luma segments {@code j..} of a horizontal-edge run in 32 16-bit lanes (8 segments at a
     * time), for samples of at most 10 bits (every intermediate then fits in 16 bits: the largest
     * is |9 (q0 - p0) - 3 (q1 - p1) + 8| <= 12 * 1023 + 8). Per-segment sums of lines 0 and 3 use
     * the 64-bit view of the vector (one segment per long). Returns the first segment not filtered.
     */
    private static int lumaShort32(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        short mx = (short) max;
        for (; j + 8 <= segments; j += 8) {
            if (!anyActive(beta, tc, j, 8)) {
                continue;
            }
            int o = q0 + 4 * j;
            ShortVector p3 = ShortVector.fromArray(S512, s, o - 4 * a);
            ShortVector p2 = ShortVector.fromArray(S512, s, o - 3 * a);
            ShortVector p1 = ShortVector.fromArray(S512, s, o - 2 * a);
            ShortVector p0 = ShortVector.fromArray(S512, s, o - a);
            ShortVector q0v = ShortVector.fromArray(S512, s, o);
            ShortVector q1 = ShortVector.fromArray(S512, s, o + a);
            ShortVector q2 = ShortVector.fromArray(S512, s, o + 2 * a);
            ShortVector q3 = ShortVector.fromArray(S512, s, o + 3 * a);
            ShortVector bv = ShortVector.broadcast(S512, (short) beta[j])
                    .blend((short) beta[j + 1], SHORTS32_1)
                    .blend((short) beta[j + 2], SHORTS32_2)
                    .blend((short) beta[j + 3], SHORTS32_3)
                    .blend((short) beta[j + 4], SHORTS32_4)
                    .blend((short) beta[j + 5], SHORTS32_5)
                    .blend((short) beta[j + 6], SHORTS32_6)
                    .blend((short) beta[j + 7], SHORTS32_7);
            ShortVector tv = ShortVector.broadcast(S512, (short) tc[j])
                    .blend((short) tc[j + 1], SHORTS32_1)
                    .blend((short) tc[j + 2], SHORTS32_2)
                    .blend((short) tc[j + 3], SHORTS32_3)
                    .blend((short) tc[j + 4], SHORTS32_4)
                    .blend((short) tc[j + 5], SHORTS32_5)
                    .blend((short) tc[j + 6], SHORTS32_6)
                    .blend((short) tc[j + 7], SHORTS32_7);
            ShortVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            ShortVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            ShortVector dpq = dp.add(dq);
            // Line 0 + line 3 of each segment, on all four lanes of the segment (one long each).
            LongVector l = dp.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dp03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            l = dq.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dq03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            VectorMask<Short> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, (short) 0));
            if (!on.anyTrue()) {
                continue;
            }
            VectorMask<Short> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul((short) 5).add((short) 1).lanewise(VectorOperators.ASHR, 1)));
            // dSam of line 0 and of line 3 (1 each): strong when their sum is 2.
            l = ShortVector.zero(S512).blend(1, sam).reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            VectorMask<Short> strong = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts()
                    .compare(VectorOperators.EQ, (short) 2).and(on);
            ShortVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            ShortVector tc2 = tv.add(tv);
            ShortVector sumP = p1.add(p0).add(q0v);
            ShortVector sumQ = p0.add(q0v).add(q1);
            ShortVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            ShortVector sP1 = p2.add(sumP).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(p1.sub(tc2)).min(p1.add(tc2));
            ShortVector sP2 = p3.add(p3).add(p2.mul((short) 3)).add(sumP).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(p2.sub(tc2)).min(p2.add(tc2));
            ShortVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            ShortVector sQ1 = q2.add(sumQ).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(q1.sub(tc2)).min(q1.add(tc2));
            ShortVector sQ2 = q3.add(q3).add(q2.mul((short) 3)).add(sumQ).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(q2.sub(tc2)).min(q2.add(tc2));
            ShortVector delta = q0v.sub(p0).mul((short) 9).sub(q1.sub(p1).mul((short) 3)).add((short) 8)
                    .lanewise(VectorOperators.ASHR, 4);
            VectorMask<Short> weak = delta.abs().compare(VectorOperators.LT, tv.mul((short) 10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            ShortVector wP0 = p0.add(delta).max((short) 0).min(mx);
            ShortVector wQ0 = q0v.sub(delta).max((short) 0).min(mx);
            ShortVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            ShortVector wP1 = p2.add(p0).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max((short) 0).min(mx);
            ShortVector wQ1 = q2.add(q0v).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max((short) 0).min(mx);
            VectorMask<Short> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Short> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            p2.blend(sP2, strong).intoArray(s, o - 3 * a);
            p1.blend(wP1, weakP).blend(sP1, strong).intoArray(s, o - 2 * a);
            p0.blend(wP0, weak).blend(sP0, strong).intoArray(s, o - a);
            q0v.blend(wQ0, weak).blend(sQ0, strong).intoArray(s, o);
            q1.blend(wQ1, weakQ).blend(sQ1, strong).intoArray(s, o + a);
            q2.blend(sQ2, strong).intoArray(s, o + 2 * a);
        }
        return j;
    }

    /**
     * Luma segments {@code j..} of a horizontal-edge run in 16 16-bit lanes (4 segments at a
     * time), for samples of at most 10 bits (every intermediate then fits in 16 bits: the largest
     * is |9 (q0 - p0) - 3 (q1 - p1) + 8| <= 12 * 1023 + 8). Per-segment sums of lines 0 and 3 use
     * the 64-bit view of the vector (one segment per long). Returns the first segment not filtered.
     */
    private static int lumaShort16(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        short mx = (short) max;
        for (; j + 4 <= segments; j += 4) {
            if (!anyActive(beta, tc, j, 4)) {
                continue;
            }
            int o = q0 + 4 * j;
            ShortVector p3 = ShortVector.fromArray(S256, s, o - 4 * a);
            ShortVector p2 = ShortVector.fromArray(S256, s, o - 3 * a);
            ShortVector p1 = ShortVector.fromArray(S256, s, o - 2 * a);
            ShortVector p0 = ShortVector.fromArray(S256, s, o - a);
            ShortVector q0v = ShortVector.fromArray(S256, s, o);
            ShortVector q1 = ShortVector.fromArray(S256, s, o + a);
            ShortVector q2 = ShortVector.fromArray(S256, s, o + 2 * a);
            ShortVector q3 = ShortVector.fromArray(S256, s, o + 3 * a);
            ShortVector bv = ShortVector.broadcast(S256, (short) beta[j])
                    .blend((short) beta[j + 1], SHORTS16_1)
                    .blend((short) beta[j + 2], SHORTS16_2)
                    .blend((short) beta[j + 3], SHORTS16_3);
            ShortVector tv = ShortVector.broadcast(S256, (short) tc[j])
                    .blend((short) tc[j + 1], SHORTS16_1)
                    .blend((short) tc[j + 2], SHORTS16_2)
                    .blend((short) tc[j + 3], SHORTS16_3);
            ShortVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            ShortVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            ShortVector dpq = dp.add(dq);
            // Line 0 + line 3 of each segment, on all four lanes of the segment (one long each).
            LongVector l = dp.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dp03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            l = dq.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dq03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            VectorMask<Short> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, (short) 0));
            if (!on.anyTrue()) {
                continue;
            }
            VectorMask<Short> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul((short) 5).add((short) 1).lanewise(VectorOperators.ASHR, 1)));
            // dSam of line 0 and of line 3 (1 each): strong when their sum is 2.
            l = ShortVector.zero(S256).blend(1, sam).reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            VectorMask<Short> strong = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts()
                    .compare(VectorOperators.EQ, (short) 2).and(on);
            ShortVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            ShortVector tc2 = tv.add(tv);
            ShortVector sumP = p1.add(p0).add(q0v);
            ShortVector sumQ = p0.add(q0v).add(q1);
            ShortVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            ShortVector sP1 = p2.add(sumP).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(p1.sub(tc2)).min(p1.add(tc2));
            ShortVector sP2 = p3.add(p3).add(p2.mul((short) 3)).add(sumP).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(p2.sub(tc2)).min(p2.add(tc2));
            ShortVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            ShortVector sQ1 = q2.add(sumQ).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(q1.sub(tc2)).min(q1.add(tc2));
            ShortVector sQ2 = q3.add(q3).add(q2.mul((short) 3)).add(sumQ).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(q2.sub(tc2)).min(q2.add(tc2));
            ShortVector delta = q0v.sub(p0).mul((short) 9).sub(q1.sub(p1).mul((short) 3)).add((short) 8)
                    .lanewise(VectorOperators.ASHR, 4);
            VectorMask<Short> weak = delta.abs().compare(VectorOperators.LT, tv.mul((short) 10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            ShortVector wP0 = p0.add(delta).max((short) 0).min(mx);
            ShortVector wQ0 = q0v.sub(delta).max((short) 0).min(mx);
            ShortVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            ShortVector wP1 = p2.add(p0).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max((short) 0).min(mx);
            ShortVector wQ1 = q2.add(q0v).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max((short) 0).min(mx);
            VectorMask<Short> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Short> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            p2.blend(sP2, strong).intoArray(s, o - 3 * a);
            p1.blend(wP1, weakP).blend(sP1, strong).intoArray(s, o - 2 * a);
            p0.blend(wP0, weak).blend(sP0, strong).intoArray(s, o - a);
            q0v.blend(wQ0, weak).blend(sQ0, strong).intoArray(s, o);
            q1.blend(wQ1, weakQ).blend(sQ1, strong).intoArray(s, o + a);
            q2.blend(sQ2, strong).intoArray(s, o + 2 * a);
        }
        return j;
    }

    /**
     * Luma segments {@code j..} of a horizontal-edge run in 8 16-bit lanes (2 segments at a
     * time), for samples of at most 10 bits (every intermediate then fits in 16 bits: the largest
     * is |9 (q0 - p0) - 3 (q1 - p1) + 8| <= 12 * 1023 + 8). Per-segment sums of lines 0 and 3 use
     * the 64-bit view of the vector (one segment per long). Returns the first segment not filtered.
     */
    private static int lumaShort8(short[] s, int q0, int a, int segments, int[] beta, int[] tc, int max, int j) {
        short mx = (short) max;
        for (; j + 2 <= segments; j += 2) {
            if (!anyActive(beta, tc, j, 2)) {
                continue;
            }
            int o = q0 + 4 * j;
            ShortVector p3 = ShortVector.fromArray(S128, s, o - 4 * a);
            ShortVector p2 = ShortVector.fromArray(S128, s, o - 3 * a);
            ShortVector p1 = ShortVector.fromArray(S128, s, o - 2 * a);
            ShortVector p0 = ShortVector.fromArray(S128, s, o - a);
            ShortVector q0v = ShortVector.fromArray(S128, s, o);
            ShortVector q1 = ShortVector.fromArray(S128, s, o + a);
            ShortVector q2 = ShortVector.fromArray(S128, s, o + 2 * a);
            ShortVector q3 = ShortVector.fromArray(S128, s, o + 3 * a);
            ShortVector bv = ShortVector.broadcast(S128, (short) beta[j])
                    .blend((short) beta[j + 1], SHORTS8_1);
            ShortVector tv = ShortVector.broadcast(S128, (short) tc[j])
                    .blend((short) tc[j + 1], SHORTS8_1);
            ShortVector dp = p2.sub(p1.add(p1)).add(p0).abs();
            ShortVector dq = q2.sub(q1.add(q1)).add(q0v).abs();
            ShortVector dpq = dp.add(dq);
            // Line 0 + line 3 of each segment, on all four lanes of the segment (one long each).
            LongVector l = dp.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dp03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            l = dq.reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            ShortVector dq03 = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts();
            VectorMask<Short> on = dp03.add(dq03).compare(VectorOperators.LT, bv)
                    .and(tv.compare(VectorOperators.GT, (short) 0));
            if (!on.anyTrue()) {
                continue;
            }
            VectorMask<Short> sam = dpq.add(dpq).compare(VectorOperators.LT, bv.lanewise(VectorOperators.ASHR, 2))
                    .and(p3.sub(p0).abs().add(q0v.sub(q3).abs()).compare(VectorOperators.LT,
                            bv.lanewise(VectorOperators.ASHR, 3)))
                    .and(p0.sub(q0v).abs().compare(VectorOperators.LT,
                            tv.mul((short) 5).add((short) 1).lanewise(VectorOperators.ASHR, 1)));
            // dSam of line 0 and of line 3 (1 each): strong when their sum is 2.
            l = ShortVector.zero(S128).blend(1, sam).reinterpretAsLongs();
            l = l.and(0xFFFFL).add(l.lanewise(VectorOperators.LSHR, 48));
            l = l.or(l.lanewise(VectorOperators.LSHL, 16));
            VectorMask<Short> strong = l.or(l.lanewise(VectorOperators.LSHL, 32)).reinterpretAsShorts()
                    .compare(VectorOperators.EQ, (short) 2).and(on);
            ShortVector side = bv.add(bv.lanewise(VectorOperators.ASHR, 1)).lanewise(VectorOperators.ASHR, 3);
            ShortVector tc2 = tv.add(tv);
            ShortVector sumP = p1.add(p0).add(q0v);
            ShortVector sumQ = p0.add(q0v).add(q1);
            ShortVector sP0 = p2.add(sumP.add(sumQ)).add(p1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(p0.sub(tc2)).min(p0.add(tc2));
            ShortVector sP1 = p2.add(sumP).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(p1.sub(tc2)).min(p1.add(tc2));
            ShortVector sP2 = p3.add(p3).add(p2.mul((short) 3)).add(sumP).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(p2.sub(tc2)).min(p2.add(tc2));
            ShortVector sQ0 = q2.add(sumP.add(sumQ)).add(q1).add((short) 4).lanewise(VectorOperators.ASHR, 3)
                    .max(q0v.sub(tc2)).min(q0v.add(tc2));
            ShortVector sQ1 = q2.add(sumQ).add((short) 2).lanewise(VectorOperators.ASHR, 2)
                    .max(q1.sub(tc2)).min(q1.add(tc2));
            ShortVector sQ2 = q3.add(q3).add(q2.mul((short) 3)).add(sumQ).add((short) 4)
                    .lanewise(VectorOperators.ASHR, 3).max(q2.sub(tc2)).min(q2.add(tc2));
            ShortVector delta = q0v.sub(p0).mul((short) 9).sub(q1.sub(p1).mul((short) 3)).add((short) 8)
                    .lanewise(VectorOperators.ASHR, 4);
            VectorMask<Short> weak = delta.abs().compare(VectorOperators.LT, tv.mul((short) 10)).and(on).andNot(strong);
            delta = delta.max(tv.neg()).min(tv);
            ShortVector wP0 = p0.add(delta).max((short) 0).min(mx);
            ShortVector wQ0 = q0v.sub(delta).max((short) 0).min(mx);
            ShortVector tcH = tv.lanewise(VectorOperators.ASHR, 1);
            ShortVector wP1 = p2.add(p0).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(p1).add(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(p1).max((short) 0).min(mx);
            ShortVector wQ1 = q2.add(q0v).add((short) 1).lanewise(VectorOperators.ASHR, 1).sub(q1).sub(delta)
                    .lanewise(VectorOperators.ASHR, 1).max(tcH.neg()).min(tcH).add(q1).max((short) 0).min(mx);
            VectorMask<Short> weakP = weak.and(dp03.compare(VectorOperators.LT, side));
            VectorMask<Short> weakQ = weak.and(dq03.compare(VectorOperators.LT, side));
            p2.blend(sP2, strong).intoArray(s, o - 3 * a);
            p1.blend(wP1, weakP).blend(sP1, strong).intoArray(s, o - 2 * a);
            p0.blend(wP0, weak).blend(sP0, strong).intoArray(s, o - a);
            q0v.blend(wQ0, weak).blend(sQ0, strong).intoArray(s, o);
            q1.blend(wQ1, weakQ).blend(sQ1, strong).intoArray(s, o + a);
            q2.blend(sQ2, strong).intoArray(s, o + 2 * a);
        }
        return j;
    }
}
