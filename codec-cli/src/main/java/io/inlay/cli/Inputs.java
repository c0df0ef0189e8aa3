package io.inlay.cli;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.cli.OptionValues.FrameRate;
import io.inlay.cli.OptionValues.RawGeometry;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.io.VideoReader;
import io.inlay.core.io.Y4mReader;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening inputs ({@code "-"} = stdin) with failures turned into {@link ExitCode#INPUT} errors. */
final class Inputs {
    private Inputs() {
    }

    /**
     * An uncompressed video: y4m by its signature, else raw planar with {@code raw}'s geometry. Frames
     * larger than a default decoder accepts ({@link ContainerLimits#DEFAULT}) are refused before any
     * frame buffer is allocated.
     */
    static VideoReader openVideo(String name, RawGeometry raw, FrameRate fps) throws CliException {
        try {
            VideoReader r = VideoFiles.openReader(name, raw == null ? null : raw.format(fps));
            VideoFormat f = r.format();
            if (!ContainerLimits.DEFAULT.admitsSize(f.width(), f.height())) {
                closeQuietly(r);
                throw CliException.input(name + ": frame size " + f.width() + "x" + f.height() + " is too large ("
                        + ContainerLimits.DEFAULT.describeSize() + ")");
            }
            return r;
        } catch (IOException e) {
            throw CliException.input(name, e);
        } catch (IllegalArgumentException e) {
            throw CliException.input(name + ": " + e.getMessage());
        }
    }

    /** The stream's format with the frame rate replaced by {@code fps} when given. */
    static VideoFormat format(VideoReader r, FrameRate fps) {
        VideoFormat f = r.format();
        return fps == null ? f : f.withFrameRate(fps.num(), fps.den());
    }

    /** Reads the next frame of {@code r} into {@code dst}; false at the end of the stream. */
    static boolean read(VideoReader r, Picture dst, String name) throws CliException {
        try {
            return r.read(dst);
        } catch (IOException e) {
            throw CliException.input(name, e);
        }
    }

    /**
     * Frames in a regular file, estimated from its size (y4m: {@code FRAME} lines without
     * parameters), or -1 for stdin or when unknown.
     */
    static long estimateFrames(String name, VideoReader r) {
        if (name.equals("-")) {
            return -1;
        }
        try {
            long size = Files.size(Path.of(name));
            long frameBytes = r.format().frameBytes();
            if (r instanceof Y4mReader y) {
                return (size - y.position()) / (frameBytes + "FRAME\n".length());
            }
            return size / frameBytes;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A buffered byte stream for {@code name}. */
    static InputStream openBytes(String name) throws CliException {
        try {
            InputStream in = name.equals("-") ? new FileInputStream(FileDescriptor.in) : Files.newInputStream(Path.of(name));
            return new BufferedInputStream(in, 1 << 16);
        } catch (IOException e) {
            throw CliException.input(name, e);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Input side: nothing was lost.
            }
        }
    }
}
