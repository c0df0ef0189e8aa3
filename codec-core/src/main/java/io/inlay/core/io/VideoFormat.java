package io.inlay.core.io;

import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import java.util.Objects;

/**
 * Geometry and header fields of an uncompressed video stream: everything a y4m header carries,
 * so that a writer can reproduce a reader's header faithfully.
 *
 * @param width         luma width in samples, 1..65535
 * @param height        luma height in samples, 1..65535
 * @param bitDepth      8..12; samples wider than 8 bits are stored as 16-bit little-endian words
 * @param chromaFormat  chroma subsampling (4:2:0 only for now)
 * @param fpsNum        frame rate numerator; {@code 0:0} means unknown
 * @param fpsDen        frame rate denominator
 * @param colourRange   -1 unknown, 0 limited ("studio"), 1 full (y4m {@code XCOLORRANGE})
 * @param interlace     y4m interlace code: {@code 'p'} progressive, {@code 't'} top field first,
 *                      {@code 'b'} bottom field first, {@code 'm'} mixed, {@code '?'} unknown
 * @param sarNum        pixel aspect ratio numerator; {@code 0:0} means unknown
 * @param sarDen        pixel aspect ratio denominator
 * @param chromaSiting  8-bit 4:2:0 chroma siting as spelled after {@code C420} in y4m:
 *                      {@code "jpeg"}, {@code "mpeg2"}, {@code "paldv"}, or {@code ""} for a bare
 *                      {@code C420}; ignored (and normally {@code ""}) above 8 bits, where y4m
 *                      ({@code C420p10}) carries no siting
 */
public record VideoFormat(int width, int height, int bitDepth, ChromaFormat chromaFormat,
        int fpsNum, int fpsDen, int colourRange, char interlace, int sarNum, int sarDen,
        String chromaSiting) {

    /** Largest width or height accepted. */
    public static final int MAX_DIMENSION = 65535;

    public static final int RANGE_UNKNOWN = -1;
    public static final int RANGE_LIMITED = 0;
    public static final int RANGE_FULL = 1;

    public VideoFormat {
        Objects.requireNonNull(chromaFormat, "chromaFormat");
        Objects.requireNonNull(chromaSiting, "chromaSiting");
        if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("frame size must be 1..65535 each: " + width + "x" + height);
        }
        if (bitDepth < 8 || bitDepth > 12) {
            throw new IllegalArgumentException("bit depth must be 8..12: " + bitDepth);
        }
        if (fpsNum < 0 || fpsDen < 0 || (fpsNum == 0) != (fpsDen == 0)) {
            throw new IllegalArgumentException("bad frame rate " + fpsNum + ":" + fpsDen);
        }
        if (sarNum < 0 || sarDen < 0 || (sarNum == 0) != (sarDen == 0)) {
            throw new IllegalArgumentException("bad pixel aspect ratio " + sarNum + ":" + sarDen);
        }
        if (colourRange < -1 || colourRange > 1) {
            throw new IllegalArgumentException("colour range must be -1, 0 or 1: " + colourRange);
        }
        if ("ptbm?".indexOf(interlace) < 0) {
            throw new IllegalArgumentException("interlace must be one of p t b m ?: " + interlace);
        }
        if (!(chromaSiting.isEmpty() || chromaSiting.equals("jpeg") || chromaSiting.equals("mpeg2")
                || chromaSiting.equals("paldv"))) {
            throw new IllegalArgumentException("unknown chroma siting: " + chromaSiting);
        }
    }

    /**
     * Progressive 4:2:0 at 25 fps with unknown range and aspect ratio; JPEG siting at 8 bits.
     * Use the {@code with…} methods for other values.
     */
    public static VideoFormat of(int width, int height, int bitDepth) {
        return new VideoFormat(width, height, bitDepth, ChromaFormat.YUV420, 25, 1, RANGE_UNKNOWN, 'p', 0, 0,
                bitDepth == 8 ? "jpeg" : "");
    }

    /** This format with another frame rate. */
    public VideoFormat withFrameRate(int num, int den) {
        return new VideoFormat(width, height, bitDepth, chromaFormat, num, den, colourRange, interlace, sarNum, sarDen,
                chromaSiting);
    }

    /** This format with another colour range (-1, 0 or 1). */
    public VideoFormat withColourRange(int range) {
        return new VideoFormat(width, height, bitDepth, chromaFormat, fpsNum, fpsDen, range, interlace, sarNum, sarDen,
                chromaSiting);
    }

    /** This format with another bit depth; the siting becomes JPEG at 8 bits and empty above. */
    public VideoFormat withBitDepth(int depth) {
        String siting = depth == 8 ? (bitDepth == 8 ? chromaSiting : "jpeg") : "";
        return new VideoFormat(width, height, depth, chromaFormat, fpsNum, fpsDen, colourRange, interlace, sarNum,
                sarDen, siting);
    }

    /** Chroma plane width. */
    public int chromaWidth() {
        return chromaFormat.chromaWidth(width);
    }

    /** Chroma plane height. */
    public int chromaHeight() {
        return chromaFormat.chromaHeight(height);
    }

    /** Bytes per sample in files: 1 at 8 bits, 2 (little-endian) above. */
    public int bytesPerSample() {
        return bitDepth > 8 ? 2 : 1;
    }

    /** Bytes of sample data in one frame (all planes, no y4m {@code FRAME} line). */
    public long frameBytes() {
        long samples = (long) width * height + 2L * chromaWidth() * chromaHeight();
        return samples * bytesPerSample();
    }

    /** Largest sample value, {@code (1 << bitDepth) - 1}. */
    public int maxValue() {
        return (1 << bitDepth) - 1;
    }

    /** A picture of this geometry and bit depth with the given luma padding, samples zero. */
    public Picture allocatePicture(int padding) {
        return Picture.allocate(width, height, bitDepth, chromaFormat, padding);
    }

    /** True when {@code p} has this format's size, bit depth and chroma format. */
    public boolean matches(Picture p) {
        return p.width() == width && p.height() == height && p.bitDepth() == bitDepth
                && p.chromaFormat() == chromaFormat;
    }

    void requireMatch(Picture p) {
        if (!matches(p)) {
            throw new IllegalArgumentException("picture " + p.width() + "x" + p.height() + " " + p.bitDepth()
                    + "-bit " + p.chromaFormat() + " does not match the stream format " + width + "x" + height + " "
                    + bitDepth + "-bit " + chromaFormat);
        }
    }
}
