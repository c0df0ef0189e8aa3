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
 *
 * <p>The edge-run methods take several consecutive segments of one edge with per-segment β and
 * tC, so that a vector level can put the same line of several segments in its lanes: along a
 * horizontal edge ({@code along == 1}) the lines of a run are contiguous in memory.
 */
public interface DeblockingFilter {
    /** A luma segment of 4 lines; {@code beta, tc >= 0} (either 0: nothing changes). */
    void lumaSegment(short[] s, int q0, int across, int along, int beta, int tc, int maxValue);

    /** A chroma segment of 2 lines (bS == 2); {@code tc >= 0} (0: nothing changes). */
    void chromaSegment(short[] s, int q0, int across, int along, int tc, int maxValue);

    /**
     * A run of {@code segments} consecutive luma segments along one edge: segment {@code j} has
     * its q0 of line 0 at {@code q0 + 4 * j * along} and its own {@code beta[j]} and {@code tc[j]}
     * (either 0: the segment is left as it is). The result equals {@link #lumaSegment} on each
     * segment in turn (the segments of a run never read what another writes). Reads p3..q3 of the
     * {@code 4 * segments} lines and writes nothing outside p2..q2 of them; a vector level may
     * store an unfiltered sample of those lines back unchanged.
     */
    void lumaEdge(short[] s, int q0, int across, int along, int segments, int[] beta, int[] tc, int maxValue);

    /**
     * A run of {@code segments} consecutive chroma segments along one edge: segment {@code j} has
     * its q0 of line 0 at {@code q0 + 2 * j * along} and its own {@code tc[j]} (0: left as it is).
     * Equals {@link #chromaSegment} on each in turn; reads p1..q1 of the {@code 2 * segments}
     * lines, writes nothing outside p0 and q0 of them.
     */
    void chromaEdge(short[] s, int q0, int across, int along, int segments, int[] tc, int maxValue);
}
