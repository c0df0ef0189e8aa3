package io.inlay.testvectors;

import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.io.VideoFormat;
import io.inlay.neural.LearnedIntraModelProvider;
import io.inlay.neural.NeuralFilterProvider;
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
            // the neural loop filter explicitly off: these streams must not depend on which models
            // happen to be installed when they are regenerated; the bi-prediction refinement likewise
            // explicitly off (the encoder's default since format 0.8's kernel), so each stream keeps the
            // tools it was defined with; the _biflow streams switch it on
            EncoderConfig.Builder b = EncoderConfig.builder(p.width(), p.height()).bitDepth(p.bitDepth())
                    .keepReconstruction(true).neuralFilter(false).biFlow(false).biWeights(false);
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

    /** The small all-intra stream most malformed streams are derived from: 2 frames, 2x1 CTUs (the second partial). */
    static final String SMALL = "synthetic_72x40_8bit_qp37.inlay";

    /**
     * The small random-access stream inter malformed streams are derived from: 8 frames, mini-GOP
     * 4, key frames at 0 and 6 (coding order I0 B4 B2 B1 B3 B5 I6 B7).
     */
    static final String SMALL_RA = "synthetic_72x40_8bit_ra_gop4_keyint6_qp37.inlay";

    /** The small low-delay P stream P-frame malformed streams are derived from: 6 frames, 2 references. */
    static final String SMALL_LDP = "synthetic_72x40_8bit_ldp_qp37.inlay";

    /** The bundled model the neural-loop-filter streams name. */
    static final String NLF_MODEL = "nlf1";

    /** SHA-256 of the bundled model {@link #NLF_MODEL}. */
    static byte[] nlfModel() {
        return NeuralFilterProvider.bundledModels().stream().filter(m -> m.name().equals(NLF_MODEL)).findFirst()
                .orElseThrow(() -> new IllegalStateException("model " + NLF_MODEL + " is not bundled")).id();
    }

    private static Definition intra(String file, String description, Supplier<Source> source, Configurer config) {
        return new Definition(file, "all-intra; " + description, source,
                b -> config.configure(b.gop(GopStructure.ALL_INTRA)));
    }

    static final List<Definition> ALL = List.of(
            // All-intra (keyint 1): every frame a key frame.
            intra("foreman_352x288_qp22.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 22, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(22).build()),
            intra("foreman_352x288_qp32.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 32, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(32).build()),
            intra("foreman_352x288_qp45.inlay",
                    "foreman_352x288_6f.y4m frames 0-2, QP 45, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 3)),
                    b -> b.qp(45).build()),
            intra("cars_320x240_qp27_nodeblock_nordoq.inlay",
                    "cars_320x240_10f.y4m frames 0-1, QP 27, deblocking off, RDOQ off",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 2)),
                    b -> b.qp(27).deblocking(false).rdoq(false).build()),
            intra("mobile_352x288_qp12.inlay",
                    "mobile_352x288_3f.y4m frame 0, QP 12, deblocking on, RDOQ on",
                    () -> Source.of(Codec.readClip("mobile_352x288_3f.y4m", 1)),
                    b -> b.qp(12).build()),
            intra("water_480x360_qp32_aq.inlay",
                    "stream_of_water_480x360_4f.y4m frame 0, QP 32, adaptive QP (cu_qp_delta) strength 1.0",
                    () -> Source.of(Codec.readClip("stream_of_water_480x360_4f.y4m", 1)),
                    b -> b.qp(32).aqStrength(1.0).build()),
            intra("synthetic_67x35_10bit_qp30.inlay",
                    "synthetic 67x35 (odd size) 10-bit, 2 frames, seed 67, QP 30",
                    () -> Source.synthetic(67, 35, 10, 2, 67),
                    b -> b.qp(30).build()),
            intra("synthetic_17x9_12bit_qp0.inlay",
                    "synthetic 17x9 12-bit, 1 frame, seed 17, QP 0",
                    () -> Source.synthetic(17, 9, 12, 1, 17),
                    b -> b.qp(0).build()),
            intra("synthetic_1x1_8bit_qp51.inlay",
                    "synthetic 1x1 8-bit, 2 frames, seed 1, QP 51, deblocking off",
                    () -> Source.synthetic(1, 1, 8, 2, 1),
                    b -> b.qp(51).deblocking(false).build()),
            intra(SMALL,
                    "synthetic 72x40 8-bit, 2 frames, seed 72, QP 37 (base of most malformed streams)",
                    () -> Source.synthetic(72, 40, 8, 2, 72),
                    b -> b.qp(37).build()),
            // Random access: hierarchical-B mini-GOPs between closed-GOP key frames.
            new Definition("cars_320x240_ra_gop8_keyint8_qp37.inlay",
                    "random access; cars_320x240_10f.y4m frames 0-9, mini-GOP 8, keyint 8 (key frames 0 and 8;"
                            + " the first mini-GOP shortened to 7), 2 references, QP 37, chroma QP offset -2 in B frames",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 10)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(8).keyint(8).refs(2).qp(37).chromaQpOffset(-2).build()),
            new Definition("foreman_352x288_ra_gop4_keyint4_qp42.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, keyint 4 (key frames 0 and 4),"
                            + " 1 reference, QP 42, deblocking off, chroma QP offset 0",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).keyint(4).refs(1).qp(42).deblocking(false)
                            .chromaQpOffset(0).build()),
            new Definition("synthetic_67x35_10bit_ra_gop8_keyint16_qp32.inlay",
                    "random access; synthetic 67x35 (odd size) 10-bit, 20 frames, seed 35, mini-GOP 8, keyint 16"
                            + " (a full mini-GOP, one shortened before the key frame at 16, one cut by the end),"
                            + " 4 references, QP 32, chroma QP offset -5 in B frames",
                    () -> Source.synthetic(67, 35, 10, 20, 35),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(8).keyint(16).refs(4).qp(32).chromaQpOffset(-5).build()),
            new Definition(SMALL_RA,
                    "random access; synthetic 72x40 8-bit, 8 frames, seed 72, mini-GOP 4, keyint 6, 2 references,"
                            + " QP 37, chroma QP offset -2 in B frames (base of the inter malformed streams)",
                    () -> Source.synthetic(72, 40, 8, 8, 72),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).keyint(6).refs(2).qp(37).chromaQpOffset(-2).build()),
            // Low delay: display order, predicting from the past only.
            new Definition("cars_320x240_ld_qp37.inlay",
                    "low delay B; cars_320x240_10f.y4m frames 0-5, 4 references per list, QP 37, chroma QP offset -2"
                            + " in B frames",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 6)),
                    b -> b.gop(GopStructure.LOW_DELAY).refs(4).qp(37).chromaQpOffset(-2).build()),
            new Definition("foreman_352x288_ldp_qp40_cqo3.inlay",
                    "low delay P; foreman_352x288_6f.y4m frames 0-5, 2 references, QP 40, chroma QP offset +3"
                            + " in P frames, AQ strength 1.0",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.LOW_DELAY_P).refs(2).qp(40).chromaQpOffset(3).aqStrength(1.0).build()),
            new Definition(SMALL_LDP,
                    "low delay P; synthetic 72x40 8-bit, 6 frames, seed 72, 2 references, QP 37, chroma QP offset -2"
                            + " in P frames (base of the P-frame malformed streams)",
                    () -> Source.synthetic(72, 40, 8, 6, 72),
                    b -> b.gop(GopStructure.LOW_DELAY_P).refs(2).qp(37).chromaQpOffset(-2).build()),
            // The neural loop filter (model nlf1), scales and CTU flags chosen by the encoder.
            new Definition("foreman_352x288_ra_gop4_keyint4_qp37_nlf1.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, keyint 4, 2 references, QP 37,"
                            + " neural loop filter nlf1",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).keyint(4).refs(2).qp(37)
                            .neuralFilter(true).neuralModel(nlfModel()).build()),
            intra("synthetic_67x35_10bit_qp32_nlf1.inlay",
                    "synthetic 67x35 (odd size) 10-bit, 2 frames, seed 67, QP 32, neural loop filter nlf1",
                    () -> Source.synthetic(67, 35, 10, 2, 67),
                    b -> b.qp(32).neuralFilter(true).neuralModel(nlfModel()).build()),
            new Definition("cars_320x240_ldp_qp32_nlf1.inlay",
                    "low delay P; cars_320x240_10f.y4m frames 0-3, 2 references, QP 32, neural loop filter nlf1",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 4)),
                    b -> b.gop(GopStructure.LOW_DELAY_P).refs(2).qp(32).neuralFilter(true).neuralModel(nlfModel()).build()),
            // Learned intra prediction (model lip4, docs/bitstream/decoding-process.md §4.8).
            intra("cars_320x240_qp27_lip4.inlay",
                    "cars_320x240_10f.y4m frames 0-1, QP 27, learned intra prediction lip4",
                    () -> Source.of(Codec.readClip("cars_320x240_10f.y4m", 2)),
                    b -> b.qp(27).learnedIntra(true).learnedIntraModel(lipModel()).build()),
            new Definition("synthetic_72x40_8bit_ra_gop4_qp32_nlf1_lip4.inlay",
                    "random access; synthetic 72x40 8-bit, 5 frames, seed 73, mini-GOP 4, QP 32, neural loop filter"
                            + " nlf1 and learned intra prediction lip4 (neural_models[1] names lip4)",
                    () -> Source.synthetic(72, 40, 8, 5, 73),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).qp(32).neuralFilter(true).neuralModel(nlfModel())
                            .learnedIntra(true).learnedIntraModel(lipModel()).build()),
            // Learned inter interpolation (model lif2, docs/bitstream/decoding-process.md §10.1), merged and
            // skipped CUs inheriting the learned sets (§12.2, format 0.7).
            new Definition("foreman_352x288_ra_gop4_qp32_lif2.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, 2 references, QP 32, learned"
                            + " inter interpolation lif2 (merged CUs inherit the sets)",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).refs(2).qp(32).learnedInter(true)
                            .learnedInterModel(lifModel()).build()),
            // The bi-prediction optical-flow refinement (TOOL_BI_FLOW, docs/bitstream/decoding-process.md §13.1,
            // format 0.8): alone, and 10-bit with learned interpolation (bi-predicted CUs with a learned set).
            new Definition("foreman_352x288_ra_gop4_qp32_biflow.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, 2 references, QP 32,"
                            + " bi-prediction optical-flow refinement",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).refs(2).qp(32).biFlow(true).build()),
            new Definition("synthetic_67x35_10bit_ra_gop4_qp27_biflow_lif2.inlay",
                    "random access; synthetic 67x35 (odd size) 10-bit, 5 frames, seed 68, mini-GOP 4, 2 references,"
                            + " QP 27, bi-prediction optical-flow refinement and learned inter interpolation lif2",
                    () -> Source.synthetic(67, 35, 10, 5, 68),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).refs(2).qp(27).biFlow(true).learnedInter(true)
                            .learnedInterModel(lifModel()).build()),
            // Weighted bi-prediction (TOOL_BI_WEIGHTS, bcw_idx, docs/bitstream/decoding-process.md §13.2, format
            // 0.9): with the bi-flow refinement (weighted CUs skip it), and with learned interpolation instead.
            new Definition("foreman_352x288_ra_gop4_qp27_biflow_biweights.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, 2 references, QP 27,"
                            + " bi-prediction optical-flow refinement and weighted bi-prediction",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).refs(2).qp(27).biFlow(true).biWeights(true)
                            .build()),
            new Definition("foreman_352x288_ra_gop4_qp32_biweights_lif2.inlay",
                    "random access; foreman_352x288_6f.y4m frames 0-5, mini-GOP 4, 2 references, QP 32, weighted"
                            + " bi-prediction and learned inter interpolation lif2, no bi-flow",
                    () -> Source.of(Codec.readClip("foreman_352x288_6f.y4m", 6)),
                    b -> b.gop(GopStructure.RANDOM_ACCESS).gopSize(4).refs(2).qp(32).biFlow(false).biWeights(true)
                            .learnedInter(true).learnedInterModel(lifModel()).build()));

    /** The bundled learned interpolation model the lif2 stream names (the default one). */
    static LearnedInterModel lifModel() {
        return LearnedInterModel.defaultModel().orElseThrow();
    }

    /** The bundled learned intra model the lip4 streams name. */
    static LearnedIntraModel lipModel() {
        return LearnedIntraModelProvider.bundledModels().getFirst();
    }
}
