package io.inlay.core.recon;

import io.inlay.core.Picture;
import io.inlay.core.Plane;

/**
 * The coded area: pictures are coded at their size rounded up to whole minimum CUs (8 luma
 * samples); the extra samples repeat the last column and row on input, and are cropped away on
 * output (docs/bitstream/decoding-process.md, "Coded area").
 */
public final class CodedPicture {
    private CodedPicture() {
    }

    /** {@code v} rounded up to a multiple of the minimum CU size. */
    public static int codedSize(int v) {
        int m = 1 << FrameMaps.MIN_CU_LOG2;
        return (v + m - 1) & -m;
    }

    /** Copies {@code src} into the larger {@code dst}, replicating its last column and row. */
    public static void padInto(Picture src, Picture dst) {
        for (int c = 0; c < 3; c++) {
            Plane s = src.plane(c);
            Plane d = dst.plane(c);
            short[] ds = d.samples();
            for (int y = 0; y < d.height(); y++) {
                int sy = Math.min(y, s.height() - 1);
                int di = d.index(0, y);
                System.arraycopy(s.samples(), s.index(0, sy), ds, di, s.width());
                short last = ds[di + s.width() - 1];
                for (int x = s.width(); x < d.width(); x++) {
                    ds[di + x] = last;
                }
            }
        }
    }

    /** The top-left {@code width x height} of {@code coded} as a new unpadded picture. */
    public static Picture crop(Picture coded, int width, int height) {
        Picture out = Picture.allocate(width, height, coded.bitDepth(), coded.chromaFormat(), 0);
        for (int c = 0; c < 3; c++) {
            Plane s = coded.plane(c);
            Plane d = out.plane(c);
            for (int y = 0; y < d.height(); y++) {
                System.arraycopy(s.samples(), s.index(0, y), d.samples(), d.index(0, y), d.width());
            }
        }
        return out;
    }
}
