package io.inlay.bench.jmh;

/**
 * The options of {@code bin/lib/jvm.options} (the Vector API options of every Inlay JVM,
 * docs/kernels.md "A JIT trap") for the JVMs JMH forks; an annotation takes only constants, so
 * they are repeated here, and {@code ForkOptionsTest} checks that they equal the file's.
 */
final class ForkOptions {
    static final String ADD_MODULES = "--add-modules=jdk.incubator.vector";
    static final String INLINE_SMALL_CODE = "-XX:InlineSmallCode=6000";
    static final String QUIET = "-XX:CompileCommand=quiet";
    static final String CORE_KERNELS = "-XX:CompileCommand=dontinline,io.inlay.core.kernels.vector.*::*";
    static final String NEURAL_KERNELS = "-XX:CompileCommand=dontinline,io.inlay.neural.kernels.vector.*::*";
    static final String LANES_SUM = "-XX:CompileCommand=inline,io.inlay.core.kernels.vector.VectorBlockDistortion::lanesSum";

    private ForkOptions() {
    }
}
