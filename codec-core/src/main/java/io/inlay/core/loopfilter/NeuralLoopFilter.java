package io.inlay.core.loopfilter;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.neural.InLoopFilter;
import java.util.Objects;

/**
 * The neural in-loop filter stage (docs/bitstream/neural-filter.md §3), shared by encoder and
 * decoder: forms the network input from the deblocked coded-area picture (§3.1), runs the network
 * through an {@link InLoopFilter} (§2), and adds the scaled correction to the CTUs whose flag is set
 * (§3.2, §3.4).
 *
 * <p>Two steps, so an encoder can choose the scales and flags between them: {@link #analyse}
 * computes the network output {@code R} from the deblocked picture and keeps it
 * ({@link #correction()}); {@link #apply} then writes the filtered samples into the picture. {@code R}
 * does not depend on the scales, so any number of scales can be evaluated from one network run with
 * {@link #offset(int, int, int)}.
 *
 * <p>Buffers are allocated by the first {@link #analyse} and reused for every later frame. The
 * stage owns the network executor: {@link #close()} closes it. One thread at a time.
 */
public final class NeuralLoopFilter implements AutoCloseable {
    /** log2 of the CTU size in luma samples. */
    private static final int CTU_LOG2 = 6;

    private final InLoopFilter network;
    private final int codedWidth;
    private final int codedHeight;
    private final int bitDepth;
    private final int width;
    private final int height;
    private final int ctbCols;
    private final int ctbRows;
    private final byte[] lumaFlags;
    private final byte[] chromaFlags;
    private byte[] input;
    private short[] extendedOutput;
    private short[] output;

    /**
     * A stage for coded-area pictures of {@code codedWidth x codedHeight} (multiples of 8) luma
     * samples, 4:2:0, at {@code bitDepth}, running {@code network}.
     */
    public NeuralLoopFilter(InLoopFilter network, int codedWidth, int codedHeight, int bitDepth) {
        this.network = Objects.requireNonNull(network, "network");
        if (codedWidth <= 0 || codedHeight <= 0 || (codedWidth & 7) != 0 || (codedHeight & 7) != 0) {
            throw new IllegalArgumentException("coded size must be a positive multiple of 8: " + codedWidth + "x"
                    + codedHeight);
        }
        if (bitDepth < 8 || bitDepth > 12) {
            throw new IllegalArgumentException("bit depth must be 8..12: " + bitDepth);
        }
        this.codedWidth = codedWidth;
        this.codedHeight = codedHeight;
        this.bitDepth = bitDepth;
        this.width = codedWidth >> 1;
        this.height = codedHeight >> 1;
        this.ctbCols = (codedWidth + (1 << CTU_LOG2) - 1) >> CTU_LOG2;
        this.ctbRows = (codedHeight + (1 << CTU_LOG2) - 1) >> CTU_LOG2;
        this.lumaFlags = new byte[ctbCols * ctbRows];
        this.chromaFlags = new byte[ctbCols * ctbRows];
    }

    /** The network executor (for its model identifier and description). */
    public InLoopFilter network() {
        return network;
    }

    /** CTU columns of the coded area. */
    public int ctbCols() {
        return ctbCols;
    }

    /** CTU rows of the coded area. */
    public int ctbRows() {
        return ctbRows;
    }

    /**
     * {@code nlf_ctu_luma_flag} per CTU in raster order (0 or 1): set by the parser or the encoder's
     * decision, read by {@link #apply}.
     */
    public byte[] lumaFlags() {
        return lumaFlags;
    }

    /** {@code nlf_ctu_chroma_flag} per CTU in raster order (0 or 1). */
    public byte[] chromaFlags() {
        return chromaFlags;
    }

    /** Width of one network plane: {@code CodedWidth / 2}. */
    public int planeWidth() {
        return width;
    }

    /** Height of one network plane: {@code CodedHeight / 2}. */
    public int planeHeight() {
        return height;
    }

    /**
     * The network output {@code R} of the last {@link #analyse}: 6 planes of
     * {@code planeWidth() x planeHeight()} values in -2048..2047, plane-major then row-major.
     * Luma sample (2x+dx, 2y+dy) is corrected by plane {@code 2*dy+dx} at (x, y); Cb by plane 4,
     * Cr by plane 5 (§3.3). Read only.
     */
    public short[] correction() {
        return output;
    }

    /**
     * {@code d(R, scale) = (R * scale * 2^(BitDepth - 8) + 512) >> 10} (§3.2): what a correction
     * value {@code r} adds to a sample at {@code scale} (0..255).
     */
    public static int offset(int r, int scale, int bitDepth) {
        return (r * scale * (1 << (bitDepth - 8)) + 512) >> 10;
    }

