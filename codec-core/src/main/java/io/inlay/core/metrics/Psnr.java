package io.inlay.core.metrics;

import io.inlay.core.Plane;
import io.inlay.core.kernels.BlockDistortion;

/**
 * Peak signal-to-noise ratio: {@code 10 log10(max^2 * N / SSE)} with {@code max = 2^bitDepth - 1}
 * and {@code N} samples. Identical planes (SSE 0) have infinite PSNR; it is reported as
 * {@value #MAX_DB} dB instead so that per-frame averages stay finite (HM reports 99.99).
 */
public final class Psnr {
    /** PSNR reported for SSE 0, and the cap for every value. */
    public static final double MAX_DB = 100.0;

    private Psnr() {
    }

    /** PSNR in dB of {@code samples} samples with total squared error {@code sse}, capped. */
    public static double psnr(long sse, long samples, int bitDepth) {
        if (samples <= 0 || sse < 0) {
            throw new IllegalArgumentException("need samples > 0 and sse >= 0: " + samples + ", " + sse);
        }
        if (sse == 0) {
            return MAX_DB;
        }
        double max = (1 << bitDepth) - 1;
        return Math.min(MAX_DB, 10.0 * Math.log10(max * max * samples / sse));
    }

    /** SSE over the visible areas of two planes of equal size. */
    public static long sse(Plane a, Plane b, BlockDistortion kernel) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("plane sizes differ: " + a.width() + "x" + a.height() + " vs "
                    + b.width() + "x" + b.height());
        }
        return kernel.sse(a.samples(), a.index(0, 0), a.stride(), b.samples(), b.index(0, 0), b.stride(),
                a.width(), a.height());
    }

    /** PSNR between the visible areas of two planes of equal size, capped. */
    public static double psnr(Plane a, Plane b, int bitDepth, BlockDistortion kernel) {
        return psnr(sse(a, b, kernel), (long) a.width() * a.height(), bitDepth);
    }
}
