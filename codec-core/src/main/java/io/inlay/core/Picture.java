package io.inlay.core;

/**
 * A picture: luma and chroma {@link Plane}s of unsigned samples at a bit depth of 8..12, with
 * padded borders. Odd widths and heights are allowed; chroma sizes round up.
 */
public final class Picture {
    /** Border width used by the codec for reference pictures (enough for motion compensation). */
    public static final int DEFAULT_PADDING = 80;

    private final int width;
    private final int height;
    private final int bitDepth;
    private final ChromaFormat chromaFormat;
    private final Plane[] planes;

    private Picture(int width, int height, int bitDepth, ChromaFormat chromaFormat, int padding, int chromaPadding) {
        if (bitDepth < 8 || bitDepth > 12) {
            throw new IllegalArgumentException("bit depth must be 8..12: " + bitDepth);
        }
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.chromaFormat = chromaFormat;
        this.planes = new Plane[] {
            new Plane(width, height, padding),
            new Plane(chromaFormat.chromaWidth(width), chromaFormat.chromaHeight(height), chromaPadding),
            new Plane(chromaFormat.chromaWidth(width), chromaFormat.chromaHeight(height), chromaPadding),
        };
    }

    /**
     * Allocates a picture whose samples are all zero.
     *
     * @param padding border of the luma plane in samples; chroma borders are scaled down by the
     *                subsampling factor (rounded up)
     */
    public static Picture allocate(int width, int height, int bitDepth, ChromaFormat chromaFormat, int padding) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
        }
        int cp = Math.max(chromaFormat.chromaWidth(padding), chromaFormat.chromaHeight(padding));
        return new Picture(width, height, bitDepth, chromaFormat, padding, cp);
    }

    /** Allocates an unpadded 4:2:0 picture. */
    public static Picture allocate(int width, int height, int bitDepth) {
        return allocate(width, height, bitDepth, ChromaFormat.YUV420, 0);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bitDepth() {
        return bitDepth;
    }

    /** Largest sample value, {@code (1 << bitDepth) - 1}. */
    public int maxValue() {
        return (1 << bitDepth) - 1;
    }

    public ChromaFormat chromaFormat() {
        return chromaFormat;
    }

    /** Number of planes (3). */
    public int planeCount() {
        return planes.length;
    }

    /** Plane {@code c}: 0 = Y, 1 = Cb, 2 = Cr. */
    public Plane plane(int c) {
        return planes[c];
    }

    /** Copies the visible samples of a picture of the same geometry and bit depth. */
    public void copyFrom(Picture src) {
        if (src.width != width || src.height != height || src.bitDepth != bitDepth || src.chromaFormat != chromaFormat) {
            throw new IllegalArgumentException("picture geometry mismatch");
        }
        for (int c = 0; c < planes.length; c++) {
            planes[c].copyFrom(src.planes[c]);
        }
    }

    /** A copy with the same geometry and the given padding. */
    public Picture copy(int padding) {
        Picture p = allocate(width, height, bitDepth, chromaFormat, padding);
        p.copyFrom(this);
        return p;
    }

    /** True when all visible samples are equal and the geometry matches. */
    public boolean sameSamples(Picture other) {
        if (other.width != width || other.height != height || other.bitDepth != bitDepth) {
            return false;
        }
        for (int c = 0; c < planes.length; c++) {
            if (!planes[c].sameSamples(other.planes[c])) {
                return false;
            }
        }
        return true;
    }
}
