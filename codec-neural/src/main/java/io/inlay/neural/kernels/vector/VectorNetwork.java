package io.inlay.neural.kernels.vector;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.neural.ModelFile;
import io.inlay.neural.kernels.LayerNetwork;

/**
 * Vector API twin of {@code ScalarNetwork} (docs/bitstream/neural-filter.md §2), bit-identical:
 * the Java network path {@link LayerNetwork} over {@link VectorLayerKernel} at the CPU's preferred
 * width. Loaded reflectively ({@code NeuralFilters}); never referenced from elsewhere, so that
 * nothing links to {@code jdk.incubator.vector} when absent.
 */
public final class VectorNetwork implements InLoopFilter {
    private final LayerNetwork network;

    /**
     * An executor with the CPU's preferred vector width.
     *
     * @throws UnsupportedOperationException when the CPU offers the JIT no SIMD registers
     */
    public VectorNetwork(ModelFile model, int threads) {
        this.network = new LayerNetwork(model, threads, new VectorLayerKernel());
    }

    @Override
    public byte[] modelId() {
        return network.modelId();
    }

    @Override
    public int receptiveFieldRadius() {
        return network.receptiveFieldRadius();
    }

    @Override
    public String description() {
        return network.description();
    }

    @Override
    public void run(byte[] input, int width, int height, short[] output) {
        network.run(input, width, height, output);
    }

    @Override
    public void close() {
        network.close();
    }
}
