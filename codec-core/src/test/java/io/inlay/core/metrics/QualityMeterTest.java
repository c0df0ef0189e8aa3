package io.inlay.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import io.inlay.core.kernels.Kernels;
import org.junit.jupiter.api.Test;

class QualityMeterTest {
    private static Picture flat(int w, int h, int depth, int y, int u, int v) {
        Picture p = Picture.allocate(w, h, depth);
        p.plane(0).fill(y);
        p.plane(1).fill(u);
        p.plane(2).fill(v);
        return p;
    }

    @Test
    void identicalPicturesAreCapped() {
        Picture a = flat(33, 17, 10, 500, 600, 700);
        QualityMeter m = new QualityMeter(Kernels.scalar());
        FrameQuality q = m.add(a, a.copy(8));
        assertEquals(new FrameQuality(100, 100, 100, 100, 1.0), q);
        assertEquals(q, m.mean());
    }

    @Test
    void yuvWeightingAndPerFrameAveraging() {
        Picture ref = flat(16, 16, 8, 100, 100, 100);
        Picture f1 = flat(16, 16, 8, 101, 104, 100); // Y MSE 1, U MSE 16, V identical
        Picture f2 = flat(16, 16, 8, 110, 100, 100); // Y MSE 100
        QualityMeter m = new QualityMeter();
        FrameQuality q1 = m.add(ref, f1);
        double y1 = 10 * Math.log10(255.0 * 255.0);
        double u1 = 10 * Math.log10(255.0 * 255.0 / 16);
        assertEquals(y1, q1.psnrY(), 1e-9);
        assertEquals(u1, q1.psnrU(), 1e-9);
        assertEquals(Psnr.MAX_DB, q1.psnrV());
        assertEquals((6 * y1 + u1 + 100) / 8, q1.psnrYuv(), 1e-9);
        FrameQuality q2 = m.add(ref, f2);
        double y2 = 10 * Math.log10(255.0 * 255.0 / 100);
        assertEquals(y2, q2.psnrY(), 1e-9);
        FrameQuality mean = m.mean();
        assertEquals(2, m.frames());
        // Average of per-frame PSNR, not PSNR of the average MSE (which would be 20.1 dB lower).
        assertEquals((y1 + y2) / 2, mean.psnrY(), 1e-9);
        assertEquals((q1.psnrYuv() + q2.psnrYuv()) / 2, mean.psnrYuv(), 1e-9);
        assertEquals(FrameQuality.psnrYuv(mean.psnrY(), mean.psnrU(), mean.psnrV()), mean.psnrYuv(), 1e-9);
        assertTrue(mean.ssimY() <= 1.0);
    }

    /** {@code meanOf} pairs the lists' frames in order and equals a meter fed the same pairs. */
    @Test
    void meanOfListsPairsFramesInOrder() {
        Picture ref = flat(16, 16, 8, 100, 100, 100);
        Picture f1 = flat(16, 16, 8, 101, 104, 100);
        Picture f2 = flat(16, 16, 8, 110, 100, 100);
        QualityMeter m = new QualityMeter();
        m.add(ref, f1);
        m.add(f2, ref);
        assertEquals(m.mean(), QualityMeter.meanOf(java.util.List.of(ref, f2), java.util.List.of(f1, ref)));
        assertThrows(IllegalArgumentException.class,
                () -> QualityMeter.meanOf(java.util.List.of(ref, f2), java.util.List.of(f1)));
        assertThrows(IllegalStateException.class,
                () -> QualityMeter.meanOf(java.util.List.of(), java.util.List.of()));
    }

    /**
     * foreman frame 1 against frame 0, as measured by ffmpeg 5.1 (values rounded to 6 places):
     * {@code ffmpeg -i C -i C -filter_complex "[0]trim=start_frame=1:end_frame=2,setpts=PTS-STARTPTS[a];
     * [1]trim=start_frame=0:end_frame=1,setpts=PTS-STARTPTS[b];[a][b]psnr" -f null -} (and {@code ssim}).
     */
    @Test
    void matchesFfmpegOnACorpusClip() throws java.io.IOException {
        // the bundled excerpt holds the corpus clip's first frames unchanged
        java.nio.file.Path clip = java.nio.file.Path.of("../testvectors/clips/foreman_352x288_6f.y4m");
        try (var r = io.inlay.core.io.VideoFiles.openReader(clip, null)) {
            Picture f0 = r.format().allocatePicture(0);
            Picture f1 = r.format().allocatePicture(16);
            assertTrue(r.read(f0) && r.read(f1));
            for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.get()}) {
                FrameQuality q = new QualityMeter(k).measure(f0, f1);
                assertEquals(27.907497, q.psnrY(), 1e-6);
                assertEquals(44.381605, q.psnrU(), 1e-6);
                assertEquals(44.490727, q.psnrV(), 1e-6);
                assertEquals(0.866842, q.ssimY(), 1e-6);
            }
        }
    }

    @Test
    void misuse() {
        QualityMeter m = new QualityMeter(Kernels.scalar());
        assertThrows(IllegalStateException.class, m::mean);
        assertThrows(IllegalArgumentException.class,
                () -> m.add(Picture.allocate(8, 8, 8), Picture.allocate(8, 8, 10)));
    }
}
