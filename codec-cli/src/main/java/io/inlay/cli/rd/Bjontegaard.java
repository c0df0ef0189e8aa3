package io.inlay.cli.rd;

import java.util.Arrays;

/**
 * Bjontegaard delta metrics between two rate-distortion curves (VCEG-M33, with the piecewise
 * cubic interpolation of VCEG-AL22 / JCTVC-B055 as JVET's common test conditions use it): each
 * curve is interpolated with {@link Pchip} and integrated exactly over the interval where the two
 * overlap.
 *
 * <ul>
 *   <li>BD-rate: log10(rate) as a function of PSNR; the mean difference {@code D} of test minus
 *       anchor over the overlapping PSNR interval gives {@code (10^D - 1) * 100} percent
 *       (negative: the test needs fewer bits for the same quality).</li>
 *   <li>BD-PSNR: PSNR as a function of log10(rate); the mean difference in dB over the
 *       overlapping log-rate interval (positive: the test has higher quality at the same rate).</li>
 * </ul>
 *
 * Rates may be in any unit as long as both curves use the same one. Points are sorted by the
 * abscissa; two points of one curve with equal abscissa are rejected.
 */
public final class Bjontegaard {
    private Bjontegaard() {
    }

    /**
     * BD-rate in percent of {@code test} against {@code anchor}.
     *
     * @throws IllegalArgumentException fewer than two points, a non-positive or non-finite rate,
     *         equal PSNRs within a curve, or curves whose PSNR ranges do not overlap
     */
    public static double bdRate(double[] anchorRate, double[] anchorPsnr, double[] testRate, double[] testPsnr) {
        Pchip a = curve(anchorPsnr, log10(anchorRate), "anchor");
        Pchip t = curve(testPsnr, log10(testRate), "test");
        double avg = meanDifference(a, t, "PSNR");
        return (Math.pow(10, avg) - 1) * 100;
    }

    /** BD-PSNR in dB of {@code test} against {@code anchor}; same conditions as {@link #bdRate}. */
    public static double bdPsnr(double[] anchorRate, double[] anchorPsnr, double[] testRate, double[] testPsnr) {
        Pchip a = curve(log10(anchorRate), anchorPsnr, "anchor");
        Pchip t = curve(log10(testRate), testPsnr, "test");
        return meanDifference(a, t, "rate");
    }

    private static double meanDifference(Pchip anchor, Pchip test, String axis) {
        double lo = Math.max(anchor.minX(), test.minX());
        double hi = Math.min(anchor.maxX(), test.maxX());
        if (!(hi > lo)) {
            throw new IllegalArgumentException("the curves' " + axis + " ranges do not overlap");
        }
        return (test.integral(lo, hi) - anchor.integral(lo, hi)) / (hi - lo);
    }

    private static double[] log10(double[] rate) {
        double[] r = new double[rate.length];
        for (int i = 0; i < rate.length; i++) {
            if (!(rate[i] > 0) || !Double.isFinite(rate[i])) {
                throw new IllegalArgumentException("rates must be positive and finite: " + rate[i]);
            }
            r[i] = Math.log10(rate[i]);
        }
        return r;
    }

    /** Sorts (x, y) by x and builds the interpolant. */
    private static Pchip curve(double[] x, double[] y, String name) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " rates but " + y.length + " PSNRs");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException(name + ": at least two rate-distortion points are needed, got " + x.length);
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
            if (i > 0 && xs[i] == xs[i - 1]) {
                throw new IllegalArgumentException(name + ": two points with the same value " + xs[i]);
            }
        }
        return new Pchip(xs, ys);
    }
}
