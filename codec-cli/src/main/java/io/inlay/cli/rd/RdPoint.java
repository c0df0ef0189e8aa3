package io.inlay.cli.rd;

import java.util.Objects;

/**
 * One encode of one clip: a row of the rate-distortion CSV ({@link #HEADER}).
 *
 * @param codec         encoder name ({@code inlay}, {@code x264}, {@code x265}); no commas or slashes
 * @param config        configuration: Inlay's configuration name ({@code all-intra}) or an anchor's
 *                      preset ({@code medium}); empty for rows of the legacy format
 * @param clip          clip name (the file name without {@code .y4m})
 * @param qp            the QP the encoder was given
 * @param bytes         size of the coded stream, positive
 * @param frames        frames coded, positive
 * @param fps           the clip's frame rate (for kbit/s); NaN when unknown
 * @param psnrY         mean over frames of the luma PSNR in dB
 * @param psnrU         same for Cb
 * @param psnrV         same for Cr
 * @param psnrYuv       mean over frames of (6 Y + U + V) / 8
 * @param ssim          mean over frames of the luma SSIM
 * @param encodeSeconds wall-clock encode time of all frames; NaN when unknown
 * @param decodeSeconds wall-clock decode time of all frames; NaN when unknown
 */
public record RdPoint(String codec, String config, String clip, int qp, long bytes, int frames, double fps,
        double psnrY, double psnrU, double psnrV, double psnrYuv, double ssim,
        double encodeSeconds, double decodeSeconds) {

    /** The CSV header line, in column order. */
    public static final String HEADER =
            "codec,config,clip,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim,encode_s,decode_s";

    /**
     * The header of the first format ({@code fps} there was the encoder's speed, frames per
     * wall-clock second; there was no configuration and no decode time). {@link RdCsv} still
     * reads it.
     */
    public static final String LEGACY_HEADER = "clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim";

    public RdPoint {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clip, "clip");
        if (codec.isEmpty() || codec.contains("/")) {
            throw new IllegalArgumentException("codec must be non-empty and without '/': '" + codec + "'");
        }
        if (bytes <= 0 || frames <= 0) {
            throw new IllegalArgumentException("bytes and frames must be positive: " + bytes + ", " + frames);
        }
    }

    /**
     * The curve this point belongs to: {@code codec/config}, or just {@code codec} when the
     * configuration is empty.
     */
    public String series() {
        return config.isEmpty() ? codec : codec + "/" + config;
    }

    /**
     * True when {@code selector} names this point's curve: either {@link #series()} exactly, or
     * (without a slash) the codec alone, whatever the configuration.
     */
    public boolean matches(String selector) {
        return selector.contains("/") ? selector.equals(series()) : selector.equals(codec);
    }

    /** Rate in bytes per frame (the unit BD-rate is computed in; any unit would give the same ratio). */
    public double bytesPerFrame() {
        return (double) bytes / frames;
    }

    /** Rate in kbit/s at the clip's frame rate; NaN when the frame rate is unknown. */
    public double kbitPerSecond() {
        return bytesPerFrame() * 8 * fps / 1000;
    }

    /** Encoded frames per wall-clock second; NaN when the encode time is unknown. */
    public double encodeFps() {
        return frames / encodeSeconds;
    }

    /** Decoded frames per wall-clock second; NaN when the decode time is unknown. */
    public double decodeFps() {
        return frames / decodeSeconds;
    }

    /** PSNR of a plane: 0 = Y, 1 = U, 2 = V, 3 = YUV. */
    public double psnr(int plane) {
        return switch (plane) {
            case 0 -> psnrY;
            case 1 -> psnrU;
            case 2 -> psnrV;
            case 3 -> psnrYuv;
            default -> throw new IllegalArgumentException("plane " + plane);
        };
    }
}
