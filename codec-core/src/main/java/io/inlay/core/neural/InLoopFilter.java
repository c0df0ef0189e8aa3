package io.inlay.core.neural;

/**
 * Executes one neural loop-filter network (docs/bitstream/neural-filter.md §2): the integer
 * network only. Forming the input tensor from a picture and applying the output (§3) is
 * normative code shared by encoder and decoder in codec-core ({@code NeuralLoopFilter}), so
 * every implementation of this interface only has to compute §2 exactly.
 *
 * <p>Implementations are found through {@link InLoopFilterProvider}; codec-core depends on no
 * implementation. An instance may keep native resources; {@link #close()} releases them. An
 * instance is used by one thread at a time.
 */
public interface InLoopFilter extends AutoCloseable {
    /** Planes of the network input (input set 1). */
    int INPUT_CHANNELS = 7;
    /** Planes of the network output (output set 1). */
    int OUTPUT_CHANNELS = 6;
    /** Bounds of an output value. */
    int OUTPUT_MIN = -2048;
    int OUTPUT_MAX = 2047;

    /** SHA-256 of the model file: the identifier named in sequence headers. */
    byte[] modelId();

    /** One line for logs and {@code inlay info}: model name, layers, kMAC per luma sample, runtime. */
    String description();

    /**
     * The receptive-field radius {@code E} of the network (§1: the sum over layers of
     * {@code (k - 1) / 2}): how far an output position sees. The stage extends its input by this
     * many positions on every side (§3.1).
     */
    int receptiveFieldRadius();

    /**
     * Runs the network over a whole {@code width x height} input (§2, zero padding at its edges).
     *
     * @param input  {@link #INPUT_CHANNELS} planes of {@code width * height} unsigned 8-bit values
     *               (plane-major, then row-major), read only
     * @param output receives {@link #OUTPUT_CHANNELS} planes of {@code width * height} values in
     *               {@link #OUTPUT_MIN}..{@link #OUTPUT_MAX}, in the same layout
     */
    void run(byte[] input, int width, int height, short[] output);

    /** Releases native resources; the instance is unusable afterwards. */
    @Override
    void close();
}
