package io.inlay.core.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.kernels.ForwardTransform;
import io.inlay.core.kernels.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardTransformTest {
    private static final long SEED = 0xF0_4A_2DL;

    /**
     * Forward then inverse is the identity up to rounding and the matrices' small departure from
     * orthogonality (up to 0.3% per entry of M^T M - I, which grows with the residual amplitude).
     * Typical residuals (|r| <= 64) come back within 2; full-range white noise within 2.5% of
     * the range.
     */
    @Test
    void forwardThenInverseReproducesTheResidual() {
        Random rnd = new Random(SEED);
        ForwardTransform ft = Kernels.scalar().forwardTransform();
        int[] scratch = new int[ForwardTransform.SCRATCH_INTS];
        InverseTransform it = new InverseTransform();
        for (int bitDepth : new int[] {8, 10}) {
            int max = (1 << bitDepth) - 1;
            for (int log2 = 2; log2 <= 5; log2++) {
                int n = 1 << log2;
                for (TransformType type : log2 == 2 ? TransformType.values() : new TransformType[] {TransformType.DCT2}) {
                    for (boolean fullRange : new boolean[] {false, true}) {
                        int worst = 0;
                        long sumSq = 0;
                        int trials = 100;
                        for (int t = 0; t < trials; t++) {
                            int[] res = new int[n * n];
                            int amp = fullRange ? max : 1 + rnd.nextInt(64);
                            for (int i = 0; i < res.length; i++) {
                                res[i] = rnd.nextInt(2 * amp + 1) - amp;
                            }
                            int[] coeff = new int[n * n];
                            int[] back = new int[n * n];
                            ft.forward(res, coeff, scratch, log2, type, bitDepth);
                            for (int c : coeff) {
                                assertTrue(c >= -32768 && c <= 32767, "coefficient outside 16 bits: " + c);
                            }
                            it.inverse(coeff, back, log2, type, bitDepth);
                            for (int i = 0; i < res.length; i++) {
                                int e = Math.abs(back[i] - res[i]);
                                worst = Math.max(worst, e);
                                sumSq += (long) e * e;
                            }
                        }
                        double rms = Math.sqrt(sumSq / (double) (trials * n * n));
                        String what = type + " n " + n + " bd " + bitDepth + (fullRange ? " full" : " small")
                                + " worst " + worst + " rms " + rms;
                        if (fullRange) {
                            assertTrue(worst <= max / 40 + 1, what);
                            assertTrue(rms <= max / 200.0, what);
                        } else {
                            assertTrue(worst <= 2, what);
                            assertTrue(rms <= 0.4, what);
                        }
                        if (n == 4 && type == TransformType.DCT2 && !fullRange) {
                            assertEquals(0, worst, what);     // the 4-point DCT is exact at small amplitudes
                        }
                    }
                }
            }
        }
    }

    @Test
    void flatResidualHasOnlyADcCoefficient() {
        ForwardTransform ft = Kernels.scalar().forwardTransform();
        int[] scratch = new int[ForwardTransform.SCRATCH_INTS];
        for (int log2 = 2; log2 <= 5; log2++) {
            int n = 1 << log2;
            int[] res = new int[n * n];
            java.util.Arrays.fill(res, 10);
            int[] coeff = new int[n * n];
            ft.forward(res, coeff, scratch, log2, TransformType.DCT2, 8);
            // Gain 2^(15 - log2 - bitDepth) per sample times n (DC norm): 10 * 2^(7 - log2) * n.
            assertEquals(10 << 7 >> log2 << log2, coeff[0], "n " + n);
            for (int i = 1; i < n * n; i++) {
                assertEquals(0, coeff[i], "n " + n + " index " + i);
            }
        }
    }
}
