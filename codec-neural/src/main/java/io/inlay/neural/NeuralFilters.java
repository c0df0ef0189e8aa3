package io.inlay.neural;

import ai.onnxruntime.OrtException;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.neural.onnx.OnnxNetwork;
import java.util.Locale;

/**
 * Opens executors of a {@link ModelFile} directly (the trainer and tests use this;
 * {@link NeuralFilterProvider} uses it for the bundled models). Every executor computes
 * docs/bitstream/neural-filter.md §2 bit-exactly; they differ only in speed.
 *
 * <p>The Java path takes the Vector API network when module {@code jdk.incubator.vector} is present
 * and the scalar reference otherwise (logged once). The system property {@value Kernels#PROPERTY}
 * that selects codec-core's kernels ({@code auto}, {@code scalar}, {@code vector}) selects it too.
 */
public final class NeuralFilters {
    private static final String VECTOR_NETWORK = "io.inlay.neural.kernels.vector.VectorNetwork";
    private static final System.Logger LOG = System.getLogger("io.inlay.neural");
    private static volatile boolean logged;

    private NeuralFilters() {
    }

    /** An executor of {@code model} on the runtime and threads of {@code options}. */
    public static InLoopFilter open(ModelFile model, NeuralOptions options) {
        return switch (options.runtime()) {
            case ONNX -> openOnnx(model, options.threads(), OnnxNetwork.DEFAULT_TILE);
            case JAVA -> openJava(model, options.threads());
        };
    }

    /**
     * An ONNX Runtime executor processing tiles of {@code tileSize x tileSize} positions.
     *
     * @throws IllegalStateException when ONNX Runtime cannot create the session
     */
    public static InLoopFilter openOnnx(ModelFile model, int threads, int tileSize) {
        try {
            return new OnnxNetwork(model, threads, tileSize);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run model " + model.summary() + ": " + e.getMessage(), e);
        }
    }

    /** The pure-Java executor: Vector API when available (and not disabled), scalar otherwise. */
    public static InLoopFilter openJava(ModelFile model, int threads) {
        String request = System.getProperty(Kernels.PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (request.equals("scalar")) {
            log("java scalar (-D" + Kernels.PROPERTY + "=scalar)");
            return new ScalarNetwork(model, threads);
        }
        if (!Kernels.vectorModulePresent()) {
            if (request.equals("vector")) {
                throw new IllegalStateException("vector network requested but module jdk.incubator.vector is absent");
            }
            log("java scalar (jdk.incubator.vector not present)");
            return new ScalarNetwork(model, threads);
        }
        try {
            return (InLoopFilter) Class.forName(VECTOR_NETWORK).getConstructor(ModelFile.class, int.class)
                    .newInstance(model, threads);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (request.equals("vector")) {
                throw new IllegalStateException("vector network unavailable: " + e, e);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log("java scalar (vector network unavailable: " + cause + ")");
            return new ScalarNetwork(model, threads);
        }
    }

    /** The pure-Java scalar reference. */
    public static InLoopFilter openScalar(ModelFile model, int threads) {
        return new ScalarNetwork(model, threads);
    }

    private static void log(String what) {
        if (!logged) {
            logged = true;
            LOG.log(System.Logger.Level.INFO, "inlay neural network: " + what);
        }
    }
}
