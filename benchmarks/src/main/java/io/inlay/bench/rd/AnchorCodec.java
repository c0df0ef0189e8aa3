package io.inlay.bench.rd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The anchor encoders and their command lines. Both run at a fixed QP with {@code --tune psnr}
 * and Inlay's key-frame interval; their streams are decoded by {@code ffmpeg}.
 *
 * <p>With {@code --keyint 1} both code every frame as an IDR picture, and {@code --qp Q} is the
 * P-frame QP: I frames are coded at about Q - 3 (their {@code --ipratio 1.4}). BD-rate compares
 * whole curves, so this moves the anchors' points along their curve; per-QP rows are not like
 * for like (docs/benchmarking.md).
 *
 * <p>With a longer interval (random access, low delay: 64) the key frames come exactly every
 * {@code keyint} frames ({@code --no-scenecut}), and everything else is the preset's: B-frames
 * (x264 medium 3, x265 medium 4, adaptive placement, B-pyramid), reference count, and for x265
 * open GOP. B frames are then coded at about Q + 2 ({@code --pbratio 1.3}; the pyramid's
 * reference B frames in between).
 */
public enum AnchorCodec {
    /** x264 (H.264/AVC). */
    X264("264"),
    /**
     * x265 (H.265/HEVC). {@code --no-info}: x265 otherwise writes an informational SEI (its version
     * and every option, about 2.3 KB) with the parameter sets of every IDR picture, which with
     * {@code --keyint 1} is every frame.
     */
    X265("265");

    private final String extension;

    AnchorCodec(String extension) {
        this.extension = extension;
    }

    /** The codec's name in the CSV and the name of its executable. */
    public String codecName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** File extension of its elementary stream (Annex B). */
    String extension() {
        return extension;
    }

    /** The codec named {@code name} ({@code x264} or {@code x265}). */
    public static AnchorCodec of(String name) {
        for (AnchorCodec c : values()) {
            if (c.codecName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown anchor '" + name + "' (x264 or x265)");
    }

    /**
     * The encoder's command line: the first {@code frames} frames of the y4m {@code input} at
     * {@code qp}, written to {@code output}.
     */
    List<String> encodeCommand(String input, String output, int qp, int frames, AnchorSettings s) {
        List<String> cmd = new ArrayList<>(List.of(codecName(), "--preset", s.preset(), "--tune", "psnr",
                "--keyint", Integer.toString(s.keyint())));
        if (s.keyint() > 1) {
            // The interval is the configuration's, not the encoder's scene-cut choice.
            cmd.add("--no-scenecut");
        }
        cmd.addAll(List.of("--qp", Integer.toString(qp), "--frames", Integer.toString(frames)));
        if (this == X265) {
            cmd.add("--no-info");
        }
        if (s.threads() > 0) {
            if (this == X264) {
                cmd.addAll(List.of("--threads", Integer.toString(s.threads())));
            } else {
                cmd.addAll(List.of("--pools", Integer.toString(s.threads()), "--frame-threads", "1"));
            }
        }
        cmd.addAll(List.of("-o", output, input));
        return cmd;
    }

    /**
     * The decoder's command line: {@code stream} to raw frames in the decoder's native layout
     * ({@code -f rawvideo}, no {@code -pix_fmt}, no filters), one output frame per coded frame
     * ({@code -fps_mode passthrough}: a raw elementary stream has no timestamps to resample by).
     */
    static List<String> decodeCommand(String stream, String output, int threads) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error"));
        if (threads > 0) {
            cmd.addAll(List.of("-threads", Integer.toString(threads)));
        }
        cmd.addAll(List.of("-i", stream, "-fps_mode", "passthrough", "-f", "rawvideo", "-y", output));
        return cmd;
    }
}
