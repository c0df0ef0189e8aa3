package io.inlay.bitstream;

/**
 * Limits a reader enforces on stream-derived sizes before allocating anything for them.
 *
 * @param maxWidth       largest accepted luma width
 * @param maxHeight      largest accepted luma height
 * @param maxPixels      largest accepted width * height
 * @param maxPacketBytes largest accepted unit (header or frame packet) size in bytes
 */
public record ContainerLimits(int maxWidth, int maxHeight, long maxPixels, int maxPacketBytes) {
    /** Width and height up to 16384, up to 2^27 pixels, units up to 256 MiB. */
    public static final ContainerLimits DEFAULT = new ContainerLimits(16384, 16384, 1L << 27, 256 << 20);

    public ContainerLimits {
        if (maxWidth <= 0 || maxHeight <= 0 || maxPixels <= 0 || maxPacketBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
