package io.inlay.core.kernels;

/**
 * Sample filtering of one deblocking edge segment, H.265 §8.7.2.5.3 (luma decisions),
 * §8.7.2.5.6 (dSam), §8.7.2.5.7 (luma filtering) and §8.7.2.5.5 (chroma filtering). The caller
 * ({@code io.inlay.core.loopfilter.Deblocker}) walks the edges, derives bS, the QPs and
 * {@code beta}/{@code tc} (Table 8-12, already scaled by {@code 1 << (bitDepth - 8)}); the kernel
 * decides and filters in place.
 *
 * <p>Addressing: {@code q0} is the index of sample q0 of line 0; p_i of line k is at
 * {@code q0 + k * along - (i + 1) * across}, q_i at {@code q0 + k * along + i * across}
 * ({@code across} = 1 and {@code along} = stride for a vertical edge, the other way round for a
 * horizontal one). Samples are unsigned with at most 12 bits, {@code maxValue = 2^bitDepth - 1}.
 * A luma segment reads p3..q3 of its 4 lines and writes at most p2..q2; a chroma segment reads
 * p1..q1 of its 2 lines and writes at most p0 and q0. Nothing else is read or written. Stateless
 * and thread-safe. Shared by encoder and decoder.
 */
public interface DeblockingFilter {
    /** A luma segment of 4 lines; {@code beta, tc >= 0} (either 0: nothing changes). */
    void lumaSegment(short[] s, int q0, int across, int along, int beta, int tc, int maxValue);

    /** A chroma segment of 2 lines (bS == 2); {@code tc >= 0} (0: nothing changes). */
    void chromaSegment(short[] s, int q0, int across, int along, int tc, int maxValue);
}
