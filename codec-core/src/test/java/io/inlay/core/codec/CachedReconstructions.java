package io.inlay.core.codec;

import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.io.VideoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoder reconstructions cached in a y4m file, for the learned tools' trainers
 * ({@code LearnedIntraTrainer}, {@code LearnedInterTrainer}): the first call encodes and writes
 * the file (through a temporary name, so an interrupted run leaves no partial cache), later calls
 * read it back.
 */
public final class CachedReconstructions {
    private CachedReconstructions() {
    }

    /** The reconstructions of {@code frames} (format {@code f}) coded with {@code cfg}, cached in {@code file}. */
    public static List<Picture> of(List<Picture> frames, VideoFormat f, EncoderConfig cfg, Path file)
            throws IOException {
        List<Picture> rec = new ArrayList<>();
        if (Files.exists(file)) {
            try (VideoReader r = VideoFiles.openReader(file, null)) {
                for (int i = 0; i < frames.size(); i++) {
                    Picture p = Picture.allocate(f.width(), f.height(), f.bitDepth());
                    if (!r.read(p)) {
                        throw new IOException(file + ": too few frames");
                    }
                    rec.add(p);
                }
            }
            return rec;
        }
        try (Encoder enc = Encoder.create(cfg)) {
            for (Picture p : frames) {
                enc.push(p);
                for (Picture r; (r = enc.pullReconstruction()) != null; ) {
                    rec.add(r);
                }
                while (enc.pull() != null) {
                    // packets are not needed
                }
            }
            enc.flush();
            for (Picture r; (r = enc.pullReconstruction()) != null; ) {
                rec.add(r);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (VideoWriter w = VideoFiles.openWriter(tmp.toString(), VideoFormat.of(f.width(), f.height(), f.bitDepth()),
                false)) {
            for (Picture r : rec) {
                w.write(r);
            }
        }
        Files.move(tmp, file);
        System.out.println("reconstructed " + file.getFileName());
        return rec;
    }
}
