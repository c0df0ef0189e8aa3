package io.inlay.core;

import io.inlay.bitstream.ContainerLimits;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.neural.InLoopFilterProvider;
import io.inlay.core.neural.InLoopFilters;
import io.inlay.core.neural.LearnedIntraModels;
import io.inlay.core.neural.NeuralOptions;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Encoder configuration. Immutable; build with {@link #builder(int, int)}.
 *
 * <pre>{@code
 * EncoderConfig cfg = EncoderConfig.builder(1280, 720).bitDepth(8).qp(32).build();
 * }</pre>
 */
public final class EncoderConfig {
    /** {@link #chromaWeight()} value of the adaptive chroma weight (PSNR-YUV 6:1:1 from the frame's errors so far). */
    public static final double CHROMA_WEIGHT_AUTO = 0;
    /** The adaptive chroma weight's factor on the QP compensation before a frame's first CTU. */
    public static final double CHROMA_WEIGHT_AUTO_START = 2;

    private final int width;
    private final int height;
    private final int bitDepth;
    private final ChromaFormat chromaFormat;
    private final int fpsNum;
    private final int fpsDen;
    private final int colourRange;
    private final int matrixCoefficients;
    private final int qp;
    private final boolean deblocking;
    private final boolean rdoq;
    private final boolean keepReconstruction;
    private final double aqStrength;
    private final double chromaWeight;
    private final GopStructure gop;
    private final int keyint;
    private final int gopSize;
    private final int refs;
    private final int searchRange;
    private final int chromaQpOffset;
    private final Preset preset;
    private final int maxCuSize;
    private final int minCuSize;
    private final int intraRdModes;
    private final boolean intraMpmRd;
    private final boolean intraFastScan;
    private final int chromaRdModes;
    private final boolean intraNxN;
    private final boolean intraInInter;
    private final int mergeRdCandidates;
    private final MotionSearchMethod motionSearch;
    private final int subpelRefine;
    private final int biSearch;
    private final boolean earlySkip;
    private final boolean earlyCbfTermination;
    private final double splitSkipRatio;
    private final boolean interSatdDecision;
    private final byte[] neuralModel;
    private final NeuralOptions neuralOptions;
    private final List<InLoopFilterProvider> filterProviders;
    private final int threads;
    private final ExecutorService executor;
    private final Kernels kernels;
    private final LearnedIntraModel learnedIntraModel;
    private final LearnedInterModel learnedInterModel;
    private final boolean learnedInterRefine;
    private final boolean biFlow;
    private final boolean biWeights;

    private EncoderConfig(Builder b, byte[] neuralModel, List<InLoopFilterProvider> filterProviders) {
        this.learnedIntraModel = b.resolvedLearnedIntra;
        this.learnedInterModel = b.resolvedLearnedInter;
        this.learnedInterRefine = b.learnedInterRefine;
        // Only random access has references on both sides of a picture, so only it can use the refinement;
        // other structures leave TOOL_BI_FLOW unset rather than carry a flag that never applies.
        this.biFlow = b.biFlow && b.gop == GopStructure.RANDOM_ACCESS;
        this.width = b.width;
        this.height = b.height;
        this.bitDepth = b.bitDepth;
        this.chromaFormat = b.chromaFormat;
        this.fpsNum = b.fpsNum;
        this.fpsDen = b.fpsDen;
        this.colourRange = b.colourRange;
        this.matrixCoefficients = b.matrixCoefficients;
        this.qp = b.qp;
        this.deblocking = b.deblocking;
        Preset p = b.preset;
        this.preset = p;
        this.rdoq = b.rdoq != null ? b.rdoq : p.rdoq;
        this.keepReconstruction = b.keepReconstruction;
        this.aqStrength = b.aqStrength;
        this.chromaWeight = b.chromaWeight;
        this.gop = b.gop;
        this.keyint = b.keyint;
        this.gopSize = b.gopSize;
        this.refs = b.refs != null ? b.refs : p.refs;
        this.searchRange = b.searchRange != null ? b.searchRange : p.searchRange;
        this.chromaQpOffset = b.chromaQpOffset;
        this.maxCuSize = b.maxCuSize != null ? b.maxCuSize : p.maxCuSize;
        this.minCuSize = b.minCuSize != null ? b.minCuSize : p.minCuSize;
        this.intraRdModes = b.intraRdModes != null ? b.intraRdModes : p.intraRdModes;
        this.intraMpmRd = b.intraMpmRd != null ? b.intraMpmRd : p.intraMpmRd;
        this.intraFastScan = b.intraFastScan != null ? b.intraFastScan : p.intraFastScan;
        this.chromaRdModes = b.chromaRdModes != null ? b.chromaRdModes : p.chromaRdModes;
        this.intraNxN = b.intraNxN != null ? b.intraNxN : p.intraNxN;
        this.intraInInter = b.intraInInter != null ? b.intraInInter : p.intraInInter;
        this.mergeRdCandidates = b.mergeRdCandidates != null ? b.mergeRdCandidates : p.mergeRdCandidates;
        this.motionSearch = b.motionSearch != null ? b.motionSearch : p.motionSearch;
        this.subpelRefine = b.subpelRefine != null ? b.subpelRefine : p.subpelRefine;
        this.biSearch = b.biSearch != null ? b.biSearch : p.biSearch;
        // Weights need bi-predicted CUs: none in all-intra and low-delay P sequences. Unless set, they follow
        // the bi-prediction search: on where it refines list 1 (biSearch 2), as the per-weight search does.
        boolean weights = b.biWeights != null ? b.biWeights : biSearch >= 2;
        this.biWeights = weights && b.gop != GopStructure.ALL_INTRA && b.gop != GopStructure.LOW_DELAY_P;
        this.earlySkip = b.earlySkip != null ? b.earlySkip : p.earlySkip;
        this.earlyCbfTermination = b.earlyCbfTermination != null ? b.earlyCbfTermination : p.earlyCbfTermination;
        this.interSatdDecision = b.interSatdDecision != null ? b.interSatdDecision : p.interSatdDecision;
        this.splitSkipRatio = b.splitSkipRatio != null ? b.splitSkipRatio : p.splitSkipRatio;
        if (minCuSize > maxCuSize) {
            throw new IllegalArgumentException("minimum CU size " + minCuSize + " exceeds the maximum " + maxCuSize);
        }
        this.neuralModel = neuralModel;
        this.neuralOptions = b.neuralOptions;
        this.filterProviders = filterProviders;
        this.threads = b.threads;
        this.executor = b.executor;
        this.kernels = b.kernels;
    }

    /**
     * How many threads the encoder splits work over (1: none); the output is the same for any
     * count (docs/threading.md).
     */
    public int threads() {
        return threads;
    }

    /**
     * The caller's executor the encoder's work runs on, or null: then the encoder creates a pool
     * for {@link #threads()} when that is more than 1 and shuts it down in {@code close()}.
     */
    public ExecutorService executor() {
        return executor;
    }

    /** A builder for pictures of {@code width x height} luma samples. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bitDepth() {
        return bitDepth;
    }

    public ChromaFormat chromaFormat() {
        return chromaFormat;
    }

    public int fpsNum() {
        return fpsNum;
    }

    public int fpsDen() {
        return fpsDen;
    }

    /** 0 = limited range, 1 = full range. */
    public int colourRange() {
        return colourRange;
    }

    public int matrixCoefficients() {
        return matrixCoefficients;
    }

    /** Base quantisation parameter, 0..51. */
    public int qp() {
        return qp;
    }

    public boolean deblocking() {
        return deblocking;
    }

    /** Rate-distortion optimised quantisation. */
    public boolean rdoq() {
        return rdoq;
    }

    /** Whether the encoder keeps its reconstructions for {@link Encoder#pullReconstruction()}. */
    public boolean keepReconstruction() {
        return keepReconstruction;
    }

    /**
     * Strength of adaptive quantisation: CTUs with more texture than the frame average get a
     * higher QP and flat ones a lower QP, {@code strength * (log2 activity - mean)} steps
     * (coded with {@code cu_qp_delta}). 0 (the default) codes every CTU at the frame QP, which is
     * what maximises PSNR; 0.5..1.5 trades PSNR for subjectively steadier quality.
     */
    public double aqStrength() {
        return aqStrength;
    }

    /**
     * Extra weight of chroma squared error in the encoder's rate-distortion decisions, on top of
     * the QP compensation {@code 2^((QpY - QpC) / 3)} (docs/rdo.md, "Cost"). It multiplies the
     * chroma distortion wherever the encoder compares costs that contain it: the CU decisions
     * (split, NxN, intra against inter, merge/skip/AMVP), the chroma mode choice, RDOQ and the
     * all-zero check of chroma blocks (through {@code lambda / weight}) and the neural filter's
     * chroma scale and CTU flags. Luma-only decisions (luma mode, motion search) do not see it.
     * Non-normative: any value gives a conforming stream. Default {@link Builder#DEFAULT_CHROMA_WEIGHT}.
     * {@link #CHROMA_WEIGHT_AUTO} (0): the weight is adapted per frame to PSNR-YUV 6:1:1 from the
     * squared errors of the CTUs already decided (docs/rdo.md, "Cost").
     */
    public double chromaWeight() {
        return chromaWeight;
    }

    /** The GOP structure: all intra, random access (hierarchical B) or low delay. */
    public GopStructure gop() {
        return gop;
    }

    /**
     * Key-frame interval in frames: every {@code keyint}-th picture (display order, from the
     * first) is a closed-GOP intra key frame, so the stream can be cut there. 1 with all intra.
     */
    public int keyint() {
        return keyint;
    }

    /** Pictures per random-access mini-GOP (hierarchical B), 2..16; 1 for the other structures. */
    public int gopSize() {
        return gopSize;
    }

    /** Largest number of active references per list, 1..4. */
    public int refs() {
        return refs;
    }

    /** Integer motion search range, in luma samples around the best predictor, 8..512. */
    public int searchRange() {
        return searchRange;
    }

    /** The speed preset the search-effort settings start from (default {@link Builder#DEFAULT_PRESET}). */
    public Preset preset() {
        return preset;
    }

    /**
     * Largest CU the search evaluates unsplit, 8..64: larger blocks are always split (the
     * split flag is still coded, so the stream is unchanged in form).
     */
    public int maxCuSize() {
        return maxCuSize;
    }

    /** Smallest CU the search splits down to, 8..64 (a CU of this size is never split, except at the picture border). */
    public int minCuSize() {
        return minCuSize;
    }

    /**
     * Most luma intra modes of a prediction block given a full rate-distortion evaluation after
     * the SATD pre-selection, 1..8 (the pre-selection's own limits by block size still apply:
     * 8 for 4x4/8x8, 4 for 16x16, 3 for 32x32, 2 for 64x64).
     */
    public int intraRdModes() {
        return intraRdModes;
    }

    /** Whether the most probable modes are always added to the full-RD intra candidates. */
    public boolean intraMpmRd() {
        return intraMpmRd;
    }

    /**
     * Whether the SATD pre-selection scans planar, DC and every second angular mode, then the two
     * neighbours of the best angular one (20 predictions instead of 35).
     */
    public boolean intraFastScan() {
        return intraFastScan;
    }

    /** Chroma modes given a full RD evaluation: 1 (DM only), 2 (DM and CCLM) or 6 (all). */
    public int chromaRdModes() {
        return chromaRdModes;
    }

    /** Whether 8x8 intra CUs also try {@code PART_NxN} (four 4x4 prediction blocks). */
    public boolean intraNxN() {
        return intraNxN;
    }

    /** Whether CUs of P and B frames also try intra prediction. */
    public boolean intraInInter() {
        return intraInInter;
    }

    /** Merge candidates, ranked by SATD, coded in full as skip and as merge with residual, 1..5. */
    public int mergeRdCandidates() {
        return mergeRdCandidates;
    }

    /** Pattern of the integer motion search. */
    public MotionSearchMethod motionSearch() {
        return motionSearch;
    }

    /** Fractional motion refinement: 0 integer only, 1 down to half samples, 2 down to quarter samples. */
    public int subpelRefine() {
        return subpelRefine;
    }

    /**
     * Bi-prediction search in B frames: 0 none (uni-prediction and merge only), 1 the best list 0
     * and list 1 vectors combined, 2 also list 1's vector refined once against list 0's prediction (and,
     * with weighted bi-prediction, once for each weight), 3 with weighted bi-prediction also list 0's vector
     * searched again for each weight against the list-1 prediction found for it (presets slower and veryslow).
     */
    public int biSearch() {
        return biSearch;
    }

    /** Whether a CU whose best inter choice is skip is kept at once (no intra, no split tried). */
    public boolean earlySkip() {
        return earlySkip;
    }

    /** Whether a CU whose best unsplit choice has no non-zero level is kept at once (no split, no NxN tried). */
    public boolean earlyCbfTermination() {
        return earlyCbfTermination;
    }

    /**
     * Recursion skip in inter frames: a CU whose unsplit cost is below this ratio times the mean
     * unsplit cost of the CUs of its size decided so far in the frame is not tested split; 0
     * always tests the split (docs/rdo.md, "Recursion skip").
     */
    public double splitSkipRatio() {
        return splitSkipRatio;
    }

    /**
     * Whether an inter CU chooses between its best merge candidate and its AMVP motion on SATD
     * costs and codes only the winner (instead of coding {@link #mergeRdCandidates()} merge
     * candidates as skip and with residual, and the AMVP motion, and keeping the lowest
     * {@code D + lambda * R}).
     */
    public boolean interSatdDecision() {
        return interSatdDecision;
    }

    /**
     * Chroma QP offset of inter frames, -12..12 (intra frames use 0). The default -2 spends a
     * little more on chroma in P and B frames: on the tuning clips it moved BD-rate PSNR-YUV by
     * about -1.2 % and PSNR-Y by +0.8 % against -1 (docs/gop.md).
     */
    public int chromaQpOffset() {
        return chromaQpOffset;
    }

    /**
     * Whether the neural in-loop filter is used: the sequence header then enables the tool and
     * names {@link #neuralModel()}, and every frame chooses its scales and CTU flags by RD.
     */
    public boolean neuralFilter() {
        return neuralModel != null;
    }

    /** SHA-256 of the neural loop filter's model, or null when {@link #neuralFilter()} is off. */
    public byte[] neuralModel() {
        return neuralModel != null ? neuralModel.clone() : null;
    }

    /** How neural networks are executed (default ONNX Runtime, one thread). */
    public NeuralOptions neuralOptions() {
        return neuralOptions;
    }

    /** The neural loop-filter providers the encoder opens its model with. */
    public List<InLoopFilterProvider> filterProviders() {
        return filterProviders;
    }

    /**
     * The kernels the encoder runs on: those given to {@link Builder#kernels}, else the
     * process-wide {@link Kernels#get()}. Every level produces the same stream.
     */
    public Kernels kernels() {
        return kernels != null ? kernels : Kernels.get();
    }

    /** Whether learned intra prediction is used (docs/bitstream/decoding-process.md §4.8). */
    public boolean learnedIntra() {
        return learnedIntraModel != null;
    }

    /** The learned intra model, or null when {@link #learnedIntra()} is off. */
    public LearnedIntraModel learnedIntraModel() {
        return learnedIntraModel;
    }

    /** Whether learned inter interpolation is used (docs/bitstream/decoding-process.md §10.1). */
    public boolean learnedInter() {
        return learnedInterModel != null;
    }

    /** The learned interpolation model, or null when {@link #learnedInter()} is off. */
    public LearnedInterModel learnedInterModel() {
        return learnedInterModel;
    }

    /**
     * Whether the learned interpolation sets take part in the quarter-sample refinement of a
     * uni-predicted AMVP vector (docs/learned-inter.md, "Encoder"): each set predicts the eight
     * quarter-sample neighbours and the vector itself, on SATD; encoder only.
     */
    public boolean learnedInterRefine() {
        return learnedInterRefine;
    }

    /**
     * Whether the bi-prediction optical-flow refinement is on (sequence tool {@code TOOL_BI_FLOW},
     * docs/bitstream/decoding-process.md §13.1, docs/learned-inter.md "Bi-prediction refinement"): the luma
     * of every bi-predicted CU whose references lie at equal distances before and after the picture is
     * refined, in the encoder's decisions as in the decoder. No syntax per CU. Only with
     * {@link GopStructure#RANDOM_ACCESS} (the other structures have no reference after a picture): the
     * builder's setting (default on) is ignored for them.
     */
    public boolean biFlow() {
        return biFlow;
    }

    /**
     * Whether weighted bi-prediction is on (sequence tool {@code TOOL_BI_WEIGHTS}, docs/bitstream/
     * decoding-process.md §13.2, docs/learned-inter.md "Weighted bi-prediction"): bi-predicted AMVP CUs
     * carry {@code bcw_idx}, one of the weights 1/2, 3/8, 5/8 of the list-1 prediction, which merged CUs
     * inherit; the encoder tries the weights on each bi-predicted AMVP motion. Never in all-intra and
     * low-delay P sequences (no bi-prediction): the builder's setting is ignored for them. Unless set, on
     * when the bi-prediction search refines list 1 ({@link #biSearch()} 2: the presets fast to veryslow).
     */
    public boolean biWeights() {
        return biWeights;
    }

    /** Builder for {@link EncoderConfig}. */
    public static final class Builder {
        /** The preset used when none is given. */
        public static final Preset DEFAULT_PRESET = Preset.SLOW;
        /** The extra chroma weight used when none is given ({@link EncoderConfig#chromaWeight()}). */
        public static final double DEFAULT_CHROMA_WEIGHT = 1.0;

        private final int width;
        private final int height;
        private int bitDepth = 8;
        private ChromaFormat chromaFormat = ChromaFormat.YUV420;
        private int fpsNum = 30;
        private int fpsDen = 1;
        private int colourRange = 0;
        private int matrixCoefficients = 2;
        private int qp = 32;
        private boolean deblocking = true;
        private Boolean rdoq;
        private boolean keepReconstruction;
        private double aqStrength;
        private double chromaWeight = DEFAULT_CHROMA_WEIGHT;
        private GopStructure gop = GopStructure.RANDOM_ACCESS;
        private int keyint = 64;
        private int gopSize = 8;
        private Integer refs;
        private Integer searchRange;
        private Preset preset = DEFAULT_PRESET;
        private Integer maxCuSize;
        private Integer minCuSize;
        private Integer intraRdModes;
        private Boolean intraMpmRd;
        private Boolean intraFastScan;
        private Integer chromaRdModes;
        private Boolean intraNxN;
        private Boolean intraInInter;
        private Integer mergeRdCandidates;
        private MotionSearchMethod motionSearch;
        private Integer subpelRefine;
        private Integer biSearch;
        private Boolean earlySkip;
        private Boolean earlyCbfTermination;
        private Boolean interSatdDecision;
        private Double splitSkipRatio;
        private int chromaQpOffset = -2;
        private Boolean neuralFilter;
        private byte[] neuralModel;
        private NeuralOptions neuralOptions = NeuralOptions.defaults();
        private int threads = 1;
        private ExecutorService executor;
        private List<InLoopFilterProvider> filterProviders;
        private Kernels kernels;
        private boolean learnedIntra;
        private LearnedIntraModel learnedIntraModel;
        private LearnedIntraModel resolvedLearnedIntra;
        private boolean learnedInter;
        private LearnedInterModel learnedInterModel;
        private LearnedInterModel resolvedLearnedInter;
        private boolean learnedInterRefine;
        private boolean biFlow = true;
        private Boolean biWeights;

        private Builder(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
            }
            if (!ContainerLimits.DEFAULT.admitsSize(width, height)) {
                throw new IllegalArgumentException("picture size " + width + "x" + height + " exceeds what decoders"
                        + " accept by default (" + ContainerLimits.DEFAULT.describeSize() + ")");
            }
            this.width = width;
            this.height = height;
        }

        public Builder bitDepth(int v) {
            if (v < 8 || v > 12) {
                throw new IllegalArgumentException("bit depth must be 8..12: " + v);
            }
            bitDepth = v;
            return this;
        }

        public Builder chromaFormat(ChromaFormat v) {
            chromaFormat = java.util.Objects.requireNonNull(v);
            return this;
        }

        public Builder frameRate(int num, int den) {
            if (num <= 0 || den <= 0) {
                throw new IllegalArgumentException("frame rate must be positive: " + num + "/" + den);
            }
            fpsNum = num;
            fpsDen = den;
            return this;
        }

        /** 0 = limited, 1 = full. */
        public Builder colourRange(int v) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("colour range must be 0 (limited) or 1 (full): " + v);
            }
            colourRange = v;
            return this;
        }

        public Builder matrixCoefficients(int v) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("matrix coefficients must be 0..255: " + v);
            }
            matrixCoefficients = v;
            return this;
        }

        public Builder qp(int v) {
            if (v < 0 || v > 51) {
                throw new IllegalArgumentException("QP must be 0..51: " + v);
            }
            qp = v;
            return this;
        }

        public Builder deblocking(boolean v) {
            deblocking = v;
            return this;
        }

        public Builder rdoq(boolean v) {
            rdoq = v;
            return this;
        }

        public Builder keepReconstruction(boolean v) {
            keepReconstruction = v;
            return this;
        }

        /** Adaptive quantisation strength, 0..3 (0 = off). */
        public Builder aqStrength(double v) {
            if (!(v >= 0 && v <= 3)) {
                throw new IllegalArgumentException("AQ strength must be 0..3: " + v);
            }
            aqStrength = v;
            return this;
        }

        /**
         * Extra weight of chroma distortion in the encoder's decisions, 0.25..16, or
         * {@link EncoderConfig#CHROMA_WEIGHT_AUTO} (0) for the adaptive weight (default
         * {@link #DEFAULT_CHROMA_WEIGHT}; {@link EncoderConfig#chromaWeight()}).
         */
        public Builder chromaWeight(double v) {
            if (!(v == CHROMA_WEIGHT_AUTO || v >= 0.25 && v <= 16)) {
                throw new IllegalArgumentException("chroma weight must be 0.25..16 or 0 (adaptive): " + v);
            }
            chromaWeight = v;
            return this;
        }

        /** GOP structure (default random access). */
        public Builder gop(GopStructure v) {
            gop = java.util.Objects.requireNonNull(v);
            return this;
        }

        /** Key-frame interval, 1..65535 frames (default 64). */
        public Builder keyint(int v) {
            if (v < 1 || v > 65535) {
                throw new IllegalArgumentException("key-frame interval must be 1..65535: " + v);
            }
            keyint = v;
            return this;
        }

        /** Random-access mini-GOP size, 2..16 (default 8). */
        public Builder gopSize(int v) {
            if (v < 2 || v > 16) {
                throw new IllegalArgumentException("GOP size must be 2..16: " + v);
            }
            gopSize = v;
            return this;
        }

        /**
         * The speed preset whose search-effort settings apply where none is given explicitly
         * (default {@link #DEFAULT_PRESET}); explicit settings win whatever the call order.
         */
        public Builder preset(Preset v) {
            preset = java.util.Objects.requireNonNull(v);
            return this;
        }

        /** Largest CU evaluated unsplit: 8, 16, 32 or 64. */
        public Builder maxCuSize(int v) {
            maxCuSize = cuSize("maximum", v);
            return this;
        }

        /** Smallest CU split down to: 8, 16, 32 or 64. */
        public Builder minCuSize(int v) {
            minCuSize = cuSize("minimum", v);
            return this;
        }

        private static int cuSize(String which, int v) {
            if (v != 8 && v != 16 && v != 32 && v != 64) {
                throw new IllegalArgumentException(which + " CU size must be 8, 16, 32 or 64: " + v);
            }
            return v;
        }

        /** Luma intra modes given a full RD evaluation, 1..8. */
        public Builder intraRdModes(int v) {
            if (v < 1 || v > 8) {
                throw new IllegalArgumentException("intra RD modes must be 1..8: " + v);
            }
            intraRdModes = v;
            return this;
        }

        /** Whether the most probable modes always join the full-RD intra candidates. */
        public Builder intraMpmRd(boolean v) {
            intraMpmRd = v;
            return this;
        }

        /** Whether the intra SATD pre-selection scans every second angular mode and refines. */
        public Builder intraFastScan(boolean v) {
            intraFastScan = v;
            return this;
        }

        /** Chroma modes given a full RD evaluation: 1, 2 or 6. */
        public Builder chromaRdModes(int v) {
            if (v != 1 && v != 2 && v != 6) {
                throw new IllegalArgumentException("chroma RD modes must be 1, 2 or 6: " + v);
            }
            chromaRdModes = v;
            return this;
        }

        /** Whether 8x8 intra CUs also try PART_NxN. */
        public Builder intraNxN(boolean v) {
            intraNxN = v;
            return this;
        }

        /** Whether CUs of P and B frames also try intra prediction. */
        public Builder intraInInter(boolean v) {
            intraInInter = v;
            return this;
        }

        /** Merge candidates coded in full, 1..5. */
        public Builder mergeRdCandidates(int v) {
            if (v < 1 || v > 5) {
                throw new IllegalArgumentException("merge RD candidates must be 1..5: " + v);
            }
            mergeRdCandidates = v;
            return this;
        }

        /** Pattern of the integer motion search. */
        public Builder motionSearch(MotionSearchMethod v) {
            motionSearch = java.util.Objects.requireNonNull(v);
            return this;
        }

        /** Fractional motion refinement: 0 integer, 1 half, 2 quarter samples. */
        public Builder subpelRefine(int v) {
            if (v < 0 || v > 2) {
                throw new IllegalArgumentException("sub-pel refinement must be 0..2: " + v);
            }
            subpelRefine = v;
            return this;
        }

        /**
         * Bi-prediction search: 0 none, 1 combined uni vectors, 2 with list 1 refinement, 3 also list 0 searched
         * again for each weight of weighted bi-prediction.
         */
        public Builder biSearch(int v) {
            if (v < 0 || v > 3) {
                throw new IllegalArgumentException("bi-prediction search must be 0..3: " + v);
            }
            biSearch = v;
            return this;
        }

        /** Whether a skipped CU ends its evaluation at once. */
        public Builder earlySkip(boolean v) {
            earlySkip = v;
            return this;
        }

        /** Whether inter CUs choose merge or AMVP on SATD and code only the winner. */
        public Builder interSatdDecision(boolean v) {
            interSatdDecision = v;
            return this;
        }

        /** The recursion-skip ratio, 0 (off) or 0.25..16 (default: the preset's). */
        public Builder splitSkipRatio(double v) {
            if (v != 0 && !(v >= 0.25 && v <= 16)) {
                throw new IllegalArgumentException("split-skip ratio must be 0 or 0.25..16: " + v);
            }
            splitSkipRatio = v;
            return this;
        }

        /** Whether a CU without residual ends its evaluation at once. */
        public Builder earlyCbfTermination(boolean v) {
            earlyCbfTermination = v;
            return this;
        }

        /** Active references per list, 1..4 (default: the preset's). */
        public Builder refs(int v) {
            if (v < 1 || v > 4) {
                throw new IllegalArgumentException("references per list must be 1..4: " + v);
            }
            refs = v;
            return this;
        }

        /** Motion search range in luma samples, 8..512 (default: the preset's). */
        public Builder searchRange(int v) {
            if (v < 8 || v > 512) {
                throw new IllegalArgumentException("search range must be 8..512: " + v);
            }
            searchRange = v;
            return this;
        }

        /** Chroma QP offset of inter frames, -12..12 (default -2). */
        public Builder chromaQpOffset(int v) {
            if (v < -12 || v > 12) {
                throw new IllegalArgumentException("chroma QP offset must be -12..12: " + v);
            }
            chromaQpOffset = v;
            return this;
        }

        /**
         * Switches the neural in-loop filter on or off. Unset (the default), it is on when a
         * provider offers a model and off otherwise; on without any model fails in {@link #build()}.
         */
        public Builder neuralFilter(boolean v) {
            neuralFilter = v;
            return this;
        }

        /**
         * The model of the neural loop filter (its SHA-256, 32 bytes); by default the recommended
         * model of the first provider that offers one. Implies {@code neuralFilter(true)} unless
         * the filter is switched off explicitly.
         */
        public Builder neuralModel(byte[] id) {
            if (id.length != 32) {
                throw new IllegalArgumentException("a neural model identifier is 32 bytes, not " + id.length);
            }
            neuralModel = id.clone();
            return this;
        }

        /** How neural networks are executed (default ONNX Runtime, one thread). */
        public Builder neuralOptions(NeuralOptions v) {
            neuralOptions = java.util.Objects.requireNonNull(v);
            return this;
        }

        /**
         * Neural loop-filter providers to use instead of those found by {@link java.util.ServiceLoader}
         * (e.g. for tests, or to pin one implementation).
         */
        public Builder filterProviders(List<InLoopFilterProvider> v) {
            filterProviders = List.copyOf(v);
            return this;
        }

        /**
         * Threads to split work over, 1 or more (default 1): with more than one, frames the GOP
         * lets run concurrently are coded at once (docs/threading.md). Without {@link #executor}
         * the encoder creates a pool of {@code v} threads and shuts it down when it is closed. The
         * output is the same for any count.
         */
        public Builder threads(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("threads must be at least 1, is " + v);
            }
            threads = v;
            return this;
        }

        /**
         * An executor to run the encoder's work on instead of a pool of its own (null: none); the
         * encoder never shuts it down, and several encoders and decoders may share it. Tasks on it
         * never wait for each other. {@link #threads} still says how many frames may be coded at
         * once, so set that too.
         */
        public Builder executor(ExecutorService v) {
            executor = v;
            return this;
        }

        /**
         * Kernels to run on instead of the process-wide {@link Kernels#get()} (e.g.
         * {@link Kernels#scalar()}, to compare levels within one process).
         */
        public Builder kernels(Kernels v) {
            kernels = java.util.Objects.requireNonNull(v);
            return this;
        }

        /**
         * Switches learned intra prediction on or off (default off). On, the model is the one given
         * to {@link #learnedIntraModel} or else the recommended model of the installed
         * {@link io.inlay.core.neural.LearnedIntraProvider}s; {@link #build()} fails without one.
         */
        public Builder learnedIntra(boolean v) {
            learnedIntra = v;
            return this;
        }

        /** The learned intra model to use (implies nothing: switch the tool on with {@link #learnedIntra}). */
        public Builder learnedIntraModel(LearnedIntraModel m) {
            learnedIntraModel = java.util.Objects.requireNonNull(m);
            return this;
        }

        /**
         * Switches learned inter interpolation on or off (default off): AMVP coding units may then
         * use a learned luma filter set. On, the model is the one given to
         * {@link #learnedInterModel} or else the first bundled one ({@link LearnedInterModel#defaultModel()}).
         */
        public Builder learnedInter(boolean v) {
            learnedInter = v;
            return this;
        }

        /** The learned interpolation model to use (implies nothing: switch the tool on with {@link #learnedInter}). */
        public Builder learnedInterModel(LearnedInterModel m) {
            learnedInterModel = java.util.Objects.requireNonNull(m);
            return this;
        }

        /** See {@link EncoderConfig#learnedInterRefine()} (default off; no effect without {@link #learnedInter}). */
        public Builder learnedInterRefine(boolean v) {
            learnedInterRefine = v;
            return this;
        }

        /**
         * Switches the bi-prediction optical-flow refinement on or off (default on since its Vector API kernel:
         * docs/learned-inter.md, "Bi-prediction refinement"); see {@link EncoderConfig#biFlow()}.
         */
        public Builder biFlow(boolean v) {
            biFlow = v;
            return this;
        }

        /**
         * Switches weighted bi-prediction on or off (default since 2026-12-07: on with bi-prediction search 2,
         * i.e. the presets fast to veryslow; -0.36 % BD-rate YUV random access, -0.25 % low delay on the
         * held-out clips at slow; docs/learned-inter.md, "Weighted bi-prediction"); see
         * {@link EncoderConfig#biWeights()}.
         */
        public Builder biWeights(boolean v) {
            biWeights = v;
            return this;
        }

        public EncoderConfig build() {
            resolvedLearnedInter = null;
            if (learnedInter) {
                resolvedLearnedInter = learnedInterModel != null ? learnedInterModel
                        : LearnedInterModel.defaultModel().orElseThrow(() ->
                                new IllegalArgumentException("learned inter interpolation is switched on, but no model"
                                        + " is bundled"));
            }
            resolvedLearnedIntra = null;
            if (learnedIntra) {
                resolvedLearnedIntra = learnedIntraModel != null ? learnedIntraModel
                        : LearnedIntraModels.defaultModel(LearnedIntraModels.installed()).orElseThrow(() ->
                                new IllegalArgumentException("learned intra prediction is switched on, but no provider"
                                        + " offers a model (is codec-neural on the class path?)"));
            }
            if (gop == GopStructure.ALL_INTRA) {
                keyint = 1;
            }
            if (gop != GopStructure.RANDOM_ACCESS) {
                gopSize = 1;
            }
            if (Boolean.FALSE.equals(neuralFilter)) {
                return new EncoderConfig(this, null, List.of());
            }
            List<InLoopFilterProvider> providers = filterProviders != null ? filterProviders : InLoopFilters.installed();
            byte[] model = neuralModel != null ? neuralModel : InLoopFilters.defaultModel(providers).orElse(null);
            if (model == null && Boolean.TRUE.equals(neuralFilter)) {
                throw new IllegalArgumentException("the neural loop filter is switched on, but no neural loop-filter"
                        + " provider offers a model (is codec-neural with a model on the class path?)");
            }
            if (model != null && chromaFormat != ChromaFormat.YUV420) {
                throw new IllegalArgumentException("the neural loop filter needs 4:2:0");
            }
            return new EncoderConfig(this, model, model != null ? providers : List.of());
        }
    }
}