    /**
     * Runs the network on the deblocked coded-area picture {@code rec} of a frame with
     * {@code frame_qp} {@code frameQp} (§3.1, §2) and keeps its output ({@link #correction()}).
     * {@code rec} is not modified.
     */
    public void analyse(Picture rec, int frameQp) {
        if (rec.width() != codedWidth || rec.height() != codedHeight || rec.bitDepth() != bitDepth) {
            throw new IllegalArgumentException("picture " + rec.width() + "x" + rec.height() + " " + rec.bitDepth()
                    + "-bit does not match the filter's " + codedWidth + "x" + codedHeight + " " + bitDepth + "-bit");
        }
        // §3.1: each plane extended by E repeated positions on every side, so that no output
        // position inside the picture sees the network's zero padding.
        int e = network.receptiveFieldRadius();
        int we = width + 2 * e;
        int he = height + 2 * e;
        int ext = we * he;
        if (input == null) {
            input = new byte[InLoopFilter.INPUT_CHANNELS * ext];
            extendedOutput = new short[InLoopFilter.OUTPUT_CHANNELS * ext];
            output = new short[InLoopFilter.OUTPUT_CHANNELS * width * height];
        }
        Plane y = rec.plane(0);
        short[] ys = y.samples();
        for (int yy = 0; yy < height; yy++) {
            for (int dy = 0; dy < 2; dy++) {
                int src = y.index(0, 2 * yy + dy);
                for (int dx = 0; dx < 2; dx++) {
                    int dst = (2 * dy + dx) * ext + (yy + e) * we + e;
                    for (int xx = 0; xx < width; xx++) {
                        input[dst + xx] = (byte) to8(ys[src + 2 * xx + dx] & 0xFFFF);
                    }
                }
            }
        }
        for (int c = 1; c <= 2; c++) {
            Plane p = rec.plane(c);
            short[] s = p.samples();
            int base = (3 + c) * ext;
            for (int yy = 0; yy < height; yy++) {
                int src = p.index(0, yy);
                int dst = base + (yy + e) * we + e;
                for (int xx = 0; xx < width; xx++) {
                    input[dst + xx] = (byte) to8(s[src + xx] & 0xFFFF);
                }
            }
        }
        for (int c = 0; c < 6; c++) {
            extend(input, c * ext, we, he, e);
        }
        java.util.Arrays.fill(input, 6 * ext, 7 * ext, (byte) (5 * frameQp));
        network.run(input, we, he, extendedOutput);
        for (int c = 0; c < InLoopFilter.OUTPUT_CHANNELS; c++) {
            for (int yy = 0; yy < height; yy++) {
                System.arraycopy(extendedOutput, c * ext + (yy + e) * we + e, output, (c * height + yy) * width, width);
            }
        }
    }

    /** Fills the {@code e}-wide border of the {@code we x he} plane at {@code base} by repeating its centre's edges. */
    private static void extend(byte[] buf, int base, int we, int he, int e) {
        for (int yy = e; yy < he - e; yy++) {
            int row = base + yy * we;
            java.util.Arrays.fill(buf, row, row + e, buf[row + e]);
            java.util.Arrays.fill(buf, row + we - e, row + we, buf[row + we - e - 1]);
        }
        for (int yy = 0; yy < e; yy++) {
            System.arraycopy(buf, base + e * we, buf, base + yy * we, we);
            System.arraycopy(buf, base + (he - e - 1) * we, buf, base + (he - 1 - yy) * we, we);
        }
    }

    // to8() of §3.1
    private int to8(int v) {
        return bitDepth == 8 ? v : Math.min(255, (v + (1 << (bitDepth - 9))) >> (bitDepth - 8));
    }

    /**
     * Applies the filter to {@code rec}, the picture {@link #analyse} saw (§3.2, §3.4): luma of the
     * CTUs whose {@link #lumaFlags()} entry is 1 when {@code lumaScale} is not 0, chroma of those whose
     * {@link #chromaFlags()} entry is 1 when {@code chromaScale} is not 0. Each filtered sample depends
     * only on its own deblocked value, so the picture is filtered in place.
     */
    public void apply(Picture rec, int lumaScale, int chromaScale) {
        if (output == null) {
            throw new IllegalStateException("analyse must come first");
        }
        int maxVal = (1 << bitDepth) - 1;
        int plane = width * height;
        int ctuC = 1 << (CTU_LOG2 - 1);
        for (int ctb = 0; ctb < lumaFlags.length; ctb++) {
            int x0 = (ctb % ctbCols) * ctuC;
            int y0 = (ctb / ctbCols) * ctuC;
            int x1 = Math.min(width, x0 + ctuC);
            int y1 = Math.min(height, y0 + ctuC);
            if (lumaScale != 0 && lumaFlags[ctb] != 0) {
                Plane p = rec.plane(0);
                short[] s = p.samples();
                for (int yy = y0; yy < y1; yy++) {
                    for (int dy = 0; dy < 2; dy++) {
                        int row = p.index(0, 2 * yy + dy);
                        for (int dx = 0; dx < 2; dx++) {
                            int r = (2 * dy + dx) * plane + yy * width;
                            for (int xx = x0; xx < x1; xx++) {
                                int i = row + 2 * xx + dx;
                                int v = (s[i] & 0xFFFF) + offset(output[r + xx], lumaScale, bitDepth);
                                s[i] = (short) Math.max(0, Math.min(maxVal, v));
                            }
                        }
                    }
                }
            }
            if (chromaScale != 0 && chromaFlags[ctb] != 0) {
                for (int c = 1; c <= 2; c++) {
                    Plane p = rec.plane(c);
                    short[] s = p.samples();
                    int base = (3 + c) * plane;
                    for (int yy = y0; yy < y1; yy++) {
                        int row = p.index(0, yy);
                        int r = base + yy * width;
                        for (int xx = x0; xx < x1; xx++) {
                            int v = (s[row + xx] & 0xFFFF) + offset(output[r + xx], chromaScale, bitDepth);
                            s[row + xx] = (short) Math.max(0, Math.min(maxVal, v));
                        }
                    }
                }
            }
        }
    }

    /** Closes the network executor. */
    @Override
    public void close() {
        network.close();
    }
}
