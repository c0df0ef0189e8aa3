package io.inlay.bench.rd;

import io.inlay.core.Picture;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A y4m clip and how many of its frames a run codes.
 *
 * @param path   the y4m file
 * @param name   the file name without {@code .y4m}: the CSV's {@code clip}
 * @param format geometry and header fields from the y4m header
 * @param frames frames coded: the first {@code frames} of the file, at least one
 */
public record Clip(Path path, String name, VideoFormat format, int frames) {

    /**
     * Opens a y4m file and counts its frames up to {@code maxFrames} (by reading them, so a
     * truncated frame is found here rather than in the middle of a run).
     *
     * @throws IOException if the file is unreadable, not y4m, or holds no frame
     */
    public static Clip open(Path path, int maxFrames) throws IOException {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("frames must be at least 1: " + maxFrames);
        }
        String file = path.getFileName().toString();
        String name = file.endsWith(".y4m") ? file.substring(0, file.length() - 4) : file;
        try (VideoReader reader = VideoFiles.openReader(path, null)) {
            VideoFormat format = reader.format();
            Picture scratch = format.allocatePicture(0);
            int n = 0;
            while (n < maxFrames && reader.read(scratch)) {
                n++;
            }
            if (n == 0) {
                throw new IOException(path + ": no frames");
            }
            return new Clip(path, name, format, n);
        }
    }

    /** The clip's frame rate in frames per second, NaN when the header leaves it unknown. */
    public double frameRate() {
        return format.fpsNum() > 0 && format.fpsDen() > 0 ? (double) format.fpsNum() / format.fpsDen() : Double.NaN;
    }

    /** Luma samples of all coded frames: the unit of the runners' cost estimates. */
    public long lumaSamples() {
        return (long) format.width() * format.height() * frames;
    }

    /** Reads the coded frames (unpadded pictures). */
    public List<Picture> readFrames() throws IOException {
        List<Picture> pictures = new ArrayList<>(frames);
        try (VideoReader reader = VideoFiles.openReader(path, null)) {
            for (int i = 0; i < frames; i++) {
                Picture p = format.allocatePicture(0);
                if (!reader.read(p)) {
                    throw new IOException(path + ": ended after " + i + " frames (had " + frames + " when opened)");
                }
                pictures.add(p);
            }
        }
        return pictures;
    }

    /** Opens the clip for reading its frames from the start. */
    VideoReader openReader() throws IOException {
        return VideoFiles.openReader(path, null);
    }
}
