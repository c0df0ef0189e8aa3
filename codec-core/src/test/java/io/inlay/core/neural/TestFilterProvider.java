package io.inlay.core.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A test-only {@link InLoopFilterProvider} offering fixed {@link TestNetwork}s; every
 * {@link #open} creates a fresh executor and remembers it, so tests can check runs and closing.
 */
public final class TestFilterProvider implements InLoopFilterProvider {
    private final List<Supplier<TestNetwork>> networks;
    private final List<byte[]> ids = new ArrayList<>();
    private final List<TestNetwork> opened = new ArrayList<>();
    private final List<NeuralOptions> options = new ArrayList<>();

    @SafeVarargs
    public TestFilterProvider(Supplier<TestNetwork>... networks) {
        this.networks = List.of(networks);
        for (Supplier<TestNetwork> n : networks) {
            ids.add(n.get().modelId());
        }
    }

    /** The smoothing network of {@link TestNetwork#smoothing}(3, 0). */
    public static TestFilterProvider smoothing() {
        return new TestFilterProvider(() -> TestNetwork.smoothing(3, 0));
    }

    @Override
    public List<byte[]> models() {
        return ids.stream().map(byte[]::clone).toList();
    }

    @Override
    public Optional<InLoopFilter> open(byte[] modelId, NeuralOptions o) {
        for (int i = 0; i < ids.size(); i++) {
            if (Arrays.equals(ids.get(i), modelId)) {
                TestNetwork n = networks.get(i).get();
                opened.add(n);
                options.add(o);
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Every executor opened so far. */
    public List<TestNetwork> opened() {
        return opened;
    }

    /** The options of every open so far. */
    public List<NeuralOptions> options() {
        return options;
    }
}
