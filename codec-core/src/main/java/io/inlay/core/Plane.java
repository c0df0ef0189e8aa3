package io.inlay.core;

import java.util.Arrays;

/**
 * One plane of samples: unsigned values in a {@code short[]}, with a border of {@link #padding()}
 * samples on every side so that kernels may read outside the visible area. Sample (x, y) of the
 * visible area lives at {@link #index(int, int)}. Samples are read with
 * {@code samples[i] & 0xFFFF}; values never exceed the picture's maximum for its bit depth.
 */
public final class Plane {
    private final int width;
    private final int height;
    private final int padding;
    private final int stride;
    private final short[] samples;

    /** A plane of {@code width x height} samples with {@code padding} samples of border, all zero. */
    public Plane(int width, int height, int padding) {
        if (width <= 0 || height <= 0 || padding < 0) {
            throw new IllegalArgumentException("bad plane geometry " + width + "x" + height + " pad " + padding);
        }
        long total = (long) (width + 2 * padding) * (height + 2 * padding);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("plane too large: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.padding = padding;
        this.stride = width + 2 * padding;
        this.samples = new short[(int) total];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int padding() {
        return padding;
    }

    /** Distance in the array between vertically adjacent samples. */
    public int stride() {
        return stride;
    }

    /** The backing array (visible area plus borders). */
    public short[] samples() {
        return samples;
    }

    /** Array index of visible sample (x, y); x in [-padding, width+padding), likewise y. */
    public int index(int x, int y) {
        return (y + padding) * stride + x + padding;
    }

    /** Sample value at (x, y). */
    public int get(int x, int y) {
        return samples[index(x, y)] & 0xFFFF;
    }

    /** Sets the sample at (x, y). */
    public void set(int x, int y, int value) {
        samples[index(x, y)] = (short) value;
    }

    /** Replicates the outermost visible samples into the whole border. */
    public void extendBorders() {
        if (padding == 0) {
            return;
        }
        for (int y = 0; y < height; y++) {
            int row = index(0, y);
            Arrays.fill(samples, row - padding, row, samples[row]);
            int last = row + width - 1;
            Arrays.fill(samples, last + 1, last + 1 + padding, samples[last]);
        }
        int firstRow = index(-padding, 0);
        int lastRow = index(-padding, height - 1);
        for (int p = 1; p <= padding; p++) {
            System.arraycopy(samples, firstRow, samples, firstRow - p * stride, stride);
            System.arraycopy(samples, lastRow, samples, lastRow + p * stride, stride);
        }
    }

    /** Copies the visible area of {@code src}, which must have the same width and height. */
    public void copyFrom(Plane src) {
        if (src.width != width || src.height != height) {
            throw new IllegalArgumentException("plane size mismatch");
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(src.samples, src.index(0, y), samples, index(0, y), width);
        }
    }

    /** Fills the visible area with one value. */
    public void fill(int value) {
        for (int y = 0; y < height; y++) {
            int i = index(0, y);
            Arrays.fill(samples, i, i + width, (short) value);
        }
    }

    /** True when the visible areas hold the same samples. */
    public boolean sameSamples(Plane other) {
        if (other.width != width || other.height != height) {
            return false;
        }
        for (int y = 0; y < height; y++) {
            if (!Arrays.equals(samples, index(0, y), index(width, y),
                    other.samples, other.index(0, y), other.index(width, y))) {
                return false;
            }
        }
        return true;
    }
}
