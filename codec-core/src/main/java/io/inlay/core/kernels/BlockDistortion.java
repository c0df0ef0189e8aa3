package io.inlay.core.kernels;

/**
 * Distortion between two blocks of samples, read as signed 16-bit values ({@code short} as is,
 * never {@code & 0xFFFF}). Block {@code a} starts at {@code a[aOff]}, row {@code r} at
 * {@code aOff + r * aStride}; likewise {@code b}. Implementations read exactly the
 * {@code width x height} samples of each block, write nothing and are thread-safe.
 * Encoder-side family: the decoder never calls it.
 *
 * <p>Sample ranges. Picture samples are unsigned with at most 12 bits, where signed and
 * unsigned readings agree. SAD and SATD also accept differences {@code |a - b| < 2^15}: the
 * bi-prediction motion search compares the target {@code 2 * org - pred0}, which lies in
 * {@code [-(2^bitDepth - 1), 2 * (2^bitDepth - 1)]}, with a prediction (HM likewise searches on
 * the unclipped target, {@code TComYuv::removeHighFreq} with {@code DISABLING_CLIP_FOR_BIPREDME}).
 * SSE requires {@code |a - b| < 2^12}, which picture samples always meet.
 */
public interface BlockDistortion {
    /**
     * Sum of squared differences, {@code |a - b| < 2^12}. Any {@code width, height >= 1} (whole
     * planes included): the result is exact for any block whose sample count fits an {@code int}.
     */
    long sse(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height);

    /**
     * Sum of absolute differences, {@code |a - b| < 2^15}. Any {@code width, height >= 1} for
     * which the sum fits an {@code int}: {@code width * height <= 1 << 19} for picture samples
     * (12 bits), {@code <= 1 << 16} for any allowed difference.
     */
    int sad(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height);

    /**
     * Sum of absolute Hadamard-transformed differences, normalised as in HM
     * ({@code TComRdCost::xCalcHADs4x4/8x8}): the block is tiled with 8x8 tiles when width and
     * height are both multiples of 8, else with 4x4 tiles; for each tile with difference block
     * {@code D} (a - b) and Sylvester Hadamard matrix {@code H},
     * <ul>
     *   <li>4x4: {@code (sum |H4 D H4^T| + 1) >> 1}</li>
     *   <li>8x8: {@code (sum |H8 D H8^T| + 2) >> 2}</li>
     * </ul>
     * and the result is the sum over tiles. Width and height are multiples of 4 in 4..64;
     * {@code |a - b| < 2^15}.
     */
    int satd(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int width, int height);
}
