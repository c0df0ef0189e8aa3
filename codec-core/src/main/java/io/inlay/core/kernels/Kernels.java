package io.inlay.core.kernels;

import java.util.List;
import java.util.Locale;

/**
 * The kernel dispatch table: one implementation per kernel family, chosen once and immutable
 * (DESIGN.md §6). Hot loops fetch a family once ({@code Kernels.get().blockDistortion()}) and
 * call it per block.
 *
 * <p>The level is chosen on first use of {@link #get()} from the system property
 * {@value #PROPERTY}: {@code auto} (default) takes the Vector API kernels when module
 * {@code jdk.incubator.vector} is in the boot layer and the scalar ones otherwise;
 * {@code scalar} forces the scalar references; {@code vector} requires the Vector API and fails
 * without it. The choice is logged once at INFO on logger {@code io.inlay.core.kernels}. The
 * vector implementations live in {@code io.inlay.core.kernels.vector}, the only package that
 * imports {@code jdk.incubator.vector}, and are loaded reflectively so that nothing links to
 * them when the module is absent.
 */
public final class Kernels {
    /** System property selecting the level: {@code scalar}, {@code vector} or {@code auto}. */
    public static final String PROPERTY = "inlay.kernels";

    /** Implementation level of a {@link Kernels} instance. */
    public enum Level {
        /** Plain Java loops: the reference every other level must match bit for bit. */
        SCALAR,
        /** Vector API (SIMD) kernels where they pay, scalar elsewhere. */
        VECTOR
    }

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_PROVIDER = "io.inlay.core.kernels.vector.VectorKernelProvider";
    private static final System.Logger LOG = System.getLogger("io.inlay.core.kernels");
    private static final Kernels SCALAR = new Kernels(Level.SCALAR, new KernelProvider() {
        @Override
        public String description() {
            return "scalar";
        }
    });

    private static volatile Kernels active;
    private static volatile Kernels vector;

    private final Level level;
    private final String description;
    private final BlockDistortion blockDistortion;
    private final ForwardTransform forwardTransform;
    private final InverseTransformKernel inverseTransform;
    private final SubpelInterpolation subpelInterpolation;
    private final BiAveraging biAveraging;
    private final IntraAngular intraAngular;
    private final DeblockingFilter deblockingFilter;
    private final BiFlowRefinementKernel biFlowRefinement;

    private Kernels(Level level, KernelProvider provider) {
        this.level = level;
        this.description = provider.description();
        this.blockDistortion = provider.blockDistortion();
        this.forwardTransform = provider.forwardTransform();
        this.inverseTransform = provider.inverseTransform();
        this.subpelInterpolation = provider.subpelInterpolation();
        this.biAveraging = provider.biAveraging();
        this.intraAngular = provider.intraAngular();
        this.deblockingFilter = provider.deblockingFilter();
        this.biFlowRefinement = provider.biFlowRefinement();
    }

    /**
     * The process-wide kernels, chosen on first call per {@value #PROPERTY}.
     *
     * @throws IllegalStateException when the property asks for {@code vector} and the Vector API
     *         is unavailable, or has an unknown value
     */
    public static Kernels get() {
        Kernels k = active;
        if (k == null) {
            synchronized (Kernels.class) {
                k = active;
                if (k == null) {
                    String request = System.getProperty(PROPERTY, "auto");
                    StringBuilder why = new StringBuilder();
                    k = choose(request, why);
                    LOG.log(System.Logger.Level.INFO, "inlay kernels: " + k.description
                            + (why.isEmpty() ? "" : " (" + why + ")"));
                    active = k;
                }
            }
        }
        return k;
    }

    /** The scalar reference kernels, always available. */
    public static Kernels scalar() {
        return SCALAR;
    }

    /**
     * The Vector API kernels.
     *
     * @throws IllegalStateException when module {@code jdk.incubator.vector} is not in the boot
     *         layer or the vector kernels cannot be loaded
     */
    public static Kernels vector() {
        Kernels k = vector;
        if (k == null) {
            synchronized (Kernels.class) {
                k = vector;
                if (k == null) {
                    vector = k = loadVector();
                }
            }
        }
        return k;
    }

