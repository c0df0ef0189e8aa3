package io.inlay.core;

/** Chroma subsampling of a picture. Ordinal order is not a coded value; see {@link #idc()}. */
public enum ChromaFormat {
    /** 4:2:0: chroma planes have half the width and half the height (rounded up). */
    YUV420(1, 1, 1);

    private final int idc;
    private final int shiftX;
    private final int shiftY;

    ChromaFormat(int idc, int shiftX, int shiftY) {
        this.idc = idc;
        this.shiftX = shiftX;
        this.shiftY = shiftY;
    }

    /** The coded {@code chroma_format_idc}. */
    public int idc() {
        return idc;
    }

    /** log2 of the horizontal subsampling factor of the chroma planes. */
    public int shiftX() {
        return shiftX;
    }

    /** log2 of the vertical subsampling factor of the chroma planes. */
    public int shiftY() {
        return shiftY;
    }

    /** Width of a chroma plane for a luma width, rounded up (odd widths allowed). */
    public int chromaWidth(int lumaWidth) {
        return (lumaWidth + (1 << shiftX) - 1) >> shiftX;
    }

    /** Height of a chroma plane for a luma height, rounded up. */
    public int chromaHeight(int lumaHeight) {
        return (lumaHeight + (1 << shiftY) - 1) >> shiftY;
    }

    /** The format whose {@code chroma_format_idc} is {@code idc}, or null. */
    public static ChromaFormat fromIdc(int idc) {
        for (ChromaFormat f : values()) {
            if (f.idc == idc) {
                return f;
            }
        }
        return null;
    }
}
