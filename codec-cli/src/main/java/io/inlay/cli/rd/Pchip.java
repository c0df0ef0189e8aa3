package io.inlay.cli.rd;

/**
 * Monotone piecewise cubic Hermite interpolant (Fritsch–Carlson, PCHIP) through points with
 * strictly increasing abscissae, with the derivative rules of SciPy's {@code PchipInterpolator}:
 * interior slopes are the weighted harmonic mean of the neighbouring secant slopes (zero where
 * those differ in sign or one is zero); end slopes use the one-sided three-point formula, set to
 * zero when its sign differs from the first secant's and limited to three times that secant when
 * the first two secants differ in sign. With two points the interpolant is the straight line.
 *
 * <p>Fritsch, F. N. and Carlson, R. E., "Monotone piecewise cubic interpolation", SIAM J. Numer.
 * Anal. 17(2), 1980; the weighting follows Fritsch and Butland (1984).
 */
final class Pchip {
    private final double[] x;
    private final double[] y;
    private final double[] d;

    /**
     * @param x abscissae, strictly increasing, finite, at least two
     * @param y ordinates, finite, same length as x
     */
    Pchip(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("PCHIP needs at least two points and equal lengths: " + n + ", " + y.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("PCHIP points must be finite: (" + x[i] + ", " + y[i] + ")");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("PCHIP abscissae must be strictly increasing: " + x[i - 1] + ", " + x[i]);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.d = slopes(this.x, this.y);
    }

    private static double[] slopes(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1];
        double[] m = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            m[k] = (y[k + 1] - y[k]) / h[k];
        }
        double[] d = new double[n];
        if (n == 2) {
            d[0] = m[0];
            d[1] = m[0];
            return d;
        }
        for (int k = 1; k < n - 1; k++) {
            if (m[k - 1] == 0 || m[k] == 0 || Math.signum(m[k - 1]) != Math.signum(m[k])) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1];
                double w2 = h[k] + 2 * h[k - 1];
                d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
            }
        }
        d[0] = endSlope(h[0], h[1], m[0], m[1]);
        d[n - 1] = endSlope(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        return d;
    }

    /** One-sided three-point end slope, shape-preserving (h0, m0: the end interval; h1, m1: its neighbour). */
    private static double endSlope(double h0, double h1, double m0, double m1) {
        double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > 3 * Math.abs(m0)) {
            return 3 * m0;
        }
        return d;
    }

    double minX() {
        return x[0];
    }

    double maxX() {
        return x[x.length - 1];
    }

    /** The interpolant at {@code t}, which must lie in [minX, maxX]. */
    double value(double t) {
        int k = interval(t);
        double s = t - x[k];
        double h = x[k + 1] - x[k];
        double m = (y[k + 1] - y[k]) / h;
        double c2 = (3 * m - 2 * d[k] - d[k + 1]) / h;
        double c3 = (d[k] + d[k + 1] - 2 * m) / (h * h);
        return y[k] + s * (d[k] + s * (c2 + s * c3));
    }

    /** Exact integral of the interpolant over [a, b], a subinterval of [minX, maxX]. */
    double integral(double a, double b) {
        if (a < x[0] || b > x[x.length - 1] || a > b) {
            throw new IllegalArgumentException("integration bounds [" + a + ", " + b + "] outside [" + x[0] + ", " + x[x.length - 1] + "]");
        }
        double sum = 0;
        for (int k = 0; k < x.length - 1; k++) {
            double lo = Math.max(a, x[k]);
            double hi = Math.min(b, x[k + 1]);
            if (hi > lo) {
                sum += antiderivative(k, hi - x[k]) - antiderivative(k, lo - x[k]);
            }
        }
        return sum;
    }

    /** Integral over [x[k], x[k] + s] of the cubic on interval k, in power form about x[k]. */
    private double antiderivative(int k, double s) {
        double h = x[k + 1] - x[k];
        double m = (y[k + 1] - y[k]) / h;
        double c2 = (3 * m - 2 * d[k] - d[k + 1]) / h;
        double c3 = (d[k] + d[k + 1] - 2 * m) / (h * h);
        return s * (y[k] + s * (d[k] / 2 + s * (c2 / 3 + s * c3 / 4)));
    }

    private int interval(double t) {
        if (t < x[0] || t > x[x.length - 1]) {
            throw new IllegalArgumentException(t + " outside [" + x[0] + ", " + x[x.length - 1] + "]");
        }
        int k = 0;
        while (k < x.length - 2 && t > x[k + 1]) {
            k++;
        }
        return k;
    }
}
