package io.inlay.bench.jmh;

import io.inlay.core.Plane;
import io.inlay.core.inter.BiWeights;
import io.inlay.core.intra.IntraModes;
import io.inlay.core.intra.IntraPredictor;
import io.inlay.core.intra.IntraReference;
import io.inlay.core.intra.NeighbourAvailability;
import io.inlay.core.kernels.BiAveraging;
import io.inlay.core.kernels.BiFlowRefinementKernel;
import io.inlay.core.kernels.BlockDistortion;
import io.inlay.core.kernels.DeblockingFilter;
import io.inlay.core.kernels.ForwardTransform;
import io.inlay.core.kernels.IntraAngular;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.kernels.SubpelInterpolation;
import io.inlay.core.transform.InverseTransform;
import io.inlay.core.transform.TransformType;
import io.inlay.neural.ModelFile;
import io.inlay.neural.kernels.ConvLayer;
import io.inlay.neural.kernels.LayerKernel;
import io.inlay.neural.kernels.LayerKernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kernel micro-benchmarks, ns per block: SSE, SAD and SATD, the forward and inverse transforms,
 * luma / chroma sub-pel interpolation and the uni/bi/weighted-bi output stage at each level
 * ({@code scalar}: {@link Kernels#scalar()}, {@code vector}: {@link Kernels#vector()}) and block
 * size; the angular intra interpolation per level, size and direction; the whole intra
 * prediction of a block (reference building, filtering, all 35 modes) per size on the
 * process-wide kernels; the luma deblocking of the 8x8-grid edges of one 64x64 CTU per level and
 * direction; one output row of a 3x3 16-to-16 hidden layer of the neural loop filter's Java path
 * (codec-neural's {@code LayerKernel}) per level and width.
 *
 * <p>Inputs are 8-bit and seeded, so every run sees the same data: an original block inside a
 * padded picture-like plane (stride 192) against a contiguous prediction block (stride = size),
 * as the encoder's mode decision calls the distortion kernels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkOptions.ADD_MODULES, ForkOptions.INLINE_SMALL_CODE, ForkOptions.QUIET,
        ForkOptions.CORE_KERNELS, ForkOptions.NEURAL_KERNELS, ForkOptions.LANES_SUM})
public class KernelBenchmark {
    private static final long SEED = 0x1A7L;
    private static final int BIT_DEPTH = 8;

    /** Blocks for the distortion kernels. */
    @State(Scope.Thread)
    public static class DistortionState {
        private static final int STRIDE = 192;

        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height. */
        @Param({"8", "16", "32"})
        public int size;

        BlockDistortion kernel;
        short[] orig;
        int origOff;
        short[] pred;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = switch (level) {
                case "scalar" -> Kernels.scalar().blockDistortion();
                case "vector" -> Kernels.vector().blockDistortion();
                default -> throw new IllegalArgumentException("level must be scalar or vector: " + level);
            };
            SplittableRandom rnd = new SplittableRandom(SEED);
            orig = new short[STRIDE * (size + 64)];
            for (int i = 0; i < orig.length; i++) {
                orig[i] = (short) rnd.nextInt(256);
            }
            // Block at (x, y) = (40, 24) of a plane padded by 32 on each side; odd offsets
            // relative to any vector width are what real block positions give.
            origOff = 24 * STRIDE + 40;
            pred = new short[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int v = orig[origOff + y * STRIDE + x] + rnd.nextInt(-24, 25);
                    pred[y * size + x] = (short) Math.clamp(v, 0, 255);
                }
            }
        }
    }

    @Benchmark
    public long sse(DistortionState s) {
        return s.kernel.sse(s.orig, s.origOff, DistortionState.STRIDE, s.pred, 0, s.size, s.size, s.size);
    }

    @Benchmark
    public int sad(DistortionState s) {
        return s.kernel.sad(s.orig, s.origOff, DistortionState.STRIDE, s.pred, 0, s.size, s.size, s.size);
    }

    @Benchmark
    public int satd(DistortionState s) {
        return s.kernel.satd(s.orig, s.origOff, DistortionState.STRIDE, s.pred, 0, s.size, s.size, s.size);
    }

    /**
     * One residual block and its coefficients. The coefficients are the forward transform of a
     * full random residual, so nearly all are nonzero: the inverse transform's worst case (it
     * skips zero rows and columns, which quantised blocks mostly are).
     */
    @State(Scope.Thread)
    public static class TransformState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height, 4..32. */
        @Param({"4", "8", "16", "32"})
        public int size;

        /** DCT2, or DST7 (4x4 only). */
        @Param({"DCT2"})
        public String type;

        int log2Size;
        TransformType transformType;
        InverseTransform inverse;
        int[] residual;
        int[] coeff;
        int[] out;

        @Setup(Level.Trial)
        public void setUp() {
            log2Size = Integer.numberOfTrailingZeros(size);
            if (size < 4 || size > 32 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("size must be 4, 8, 16 or 32: " + size);
            }
            inverse = new InverseTransform(kernels(level).inverseTransform());
            transformType = TransformType.valueOf(type);
            if (transformType == TransformType.DST7 && size != 4) {
                throw new IllegalArgumentException("DST7 exists for 4x4 only, not " + size + "x" + size);
            }
            SplittableRandom rnd = new SplittableRandom(SEED);
            int n = size * size;
            residual = new int[n];
            for (int i = 0; i < n; i++) {
                residual[i] = rnd.nextInt(-64, 65);
            }
            coeff = new int[n];
            out = new int[n];
            Kernels.scalar().forwardTransform().forward(residual, coeff, new int[ForwardTransform.SCRATCH_INTS],
                    log2Size, transformType, BIT_DEPTH);
        }
    }

    /** A full-range random residual block for the forward transform kernels. */
    @State(Scope.Thread)
    public static class ForwardState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height, 4..32 (DCT2). */
        @Param({"8", "16", "32"})
        public int size;

        ForwardTransform kernel;
        int log2Size;
        int[] residual;
        int[] coeff;
        final int[] scratch = new int[ForwardTransform.SCRATCH_INTS];

        @Setup(Level.Trial)
        public void setUp() {
            kernel = kernels(level).forwardTransform();
            log2Size = Integer.numberOfTrailingZeros(size);
            SplittableRandom rnd = new SplittableRandom(SEED);
            residual = new int[size * size];
            for (int i = 0; i < residual.length; i++) {
                residual[i] = rnd.nextInt(-64, 65);
            }
            coeff = new int[size * size];
        }
    }

    @Benchmark
    public int[] forwardTransform(ForwardState s) {
        s.kernel.forward(s.residual, s.coeff, s.scratch, s.log2Size, TransformType.DCT2, BIT_DEPTH);
        return s.coeff;
    }

    /**
     * A size x size luma block (and its size/2 chroma block) at (40, 24) of a random 8-bit plane
     * of stride 192, as motion compensation reads a padded reference; the output is contiguous.
     */
    @State(Scope.Thread)
    public static class SubpelState {
        private static final int STRIDE = 192;

        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Luma block width and height; chroma is half. */
        @Param({"8", "16", "32"})
        public int size;

        SubpelInterpolation kernel;
        short[] ref;
        int refOff;
        short[] pred;
        final int[] tmp = new int[SubpelInterpolation.TMP_INTS];

        @Setup(Level.Trial)
        public void setUp() {
            kernel = kernels(level).subpelInterpolation();
            SplittableRandom rnd = new SplittableRandom(SEED);
            ref = new short[STRIDE * (size + 64)];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (short) rnd.nextInt(256);
            }
            refOff = 24 * STRIDE + 40;
            pred = new short[size * size];
        }
    }

    /** Luma at a horizontal and vertical fraction (1/4, 1/2): the 2-D case. */
    @Benchmark
    public short[] subpelLumaHv(SubpelState s) {
        s.kernel.luma(s.ref, s.refOff, SubpelState.STRIDE, 1, 2, s.size, s.size, BIT_DEPTH, s.pred, 0, s.size, s.tmp);
        return s.pred;
    }

    /** Luma at a horizontal half-sample position only. */
    @Benchmark
    public short[] subpelLumaH(SubpelState s) {
        s.kernel.luma(s.ref, s.refOff, SubpelState.STRIDE, 2, 0, s.size, s.size, BIT_DEPTH, s.pred, 0, s.size, s.tmp);
        return s.pred;
    }

    /** Luma at a vertical quarter-sample position only. */
    @Benchmark
    public short[] subpelLumaV(SubpelState s) {
        s.kernel.luma(s.ref, s.refOff, SubpelState.STRIDE, 0, 3, s.size, s.size, BIT_DEPTH, s.pred, 0, s.size, s.tmp);
        return s.pred;
    }

    /** Chroma (size/2 square) at fractions (3/8, 5/8): the 2-D case. */
    @Benchmark
    public short[] subpelChromaHv(SubpelState s) {
        int c = s.size / 2;
        s.kernel.chroma(s.ref, s.refOff, SubpelState.STRIDE, 3, 5, c, c, BIT_DEPTH, s.pred, 0, c, s.tmp);
        return s.pred;
    }

    /** Two contiguous size x size blocks of 14-bit intermediates of 8-bit samples (stored minus 8192). */
    @State(Scope.Thread)
    public static class BiState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height. */
        @Param({"8", "16", "32", "64"})
        public int size;

        BiAveraging kernel;
        /** The list-1 weight of {@code BcwIdx} 2 (5/8). */
        final int w1 = BiWeights.weight(2);
        short[] p0;
        short[] p1;
        short[] out;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = kernels(level).biAveraging();
            SplittableRandom rnd = new SplittableRandom(SEED);
            p0 = new short[size * size];
            p1 = new short[size * size];
            for (int i = 0; i < p0.length; i++) {
                p0[i] = (short) ((rnd.nextInt(256) << 6) - 8192 + rnd.nextInt(-200, 201));
                p1[i] = (short) ((rnd.nextInt(256) << 6) - 8192 + rnd.nextInt(-200, 201));
            }
            out = new short[size * size];
        }
    }

    /** Bi-prediction average of two interpolated blocks to 8-bit samples. */
    @Benchmark
    public short[] biAverage(BiState s) {
        s.kernel.average(s.p0, 0, s.size, s.p1, 0, s.size, s.size, s.size, BIT_DEPTH, s.out, 0, s.size);
        return s.out;
    }

    /**
     * Weighted bi-prediction (decoding-process.md §13.2) of two interpolated blocks to 8-bit samples,
     * {@code BcwIdx} 2 (list-1 weight 5/8; the kernel does the same work for every weight).
     */
    @Benchmark
    public short[] biWeighted(BiState s) {
        s.kernel.weighted(s.p0, 0, s.size, s.p1, 0, s.size, s.size, s.size, BIT_DEPTH, s.w1, s.out, 0, s.size);
        return s.out;
    }

    /** Uni-prediction rounding of one interpolated block to 8-bit samples. */
    @Benchmark
    public short[] biSingle(BiState s) {
        s.kernel.single(s.p0, 0, s.size, s.size, s.size, BIT_DEPTH, s.out, 0, s.size);
        return s.out;
    }

    /**
     * Two size x size blocks of 14-bit intermediates of 8-bit samples (stored minus 8192): one smooth
     * texture displaced by +-0.3 / +-0.2 samples, with noise, so that the displacements of the
     * refinement are nonzero and inside their clip (the divisions run).
     */
    @State(Scope.Thread)
    public static class BiFlowState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height. */
        @Param({"8", "16", "32", "64"})
        public int size;

        BiFlowRefinementKernel kernel;
        short[] p0;
        short[] p1;
        short[] out;
        int[] scratch;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = kernels(level).biFlowRefinement();
            SplittableRandom rnd = new SplittableRandom(SEED);
            p0 = new short[size * size];
            p1 = new short[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    p0[y * size + x] = (short) (texture(x + 0.3, y - 0.2) + rnd.nextInt(-40, 41));
                    p1[y * size + x] = (short) (texture(x - 0.3, y + 0.2) + rnd.nextInt(-40, 41));
                }
            }
            out = new short[size * size];
            scratch = new int[BiFlowRefinementKernel.SCRATCH_INTS];
        }

        private static int texture(double x, double y) {
            double v = 128 + 80 * Math.sin(0.7 * x + 0.5 * Math.cos(0.4 * y)) + 30 * Math.cos(0.9 * y - 0.3 * x);
            return (int) Math.round(v * 64) - 8192;
        }
    }

    /** Bi-prediction optical-flow refinement (decoding-process.md §13.1) of one block to 8-bit samples. */
    @Benchmark
    public short[] biFlow(BiFlowState s) {
        s.kernel.refine(s.p0, 0, s.size, s.p1, 0, s.size, s.size, BIT_DEPTH, s.out, 0, s.size, s.scratch);
        return s.out;
    }

    private static Kernels kernels(String level) {
        return switch (level) {
            case "scalar" -> Kernels.scalar();
            case "vector" -> Kernels.vector();
            default -> throw new IllegalArgumentException("level must be scalar or vector: " + level);
        };
    }

    @Benchmark
    public int[] inverseTransform(TransformState s) {
        s.inverse.inverse(s.coeff, s.out, s.log2Size, s.transformType, BIT_DEPTH);
        return s.out;
    }

    /**
     * A luma block inside a reconstructed plane of smooth content with noise, with every
     * neighbour available (left, top, corner, below-left and above-right).
     */
    @State(Scope.Thread)
    public static class IntraState {
        /** Block width and height, 4..32. */
        @Param({"4", "8", "16", "32"})
        public int size;

        int log2Size;
        int x0;
        int y0;
        Plane recon;
        final IntraReference reference = new IntraReference();
        final IntraPredictor predictor = new IntraPredictor();
        final NeighbourAvailability allAvailable = (x, y) -> x >= 0 && y >= 0;
        int[] pred;

        @Setup(Level.Trial)
        public void setUp() {
            if (size < 4 || size > 32 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("size must be 4, 8, 16 or 32: " + size);
            }
            log2Size = Integer.numberOfTrailingZeros(size);
            recon = new Plane(128, 128, 0);
            SplittableRandom rnd = new SplittableRandom(SEED);
            short[] s = recon.samples();
            for (int y = 0; y < recon.height(); y++) {
                for (int x = 0; x < recon.width(); x++) {
                    int v = 60 + x + y / 2 + rnd.nextInt(-6, 7);
                    s[recon.index(x, y)] = (short) Math.clamp(v, 0, 255);
                }
            }
            x0 = 32;
            y0 = 32;
            pred = new int[size * size];
        }
    }

    /**
     * Builds the references of one block and predicts it in all 35 modes: the prediction work
     * of the encoder's rough mode decision per block (ns per block; divide by 35 for a mode).
     */
    @Benchmark
    public int intraAllModes(IntraState s) {
        s.reference.build(s.recon, s.x0, s.y0, s.log2Size, 4, BIT_DEPTH, s.allAvailable);
        int check = 0;
        for (int mode = 0; mode < IntraModes.NUM_MODES; mode++) {
            s.predictor.predict(s.reference, mode, s.log2Size, true, BIT_DEPTH, s.pred);
            check += s.pred[mode & (s.pred.length - 1)];
        }
        return check;
    }

    /** A main reference ref[-n..2n] of random 8-bit samples for the angular intra kernel. */
    @State(Scope.Thread)
    public static class IntraAngularState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Block width and height. */
        @Param({"8", "16", "32"})
        public int size;

        /** {@code vertical} (modes 18..34, rows) or {@code horizontal} (modes 2..17, columns). */
        @Param({"vertical", "horizontal"})
        public String direction;

        IntraAngular kernel;
        boolean vertical;
        int[] ref;
        int[] pred;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = switch (level) {
                case "scalar" -> Kernels.scalar().intraAngular();
                case "vector" -> Kernels.vector().intraAngular();
                default -> throw new IllegalArgumentException("level must be scalar or vector: " + level);
            };
            vertical = switch (direction) {
                case "vertical" -> true;
                case "horizontal" -> false;
                default -> throw new IllegalArgumentException("direction must be vertical or horizontal: " + direction);
            };
            SplittableRandom rnd = new SplittableRandom(SEED);
            ref = new int[3 * size + 1];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = rnd.nextInt(256);
            }
            pred = new int[size * size];
        }
    }

    /** Angle 9 (modes 7 and 29): a fractional position on every line but the 32nd. */
    @Benchmark
    public int intraAngular(IntraAngularState s) {
        s.kernel.predict(s.ref, s.size, 9, s.vertical, s.size, s.pred, 0);
        return s.pred[s.size + 1];
    }

    /**
     * One 64x64 luma CTU of blocky 8-bit content (flat 8x8 blocks with noise and small steps, so
     * strong, normal and no filtering all occur) in a plane with an 8-sample margin, and the β/tC
     * of its 8x8-grid edges: 8 vertical and 8 horizontal edges of 16 segments, QP 32 (β' 26,
     * tC' 3), bS 0 on a quarter of the segments.
     */
    @State(Scope.Thread)
    public static class DeblockState {
        static final int STRIDE = 80;
        static final int ORIGIN = 8 * STRIDE + 8;

        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        DeblockingFilter kernel;
        short[] pristine;
        short[] work;
        int[][] beta = new int[8][16];
        int[][] tc = new int[8][16];

        @Setup(Level.Trial)
        public void setUp() {
            kernel = switch (level) {
                case "scalar" -> Kernels.scalar().deblockingFilter();
                case "vector" -> Kernels.vector().deblockingFilter();
                default -> throw new IllegalArgumentException("level must be scalar or vector: " + level);
            };
            SplittableRandom rnd = new SplittableRandom(SEED);
            int[] blockLevel = new int[100];
            for (int i = 0; i < blockLevel.length; i++) {
                blockLevel[i] = 120 + rnd.nextInt(-6, 7);
            }
            pristine = new short[STRIDE * 80];
            for (int y = 0; y < 80; y++) {
                for (int x = 0; x < STRIDE; x++) {
                    pristine[y * STRIDE + x] = (short) (blockLevel[(y / 8) * 10 + x / 8] + rnd.nextInt(2));
                }
            }
            work = pristine.clone();
            for (int e = 0; e < 8; e++) {
                for (int j = 0; j < 16; j++) {
                    boolean on = rnd.nextInt(4) != 0;
                    beta[e][j] = on ? 26 : 0;
                    tc[e][j] = on ? 3 : 0;
                }
            }
        }
    }

    /** The copy of the CTU that each deblocking benchmark starts with, alone (subtract it). */
    @Benchmark
    public short[] deblockCopyOnly(DeblockState s) {
        System.arraycopy(s.pristine, 0, s.work, 0, s.work.length);
        return s.work;
    }

    /** The 8 vertical edges (x = 0, 8, .., 56) of the CTU, one 16-segment run each, after the copy. */
    @Benchmark
    public short[] deblockVertical(DeblockState s) {
        System.arraycopy(s.pristine, 0, s.work, 0, s.work.length);
        for (int e = 0; e < 8; e++) {
            s.kernel.lumaEdge(s.work, DeblockState.ORIGIN + 8 * e, 1, DeblockState.STRIDE, 16, s.beta[e], s.tc[e], 255);
        }
        return s.work;
    }

    /** The 8 horizontal edges (y = 0, 8, .., 56) of the CTU, one 16-segment run each, after the copy. */
    @Benchmark
    public short[] deblockHorizontal(DeblockState s) {
        System.arraycopy(s.pristine, 0, s.work, 0, s.work.length);
        for (int e = 0; e < 8; e++) {
            s.kernel.lumaEdge(s.work, DeblockState.ORIGIN + 8 * e * DeblockState.STRIDE, DeblockState.STRIDE, 1, 16,
                    s.beta[e], s.tc[e], 255);
        }
        return s.work;
    }

    /**
     * A hidden 3x3 layer of 16 to 16 channels (the inner layers of the bundled loop-filter
     * architecture) with random weights and calibrated multipliers, on random 8-bit activations
     * in the layer kernels' padded layout, {@code width} positions per row (64: a CTU's chroma
     * grid is 32; 648: the chroma grid of a 1296x720 picture), 3 rows.
     */
    @State(Scope.Thread)
    public static class ConvLayerState {
        /** {@code scalar} or {@code vector}. */
        @Param({"scalar", "vector"})
        public String level;

        /** Output positions per row. */
        @Param({"64", "648"})
        public int width;

        LayerKernel kernel;
        ConvLayer layer;
        int[] in;
        int[] out;
        short[] output = new short[0];
        int[] scratch = new int[LayerKernel.SCRATCH_INTS];
        int stride;
        int padded;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = switch (level) {
                case "scalar" -> LayerKernels.scalar();
                case "vector" -> LayerKernels.vector();
                default -> throw new IllegalArgumentException("level must be scalar or vector: " + level);
            };
            SplittableRandom rnd = new SplittableRandom(SEED);
            int channels = 16;
            byte[] w = new byte[channels * channels * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) rnd.nextInt(-40, 41);
            }
            int[] mult = new int[channels];
            int[] bias = new int[channels];
            java.util.Arrays.fill(mult, 300);
            layer = ConvLayer.of(new ModelFile.Layer(channels, channels, 3, 16, mult, bias, w), false);
            int lanes = Math.max(kernel.lanes(), 16);
            stride = (width + lanes - 1) / lanes * lanes + 2;
            padded = 5 * stride;
            in = new int[channels * padded];
            for (int i = 0; i < channels; i++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < width; x++) {
                        in[i * padded + (y + 1) * stride + x + 1] = rnd.nextInt(256);
                    }
                }
            }
            out = new int[channels * padded];
        }
    }

    /** Output row 1 (of 3) of every channel of the 16-to-16 3x3 layer. */
    @Benchmark
    public int[] convLayerRow(ConvLayerState s) {
        s.kernel.row(s.layer, s.in, s.out, s.output, s.width, 3, s.stride, s.padded, 1, s.scratch);
        return s.out;
    }
}
