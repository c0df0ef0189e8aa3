package io.inlay.bench.rd;

import java.util.Set;

/**
 * How the anchors are run.
 *
 * @param preset  x264/x265 preset ({@code medium} by default; {@code slower} is the documented
 *                alternative)
 * @param keyint  key-frame interval, equal to the Inlay configuration compared with (1: all intra)
 * @param threads encoder and decoder threads; 0 leaves the tools' own default. The report uses 1,
 *                like Inlay's single-threaded encoder, so that speed ratios compare one core with
 *                one core. The thread count does not change the streams.
 */
public record AnchorSettings(String preset, int keyint, int threads) {
    /** The presets x264 and x265 both know. */
    public static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");

    public AnchorSettings {
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("unknown preset '" + preset + "' (one of " + String.join(", ",
                    PRESETS.stream().sorted().toList()) + ")");
        }
        if (keyint < 1) {
            throw new IllegalArgumentException("keyint must be at least 1: " + keyint);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (default) or positive: " + threads);
        }
    }

    /**
     * The CSV's {@code config} for these settings: the preset, with {@code -ki<N>} appended when
     * the key-frame interval is not 1 (all intra is the default comparison).
     */
    public String config() {
        return keyint == 1 ? preset : preset + "-ki" + keyint;
    }
}
