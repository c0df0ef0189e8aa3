package io.inlay.core.kernels.vector;

import io.inlay.core.kernels.SubpelInterpolation;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link SubpelInterpolation}, bit-exact with the scalar reference.
 *
 * <p>Every pass runs a row at a time: 16 samples per step (256-bit short loads widened to 512-bit
 * ints) when the CPU has 512-bit vectors, then 8 (128 to 256 bits), then 4 (64 to 128), then a
 * scalar tail. Samples (below 2^12) widen exactly by sign extension; the taps are multiplied and
 * summed in 32-bit lanes, shifted arithmetically and narrowed to 16 bits like the reference's
 * {@code (short)} cast. Horizontal and vertical passes are one method with the tap step (1 or
 * the stride) as a parameter; the 2-D case keeps the reference's layout of {@code tmp} (rows of
 * {@code width} ints).
 *
 * <p>At 8 bits (shift1 = 0) the one-dimensional passes and the first pass of the 2-D case run in
 * 16-bit lanes, twice as many per vector. A one-dimensional result is stored modulo 2^16 anyway,
 * so that is exact for any input; the first 2-D pass needs its sums to fit 16 bits, which they do
 * for samples below 2^8 (they lie in [-24 * 255, 88 * 255]).
 */
final class VectorSubpelInterpolation implements SubpelInterpolation {
    private static final VectorSpecies<Short> S64 = ShortVector.SPECIES_64;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

    private static final int SHIFT2 = 6;

    /** Taps by fraction: {@code LUMA[frac][k]}, {@code CHROMA[frac][k]}. */
    private static final int[][] LUMA = new int[4][8];
    private static final int[][] CHROMA = new int[8][4];

    static {
        for (int f = 0; f < 4; f++) {
            for (int k = 0; k < 8; k++) {
                LUMA[f][k] = SubpelInterpolation.lumaTap(f, k);
            }
        }
        for (int f = 0; f < 8; f++) {
            for (int k = 0; k < 4; k++) {
                CHROMA[f][k] = SubpelInterpolation.chromaTap(f, k);
            }
        }
    }

    private final boolean use16;
    private final boolean use8;

    VectorSubpelInterpolation(int preferredBits) {
        this.use16 = preferredBits >= 512;
        this.use8 = preferredBits >= 256;
    }

    @Override
    public void luma(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
        filter(src, origin, stride, fx, fy, w, h, bitDepth, dst, dstOff, dstStride, tmp, LUMA, 3);
    }

    @Override
    public void luma(short[] src, int origin, int stride, int[][] taps, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
        // learned taps (positive sum <= 96) keep the 16-bit first pass at 8 bits exact, as H.265's do
        filter(src, origin, stride, fx, fy, w, h, bitDepth, dst, dstOff, dstStride, tmp, taps, 3);
    }

    @Override
    public void chroma(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp) {
        filter(src, origin, stride, fx, fy, w, h, bitDepth, dst, dstOff, dstStride, tmp, CHROMA, 1);
    }

