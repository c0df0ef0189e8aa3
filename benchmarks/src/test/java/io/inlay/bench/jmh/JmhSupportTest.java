package io.inlay.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.metrics.FrameQuality;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/** The benchmarks' clip lookup and the aggregation contract of {@link RdCounters}. */
class JmhSupportTest {
    /** Two frames a benchmark cycles through: frame 0 and frame 1 always encode like this. */
    private static final long[] BITS = {1000, 3001};
    private static final FrameQuality[] QUALITY = {
        FrameQuality.of(40, 44, 46, 0.98), FrameQuality.of(30, 34, 36, 0.90),
    };

    /**
     * What JMH makes of a counter: the sum over measurement iterations, threads and forks.
     * {@code framesPerIteration[i]} lists the frame indices encoded in iteration i.
     */
    private static double jmhScore(int forks, int threads, int[][] framesPerIteration,
                                   ToDoubleFunction<RdCounters> counter) {
        int iterations = framesPerIteration.length;
        double sum = 0;
        for (int f = 0; f < Math.max(1, forks); f++) {
            for (int t = 0; t < threads; t++) {
                RdCounters c = new RdCounters();
                c.startIteration(true, 1, forks, threads);
                c.add(0, 999_999, QUALITY[1]);            // warmup frames never count
                for (int[] frames : framesPerIteration) {
                    c.startIteration(false, iterations, forks, threads);
                    for (int frame : frames) {
                        c.add(frame, BITS[frame], QUALITY[frame]);
                    }
                    sum += counter.applyAsDouble(c);
                }
            }
        }
        return sum;
    }

    @Test
    void countersSumToTheMeanOverFramesWhateverTheOperationCount() {
        // Uneven: frame 0 encoded 4 times, frame 1 twice; every frame must still weigh the same.
        int[][] iterations = {{0, 1, 0}, {1}, {0, 0}};
        double bits = (BITS[0] + BITS[1]) / 2.0;
        double psnr = (QUALITY[0].psnrYuv() + QUALITY[1].psnrYuv()) / 2;
        for (int forks : new int[] {0, 1, 3}) {
            for (int threads : new int[] {1, 2}) {
                assertEquals(bits, jmhScore(forks, threads, iterations, RdCounters::bitsPerFrame), 1e-9);
                assertEquals(psnr, jmhScore(forks, threads, iterations, RdCounters::psnrYuv), 1e-9);
                assertEquals(0.94, jmhScore(forks, threads, iterations, RdCounters::ssimY), 1e-9);
            }
        }
        assertEquals(bits, jmhScore(1, 1, new int[][] {{0, 1, 0}}, RdCounters::bitsPerFrame), 1e-9);
    }

    @Test
    void reportsOnlyAtTheLastMeasurementIteration() {
        RdCounters c = new RdCounters();
        c.startIteration(true, 1, 1, 1);
        c.add(0, 100, QUALITY[0]);
        c.add(0, 300, QUALITY[0]);
        assertEquals(200, c.bitsPerFrame(), 1e-9);       // a warmup iteration shows its own mean
        assertEquals(QUALITY[0].psnrYuv(), c.psnrYuv(), 1e-9);
        c.startIteration(false, 2, 1, 1);
        c.add(1, 500, QUALITY[1]);
        assertEquals(0, c.bitsPerFrame());
        c.startIteration(false, 2, 1, 1);
        c.add(1, 700, QUALITY[1]);
        assertEquals(600, c.bitsPerFrame(), 1e-9);       // warmup frames dropped
    }

    @Test
    void findsBundledClipsAndReadsFrames() throws IOException {
        assertTrue(Files.isRegularFile(Clips.resolve("cars_320x240_10f")));
        Clips.Frames f = Clips.read("cars_320x240_10f", 2);
        assertEquals(2, f.pictures().length);
        assertEquals(320, f.pictures()[1].width());
        assertEquals(240, f.format().height());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Clips.read("cars_320x240_10f", 11));
        assertTrue(tooMany.getMessage().contains("holds only 10 frames"), tooMany.getMessage());
    }

    @Test
    void rejectsUnknownClipsAndConfigurations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Clips.resolve("no_such_clip_1x1_1"));
        assertTrue(e.getMessage().contains("testvectors"), e.getMessage());
        EncoderConfig cfg = Clips.configuration("all-intra", VideoFormat.of(64, 48, 8), 27).build();
        assertEquals(27, cfg.qp());
        assertEquals(GopStructure.ALL_INTRA, cfg.gop());
        assertEquals(GopStructure.RANDOM_ACCESS,
                Clips.configuration("random-access", VideoFormat.of(64, 48, 8), 27).build().gop());
        assertEquals(GopStructure.LOW_DELAY,
                Clips.configuration("low-delay", VideoFormat.of(64, 48, 8), 27).build().gop());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Clips.configuration("ra", VideoFormat.of(64, 48, 8), 27));
        assertTrue(e2.getMessage().contains("random-access"), e2.getMessage());
    }
}
