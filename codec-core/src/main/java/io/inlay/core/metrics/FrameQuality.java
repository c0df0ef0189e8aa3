package io.inlay.core.metrics;

/**
 * Quality of one frame (or the mean over frames): PSNR per plane in dB (capped at
 * {@link Psnr#MAX_DB}), PSNR-YUV = (6 Y + U + V) / 8, and luma SSIM.
 */
public record FrameQuality(double psnrY, double psnrU, double psnrV, double psnrYuv, double ssimY) {

    /** A frame quality with PSNR-YUV derived from the plane PSNRs. */
    public static FrameQuality of(double psnrY, double psnrU, double psnrV, double ssimY) {
        return new FrameQuality(psnrY, psnrU, psnrV, psnrYuv(psnrY, psnrU, psnrV), ssimY);
    }

    /** The JVET weighting (6 Y + U + V) / 8 of plane PSNRs. */
    public static double psnrYuv(double psnrY, double psnrU, double psnrV) {
        return (6 * psnrY + psnrU + psnrV) / 8;
    }
}
