package io.inlay.core.metrics;

import io.inlay.core.Picture;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.Kernels;
import java.util.List;

/**
 * Accumulates per-frame quality of a test sequence against its reference. Averages are the mean
 * of per-frame values (as JVET's common test conditions average PSNR), so a perfect frame
 * contributes {@link Psnr#MAX_DB}. Keeps running sums only: memory does not grow with the clip.
 * Not thread-safe.
 */
public final class QualityMeter {
    private final BlockDistortion distortion;
    private long frames;
    private double sumY;
    private double sumU;
    private double sumV;
    private double sumYuv;
    private double sumSsim;

    /** A meter using the process-wide {@link Kernels#get()} kernels. */
    public QualityMeter() {
        this(Kernels.get());
    }

    public QualityMeter(Kernels kernels) {
        this.distortion = kernels.blockDistortion();
    }

    /**
     * Quality of {@code test} against {@code reference} without accumulating it. Both must have
     * the same size, bit depth and chroma format.
     */
    public FrameQuality measure(Picture reference, Picture test) {
        if (reference.width() != test.width() || reference.height() != test.height()
                || reference.bitDepth() != test.bitDepth() || reference.chromaFormat() != test.chromaFormat()) {
            throw new IllegalArgumentException("pictures differ in geometry: " + reference.width() + "x"
                    + reference.height() + " " + reference.bitDepth() + "-bit vs " + test.width() + "x"
                    + test.height() + " " + test.bitDepth() + "-bit");
        }
        int depth = reference.bitDepth();
        double y = Psnr.psnr(reference.plane(0), test.plane(0), depth, distortion);
        double u = Psnr.psnr(reference.plane(1), test.plane(1), depth, distortion);
        double v = Psnr.psnr(reference.plane(2), test.plane(2), depth, distortion);
        double ssim = Ssim.ssim(reference.plane(0), test.plane(0), depth);
        return FrameQuality.of(y, u, v, ssim);
    }

    /** Measures one frame, adds it to the averages and returns its quality. */
    public FrameQuality add(Picture reference, Picture test) {
        FrameQuality q = measure(reference, test);
        frames++;
        sumY += q.psnrY();
        sumU += q.psnrU();
        sumV += q.psnrV();
        sumYuv += q.psnrYuv();
        sumSsim += q.ssimY();
        return q;
    }

    /**
     * The mean quality of {@code tests} against {@code references}, frame i against frame i, on the
     * process-wide kernels.
     *
     * @throws IllegalArgumentException when the lists differ in length
     * @throws IllegalStateException when they are empty
     */
    public static FrameQuality meanOf(List<Picture> references, List<Picture> tests) {
        if (references.size() != tests.size()) {
            throw new IllegalArgumentException(references.size() + " reference pictures, " + tests.size() + " tests");
        }
        QualityMeter meter = new QualityMeter();
        for (int i = 0; i < references.size(); i++) {
            meter.add(references.get(i), tests.get(i));
        }
        return meter.mean();
    }

    /** Number of frames added. */
    public long frames() {
        return frames;
    }

    /**
     * Mean of the per-frame values.
     *
     * @throws IllegalStateException when no frame was added
     */
    public FrameQuality mean() {
        if (frames == 0) {
            throw new IllegalStateException("no frames measured");
        }
        return new FrameQuality(sumY / frames, sumU / frames, sumV / frames, sumYuv / frames, sumSsim / frames);
    }
}
