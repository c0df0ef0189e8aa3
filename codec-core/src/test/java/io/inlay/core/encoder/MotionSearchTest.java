package io.inlay.core.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlay.core.MotionSearchMethod;
import io.inlay.core.Plane;
import io.inlay.core.inter.Mv;
import io.inlay.core.inter.SubpelFilter;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.Kernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fractional refinement of {@link MotionSearch}, which reads its half-sample candidates from
 * half-sample blocks computed once per search, against the plain procedure it replaces: from the
 * same integer vector, every half- then quarter-sample candidate interpolated on its own
 * ({@link SubpelFilter#predictLuma} then {@link SubpelFilter#single}) and priced with SATD plus
 * {@code sqrt(lambda)} times its vector bits, the first strictly cheaper one kept. Vector, SATD
 * and cost must be identical, at every block size, both refinement depths and both kernel levels.
 */
class MotionSearchTest {
    private static final int W = 160;
    private static final int H = 112;

    @Test
    void halfSamplePlanesGiveTheSameRefinementAsInterpolatingEachCandidate() {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.get()}) {
            SplittableRandom rnd = new SplittableRandom(20261206);
            for (int trial = 0; trial < 60; trial++) {
                int bitDepth = trial % 3 == 0 ? 10 : 8;
                Plane ref = smoothPlane(rnd, bitDepth);
                // the target: the reference displaced by a random quarter-sample vector, plus noise
                Plane org = new Plane(W, H, 0);
                int size = 8 << (trial % 4);   // 8, 16, 32, 64
                int x = rnd.nextInt(0, W - size + 1) & ~7;
                int y = rnd.nextInt(0, H - size + 1) & ~7;
                int tmx = rnd.nextInt(-24, 25);
                int tmy = rnd.nextInt(-24, 25);
                SubpelFilter f = new SubpelFilter(kernels.subpelInterpolation(), kernels.biAveraging());
                short[] t = new short[size * size];
                f.predictLuma(ref, x, y, tmx, tmy, size, size, bitDepth, t, 0, size);
                f.single(t, 0, size, size, size, bitDepth, t, 0, size);
                int max = (1 << bitDepth) - 1;
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < size; i++) {
                        int v = t[j * size + i] + rnd.nextInt(-3, 4);
                        org.set(x + i, y + j, Math.max(0, Math.min(max, v)));
                    }
                }
                int[] mvp = {Mv.pack(rnd.nextInt(-12, 13), rnd.nextInt(-12, 13)), Mv.pack(0, 0)};
                double sqrtLambda = 2 + rnd.nextDouble() * 20;
                for (int subpel = 0; subpel <= 2; subpel++) {
                    MotionSearch ms = new MotionSearch(kernels, 16, MotionSearchMethod.HEXAGON, subpel);
                    int mv = ms.search(org, ref, x, y, size, size, bitDepth, mvp.clone(), sqrtLambda);
                    Expected e = refine(kernels, org, ref, x, y, size, bitDepth, mvp, sqrtLambda, ms.integerMv, subpel);
                    String where = "trial " + trial + " size " + size + " subpel " + subpel + " " + kernels.level();
                    assertEquals(e.mv, mv, where + " vector");
                    assertEquals(e.satd, ms.satd, where + " SATD");
                    assertEquals(e.cost, ms.cost, where + " cost");
                }
            }
        }
    }

    private record Expected(int mv, int satd, double cost) {
    }

    /** The refinement as it was: every candidate interpolated on its own. */
    private static Expected refine(Kernels kernels, Plane org, Plane ref, int x, int y, int size, int bitDepth,
                                   int[] mvp, double sqrtLambda, int start, int subpel) {
        SubpelFilter f = new SubpelFilter(kernels.subpelInterpolation(), kernels.biAveraging());
        BlockDistortion dist = kernels.blockDistortion();
        short[] tmp = new short[size * size];
        int best = start;
        int bestSatd = satd(f, dist, org, ref, x, y, size, bitDepth, best, tmp);
        double bc = bestSatd + sqrtLambda * mvBits(best, mvp);
        for (int step = 2; step >= 3 - subpel; step >>= 1) {
            int cx = Mv.x(best);
            int cy = Mv.y(best);
            for (int dy = -step; dy <= step; dy += step) {
                for (int dx = -step; dx <= step; dx += step) {
                    if (dx == 0 && dy == 0) {
                        continue;
                    }
                    int m = Mv.pack(cx + dx, cy + dy);
                    int sd = satd(f, dist, org, ref, x, y, size, bitDepth, m, tmp);
                    double c = sd + sqrtLambda * mvBits(m, mvp);
                    if (c < bc) {
                        bc = c;
                        best = m;
                        bestSatd = sd;
                    }
                }
            }
        }
        return new Expected(best, bestSatd, bc);
    }

    private static int satd(SubpelFilter f, BlockDistortion dist, Plane org, Plane ref, int x, int y, int size,
                            int bitDepth, int mv, short[] tmp) {
        f.predictLuma(ref, x, y, Mv.x(mv), Mv.y(mv), size, size, bitDepth, tmp, 0, size);
        f.single(tmp, 0, size, size, size, bitDepth, tmp, 0, size);
        return dist.satd(org.samples(), org.index(x, y), org.stride(), tmp, 0, size, size, size);
    }

    private static int mvBits(int mv, int[] mvp) {
        return Math.min(MotionSearch.bits(mv, mvp[0]), MotionSearch.bits(mv, mvp[1]));
    }

    /** A smooth random picture (sums of a few waves and noise), borders extended. */
    private static Plane smoothPlane(SplittableRandom rnd, int bitDepth) {
        Plane p = new Plane(W, H, 80);
        int max = (1 << bitDepth) - 1;
        double a = rnd.nextDouble() * 0.3;
        double b = rnd.nextDouble() * 0.3;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = 0.5 + 0.3 * Math.sin(a * x + 0.7 * Math.cos(b * y)) + 0.1 * Math.sin(0.05 * x * y / 7.0);
                p.set(x, y, Math.max(0, Math.min(max, (int) (v * max) + rnd.nextInt(-2, 3))));
            }
        }
        p.extendBorders();
        return p;
    }
}
