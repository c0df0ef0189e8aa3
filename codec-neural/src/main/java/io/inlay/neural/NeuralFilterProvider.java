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
 * resources in {@value #MODELS}: the file {@code index} lists their resource names, one per line,
 * the default model first ({@code #} starts a comment). Adding a model is dropping its
 * {@code .innf} file there and adding its name to the index.
 */
public final class NeuralFilterProvider implements InLoopFilterProvider {
    /** Resource folder of the bundled models. */
    public static final String MODELS = "io/inlay/neural/models/";

    private static volatile List<ModelFile> bundled;

    /** The bundled models, default first. */
    public static List<ModelFile> bundledModels() {
        List<ModelFile> m = bundled;
        if (m == null) {
            synchronized (NeuralFilterProvider.class) {
                m = bundled;
                if (m == null) {
                    bundled = m = load(NeuralFilterProvider.class.getClassLoader(), MODELS);
                }
            }
        }
        return m;
    }

    /**
     * Reads the models listed in {@code folder + "index"}.
     *
     * @throws IllegalStateException when a listed model is missing or invalid (a packaging bug)
     */
    static List<ModelFile> load(ClassLoader loader, String folder) {
        List<ModelFile> out = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(folder + "index")) {
            if (index == null) {
                return List.of();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (name.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(folder + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled model " + folder + name + " is listed but missing");
                    }
                    out.add(ModelFile.parse(in.readAllBytes()));
                } catch (InvalidModelException e) {
                    throw new IllegalStateException("bundled model " + folder + name + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model index", e);
        }
        return List.copyOf(out);
    }

    @Override
    public List<byte[]> models() {
        return bundledModels().stream().map(ModelFile::id).toList();
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
