package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.BiAveraging;
import io.inlay.core.kernels.SubpelInterpolation;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link BiAveraging}, bit-exact with the scalar reference.
 *
 * <p>Each row in steps of 16/8/4 samples (512/256/128-bit int lanes; the CPU's preferred width,
 * falling back to narrower vectors for narrow blocks) and a scalar tail: the shorts are widened
 * to 32-bit lanes (so the sums cannot overflow for any input), offset, shifted, clamped to
 * [0, max] and narrowed back (exact: they are within 0..4095). {@link #weighted} does the same
 * with a multiply per list in the 32-bit lanes ({@code w0 a + w1 b}: at most 12 * 2^15 in
 * magnitude, no overflow). Reading a whole vector before
 * writing it keeps an output block that coincides with an input block correct.
 */
final class VectorBiAveraging implements BiAveraging {
    private static final int PRED_OFFSET = SubpelInterpolation.PRED_OFFSET;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    private static final VectorSpecies<Short> S64 = ShortVector.SPECIES_64;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;

    private final boolean use16;
    private final boolean use8;

    VectorBiAveraging(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
    }

    @Override
    public void single(short[] src, int srcOff, int srcStride, int width, int height, int bitDepth,
            short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        int shift1 = 14 - bitDepth;
        int add = PRED_OFFSET + (1 << (shift1 - 1));
        int max = (1 << bitDepth) - 1;
        if (use16 && width >= 16) {
            single16(src, srcOff, srcStride, width, height, add, shift1, max, dst, dstOff, dstStride);
        } else if (use8 && width >= 8) {
            single8(src, srcOff, srcStride, width, height, add, shift1, max, dst, dstOff, dstStride);
        } else {
            single4(src, srcOff, srcStride, width, height, add, shift1, max, dst, dstOff, dstStride);
        }
    }

    @Override
    public void average(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        int shift2 = 15 - bitDepth;
        int add = 2 * PRED_OFFSET + (1 << (shift2 - 1));
        int max = (1 << bitDepth) - 1;
        if (use16 && width >= 16) {
            average16(a, aOff, aStride, b, bOff, bStride, width, height, add, shift2, max, dst, dstOff, dstStride);
        } else if (use8 && width >= 8) {
            average8(a, aOff, aStride, b, bOff, bStride, width, height, add, shift2, max, dst, dstOff, dstStride);
        } else {
            average4(a, aOff, aStride, b, bOff, bStride, width, height, add, shift2, max, dst, dstOff, dstStride);
        }
    }

    @Override
    public void weighted(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height,
            int bitDepth, int w1, short[] dst, int dstOff, int dstStride) {
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
        assert w1 >= -2 && w1 <= 10 : "w1 " + w1;
        int w0 = 8 - w1;
        int shift3 = 17 - bitDepth;
        int add = 8 * PRED_OFFSET + (1 << (shift3 - 1));
        int max = (1 << bitDepth) - 1;
        if (use16 && width >= 16) {
            weighted16(a, aOff, aStride, b, bOff, bStride, width, height, w0, w1, add, shift3, max, dst, dstOff,
                    dstStride);
        } else if (use8 && width >= 8) {
            weighted8(a, aOff, aStride, b, bOff, bStride, width, height, w0, w1, add, shift3, max, dst, dstOff,
                    dstStride);
        } else {
            weighted4(a, aOff, aStride, b, bOff, bStride, width, height, w0, w1, add, shift3, max, dst, dstOff,
                    dstStride);
        }
    }

    // One method per vector width, each with its species constants, and no vector crossing a
    // call: C2 then keeps every vector in registers whether or not it inlines these methods.

    /** {@link #single} 16 samples at a time, then a scalar tail. */
    private static void single16(short[] src, int srcOff, int srcStride, int width, int height, int add,
            int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~15;
        for (int j = 0; j < height; j++) {
            int s = srcOff + j * srcStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 16) {
                IntVector v = (IntVector) ShortVector.fromArray(S256, src, s + i)
                        .convertShape(VectorOperators.S2I, I512, 0);
                v = v.add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S256, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (src[s + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #average} 16 samples at a time, then a scalar tail. */
    private static void average16(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~15;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 16) {
                IntVector va = (IntVector) ShortVector.fromArray(S256, a, sa + i)
                        .convertShape(VectorOperators.S2I, I512, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S256, b, sb + i)
                        .convertShape(VectorOperators.S2I, I512, 0);
                IntVector v = va.add(vb).add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S256, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (a[sa + i] + b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #single} 8 samples at a time, then a scalar tail. */
    private static void single8(short[] src, int srcOff, int srcStride, int width, int height, int add,
            int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~7;
        for (int j = 0; j < height; j++) {
            int s = srcOff + j * srcStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 8) {
                IntVector v = (IntVector) ShortVector.fromArray(S128, src, s + i)
                        .convertShape(VectorOperators.S2I, I256, 0);
                v = v.add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (src[s + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #average} 8 samples at a time, then a scalar tail. */
    private static void average8(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~7;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 8) {
                IntVector va = (IntVector) ShortVector.fromArray(S128, a, sa + i)
                        .convertShape(VectorOperators.S2I, I256, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S128, b, sb + i)
                        .convertShape(VectorOperators.S2I, I256, 0);
                IntVector v = va.add(vb).add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (a[sa + i] + b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #single} 4 samples at a time, then a scalar tail. */
    private static void single4(short[] src, int srcOff, int srcStride, int width, int height, int add,
            int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~3;
        for (int j = 0; j < height; j++) {
            int s = srcOff + j * srcStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 4) {
                IntVector v = (IntVector) ShortVector.fromArray(S64, src, s + i)
                        .convertShape(VectorOperators.S2I, I128, 0);
                v = v.add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S64, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (src[s + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #average} 4 samples at a time, then a scalar tail. */
    private static void average4(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~3;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 4) {
                IntVector va = (IntVector) ShortVector.fromArray(S64, a, sa + i)
                        .convertShape(VectorOperators.S2I, I128, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S64, b, sb + i)
                        .convertShape(VectorOperators.S2I, I128, 0);
                IntVector v = va.add(vb).add(add).lanewise(VectorOperators.ASHR, shift).max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S64, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (a[sa + i] + b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #weighted} 16 samples at a time, then a scalar tail. */
    private static void weighted16(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int w0, int w1, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~15;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 16) {
                IntVector va = (IntVector) ShortVector.fromArray(S256, a, sa + i)
                        .convertShape(VectorOperators.S2I, I512, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S256, b, sb + i)
                        .convertShape(VectorOperators.S2I, I512, 0);
                IntVector v = va.mul(w0).add(vb.mul(w1)).add(add).lanewise(VectorOperators.ASHR, shift)
                        .max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S256, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (w0 * a[sa + i] + w1 * b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #weighted} 8 samples at a time, then a scalar tail. */
    private static void weighted8(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int w0, int w1, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~7;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 8) {
                IntVector va = (IntVector) ShortVector.fromArray(S128, a, sa + i)
                        .convertShape(VectorOperators.S2I, I256, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S128, b, sb + i)
                        .convertShape(VectorOperators.S2I, I256, 0);
                IntVector v = va.mul(w0).add(vb.mul(w1)).add(add).lanewise(VectorOperators.ASHR, shift)
                        .max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (w0 * a[sa + i] + w1 * b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }

    /** {@link #weighted} 4 samples at a time, then a scalar tail. */
    private static void weighted4(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width,
            int height, int w0, int w1, int add, int shift, int max, short[] dst, int dstOff, int dstStride) {
        int vw = width & ~3;
        for (int j = 0; j < height; j++) {
            int sa = aOff + j * aStride;
            int sb = bOff + j * bStride;
            int d = dstOff + j * dstStride;
            int i = 0;
            for (; i < vw; i += 4) {
                IntVector va = (IntVector) ShortVector.fromArray(S64, a, sa + i)
                        .convertShape(VectorOperators.S2I, I128, 0);
                IntVector vb = (IntVector) ShortVector.fromArray(S64, b, sb + i)
                        .convertShape(VectorOperators.S2I, I128, 0);
                IntVector v = va.mul(w0).add(vb.mul(w1)).add(add).lanewise(VectorOperators.ASHR, shift)
                        .max(0).min(max);
                ((ShortVector) v.convertShape(VectorOperators.I2S, S64, 0)).intoArray(dst, d + i);
            }
            for (; i < width; i++) {
                int v = (w0 * a[sa + i] + w1 * b[sb + i] + add) >> shift;
                dst[d + i] = (short) (v < 0 ? 0 : v > max ? max : v);
            }
        }
    }
}
