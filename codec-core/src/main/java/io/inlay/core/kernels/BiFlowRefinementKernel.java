package io.inlay.core.kernels;

/**
 * The bi-prediction optical-flow refinement of docs/bitstream/decoding-process.md §13.1 (since format
 * 0.8): the luma of an n x n bi-predicted block is the average of H.265 §8.5.3.3.4.2 plus a per-sample
 * offset from a per-4x4 displacement estimated from the gradients of both predictions, in the manner of
 * H.266's BDOF (§8.5.6.5). Inputs are the stored intermediates of both lists ({@code predSamples -}
 * {@value SubpelInterpolation#PRED_OFFSET}, as {@link SubpelInterpolation} writes them; any value an
 * interpolation produces, [-16900, 33300] - 8192, keeps every intermediate within 32 bits, see §13.1);
 * n is 8..{@value #MAX_BLOCK}, a multiple of 4; bit depth 8..12. Writes the n x n block at
 * {@code dst[dstOff + y * dstStride + x]} (unsigned samples) and nothing else; dst must not overlap the
 * inputs. {@code scratch} is the caller's working memory, at least {@value #SCRATCH_INTS} ints, one per
 * thread; its contents on entry do not matter. Implementations are stateless and thread-safe. Shared by
 * encoder and decoder; {@code io.inlay.core.inter.BiFlowRefinement} is the per-thread front.
 */
public interface BiFlowRefinementKernel {
    /** Largest block side. */
    int MAX_BLOCK = 64;
    /** Right shift from 14-bit predSamples to the precision of gradients and differences. */
    int GRAD_SHIFT = 4;
    /** The displacement is in 1/16 sample and clipped to +-{@code LIMIT} (one sample). */
    int LIMIT = 16;
    /** Ints of scratch memory a call needs (the largest of the implementations' needs). */
    int SCRATCH_INTS = 12 * MAX_BLOCK * MAX_BLOCK + 5 * MAX_BLOCK * MAX_BLOCK / 4 + MAX_BLOCK + 1;

    /**
     * Writes the refined bi-prediction of the n x n luma block whose list-0 and list-1 intermediates are
     * at {@code a}/{@code aOff} and {@code b}/{@code bOff} (strides {@code aStride}, {@code bStride}) to
     * {@code dst} at {@code dstOff} with stride {@code dstStride}.
     */
    void refine(short[] a, int aOff, int aStride, short[] b, int bOff, int bStride, int n, int bitDepth,
            short[] dst, int dstOff, int dstStride, int[] scratch);

    /** Rejects a block side outside the contract (8..{@value #MAX_BLOCK}, a multiple of 4); asserts the bit depth. */
    static void checkBlock(int n, int bitDepth) {
        if (n < 8 || n > MAX_BLOCK || (n & 3) != 0) {
            throw new IllegalArgumentException("block size " + n);
        }
        assert bitDepth >= 8 && bitDepth <= 12 : "bitDepth " + bitDepth;
    }
}
