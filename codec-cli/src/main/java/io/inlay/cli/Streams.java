package io.inlay.cli;

import io.inlay.bitstream.SequenceHeader;
import io.inlay.core.ChromaFormat;
import io.inlay.core.io.VideoFormat;

/** Mapping between an Inlay sequence header and the y4m format of the decoded video. */
final class Streams {
    private Streams() {
    }

    /**
     * The y4m format of the decoded video: size, bit depth, chroma format, frame rate and colour
     * range from the header; progressive, unknown aspect ratio, JPEG (centre) chroma siting.
     */
    static VideoFormat videoFormat(SequenceHeader sh) {
        ChromaFormat cf = ChromaFormat.fromIdc(sh.chromaFormatIdc());
        if (cf == null) {
            throw new IllegalArgumentException("chroma_format_idc " + sh.chromaFormatIdc());
        }
        return new VideoFormat(sh.width(), sh.height(), sh.bitDepth(), cf, sh.fpsNum(), sh.fpsDen(),
                sh.colourRange(), 'p', 0, 0, sh.bitDepth() == 8 ? "jpeg" : "");
    }
}
