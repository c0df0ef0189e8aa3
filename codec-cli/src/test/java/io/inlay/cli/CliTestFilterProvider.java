package io.inlay.cli;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.NeuralOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A test-only neural loop-filter provider, registered for the CLI tests through
 * {@code META-INF/services}. It has one model, {@link #ID}, and recommends none (so the encoder's
 * default stays off in every other test); it opens {@link #ID} on request: a deterministic
 * executor (not a real network) that pulls every sample towards 0 or 255, whichever is nearer
 * (its correction is {@code 16 * (target - sample)}, in 1/16 steps), so it repairs the ringing of
 * black-and-white pictures.
 */
public final class CliTestFilterProvider implements InLoopFilterProvider {
    /** The identifier of the only model this provider opens. */
    public static final byte[] ID = sha256("inlay cli test filter");

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public List<byte[]> models() {
        return List.of(ID.clone());
    }

    @Override
    public Optional<byte[]> recommendedModel() {
        return Optional.empty();
    }

    @Override
    public Optional<InLoopFilter> open(byte[] modelId, NeuralOptions options) {
        return Arrays.equals(modelId, ID) ? Optional.of(new Smoothing(options)) : Optional.empty();
    }

    private static final class Smoothing implements InLoopFilter {
        private final NeuralOptions options;

        Smoothing(NeuralOptions options) {
            this.options = options;
        }

        @Override
        public byte[] modelId() {
            return ID.clone();
        }

        @Override
        public int receptiveFieldRadius() {
            return 0;
        }

        @Override
        public String description() {
            return "cli test black-and-white filter, " + options.runtime().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public void run(byte[] input, int w, int h, short[] output) {
            for (int i = 0; i < 6 * w * h; i++) {
                int v = input[i] & 0xFF;
                output[i] = (short) Math.clamp(16L * ((v >= 128 ? 255 : 0) - v), OUTPUT_MIN, OUTPUT_MAX);
            }
        }

        @Override
        public void close() {
        }
    }
}
