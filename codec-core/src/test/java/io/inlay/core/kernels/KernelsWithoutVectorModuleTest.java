package io.inlay.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs in the surefire execution without {@code --add-modules jdk.incubator.vector}: the
 * dispatcher must fall back to scalar and the kernels must work. The ordinary execution, where
 * the module is present, excludes it (codec-core pom).
 */
class KernelsWithoutVectorModuleTest {
    @BeforeEach
    void onlyWithoutTheModule() {
        assertFalse(Kernels.vectorModulePresent(), "this test runs in the JVM without jdk.incubator.vector");
    }

    @Test
    void autoChoosesScalar() {
        assertEquals(Kernels.Level.SCALAR, Kernels.get().level());
        assertSame(Kernels.scalar(), Kernels.get());
        StringBuilder why = new StringBuilder();
        assertEquals(Kernels.Level.SCALAR, Kernels.choose("auto", why).level());
        assertTrue(why.toString().contains("jdk.incubator.vector not present"), why.toString());
    }

    @Test
    void askingForVectorFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Kernels::vector);
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Kernels.choose("vector", new StringBuilder()));
    }

    @Test
    void kernelsWork() {
        BlockDistortion k = Kernels.get().blockDistortion();
        short[] a = new short[64];
        short[] b = new short[64];
        for (int i = 0; i < 64; i++) {
            a[i] = (short) (i * 3);
            b[i] = (short) i;
        }
        long sse = 0;
        int sad = 0;
        for (int i = 0; i < 64; i++) {
            sse += 4L * i * i;
            sad += 2 * i;
        }
        assertEquals(sse, k.sse(a, 0, 8, b, 0, 8, 8, 8));
        assertEquals(sad, k.sad(a, 0, 8, b, 0, 8, 8, 8));
        assertEquals(0, k.satd(a, 0, 8, a, 0, 8, 8, 8));
        assertFalse(k.getClass().getName().contains(".vector."));
    }

    @Test
    void transformAndInterpolationKernelsAreTheScalarOnes() {
        Kernels k = Kernels.get();
        assertFalse(k.forwardTransform().getClass().getName().contains(".vector."));
        assertFalse(k.subpelInterpolation().getClass().getName().contains(".vector."));
        int[] residual = new int[16];
        java.util.Arrays.fill(residual, 10);
        int[] coeff = new int[16];
        k.forwardTransform().forward(residual, coeff, new int[ForwardTransform.SCRATCH_INTS], 2,
                io.inlay.core.transform.TransformType.DCT2, 8);
        assertEquals(10 << 7, coeff[0]);
        assertFalse(k.inverseTransform().getClass().getName().contains(".vector."));
        int[] back = new int[16];
        k.inverseTransform().inverse(coeff, back, new int[InverseTransformKernel.SCRATCH_INTS], 2,
                io.inlay.core.transform.TransformType.DCT2, 8);
        assertEquals(10, back[5]);
        short[] src = {100, 200, 300, 400};
        short[] dst = new short[4];
        k.subpelInterpolation().luma(src, 0, 4, 0, 0, 4, 1, 8, dst, 0, 4, new int[16]);
        assertEquals((200 << 6) - SubpelInterpolation.PRED_OFFSET, dst[1]);
    }
}
