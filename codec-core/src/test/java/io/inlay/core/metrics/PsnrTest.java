package io.inlay.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.core.Plane;
import io.inlay.core.kernels.Kernels;
import org.junit.jupiter.api.Test;

class PsnrTest {
    @Test
    void knownValues() {
        assertEquals(10 * Math.log10(255.0 * 255.0), Psnr.psnr(1, 1, 8), 1e-12);
        // MSE 1 at 8 bits is 48.13 dB.
        assertEquals(48.1308, Psnr.psnr(1000, 1000, 8), 1e-4);
        // MSE 4 at 10 bits: 10 log10(1023^2 / 4).
        assertEquals(10 * Math.log10(1023.0 * 1023.0 / 4), Psnr.psnr(400, 100, 10), 1e-12);
        assertEquals(10 * Math.log10(4095.0 * 4095.0 / 0.5), Psnr.psnr(1, 2, 12), 1e-12);
    }

    @Test
    void identicalIsCapped() {
        assertEquals(Psnr.MAX_DB, Psnr.psnr(0, 1000, 8));
        // A tiny error on a huge plane would exceed the cap too.
        assertEquals(Psnr.MAX_DB, Psnr.psnr(1, 1L << 40, 12));
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(1, 0, 8));
    }

    @Test
    void planePsnrUsesVisibleAreaOnly() {
        Plane a = new Plane(5, 3, 4);
        Plane b = new Plane(5, 3, 0);
        a.fill(100);
        b.fill(102);
        java.util.Arrays.fill(a.samples(), 0, a.index(0, 0), (short) 255);
        for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.get()}) {
            assertEquals(4L * 15, Psnr.sse(a, b, k.blockDistortion()));
            assertEquals(10 * Math.log10(255.0 * 255.0 / 4), Psnr.psnr(a, b, 8, k.blockDistortion()), 1e-12);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Psnr.sse(a, new Plane(5, 4, 0), Kernels.scalar().blockDistortion()));
    }
}
