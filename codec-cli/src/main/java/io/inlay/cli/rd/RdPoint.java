package io.inlay.cli.rd;

/**
 * One encode of one clip: a row of the rate-distortion CSV
 * ({@code clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim}).
 */
public record RdPoint(String clip, String codec, int qp, long bytes, int frames, double fps,
        double psnrY, double psnrU, double psnrV, double psnrYuv, double ssim) {

    /** The CSV header line, in column order. */
    public static final String HEADER = "clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim";

    /** Rate in bytes per frame (the unit BD-rate is computed in; any unit would give the same ratio). */
    public double bytesPerFrame() {
        return (double) bytes / frames;
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
