package io.inlay.testvectors;

import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The conformance streams in {@code testvectors/conformance/}: what each is encoded from and with
 * which settings. Used only to (re)generate them ({@link TestVectorGenerator}); the test checks
 * the committed files against {@code expected.md5}, never these definitions.
 */
final class ConformanceStreams {
    private ConformanceStreams() {
    }

    /**
     * One conformance stream.
     *
     * @param file        file name in {@code conformance/}
     * @param description source and settings, written into {@code expected.md5}
     * @param source      the pictures to encode
     * @param config      encoder settings for a picture size, bit depth and frame rate
     */
    record Definition(String file, String description, Supplier<Source> source, Configurer config) {
    }

    /** Pictures to encode, with the y4m header fields the sequence header should carry. */
    record Source(List<Picture> pictures, int fpsNum, int fpsDen, int colourRange) {
        static Source of(Codec.Clip clip) {
            VideoFormat f = clip.format();
            return new Source(clip.pictures(), f.fpsNum(), f.fpsDen(), f.colourRange());
        }

        static Source synthetic(int w, int h, int bitDepth, int frames, long seed) {
            return new Source(Codec.synthetic(w, h, bitDepth, frames, seed), 25, 1, VideoFormat.RANGE_LIMITED);
        }

        EncoderConfig.Builder builder() {
            Picture p = pictures.getFirst();
            EncoderConfig.Builder b = EncoderConfig.builder(p.width(), p.height()).bitDepth(p.bitDepth())
                    .keepReconstruction(true);
            if (fpsNum > 0) {
                b.frameRate(fpsNum, fpsDen);
            }
            if (colourRange >= 0) {
                b.colourRange(colourRange);
            }
            return b;
        }
    }

    /** Settings on top of a source's size, bit depth and frame rate. */
    interface Configurer {
        EncoderConfig configure(EncoderConfig.Builder b);
    }

    /** The small stream malformed streams are derived from: 2 frames, 2x1 CTUs (the second partial). */
    static final String SMALL = "synthetic_72x40_8bit_qp37.inlay";

    static final List<Definition> ALL = List.of(
            new Definition("foreman_352x288_qp22.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 22, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(22).build()),
            new Definition("foreman_352x288_qp32.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 32, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(32).build()),
            new Definition("foreman_352x288_qp45.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 45, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(45).build()),
            new Definition("cars_320x240_qp27_nodeblock_nordoq.inlay",
                    "cars_320x240_10f.y4m frames 0-1, QP 27, deblocking off, RDOQ off",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 2)),
                    b -> b.qp(27).deblocking(false).rdoq(false).build()),
            new Definition("mobile_352x288_qp12.inlay",
                    "mobile_352x288_3f.y4m frame 0, QP 12, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("mobile_352x288_3f.y4m", 1)),
                    b -> b.qp(12).build()),
            new Definition("water_480x360_qp32_aq.inlay",
                    "stream_of_water_480x360_4f.y4m frame 0, QP 32, adaptive QP (cu_qp_delta) strength 1.0",
                    () -> Source.of(Codec.readClip("stream_of_water_480x360_4f.y4m", 1)),
                    b -> b.qp(32).aqStrength(1.0).build()),
            new Definition("synthetic_67x35_10bit_qp30.inlay",
                    "synthetic 67x35 (odd size) 10-bit, 2 frames, seed 67, QP 30",
                    () -> Source.synthetic(67, 35, 10, 2, 67),
                    b -> b.qp(30).build()),
            new Definition("synthetic_17x9_12bit_qp0.inlay",
                    "synthetic 17x9 12-bit, 1 frame, seed 17, QP 0",
                    () -> Source.synthetic(17, 9, 12, 1, 17),
                    b -> b.qp(0).build()),
            new Definition("synthetic_1x1_8bit_qp51.inlay",
                    "synthetic 1x1 8-bit, 2 frames, seed 1, QP 51, deblocking off",
                    () -> Source.synthetic(1, 1, 8, 2, 1),
                    b -> b.qp(51).deblocking(false).build()),
            new Definition(SMALL,
                    "synthetic 72x40 8-bit, 2 frames, seed 72, QP 37 (base of the malformed streams)",
                    () -> Source.synthetic(72, 40, 8, 2, 72),
                    b -> b.qp(37).build()));
}
