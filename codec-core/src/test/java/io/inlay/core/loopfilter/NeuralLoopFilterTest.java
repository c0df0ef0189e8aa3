package io.inlay.core.loopfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.neural.InLoopFilter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared NLF stage against docs/bitstream/neural-filter.md §3 written out sample by sample:
 * the input planes (§3.1, incl. the rounding of higher bit depths and the clamp at 255), the
 * filtered samples (§3.2: scale, rounding shift, clipping), the per-CTU selection (§3.4), and the
 * reuse of its buffers.
 */
class NeuralLoopFilterTest {

    /** Records its input and writes a seeded output in -2048..2047 (extremes included). */
    static final class Recorder implements InLoopFilter {
        byte[] input;
        short[] output;
        int width;
        int height;
        long seed;
        int radius = 3;
        boolean closed;

        @Override
        public byte[] modelId() {
            return new byte[32];
        }

        @Override
        public int receptiveFieldRadius() {
            return radius;
        }

        @Override
        public String description() {
            return "recorder";
        }

        @Override
        public void run(byte[] in, int w, int h, short[] out) {
            input = in.clone();
            width = w;
            height = h;
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 6 * w * h; i++) {
                int k = r.nextInt(10);
                out[i] = (short) (k == 0 ? OUTPUT_MIN : k == 1 ? OUTPUT_MAX : r.nextInt(-300, 301));
            }
            output = out.clone();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static Picture random(int w, int h, int bitDepth, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Picture p = Picture.allocate(w, h, bitDepth, io.inlay.core.ChromaFormat.YUV420, 16);
        for (int c = 0; c < 3; c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    int k = r.nextInt(8);
                    pl.set(x, y, k == 0 ? 0 : k == 1 ? p.maxValue() : r.nextInt(p.maxValue() + 1));
                }
            }
        }
        return p;
    }

    private static int to8(int v, int bitDepth) {
        return bitDepth == 8 ? v : Math.min(255, (v + (1 << (bitDepth - 9))) >> (bitDepth - 8));
    }

    @ParameterizedTest
    @CsvSource({"8, 0", "8, 3", "9, 1", "10, 8", "12, 3"})
    void inputPlanesFollowSection31(int bitDepth, int radius) {
        int w = 136;
        int h = 72;
        Recorder net = new Recorder();
        net.radius = radius;
        NeuralLoopFilter f = new NeuralLoopFilter(net, w, h, bitDepth);
        Picture rec = random(w, h, bitDepth, bitDepth);
        Picture before = rec.copy(0);
        f.analyse(rec, 37);
        assertTrue(rec.sameSamples(before), "analyse does not modify the picture");
        int pw = w / 2;
        int ph = h / 2;
        int we = pw + 2 * radius;
        int he = ph + 2 * radius;
        assertEquals(we, net.width);
        assertEquals(he, net.height);
        int plane = we * he;
        assertEquals(7 * plane, net.input.length);
        for (int ye = 0; ye < he; ye++) {
            for (int xe = 0; xe < we; xe++) {
                // the extension repeats the nearest picture position
                int x = Math.clamp(xe - radius, 0, pw - 1);
                int y = Math.clamp(ye - radius, 0, ph - 1);
                int i = ye * we + xe;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        assertEquals(to8(rec.plane(0).get(2 * x + dx, 2 * y + dy), bitDepth),
                                net.input[(2 * dy + dx) * plane + i] & 0xFF);
                    }
                }
                assertEquals(to8(rec.plane(1).get(x, y), bitDepth), net.input[4 * plane + i] & 0xFF);
                assertEquals(to8(rec.plane(2).get(x, y), bitDepth), net.input[5 * plane + i] & 0xFF);
                assertEquals(5 * 37, net.input[6 * plane + i] & 0xFF);
            }
        }
        short[] r = f.correction();
        assertEquals(6 * pw * ph, r.length);
        for (int c = 0; c < 6; c++) {
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    assertEquals(net.output[c * plane + (y + radius) * we + x + radius], r[(c * ph + y) * pw + x],
                            "R is the centre of the network output");
                }
            }
        }
        if (bitDepth > 8) {
            // the largest values round up to 256 and are clamped to 255
            assertEquals(255, to8((1 << bitDepth) - 1, bitDepth));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 10, 12})
    void filteredSamplesFollowSections32And34(int bitDepth) {
        int w = 200;     // 4 x 3 CTUs, the last column and row partial
        int h = 136;
        Recorder net = new Recorder();
        net.seed = 99 + bitDepth;
        NeuralLoopFilter f = new NeuralLoopFilter(net, w, h, bitDepth);
        assertEquals(4, f.ctbCols());
        assertEquals(3, f.ctbRows());
        SplittableRandom r = new SplittableRandom(bitDepth);
        for (int trial = 0; trial < 6; trial++) {
            Picture rec = random(w, h, bitDepth, 1000 + trial);
            Picture orig = rec.copy(0);
            int lumaScale = trial == 0 ? 0 : trial == 1 ? 255 : r.nextInt(1, 256);
            int chromaScale = trial == 2 ? 0 : trial == 3 ? 255 : r.nextInt(1, 256);
            for (int i = 0; i < 12; i++) {
                f.lumaFlags()[i] = (byte) r.nextInt(2);
                f.chromaFlags()[i] = (byte) r.nextInt(2);
            }
            f.analyse(rec, 30);
            short[] out = f.correction();
            f.apply(rec, lumaScale, chromaScale);
            int max = (1 << bitDepth) - 1;
            int pw = w / 2;
            int plane = pw * (h / 2);
            for (int c = 0; c < 3; c++) {
                Plane p = rec.plane(c);
                for (int y = 0; y < p.height(); y++) {
                    for (int x = 0; x < p.width(); x++) {
                        int ctb = c == 0 ? (y / 64) * 4 + x / 64 : (y / 32) * 4 + x / 32;
                        boolean on = c == 0 ? lumaScale != 0 && f.lumaFlags()[ctb] == 1
                                : chromaScale != 0 && f.chromaFlags()[ctb] == 1;
                        int v = orig.plane(c).get(x, y);
                        int expected = v;
                        if (on) {
                            int rv = c == 0 ? out[(2 * (y & 1) + (x & 1)) * plane + (y >> 1) * pw + (x >> 1)]
                                    : out[(3 + c) * plane + y * pw + x];
                            int scale = c == 0 ? lumaScale : chromaScale;
                            // d(R, scale) = (R * scale * 2^(BitDepth-8) + 512) >> 10, arithmetic shift
                            long d = Math.floorDiv((long) rv * scale * (1L << (bitDepth - 8)) + 512, 1024);
                            expected = (int) Math.max(0, Math.min(max, v + d));
                        }
                        assertEquals(expected, p.get(x, y), "plane " + c + " (" + x + ", " + y + ") trial " + trial);
                    }
                }
            }
            assertSame(out, f.correction(), "the output buffer is reused");
        }
        f.close();
        assertTrue(net.closed);
    }

    @Test
    void offsetRoundsTowardMinusInfinity() {
        assertEquals(0, NeuralLoopFilter.offset(0, 255, 8));
        assertEquals(1, NeuralLoopFilter.offset(16, 64, 8));        // 1/16 step at 1.0: 1024/1024
        assertEquals(0, NeuralLoopFilter.offset(-8, 64, 8));        // -512 + 512 = 0
        assertEquals(-1, NeuralLoopFilter.offset(-9, 64, 8));       // -576 + 512 = -64 -> -1
        assertEquals(4, NeuralLoopFilter.offset(16, 64, 10));
        assertEquals(-2048 * 255 * 16 / 1024, NeuralLoopFilter.offset(-2048, 255, 12));
        assertEquals((2047 * 255 * 16 + 512) >> 10, NeuralLoopFilter.offset(2047, 255, 12));
    }

    @Test
    void misuseIsRejected() {
        Recorder net = new Recorder();
        assertThrows(IllegalArgumentException.class, () -> new NeuralLoopFilter(net, 66, 64, 8));
        assertThrows(IllegalArgumentException.class, () -> new NeuralLoopFilter(net, 64, 64, 13));
        NeuralLoopFilter f = new NeuralLoopFilter(net, 64, 64, 8);
        assertThrows(IllegalStateException.class, () -> f.apply(random(64, 64, 8, 1), 64, 64));
        assertThrows(IllegalArgumentException.class, () -> f.analyse(random(64, 72, 8, 1), 30));
        assertThrows(IllegalArgumentException.class, () -> f.analyse(random(64, 64, 10, 1), 30));
    }
}
