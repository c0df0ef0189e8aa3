package io.inlay.cli.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** BD-rate and PCHIP against analytic cases and SciPy (scripts/bdrate_reference.py). */
class BjontegaardTest {
    /** Tolerance of the SciPy cross-check, in percent points / dB (0.01 % as required; we are far below). */
    private static final double TOL = 1e-6;

    private static final double[] A_RATE = {412.0, 745.0, 1380.0, 2610.0};
    private static final double[] A_PSNR = {31.42, 34.05, 36.81, 39.60};

    @Test
    void scaledRatesAtEqualPsnrGiveExactlyTheScale() {
        double[] t = scale(A_RATE, 0.9);
        assertEquals(-10.0, Bjontegaard.bdRate(A_RATE, A_PSNR, t, A_PSNR), 1e-9);
        assertEquals(25.0, Bjontegaard.bdRate(A_RATE, A_PSNR, scale(A_RATE, 1.25), A_PSNR), 1e-9);
        assertEquals(0.0, Bjontegaard.bdRate(A_RATE, A_PSNR, A_RATE, A_PSNR), 1e-12);
    }

    @Test
    void psnrShiftGivesExactBdPsnrAndRateScaleGivesZeroBdPsnrShift() {
        double[] shifted = A_PSNR.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.5;
        }
        assertEquals(0.5, Bjontegaard.bdPsnr(A_RATE, A_PSNR, A_RATE, shifted), 1e-9);
        assertEquals(-0.5, Bjontegaard.bdPsnr(A_RATE, shifted, A_RATE, A_PSNR), 1e-9);
    }

    @Test
    void linearCurvesGiveTheAnalyticValue() {
        // log10(rate) = 0.1 * psnr exactly, test = anchor shifted by 1 dB: test needs 10^-0.1 of the rate.
        double[] psnr = {30, 33, 36, 39};
        double[] ra = new double[4];
        double[] rt = new double[4];
        for (int i = 0; i < 4; i++) {
            ra[i] = Math.pow(10, 0.1 * psnr[i]);
            rt[i] = Math.pow(10, 0.1 * (psnr[i] - 1));
        }
        assertEquals((Math.pow(10, -0.1) - 1) * 100, Bjontegaard.bdRate(ra, psnr, rt, psnr), 1e-9);
        assertEquals(1.0, Bjontegaard.bdPsnr(ra, psnr, rt, psnr), 1e-9);
    }

    @Test
    void matchesScipyOnRealisticCurves() {
        check(A_RATE, A_PSNR, new double[] {371.0, 690.0, 1255.0, 2440.0}, new double[] {31.55, 34.10, 36.95, 39.71},
                -10.339706137095117, 0.4786282973599566);
        check(new double[] {1210.0, 2150.0, 3900.0, 7300.0}, new double[] {33.10, 35.42, 37.80, 40.05},
                new double[] {1500.0, 2610.0, 4800.0, 8800.0}, new double[] {33.00, 35.20, 37.71, 39.90},
                26.95722786915273, -0.9316380868326503);
        check(new double[] {95.0, 160.0, 270.0, 460.0}, new double[] {28.40, 30.90, 33.35, 35.90},
                new double[] {120.0, 205.0, 350.0, 600.0}, new double[] {30.10, 32.60, 35.05, 37.60},
                -10.381492681800808, 0.5132207108762158);
        check(new double[] {5800.0, 3200.0, 1800.0, 1000.0}, new double[] {39.4, 37.0, 34.6, 32.1},
                new double[] {5100.0, 2900.0, 1550.0, 900.0}, new double[] {39.3, 37.2, 34.7, 32.3},
                -14.23117976187851, 0.6334177433588761);
    }

    @Test
    void pchipMatchesScipyWithSignChanges() {
        Pchip f = new Pchip(new double[] {30.0, 31.0, 35.0, 36.0, 38.5}, new double[] {3.0, 3.5, 3.4, 3.9, 3.1});
        assertEquals(29.972142857142856, f.integral(30.0, 38.5), 1e-12);
        assertEquals(18.339833000000016, f.integral(30.4, 35.7), 1e-12);
        assertEquals(0.0, f.integral(31.0, 31.0), 0.0);
        assertEquals(10.882662479999995, f.integral(35.2, 38.1), 1e-12);
        double[] t = {30.0, 30.7, 33.3, 35.5, 37.9, 38.5};
        double[] v = {3.0, 3.430115, 3.4388343750000003, 3.65, 3.5300059428571435, 3.1};
        for (int i = 0; i < t.length; i++) {
            assertEquals(v[i], f.value(t[i]), 1e-12, "value at " + t[i]);
        }
    }

    @Test
    void pchipEndSlopeLimitedToThreeSecants() {
        Pchip g = new Pchip(new double[] {0.0, 1.0, 5.0}, new double[] {0.0, 0.1, -4.0});
        assertEquals(0.0875, g.value(0.5), 1e-12);
        assertEquals(-5.158333333333331, g.integral(0.0, 5.0), 1e-12);
    }

    @Test
    void twoPointsInterpolateLinearly() {
        Pchip f = new Pchip(new double[] {1, 3}, new double[] {2, 6});
        assertEquals(4.0, f.value(2), 1e-12);
        assertEquals(8.0, f.integral(1, 3), 1e-12);
    }

    @Test
    void rejectsBadCurves() {
        double[] p = {30, 33, 36, 39};
        assertThrows(IllegalArgumentException.class,
                () -> Bjontegaard.bdRate(new double[] {1}, new double[] {30}, A_RATE, A_PSNR));
        assertThrows(IllegalArgumentException.class,
                () -> Bjontegaard.bdRate(new double[] {1, 0, 3, 4}, p, A_RATE, A_PSNR));
        assertThrows(IllegalArgumentException.class,
                () -> Bjontegaard.bdRate(A_RATE, new double[] {30, 30, 36, 39}, A_RATE, A_PSNR));
        assertThrows(IllegalArgumentException.class,
                () -> Bjontegaard.bdRate(A_RATE, p, A_RATE, new double[] {40, 41, 42, 43}));
        assertThrows(IllegalArgumentException.class,
                () -> Bjontegaard.bdRate(A_RATE, new double[] {30, Double.POSITIVE_INFINITY, 36, 39}, A_RATE, A_PSNR));
    }

    private static void check(double[] ra, double[] pa, double[] rt, double[] pt, double rate, double psnr) {
        assertEquals(rate, Bjontegaard.bdRate(ra, pa, rt, pt), TOL);
        assertEquals(psnr, Bjontegaard.bdPsnr(ra, pa, rt, pt), TOL);
    }

    private static double[] scale(double[] r, double s) {
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[i] * s;
        }
        return out;
    }
}
