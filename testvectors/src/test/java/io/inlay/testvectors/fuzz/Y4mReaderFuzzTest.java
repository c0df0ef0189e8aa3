package io.inlay.testvectors.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoFormatException;
import io.inlay.core.io.Y4mReader;
import java.io.ByteArrayInputStream;

/**
 * Fuzz target on the y4m reader {@code inlay encode} reads its input with: any bytes give a format
 * and frames, or {@link VideoFormatException} with an offset within the input. Frames are read
 * into a picture of the header's format as the CLI does, when one frame of it could fit in the
 * input at all (a header may name up to 65535x65535; what the CLI allocates for that is its own
 * limit, not the reader's).
 */
class Y4mReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void read(byte[] y4m) throws Throwable {
        FuzzSupport.run(() -> FuzzSupport.requireAllocationWithin("reading y4m", () -> {
            try (Y4mReader r = new Y4mReader(new ByteArrayInputStream(y4m))) {
                VideoFormat f = r.format();
                if (f.frameBytes() <= y4m.length) {
                    Picture p = f.allocatePicture(0);
                    while (r.read(p)) {
                        FuzzSupport.requireWellFormed(p, f.width(), f.height(), f.bitDepth());
                        if (r.position() > y4m.length) {
                            throw new AssertionError("position " + r.position() + " beyond the input's " + y4m.length);
                        }
                    }
                }
            } catch (VideoFormatException e) {
                if (e.offset() < 0 || e.offset() > y4m.length) {
                    throw new AssertionError("offset " + e.offset() + " outside 0.." + y4m.length + ": " + e.getMessage(), e);
                }
            }
            return (4L << 20) + 8L * y4m.length;
        }));
    }
}