    /** True when module {@code jdk.incubator.vector} is in the boot layer. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The kernel family interfaces this class hands out, one accessor each. */
    public static List<Class<?>> families() {
        return List.of(BlockDistortion.class, ForwardTransform.class, InverseTransformKernel.class,
                SubpelInterpolation.class, BiAveraging.class, IntraAngular.class,
                DeblockingFilter.class, BiFlowRefinementKernel.class);
    }

    /** Resolves a {@value #PROPERTY} value; {@code why} receives the reason for a fallback. */
    static Kernels choose(String request, StringBuilder why) {
        switch (request.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                why.append("-D" + PROPERTY + "=scalar");
                return SCALAR;
            case "vector":
                return vector();
            case "auto":
            case "":
                if (!vectorModulePresent()) {
                    why.append(VECTOR_MODULE + " not present");
                    return SCALAR;
                }
                try {
                    return vector();
                } catch (IllegalStateException e) {
                    why.append(e.getMessage());
                    return SCALAR;
                }
            default:
                throw new IllegalStateException("-D" + PROPERTY + " must be scalar, vector or auto, not \""
                        + request + "\"");
        }
    }

    private static Kernels loadVector() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("vector kernels requested but module " + VECTOR_MODULE
                    + " is not present; run java with --add-modules " + VECTOR_MODULE
                    + " or use -D" + PROPERTY + "=scalar");
        }
        try {
            Class<?> c = Class.forName(VECTOR_PROVIDER);
            KernelProvider p = (KernelProvider) c.getConstructor().newInstance();
            return new Kernels(Level.VECTOR, p);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("vector kernels unavailable: " + cause, e);
        }
    }

    /**
     * Vector kernels restricted (or stretched) to {@code bits}-bit vectors, for tests that must
     * reach every code path whatever this CPU prefers.
     */
    static Kernels vectorWithBits(int bits) {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("module " + VECTOR_MODULE + " is not present");
        }
        try {
            Class<?> c = Class.forName(VECTOR_PROVIDER);
            return new Kernels(Level.VECTOR, (KernelProvider) c.getConstructor(int.class).newInstance(bits));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("vector kernels unavailable: " + e, e);
        }
    }

    /** Width in bits of the vectors the JIT prefers on this CPU, or 0 without the Vector API. */
    static int preferredVectorBits() {
        if (!vectorModulePresent()) {
            return 0;
        }
        String d = vector().description;
        return Integer.parseInt(d.substring(d.indexOf('(') + 1, d.indexOf("-bit")));
    }

    /** This instance's level. */
    public Level level() {
        return level;
    }

    /** The level in words, e.g. {@code "vector (512-bit)"}. */
    public String description() {
        return description;
    }

    /** SSE, SAD and SATD of sample blocks (encoder side). */
    public BlockDistortion blockDistortion() {
        return blockDistortion;
    }

    /** Forward DCT-II / DST-VII of residual blocks (encoder side). */
    public ForwardTransform forwardTransform() {
        return forwardTransform;
    }

    /** Inverse DCT-II / DST-VII of coefficient blocks (encoder and decoder). */
    public InverseTransformKernel inverseTransform() {
        return inverseTransform;
    }

    /** Luma and chroma fractional-sample interpolation (encoder and decoder). */
    public SubpelInterpolation subpelInterpolation() {
        return subpelInterpolation;
    }

    /** Uni-prediction rounding and bi-prediction averaging of interpolated blocks (encoder and decoder). */
    public BiAveraging biAveraging() {
        return biAveraging;
    }

    /** The interpolation step of angular intra prediction (encoder and decoder). */
    public IntraAngular intraAngular() {
        return intraAngular;
    }

    /** Decisions and filtering of deblocking edge segments (encoder and decoder). */
    public DeblockingFilter deblockingFilter() {
        return deblockingFilter;
    }

    /** The bi-prediction optical-flow refinement of decoding-process.md §13.1 (encoder and decoder). */
    public BiFlowRefinementKernel biFlowRefinement() {
        return biFlowRefinement;
    }

    @Override
    public String toString() {
        return "Kernels[" + description + "]";
    }
}
