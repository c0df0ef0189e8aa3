package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.BlockDistortion;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link BlockDistortion}, bit-exact with the scalar reference.
 *
 * <p>SSE and SAD split the block into column strips: 16 samples wide (256-bit short loads
 * widened to 512-bit ints, when the CPU has 512-bit vectors), 8 wide (128 to 256 bits, when it
 * has 256), 4 wide (64 to 128 bits), then a scalar tail for widths that are not multiples of 4.
 * Differences are taken in 16-bit lanes (|a - b| < 2^15 since samples have at most 12 bits)
 * and widened to 32 bits. SSE accumulates squares (< 2^24) in 32-bit lanes for at most
 * {@value #SSE_FLUSH} additions, then adds the lanes to a long: the high and the low 16 bits of
 * the lanes are reduced apart (each reduction fits an int). Widening the lanes to 64 bits with
 * {@code convertShape(I2L, .., 1)} would be as exact, but the Vector API implements a part other
 * than 0 with a slice whose shuffle it builds from an iota vector on every call
 * ({@code iotaShuffle} / {@code bitsToShuffle}), which a JFR profile with
 * {@code -XX:+DebugNonSafepoints} showed among the top entries (docs/presets.md).
 *
 * <p>SATD transforms one 8x8 tile in eight 256-bit int vectors (vertical butterflies between
 * vectors, horizontal ones by lane swaps), or one 4x4 tile in four 128-bit vectors; two 8x8
 * tiles side by side go together in 16-bit lanes when their differences are small enough
 * ({@link #satdPair}; always at 8 bits except for the bi-prediction search's target).
 */
final class VectorBlockDistortion implements BlockDistortion {
    private static final VectorSpecies<Short> S64 = ShortVector.SPECIES_64;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    /** 128 squares of 12-bit differences stay below 2^31 (128 * 4095^2 = 2146435200). */
    private static final int SSE_FLUSH = 128;

    // Lane butterflies for the horizontal Hadamard stages: partner lane i ^ k, and the lanes
    // (bit k set) that take partner - self instead of self + partner.
    private static final VectorShuffle<Integer> SWAP1_8 = VectorShuffle.fromOp(I256, i -> i ^ 1);
    private static final VectorShuffle<Integer> SWAP2_8 = VectorShuffle.fromOp(I256, i -> i ^ 2);
    private static final VectorShuffle<Integer> SWAP4_8 = VectorShuffle.fromOp(I256, i -> i ^ 4);
    private static final VectorMask<Integer> HIGH1_8 = VectorMask.fromLong(I256, 0xAA);
    private static final VectorMask<Integer> HIGH2_8 = VectorMask.fromLong(I256, 0xCC);
    private static final VectorMask<Short> HIGH1_16 = VectorMask.fromLong(S256, 0xAAAAL);
    private static final VectorMask<Short> HIGH2_16 = VectorMask.fromLong(S256, 0xCCCCL);
    private static final VectorShuffle<Long> SWAP1_L = VectorShuffle.fromOp(LongVector.SPECIES_256, i -> i ^ 1);
    private static final IntVector LEFT_TILE = IntVector.fromArray(I256, new int[] {-1, -1, -1, -1, 0, 0, 0, 0}, 0);
    private static final VectorShuffle<Integer> SWAP1_4 = VectorShuffle.fromOp(I128, i -> i ^ 1);
    private static final VectorShuffle<Integer> SWAP2_4 = VectorShuffle.fromOp(I128, i -> i ^ 2);
    private static final VectorMask<Integer> HIGH1_4 = VectorMask.fromLong(I128, 0xA);

    private final boolean use16;
    private final boolean use8;

    VectorBlockDistortion(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
    }

    // ---- SSE ----

    @Override
    public long sse(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        long sum = 0;
        int x = 0;
        if (use16 && width >= 16) {
            int end = width & ~15;
            sum += sse16(a, aOff, aStride, b, bOff, bStride, 0, end, height);
            x = end;
        }
        if (use8 && width - x >= 8) {
            int end = x + ((width - x) & ~7);
            sum += sse8(a, aOff, aStride, b, bOff, bStride, x, end, height);
            x = end;
        }
        if (width - x >= 4) {
            int end = x + ((width - x) & ~3);
            sum += sse4(a, aOff, aStride, b, bOff, bStride, x, end, height);
            x = end;
        }
        if (x < width) {
            sum += sseScalar(a, aOff, aStride, b, bOff, bStride, x, width, height);
        }
        return sum;
    }

    /**
     * The sum of {@code acc}'s lanes, each a sum of at most {@value #SSE_FLUSH} squares. When the
     * lanes together hold at most {@value #SSE_FLUSH} squares ({@code few}) their sum fits an int
     * and one reduction gives it; otherwise the high and the low 16 bits of the lanes are summed
     * apart, which cannot overflow.
     */
    private static long lanesSum(IntVector acc, boolean few) {
        if (few) {
            return acc.reduceLanes(VectorOperators.ADD);
        }
        return ((long) acc.lanewise(VectorOperators.LSHR, 16).reduceLanes(VectorOperators.ADD) << 16)
                + acc.and(0xFFFF).reduceLanes(VectorOperators.ADD);
    }

    private static long sse16(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        long total = 0;
        IntVector acc = IntVector.zero(I512);
        int n = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 16) {
                ShortVector d = ShortVector.fromArray(S256, a, ra + x).sub(ShortVector.fromArray(S256, b, rb + x));
                IntVector di = (IntVector) d.convertShape(VectorOperators.S2I, I512, 0);
                acc = acc.add(di.mul(di));
                if (++n == SSE_FLUSH) {
                    total += lanesSum(acc, false);
                    acc = IntVector.zero(I512);
                    n = 0;
                }
            }
        }
        return total + lanesSum(acc, (x1 - x0) * height <= SSE_FLUSH);
    }

    private static long sse8(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        long total = 0;
        IntVector acc = IntVector.zero(I256);
        int n = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 8) {
                ShortVector d = ShortVector.fromArray(S128, a, ra + x).sub(ShortVector.fromArray(S128, b, rb + x));
                IntVector di = (IntVector) d.convertShape(VectorOperators.S2I, I256, 0);
                acc = acc.add(di.mul(di));
                if (++n == SSE_FLUSH) {
                    total += lanesSum(acc, false);
                    acc = IntVector.zero(I256);
                    n = 0;
                }
            }
        }
        return total + lanesSum(acc, (x1 - x0) * height <= SSE_FLUSH);
    }

    private static long sse4(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        long total = 0;
        IntVector acc = IntVector.zero(I128);
        int n = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 4) {
                ShortVector d = ShortVector.fromArray(S64, a, ra + x).sub(ShortVector.fromArray(S64, b, rb + x));
                IntVector di = (IntVector) d.convertShape(VectorOperators.S2I, I128, 0);
                acc = acc.add(di.mul(di));
                if (++n == SSE_FLUSH) {
                    total += lanesSum(acc, false);
                    acc = IntVector.zero(I128);
                    n = 0;
                }
            }
        }
        return total + lanesSum(acc, (x1 - x0) * height <= SSE_FLUSH);
    }

    private static long sseScalar(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        long sum = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x++) {
                long d = a[ra + x] - b[rb + x];
                sum += d * d;
            }
        }
        return sum;
    }

    // ---- SAD ----

    @Override
    public int sad(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        int sum = 0;
        int x = 0;
        if (use16 && width >= 16) {
            int end = width & ~15;
            sum += sad16(a, aOff, aStride, b, bOff, bStride, 0, end, height);
            x = end;
        }
        if (use8 && width - x >= 8) {
            int end = x + ((width - x) & ~7);
            sum += sad8(a, aOff, aStride, b, bOff, bStride, x, end, height);
            x = end;
        }
        if (width - x >= 4) {
            int end = x + ((width - x) & ~3);
            sum += sad4(a, aOff, aStride, b, bOff, bStride, x, end, height);
            x = end;
        }
        if (x < width) {
            sum += sadScalar(a, aOff, aStride, b, bOff, bStride, x, width, height);
        }
        return sum;
    }

    private static int sad16(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        IntVector acc = IntVector.zero(I512);
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 16) {
                ShortVector d = ShortVector.fromArray(S256, a, ra + x).sub(ShortVector.fromArray(S256, b, rb + x));
                acc = acc.add(d.abs().convertShape(VectorOperators.S2I, I512, 0));
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static int sad8(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        IntVector acc = IntVector.zero(I256);
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 8) {
                ShortVector d = ShortVector.fromArray(S128, a, ra + x).sub(ShortVector.fromArray(S128, b, rb + x));
                acc = acc.add(d.abs().convertShape(VectorOperators.S2I, I256, 0));
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static int sad4(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        IntVector acc = IntVector.zero(I128);
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x += 4) {
                ShortVector d = ShortVector.fromArray(S64, a, ra + x).sub(ShortVector.fromArray(S64, b, rb + x));
                acc = acc.add(d.abs().convertShape(VectorOperators.S2I, I128, 0));
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static int sadScalar(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride,
            int x0, int x1, int height) {
        int sum = 0;
        for (int y = 0; y < height; y++) {
            int ra = aOff + y * aStride;
            int rb = bOff + y * bStride;
            for (int x = x0; x < x1; x++) {
                sum += Math.abs(a[ra + x] - b[rb + x]);
            }
        }
        return sum;
    }

    // ---- SATD ----

    @Override
    public int satd(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height) {
        assert width % 4 == 0 && height % 4 == 0 && width >= 4 && height >= 4 : width + "x" + height;
        int sum = 0;
        if ((width & 7) == 0 && (height & 7) == 0) {
            for (int y = 0; y < height; y += 8) {
                int ao = aOff + y * aStride;
                int bo = bOff + y * bStride;
                int x = 0;
                if (use8) {
                    for (; x + 16 <= width; x += 16) {
                        int pair = satdPair(a, ao + x, aStride, b, bo + x, bStride);
                        sum += pair >= 0 ? pair
                                : satd8x8(a, ao + x, aStride, b, bo + x, bStride)
                                        + satd8x8(a, ao + x + 8, aStride, b, bo + x + 8, bStride);
                    }
                }
                for (; x < width; x += 8) {
                    sum += satd8x8(a, ao + x, aStride, b, bo + x, bStride);
                }
            }
        } else {
            for (int y = 0; y < height; y += 4) {
                for (int x = 0; x < width; x += 4) {
                    sum += satd4x4(a, aOff + y * aStride + x, aStride, b, bOff + y * bStride + x, bStride);
                }
            }
        }
        return sum;
    }

    // The SATD tiles below are written out without helper methods: a helper that takes or
    // returns a vector is not always inlined by C2, and then every vector crossing the call is
    // boxed on the heap.

    /** (sum |H8 D H8^T| + 2) >> 2 for the 8x8 tile at ao / bo. */
    private static int satd8x8(short[] a, int ao, int as, short[] b, int bo, int bs) {
        IntVector r0 = (IntVector) ShortVector.fromArray(S128, a, ao).sub(ShortVector.fromArray(S128, b, bo))
                .convertShape(VectorOperators.S2I, I256, 0);
        IntVector r1 = (IntVector) ShortVector.fromArray(S128, a, ao + as).sub(ShortVector.fromArray(S128, b, bo + bs))
                .convertShape(VectorOperators.S2I, I256, 0);
        IntVector r2 = (IntVector) ShortVector.fromArray(S128, a, ao + 2 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 2 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        IntVector r3 = (IntVector) ShortVector.fromArray(S128, a, ao + 3 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 3 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        IntVector r4 = (IntVector) ShortVector.fromArray(S128, a, ao + 4 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 4 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        IntVector r5 = (IntVector) ShortVector.fromArray(S128, a, ao + 5 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 5 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        IntVector r6 = (IntVector) ShortVector.fromArray(S128, a, ao + 6 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 6 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        IntVector r7 = (IntVector) ShortVector.fromArray(S128, a, ao + 7 * as)
                .sub(ShortVector.fromArray(S128, b, bo + 7 * bs)).convertShape(VectorOperators.S2I, I256, 0);
        // Vertical 8-point Hadamard: butterflies between rows at distance 1, 2, 4.
        IntVector s0 = r0.add(r1), s1 = r0.sub(r1), s2 = r2.add(r3), s3 = r2.sub(r3);
        IntVector s4 = r4.add(r5), s5 = r4.sub(r5), s6 = r6.add(r7), s7 = r6.sub(r7);
        IntVector t0 = s0.add(s2), t1 = s1.add(s3), t2 = s0.sub(s2), t3 = s1.sub(s3);
        IntVector t4 = s4.add(s6), t5 = s5.add(s7), t6 = s4.sub(s6), t7 = s5.sub(s7);
        r0 = t0.add(t4);
        r1 = t1.add(t5);
        r2 = t2.add(t6);
        r3 = t3.add(t7);
        r4 = t0.sub(t4);
        r5 = t1.sub(t5);
        r6 = t2.sub(t6);
        r7 = t3.sub(t7);
        // Horizontal butterflies inside each row: lane i pairs with lane i ^ k; lanes with bit k
        // clear keep self + partner, the others partner - self.
        r0 = r0.rearrange(SWAP1_8).add(r0.blend(r0.neg(), HIGH1_8));
        r1 = r1.rearrange(SWAP1_8).add(r1.blend(r1.neg(), HIGH1_8));
        r2 = r2.rearrange(SWAP1_8).add(r2.blend(r2.neg(), HIGH1_8));
        r3 = r3.rearrange(SWAP1_8).add(r3.blend(r3.neg(), HIGH1_8));
        r4 = r4.rearrange(SWAP1_8).add(r4.blend(r4.neg(), HIGH1_8));
        r5 = r5.rearrange(SWAP1_8).add(r5.blend(r5.neg(), HIGH1_8));
        r6 = r6.rearrange(SWAP1_8).add(r6.blend(r6.neg(), HIGH1_8));
        r7 = r7.rearrange(SWAP1_8).add(r7.blend(r7.neg(), HIGH1_8));
        r0 = r0.rearrange(SWAP2_8).add(r0.blend(r0.neg(), HIGH2_8));
        r1 = r1.rearrange(SWAP2_8).add(r1.blend(r1.neg(), HIGH2_8));
        r2 = r2.rearrange(SWAP2_8).add(r2.blend(r2.neg(), HIGH2_8));
        r3 = r3.rearrange(SWAP2_8).add(r3.blend(r3.neg(), HIGH2_8));
        r4 = r4.rearrange(SWAP2_8).add(r4.blend(r4.neg(), HIGH2_8));
        r5 = r5.rearrange(SWAP2_8).add(r5.blend(r5.neg(), HIGH2_8));
        r6 = r6.rearrange(SWAP2_8).add(r6.blend(r6.neg(), HIGH2_8));
        r7 = r7.rearrange(SWAP2_8).add(r7.blend(r7.neg(), HIGH2_8));
        // The last butterfly (lanes i and i ^ 4) is summed without being formed:
        // |a + b| + |a - b| = 2 max(|a|, |b|), and both lanes of a pair add max(|a|, |b|).
        r0 = r0.abs();
        r1 = r1.abs();
        r2 = r2.abs();
        r3 = r3.abs();
        r4 = r4.abs();
        r5 = r5.abs();
        r6 = r6.abs();
        r7 = r7.abs();
        IntVector acc = r0.max(r0.rearrange(SWAP4_8)).add(r1.max(r1.rearrange(SWAP4_8)))
                .add(r2.max(r2.rearrange(SWAP4_8))).add(r3.max(r3.rearrange(SWAP4_8)))
                .add(r4.max(r4.rearrange(SWAP4_8))).add(r5.max(r5.rearrange(SWAP4_8)))
                .add(r6.max(r6.rearrange(SWAP4_8))).add(r7.max(r7.rearrange(SWAP4_8)));
        return (acc.reduceLanes(VectorOperators.ADD) + 2) >> 2;
    }

    /**
     * {@link #satd8x8} of the two tiles side by side at ao and ao + 8, summed, computed for both
     * at once in 16-bit lanes (one 256-bit vector per row of 16 samples); -1 when a difference
     * reaches 512 in magnitude, for which the caller takes {@link #satd8x8}. Below that the
     * values fit 16 bits throughout: at most 511 * 8 after the vertical butterflies, 511 * 32
     * after the first two horizontal ones, whose maxima are then summed two rows at a time
     * (at most 2 * 511 * 32 = 32704) before widening. Lane swaps within a tile: i ^ 1 and i ^ 2 as
     * rotations of 32- and 64-bit lanes, i ^ 4 as a swap of 64-bit lanes.
     */
    private static int satdPair(short[] a, int ao, int as, short[] b, int bo, int bs) {
        ShortVector r0 = ShortVector.fromArray(S256, a, ao).sub(ShortVector.fromArray(S256, b, bo));
        ShortVector r1 = ShortVector.fromArray(S256, a, ao + as).sub(ShortVector.fromArray(S256, b, bo + bs));
        ShortVector r2 = ShortVector.fromArray(S256, a, ao + 2 * as).sub(ShortVector.fromArray(S256, b, bo + 2 * bs));
        ShortVector r3 = ShortVector.fromArray(S256, a, ao + 3 * as).sub(ShortVector.fromArray(S256, b, bo + 3 * bs));
        ShortVector r4 = ShortVector.fromArray(S256, a, ao + 4 * as).sub(ShortVector.fromArray(S256, b, bo + 4 * bs));
        ShortVector r5 = ShortVector.fromArray(S256, a, ao + 5 * as).sub(ShortVector.fromArray(S256, b, bo + 5 * bs));
        ShortVector r6 = ShortVector.fromArray(S256, a, ao + 6 * as).sub(ShortVector.fromArray(S256, b, bo + 6 * bs));
        ShortVector r7 = ShortVector.fromArray(S256, a, ao + 7 * as).sub(ShortVector.fromArray(S256, b, bo + 7 * bs));
        ShortVector big = r0.abs().max(r1.abs()).max(r2.abs()).max(r3.abs())
                .max(r4.abs()).max(r5.abs()).max(r6.abs()).max(r7.abs());
        if (big.compare(VectorOperators.GE, (short) 512).anyTrue()) {
            return -1;
        }
        ShortVector s0 = r0.add(r1), s1 = r0.sub(r1), s2 = r2.add(r3), s3 = r2.sub(r3);
        ShortVector s4 = r4.add(r5), s5 = r4.sub(r5), s6 = r6.add(r7), s7 = r6.sub(r7);
        ShortVector t0 = s0.add(s2), t1 = s1.add(s3), t2 = s0.sub(s2), t3 = s1.sub(s3);
        ShortVector t4 = s4.add(s6), t5 = s5.add(s7), t6 = s4.sub(s6), t7 = s5.sub(s7);
        r0 = t0.add(t4);
        r1 = t1.add(t5);
        r2 = t2.add(t6);
        r3 = t3.add(t7);
        r4 = t0.sub(t4);
        r5 = t1.sub(t5);
        r6 = t2.sub(t6);
        r7 = t3.sub(t7);
        // lanes i and i ^ 1: the two halves of each 32-bit lane swapped by a rotation
        r0 = r0.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r0.blend(r0.neg(), HIGH1_16));
        r1 = r1.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r1.blend(r1.neg(), HIGH1_16));
        r2 = r2.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r2.blend(r2.neg(), HIGH1_16));
        r3 = r3.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r3.blend(r3.neg(), HIGH1_16));
        r4 = r4.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r4.blend(r4.neg(), HIGH1_16));
        r5 = r5.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r5.blend(r5.neg(), HIGH1_16));
        r6 = r6.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r6.blend(r6.neg(), HIGH1_16));
        r7 = r7.reinterpretAsInts().lanewise(VectorOperators.ROL, 16).reinterpretAsShorts().add(r7.blend(r7.neg(), HIGH1_16));
        // lanes i and i ^ 2: the halves of each 64-bit lane
        r0 = r0.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r0.blend(r0.neg(), HIGH2_16));
        r1 = r1.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r1.blend(r1.neg(), HIGH2_16));
        r2 = r2.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r2.blend(r2.neg(), HIGH2_16));
        r3 = r3.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r3.blend(r3.neg(), HIGH2_16));
        r4 = r4.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r4.blend(r4.neg(), HIGH2_16));
        r5 = r5.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r5.blend(r5.neg(), HIGH2_16));
        r6 = r6.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r6.blend(r6.neg(), HIGH2_16));
        r7 = r7.reinterpretAsLongs().lanewise(VectorOperators.ROL, 32).reinterpretAsShorts().add(r7.blend(r7.neg(), HIGH2_16));
        // lanes i and i ^ 4 (64-bit lanes swapped): summed as 2 max(|a|, |b|), as in satd8x8
        r0 = r0.abs();
        r1 = r1.abs();
        r2 = r2.abs();
        r3 = r3.abs();
        r4 = r4.abs();
        r5 = r5.abs();
        r6 = r6.abs();
        r7 = r7.abs();
        ShortVector m01 = r0.max(r0.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts())
                .add(r1.max(r1.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts()));
        ShortVector m23 = r2.max(r2.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts())
                .add(r3.max(r3.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts()));
        ShortVector m45 = r4.max(r4.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts())
                .add(r5.max(r5.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts()));
        ShortVector m67 = r6.max(r6.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts())
                .add(r7.max(r7.reinterpretAsLongs().rearrange(SWAP1_L).reinterpretAsShorts()));
        // widen: each 32-bit lane adds its two (non-negative) 16-bit halves; lanes 0..3 are the left tile
        IntVector w01 = m01.reinterpretAsInts();
        IntVector w23 = m23.reinterpretAsInts();
        IntVector w45 = m45.reinterpretAsInts();
        IntVector w67 = m67.reinterpretAsInts();
        IntVector acc = w01.and(0xFFFF).add(w01.lanewise(VectorOperators.LSHR, 16))
                .add(w23.and(0xFFFF)).add(w23.lanewise(VectorOperators.LSHR, 16))
                .add(w45.and(0xFFFF)).add(w45.lanewise(VectorOperators.LSHR, 16))
                .add(w67.and(0xFFFF)).add(w67.lanewise(VectorOperators.LSHR, 16));
        int both = acc.reduceLanes(VectorOperators.ADD);
        int left = acc.and(LEFT_TILE).reduceLanes(VectorOperators.ADD);
        return ((left + 2) >> 2) + ((both - left + 2) >> 2);
    }

    /** (sum |H4 D H4^T| + 1) >> 1 for the 4x4 tile at ao / bo. */
    private static int satd4x4(short[] a, int ao, int as, short[] b, int bo, int bs) {
        IntVector r0 = (IntVector) ShortVector.fromArray(S64, a, ao).sub(ShortVector.fromArray(S64, b, bo))
                .convertShape(VectorOperators.S2I, I128, 0);
        IntVector r1 = (IntVector) ShortVector.fromArray(S64, a, ao + as).sub(ShortVector.fromArray(S64, b, bo + bs))
                .convertShape(VectorOperators.S2I, I128, 0);
        IntVector r2 = (IntVector) ShortVector.fromArray(S64, a, ao + 2 * as)
                .sub(ShortVector.fromArray(S64, b, bo + 2 * bs)).convertShape(VectorOperators.S2I, I128, 0);
        IntVector r3 = (IntVector) ShortVector.fromArray(S64, a, ao + 3 * as)
                .sub(ShortVector.fromArray(S64, b, bo + 3 * bs)).convertShape(VectorOperators.S2I, I128, 0);
        IntVector s0 = r0.add(r1), s1 = r0.sub(r1), s2 = r2.add(r3), s3 = r2.sub(r3);
        r0 = s0.add(s2);
        r1 = s1.add(s3);
        r2 = s0.sub(s2);
        r3 = s1.sub(s3);
        r0 = r0.rearrange(SWAP1_4).add(r0.blend(r0.neg(), HIGH1_4));
        r1 = r1.rearrange(SWAP1_4).add(r1.blend(r1.neg(), HIGH1_4));
        r2 = r2.rearrange(SWAP1_4).add(r2.blend(r2.neg(), HIGH1_4));
        r3 = r3.rearrange(SWAP1_4).add(r3.blend(r3.neg(), HIGH1_4));
        // the last butterfly summed as 2 max(|a|, |b|), as in satd8x8
        r0 = r0.abs();
        r1 = r1.abs();
        r2 = r2.abs();
        r3 = r3.abs();
        IntVector acc = r0.max(r0.rearrange(SWAP2_4)).add(r1.max(r1.rearrange(SWAP2_4)))
                .add(r2.max(r2.rearrange(SWAP2_4))).add(r3.max(r3.rearrange(SWAP2_4)));
        return (acc.reduceLanes(VectorOperators.ADD) + 1) >> 1;
    }
}
