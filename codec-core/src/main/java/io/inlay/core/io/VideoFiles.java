package io.inlay.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens y4m and raw YUV files, or standard input/output for {@code "-"}. */
public final class VideoFiles {
    private static final byte[] Y4M_MAGIC = {'Y', 'U', 'V', '4', 'M', 'P', 'E', 'G', '2', ' '};

    private VideoFiles() {
    }

    /**
     * Opens {@code name} (a path, or {@code "-"} for standard input) for reading. Input that
     * starts with the YUV4MPEG2 signature is read as y4m and {@code rawFormat} is ignored;
     * anything else is read as raw planar YUV with the geometry {@code rawFormat}, which is then
     * required.
     *
     * @throws VideoFormatException when the input is not y4m and no raw format was given, or
     *         its y4m header is malformed
     */
    public static VideoReader openReader(String name, VideoFormat rawFormat) throws IOException {
        InputStream in = name.equals("-")
                ? new FileInputStream(FileDescriptor.in)
                : Files.newInputStream(Path.of(name));
        return open(new BufferedInputStream(in, 1 << 16), rawFormat, name);
    }

    /** Like {@link #openReader(String, VideoFormat)} for a path. */
    public static VideoReader openReader(Path path, VideoFormat rawFormat) throws IOException {
        return open(new BufferedInputStream(Files.newInputStream(path), 1 << 16), rawFormat, path.toString());
    }

    private static VideoReader open(BufferedInputStream in, VideoFormat rawFormat, String name) throws IOException {
        try {
            in.mark(Y4M_MAGIC.length);
            byte[] head = in.readNBytes(Y4M_MAGIC.length);
            in.reset();
            if (Arrays.equals(head, Y4M_MAGIC)) {
                return new Y4mReader(in);
            }
            if (rawFormat == null) {
                throw new VideoFormatException(0, name + " is not a YUV4MPEG2 stream; raw YUV input needs its "
                        + "width, height and bit depth");
            }
            return new RawYuvReader(in, rawFormat);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens {@code name} (a path, or {@code "-"} for standard output) for writing y4m, or raw
     * planar YUV when {@code raw}. An existing file is replaced.
     */
    public static VideoWriter openWriter(String name, VideoFormat format, boolean raw) throws IOException {
        OutputStream out = name.equals("-")
                ? new FileOutputStream(FileDescriptor.out)
                : Files.newOutputStream(Path.of(name));
        out = new BufferedOutputStream(out, 1 << 16);
        return raw ? new RawYuvWriter(out, format) : new Y4mWriter(out, format);
    }
}
