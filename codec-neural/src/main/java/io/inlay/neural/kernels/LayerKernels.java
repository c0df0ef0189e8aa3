package io.inlay.neural.kernels;

import io.inlay.core.kernels.Kernels;
import java.util.List;

/**
 * The kernel families of codec-neural's Java network path (DESIGN.md §6, "network layers"), at
 * the scalar and the Vector API level, like codec-core's {@link Kernels}: the vector level lives
 * in {@code io.inlay.neural.kernels.vector}, the only package of the module that imports
 * {@code jdk.incubator.vector}, and is loaded reflectively. The harness
 * ({@code codec-neural/src/test/.../kernels/LayerKernelHarnessTest}) checks every family listed in
 * {@link #families()}.
 */
public final class LayerKernels {
    private static final String VECTOR_LAYER = "io.inlay.neural.kernels.vector.VectorLayerKernel";

    private LayerKernels() {
    }

    /** The kernel family interfaces of this module. */
    public static List<Class<?>> families() {
        return List.of(LayerKernel.class);
    }

    /** The scalar reference layer kernel. */
    public static LayerKernel scalar() {
        return ScalarLayerKernel.INSTANCE;
    }

    /**
     * The Vector API layer kernel at the CPU's preferred width.
     *
     * @throws IllegalStateException when module {@code jdk.incubator.vector} is absent or the
     *         kernel cannot be loaded
     */
    public static LayerKernel vector() {
        return loadVector(0);
    }

    /**
     * The Vector API layer kernel on {@code bits}-bit vectors (128, 256 or 512) whatever the CPU
     * prefers, so that tests reach every width (wider than the hardware is emulated and slow).
     */
    public static LayerKernel vectorWithBits(int bits) {
        return loadVector(bits);
    }

    private static LayerKernel loadVector(int bits) {
        if (!Kernels.vectorModulePresent()) {
            throw new IllegalStateException("vector layer kernel requested but module jdk.incubator.vector is absent");
        }
        try {
            Class<?> c = Class.forName(VECTOR_LAYER);
            return (LayerKernel) (bits == 0 ? c.getConstructor().newInstance()
                    : c.getConstructor(int.class).newInstance(bits));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("vector layer kernel unavailable: " + cause, e);
        }
    }
}
