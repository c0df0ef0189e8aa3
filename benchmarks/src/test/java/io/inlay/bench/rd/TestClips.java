package io.inlay.bench.rd;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.Y4mWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Tiny synthetic y4m clips: gradients, a moving edge and noise, so every tool has something to do. */
final class TestClips {
    private TestClips() {
    }

    static Path write(Path file, int width, int height, int frames, long seed) throws IOException {
        VideoFormat format = VideoFormat.of(width, height, 8).withFrameRate(25, 1);
        Random rnd = new Random(seed);
        try (OutputStream out = Files.newOutputStream(file)) {
            Y4mWriter w = new Y4mWriter(out, format);
            for (int f = 0; f < frames; f++) {
                Picture p = format.allocatePicture(0);
                for (int c = 0; c < 3; c++) {
                    Plane pl = p.plane(c);
                    for (int y = 0; y < pl.height(); y++) {
                        for (int x = 0; x < pl.width(); x++) {
                            int v = c == 0 ? 40 + 2 * x + y + (x > 10 + 3 * f ? 60 : 0) : 100 + 20 * c + x - y;
                            pl.set(x, y, Math.clamp(v + rnd.nextInt(9) - 4, 0, 255));
                        }
                    }
                }
                w.write(p);
            }
            w.flush();
        }
        return file;
    }
}
