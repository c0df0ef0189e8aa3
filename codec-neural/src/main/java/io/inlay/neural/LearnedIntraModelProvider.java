package io.inlay.neural;

import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.LearnedIntraProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned intra models bundled with codec-neural, served through codec-core's SPI from the same
 * resource folder as the loop filter's models ({@value NeuralFilterProvider#MODELS}): the file
 * {@code intra-index} lists them, one resource name per line ({@code #} starts a comment), the
 * first being the recommended one. Each is identified by its SHA-256 like the filter's models.
 */
public final class LearnedIntraModelProvider implements LearnedIntraProvider {
    private static volatile List<LearnedIntraModel> bundled;

    /** The bundled learned intra models, in index order. */
    public static List<LearnedIntraModel> bundledModels() {
        List<LearnedIntraModel> b = bundled;
        if (b == null) {
            synchronized (LearnedIntraModelProvider.class) {
                b = bundled;
                if (b == null) {
                    bundled = b = load(LearnedIntraModelProvider.class.getClassLoader(), NeuralFilterProvider.MODELS);
                }
            }
        }
        return b;
    }

    static List<LearnedIntraModel> load(ClassLoader loader, String folder) {
        List<LearnedIntraModel> out = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(folder + "intra-index")) {
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
                    out.add(LearnedIntraModel.parse(in.readAllBytes()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("bundled model " + folder + name + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled learned intra model index", e);
        }
        return List.copyOf(out);
    }

    @Override
    public List<LearnedIntraModel> models() {
        return bundledModels();
    }
}
