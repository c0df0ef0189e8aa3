package io.inlay.bench.rd;

import io.inlay.core.Picture;
import io.inlay.core.io.VideoReader;
import io.inlay.core.metrics.FrameQuality;
import io.inlay.core.metrics.QualityMeter;
import java.io.IOException;

/** Quality of decoded frames against a clip's source, frame i against frame i. */
final class Quality {
    private Quality() {
    }

    /**
     * Mean quality of {@code decoded} against the clip's first {@link Clip#frames()} frames. The
     * decoded sequence must have exactly that many frames of the clip's geometry: no pairing by
     * timestamp, no conversion.
     *
     * @throws IOException if a frame count or the geometry differs, or a read fails
     */
    static FrameQuality measure(Clip clip, VideoReader decoded, String what) throws IOException {
        if (decoded.format().width() != clip.format().width() || decoded.format().height() != clip.format().height()
                || decoded.format().bitDepth() != clip.format().bitDepth()) {
            throw new IOException(what + ": " + decoded.format().width() + "x" + decoded.format().height() + " "
                    + decoded.format().bitDepth() + "-bit, the clip is " + clip.format().width() + "x"
                    + clip.format().height() + " " + clip.format().bitDepth() + "-bit");
        }
        QualityMeter meter = new QualityMeter();
        Picture ref = clip.format().allocatePicture(0);
        Picture test = clip.format().allocatePicture(0);
        try (VideoReader source = clip.openReader()) {
            for (int i = 0; i < clip.frames(); i++) {
                if (!source.read(ref)) {
                    throw new IOException(clip.path() + ": ended at frame " + i + " of " + clip.frames());
                }
                if (!decoded.read(test)) {
                    throw new IOException(what + ": " + i + " decoded frames, expected " + clip.frames());
                }
                meter.add(ref, test);
            }
        }
        if (decoded.read(test)) {
            throw new IOException(what + ": more than the " + clip.frames() + " frames coded");
        }
        return meter.mean();
    }
}
