package io.inlay.neural;

import io.inlay.core.neural.InLoopFilter;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.NeuralOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The models bundled with codec-neural, served through codec-core's SPI. The bundled models are
 * resources in {@value #MODELS}: the file {@code index} lists their resource names, one per line
 * ({@code #} starts a comment); the line of the model encoders should use by default reads
 * {@code default <name>}. Without such a line no model is recommended, and encoders leave the
 * filter off unless told otherwise. Adding a model is dropping its {@code .innf} file there and
 * adding its name to the index.
 */
public final class NeuralFilterProvider implements InLoopFilterProvider {
    /** Resource folder of the bundled models. */
    public static final String MODELS = "io/inlay/neural/models/";

    private static final String DEFAULT = "default ";

    /** The models of an index, in its order, and the one it marks {@code default} (or null). */
    record Bundle(List<ModelFile> models, ModelFile recommended) {
    }

    private static volatile Bundle bundled;

    /** The bundled models, in index order. */
    public static List<ModelFile> bundledModels() {
        return bundle().models();
    }

    private static Bundle bundle() {
        Bundle b = bundled;
        if (b == null) {
            synchronized (NeuralFilterProvider.class) {
                b = bundled;
                if (b == null) {
                    bundled = b = load(NeuralFilterProvider.class.getClassLoader(), MODELS);
                }
            }
        }
        return b;
    }

    /**
     * Reads the models listed in {@code folder + "index"}, and which of them the first line of the
     * form {@code default <name>} marks as recommended.
     *
     * @throws IllegalStateException when a listed model is missing or invalid (a packaging bug)
     */
    static Bundle load(ClassLoader loader, String folder) {
        List<ModelFile> out = new ArrayList<>();
        ModelFile recommended = null;
        try (InputStream index = loader.getResourceAsStream(folder + "index")) {
            if (index == null) {
                return new Bundle(List.of(), null);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (name.isEmpty()) {
                    continue;
                }
                boolean isDefault = name.startsWith(DEFAULT);
                if (isDefault) {
                    name = name.substring(DEFAULT.length()).strip();
                }
                try (InputStream in = loader.getResourceAsStream(folder + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled model " + folder + name + " is listed but missing");
                    }
                    ModelFile m = ModelFile.parse(in.readAllBytes());
                    out.add(m);
                    if (isDefault && recommended == null) {
                        recommended = m;
                    }
                } catch (InvalidModelException e) {
                    throw new IllegalStateException("bundled model " + folder + name + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model index", e);
        }
        return new Bundle(List.copyOf(out), recommended);
    }

    @Override
    public List<byte[]> models() {
        return bundledModels().stream().map(ModelFile::id).toList();
    }

    @Override
    public Optional<byte[]> recommendedModel() {
        return Optional.ofNullable(bundle().recommended()).map(ModelFile::id);
    }

    @Override
    public Optional<InLoopFilter> open(byte[] modelId, NeuralOptions options) {
        for (ModelFile m : bundledModels()) {
            if (Arrays.equals(m.id(), modelId)) {
                return Optional.of(NeuralFilters.open(m, options));
            }
        }
        return Optional.empty();
    }
}
