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
    /**
     * Width and height up to 16384, at most 7680 x 4320 (8K UHD) pixels, units up to 256 MiB: a
     * decoder with these limits allocates at most about 100 MB of frame buffers for a stream.
     */
    public static final ContainerLimits DEFAULT = new ContainerLimits(16384, 16384, 7680L * 4320, 256 << 20);

    public ContainerLimits {
        if (maxWidth <= 0 || maxHeight <= 0 || maxPixels <= 0 || maxPacketBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Whether a picture of {@code width} x {@code height} luma samples is within these limits. */
    public boolean admitsSize(long width, long height) {
        return width >= 1 && height >= 1 && width <= maxWidth && height <= maxHeight && width * height <= maxPixels;
    }

    /** The size limits in words, for messages: {@code "at most 16384x16384 and 33177600 pixels"}. */
    public String describeSize() {
        return "at most " + maxWidth + "x" + maxHeight + " and " + maxPixels + " pixels";
    }
}
