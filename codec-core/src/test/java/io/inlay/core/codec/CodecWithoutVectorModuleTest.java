package io.inlay.core.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Runs in the surefire execution without {@code --add-modules jdk.incubator.vector} (see the
 * codec-core pom): the codec must work on the scalar kernels alone.
 */
class CodecWithoutVectorModuleTest {
    @Test
    void encodesAndDecodesOnScalarKernels() throws Exception {
        Picture src = RoundTripTest.synthetic(72, 40, 8, 7);
        long bytes = RoundTripTest.assertRoundTrip(src,
                EncoderConfig.builder(72, 40).qp(30).keepReconstruction(true).build(), 1);
        assertTrue(bytes > 0);
        if (!Kernels.vectorModulePresent()) {
            assertFalse(Kernels.get().level() == Kernels.Level.VECTOR);
        }
    }
}
