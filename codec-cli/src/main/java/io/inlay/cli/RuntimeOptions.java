package io.inlay.cli;

import io.inlay.core.neural.NeuralOptions;
import picocli.CommandLine.Option;

/** The options of how {@code encode} and {@code decode} run, which never change their output. */
final class RuntimeOptions {
    @Option(names = "--nn-runtime", paramLabel = "onnx|java", converter = OptionValues.RuntimeConverter.class,
            description = "How the neural loop filter and the learned predictors run: onnx = ONNX Runtime, java = the "
                    + "Java kernels; the output is identical (default: onnx for the filter, java for the learned "
                    + "predictors, which run faster in Java: docs/learned-intra.md, \"Execution\").")
    NeuralOptions.Runtime nnRuntime;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads to use, 0 = the number of available processors (default: ${DEFAULT-VALUE}); "
                    + "the output is identical for any count.")
    int threads;

    /** {@code --threads} resolved: 0 means the number of available processors. */
    int threadCount() throws CliException {
        if (threads < 0) {
            throw CliException.usage("--threads shall be 0 or more, is " + threads);
        }
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The neural options of {@code --nn-runtime}, with the network on {@link #threadCount()} threads. */
    NeuralOptions neuralOptions() throws CliException {
        return NeuralOptions.of(nnRuntime, threadCount());
    }
}