    /** Dispatch on the fractions; {@code a} is the taps left of the sample (3 luma, 1 chroma). */
    private void filter(short[] src, int origin, int stride, int fx, int fy, int w, int h, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] tmp, int[][] taps, int a) {
        int shift1 = bitDepth - 8;
        if (fx == 0 && fy == 0) {
            copy(src, origin, stride, w, h, 14 - bitDepth, dst, dstOff, dstStride);
        } else if (fy == 0) {
            if (shift1 == 0) {
                pass8bit(src, origin - a, stride, 1, taps[fx], w, h, dst, dstOff, dstStride);
            } else {
                pass(src, origin - a, stride, 1, taps[fx], w, h, shift1, dst, dstOff, dstStride);
            }
        } else if (fx == 0) {
            if (shift1 == 0) {
                pass8bit(src, origin - a * stride, stride, stride, taps[fy], w, h, dst, dstOff, dstStride);
            } else {
                pass(src, origin - a * stride, stride, stride, taps[fy], w, h, shift1, dst, dstOff, dstStride);
            }
        } else {
            int[] cy = taps[fy];
            if (shift1 == 0) {
                toTmp8bit(src, origin - a * stride - a, stride, taps[fx], w, h + cy.length - 1, tmp);
            } else {
                toTmp(src, origin - a * stride - a, stride, taps[fx], w, h + cy.length - 1, shift1, tmp);
            }
            fromTmp(tmp, cy, w, h, dst, dstOff, dstStride);
        }
    }

    /**
     * One-dimensional pass from samples: {@code dst = (sum_t c[t] * src[p + t * step] >> shift)
     * - PRED_OFFSET}, where p runs over the w x h block at s0 (already moved to tap 0).
     */
    private void pass(short[] src, int s0, int sStride, int step, int[] c, int w, int h, int shift,
            short[] dst, int d0, int dStride) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~15) > 0) {
            pass16(src, s0 + i, sStride, step, c, e, h, shift, dst, d0 + i, dStride);
            i += e;
        }
        if (use8 && (e = (w - i) & ~7) > 0) {
            pass8(src, s0 + i, sStride, step, c, e, h, shift, dst, d0 + i, dStride);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            pass4(src, s0 + i, sStride, step, c, e, h, shift, dst, d0 + i, dStride);
            i += e;
        }
        int nt = c.length;
        for (int j = 0; j < h && i < w; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int x = i; x < w; x++) {
                int v = 0;
                for (int t = 0; t < nt; t++) {
                    v += c[t] * (src[s + x + t * step] & 0xFFFF);
                }
                dst[d + x] = (short) ((v >> shift) - PRED_OFFSET);
            }
        }
    }

    /** First (horizontal) pass of the 2-D case: {@code tmp[r * w + i] = sum_t c[t] * src[.. + t] >> shift}. */
    private void toTmp(short[] src, int s0, int sStride, int[] c, int w, int rows, int shift, int[] tmp) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~15) > 0) {
            toTmp16(src, s0 + i, sStride, c, e, rows, shift, tmp, i, w);
            i += e;
        }
        if (use8 && (e = (w - i) & ~7) > 0) {
            toTmp8(src, s0 + i, sStride, c, e, rows, shift, tmp, i, w);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            toTmp4(src, s0 + i, sStride, c, e, rows, shift, tmp, i, w);
            i += e;
        }
        int nt = c.length;
        for (int r = 0; r < rows && i < w; r++) {
            int s = s0 + r * sStride;
            int o = r * w;
            for (int x = i; x < w; x++) {
                int v = 0;
                for (int t = 0; t < nt; t++) {
                    v += c[t] * (src[s + x + t] & 0xFFFF);
                }
                tmp[o + x] = v >> shift;
            }
        }
    }

    /** {@link #pass} at shift 0 in 16-bit lanes (exact: the result is stored modulo 2^16). */
    private void pass8bit(short[] src, int s0, int sStride, int step, int[] c, int w, int h,
            short[] dst, int d0, int dStride) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~31) > 0) {
            pass8bit32(src, s0 + i, sStride, step, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        if (use8 && (e = (w - i) & ~15) > 0) {
            pass8bit16(src, s0 + i, sStride, step, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        if ((e = (w - i) & ~7) > 0) {
            pass8bit8(src, s0 + i, sStride, step, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            pass8bit4(src, s0 + i, sStride, step, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        int nt = c.length;
        for (int j = 0; j < h && i < w; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int x = i; x < w; x++) {
                int v = 0;
                for (int t = 0; t < nt; t++) {
                    v += c[t] * (src[s + x + t * step] & 0xFFFF);
                }
                dst[d + x] = (short) (v - PRED_OFFSET);
            }
        }
    }

    /**
     * {@link #toTmp} at shift 0 (8-bit samples) with 16-bit sums, widened when stored. Each
     * vector of sums is widened whole ({@code convertShape} part 0 into ints twice as wide):
     * widening its upper half (part 1) goes through a slice whose shuffle C2 did not always
     * compile, leaving the method on the boxed fallbacks for the rest of a run.
     */
    private void toTmp8bit(short[] src, int s0, int sStride, int[] c, int w, int rows, int[] tmp) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~15) > 0) {
            toTmp8bit16(src, s0 + i, sStride, c, e, rows, tmp, i, w);
            i += e;
        }
        if (use8 && (e = (w - i) & ~7) > 0) {
            toTmp8bit8(src, s0 + i, sStride, c, e, rows, tmp, i, w);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            toTmp8bit4(src, s0 + i, sStride, c, e, rows, tmp, i, w);
            i += e;
        }
        int nt = c.length;
        for (int r = 0; r < rows && i < w; r++) {
            int s = s0 + r * sStride;
            int o = r * w;
            for (int x = i; x < w; x++) {
                int v = 0;
                for (int t = 0; t < nt; t++) {
                    v += c[t] * (src[s + x + t] & 0xFFFF);
                }
                tmp[o + x] = v;
            }
        }
    }

    /** Second (vertical) pass of the 2-D case: {@code dst = (sum_t c[t] * tmp[.. + t * w] >> 6) - PRED_OFFSET}. */
    private void fromTmp(int[] tmp, int[] c, int w, int h, short[] dst, int d0, int dStride) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~15) > 0) {
            fromTmp16(tmp, i, w, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        if (use8 && (e = (w - i) & ~7) > 0) {
            fromTmp8(tmp, i, w, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            fromTmp4(tmp, i, w, c, e, h, dst, d0 + i, dStride);
            i += e;
        }
        int nt = c.length;
        for (int j = 0; j < h && i < w; j++) {
            int s = j * w;
            int d = d0 + j * dStride;
            for (int x = i; x < w; x++) {
                int v = 0;
                for (int t = 0; t < nt; t++) {
                    v += c[t] * tmp[s + x + t * w];
                }
                dst[d + x] = (short) ((v >> SHIFT2) - PRED_OFFSET);
            }
        }
    }

    /** Integer position: {@code dst = (src << shift3) - PRED_OFFSET}, in 16-bit lanes (exact modulo 2^16). */
    private void copy(short[] src, int s0, int sStride, int w, int h, int shift3, short[] dst, int d0, int dStride) {
        int i = 0;
        int e;
        if (use16 && (e = (w - i) & ~15) > 0) {
            copy16(src, s0 + i, sStride, e, h, shift3, dst, d0 + i, dStride);
            i += e;
        }
        if (use8 && (e = (w - i) & ~7) > 0) {
            copy8(src, s0 + i, sStride, e, h, shift3, dst, d0 + i, dStride);
            i += e;
        }
        if ((e = (w - i) & ~3) > 0) {
            copy4(src, s0 + i, sStride, e, h, shift3, dst, d0 + i, dStride);
            i += e;
        }
        for (int j = 0; j < h && i < w; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int x = i; x < w; x++) {
                dst[d + x] = (short) (((src[s + x] & 0xFFFF) << shift3) - PRED_OFFSET);
            }
        }
    }

    // One method per pass and vector width, each with its species constants and no vector
    // crossing a call (the shape of VectorInverseTransform): every method is small, compiles on
    // its own with constant species, and C2 keeps its vectors in registers whether or not it
    // inlines it. (With all widths in one method per pass, C2 compiled some of them with Vector
    // API intrinsics failed, running the boxed Java fallbacks: 4x4 chroma 2-D took microseconds.)

    /** {@link #pass} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void pass16(short[] src, int s0, int sStride, int step, int[] c, int w, int h, int shift,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 16) {
                IntVector acc = IntVector.zero(I512);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S256, src, s + i + t * step)
                            .convertShape(VectorOperators.S2I, I512, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, shift).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S256, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #pass} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void pass8(short[] src, int s0, int sStride, int step, int[] c, int w, int h, int shift,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 8) {
                IntVector acc = IntVector.zero(I256);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S128, src, s + i + t * step)
                            .convertShape(VectorOperators.S2I, I256, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, shift).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #pass} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void pass4(short[] src, int s0, int sStride, int step, int[] c, int w, int h, int shift,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 4) {
                IntVector acc = IntVector.zero(I128);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S64, src, s + i + t * step)
                            .convertShape(VectorOperators.S2I, I128, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, shift).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S64, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #toTmp} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void toTmp16(short[] src, int s0, int sStride, int[] c, int w, int rows, int shift, int[] tmp,
            int o0, int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 16) {
                IntVector acc = IntVector.zero(I512);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S256, src, s + i + t)
                            .convertShape(VectorOperators.S2I, I512, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #toTmp} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void toTmp8(short[] src, int s0, int sStride, int[] c, int w, int rows, int shift, int[] tmp,
            int o0, int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 8) {
                IntVector acc = IntVector.zero(I256);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S128, src, s + i + t)
                            .convertShape(VectorOperators.S2I, I256, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #toTmp} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void toTmp4(short[] src, int s0, int sStride, int[] c, int w, int rows, int shift, int[] tmp,
            int o0, int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 4) {
                IntVector acc = IntVector.zero(I128);
                for (int t = 0; t < nt; t++) {
                    IntVector v = (IntVector) ShortVector.fromArray(S64, src, s + i + t)
                            .convertShape(VectorOperators.S2I, I128, 0);
                    acc = acc.add(v.mul(c[t]));
                }
                acc.lanewise(VectorOperators.ASHR, shift).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #pass8bit} over the first {@code w} columns (a multiple of 32), 32 at a time. */
    private static void pass8bit32(short[] src, int s0, int sStride, int step, int[] c, int w, int h,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 32) {
                ShortVector acc = ShortVector.zero(S512);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S512, src, s + i + t * step).mul((short) c[t]));
                }
                acc.sub(off).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #pass8bit} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void pass8bit16(short[] src, int s0, int sStride, int step, int[] c, int w, int h,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 16) {
                ShortVector acc = ShortVector.zero(S256);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S256, src, s + i + t * step).mul((short) c[t]));
                }
                acc.sub(off).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #pass8bit} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void pass8bit8(short[] src, int s0, int sStride, int step, int[] c, int w, int h,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 8) {
                ShortVector acc = ShortVector.zero(S128);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S128, src, s + i + t * step).mul((short) c[t]));
                }
                acc.sub(off).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #pass8bit} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void pass8bit4(short[] src, int s0, int sStride, int step, int[] c, int w, int h,
            short[] dst, int d0, int dStride) {
        int nt = c.length;
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 4) {
                ShortVector acc = ShortVector.zero(S64);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S64, src, s + i + t * step).mul((short) c[t]));
                }
                acc.sub(off).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #toTmp8bit} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void toTmp8bit16(short[] src, int s0, int sStride, int[] c, int w, int rows, int[] tmp, int o0,
            int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 16) {
                ShortVector acc = ShortVector.zero(S256);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S256, src, s + i + t).mul((short) c[t]));
                }
                ((IntVector) acc.convertShape(VectorOperators.S2I, I512, 0)).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #toTmp8bit} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void toTmp8bit8(short[] src, int s0, int sStride, int[] c, int w, int rows, int[] tmp, int o0,
            int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 8) {
                ShortVector acc = ShortVector.zero(S128);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S128, src, s + i + t).mul((short) c[t]));
                }
                ((IntVector) acc.convertShape(VectorOperators.S2I, I256, 0)).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #toTmp8bit} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void toTmp8bit4(short[] src, int s0, int sStride, int[] c, int w, int rows, int[] tmp, int o0,
            int tStride) {
        int nt = c.length;
        for (int r = 0; r < rows; r++) {
            int s = s0 + r * sStride;
            int o = o0 + r * tStride;
            for (int i = 0; i < w; i += 4) {
                ShortVector acc = ShortVector.zero(S64);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(ShortVector.fromArray(S64, src, s + i + t).mul((short) c[t]));
                }
                ((IntVector) acc.convertShape(VectorOperators.S2I, I128, 0)).intoArray(tmp, o + i);
            }
        }
    }

    /** {@link #fromTmp} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void fromTmp16(int[] tmp, int t0, int tStride, int[] c, int w, int h, short[] dst, int d0,
            int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = t0 + j * tStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 16) {
                IntVector acc = IntVector.zero(I512);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(IntVector.fromArray(I512, tmp, s + i + t * tStride).mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, SHIFT2).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S256, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #fromTmp} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void fromTmp8(int[] tmp, int t0, int tStride, int[] c, int w, int h, short[] dst, int d0,
            int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = t0 + j * tStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 8) {
                IntVector acc = IntVector.zero(I256);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(IntVector.fromArray(I256, tmp, s + i + t * tStride).mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, SHIFT2).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S128, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #fromTmp} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void fromTmp4(int[] tmp, int t0, int tStride, int[] c, int w, int h, short[] dst, int d0,
            int dStride) {
        int nt = c.length;
        for (int j = 0; j < h; j++) {
            int s = t0 + j * tStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 4) {
                IntVector acc = IntVector.zero(I128);
                for (int t = 0; t < nt; t++) {
                    acc = acc.add(IntVector.fromArray(I128, tmp, s + i + t * tStride).mul(c[t]));
                }
                ((ShortVector) acc.lanewise(VectorOperators.ASHR, SHIFT2).sub(PRED_OFFSET)
                        .convertShape(VectorOperators.I2S, S64, 0)).intoArray(dst, d + i);
            }
        }
    }

    /** {@link #copy} over the first {@code w} columns (a multiple of 16), 16 at a time. */
    private static void copy16(short[] src, int s0, int sStride, int w, int h, int shift3, short[] dst, int d0,
            int dStride) {
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 16) {
                ShortVector.fromArray(S256, src, s + i).lanewise(VectorOperators.LSHL, shift3).sub(off)
                        .intoArray(dst, d + i);
            }
        }
    }

    /** {@link #copy} over the first {@code w} columns (a multiple of 8), 8 at a time. */
    private static void copy8(short[] src, int s0, int sStride, int w, int h, int shift3, short[] dst, int d0,
            int dStride) {
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 8) {
                ShortVector.fromArray(S128, src, s + i).lanewise(VectorOperators.LSHL, shift3).sub(off)
                        .intoArray(dst, d + i);
            }
        }
    }

    /** {@link #copy} over the first {@code w} columns (a multiple of 4), 4 at a time. */
    private static void copy4(short[] src, int s0, int sStride, int w, int h, int shift3, short[] dst, int d0,
            int dStride) {
        short off = (short) PRED_OFFSET;
        for (int j = 0; j < h; j++) {
            int s = s0 + j * sStride;
            int d = d0 + j * dStride;
            for (int i = 0; i < w; i += 4) {
                ShortVector.fromArray(S64, src, s + i).lanewise(VectorOperators.LSHL, shift3).sub(off)
                        .intoArray(dst, d + i);
            }
        }
    }

}
