package io.inlay.core;

import java.util.Locale;

/**
 * Encoder speed presets, named as x264's and x265's: each maps a name to a set of search-effort
 * settings of {@link EncoderConfig} (partition depth, intra and merge candidates given a full
 * rate-distortion evaluation, motion search, bi-prediction, references, RDOQ, early
 * terminations). Settings given explicitly to the builder override the preset's, whatever the
 * order of the calls. The bitstream does not depend on the preset: every preset writes the same
 * format, and the decoder needs no setting. docs/presets.md has the table and measurements.
 */
public enum Preset {
    // maxCu minCu intraRd mpm fastScan chroma nxn intraInter merge method range subpel bi refs rdoq eSkip eCbf satdInter
    // splitSkip
    ULTRAFAST(32, 16, 1, false, true, 1, false, false, 1, MotionSearchMethod.DIAMOND, 16, 1, 1, 1, false, true, true,
            true, 1.0),
    SUPERFAST(32, 16, 1, false, true, 1, false, false, 1, MotionSearchMethod.HEXAGON, 16, 2, 1, 1, false, true, true,
            true, 1.0),
    VERYFAST(64, 8, 1, false, true, 2, false, true, 1, MotionSearchMethod.HEXAGON, 24, 2, 1, 1, false, true, true),
    FASTER(64, 8, 2, false, true, 2, true, true, 2, MotionSearchMethod.HEXAGON, 32, 2, 1, 1, false, true, true),
    FAST(64, 8, 2, true, true, 6, true, true, 2, MotionSearchMethod.HEXAGON, 32, 2, 2, 1, true, true, true),
    MEDIUM(64, 8, 3, true, false, 6, true, true, 2, MotionSearchMethod.STAR, 64, 2, 2, 2, true, true, true),
    SLOW(64, 8, 8, true, false, 6, true, true, 3, MotionSearchMethod.STAR, 64, 2, 2, 2, true, true, true),
    SLOWER(64, 8, 8, true, false, 6, true, true, 4, MotionSearchMethod.STAR, 96, 2, 3, 3, true, false, true),
    VERYSLOW(64, 8, 8, true, false, 6, true, true, 5, MotionSearchMethod.STAR, 128, 2, 3, 4, true, false, false);

    final int maxCuSize;
    final int minCuSize;
    final int intraRdModes;
    final boolean intraMpmRd;
    final boolean intraFastScan;
    final int chromaRdModes;
    final boolean intraNxN;
    final boolean intraInInter;
    final int mergeRdCandidates;
    final MotionSearchMethod motionSearch;
    final int searchRange;
    final int subpelRefine;
    final int biSearch;
    final int refs;
    final boolean rdoq;
    final boolean earlySkip;
    final boolean earlyCbfTermination;
    final boolean interSatdDecision;
    final double splitSkipRatio;

    Preset(int maxCuSize, int minCuSize, int intraRdModes, boolean intraMpmRd, boolean intraFastScan,
           int chromaRdModes, boolean intraNxN, boolean intraInInter, int mergeRdCandidates,
           MotionSearchMethod motionSearch, int searchRange, int subpelRefine, int biSearch, int refs, boolean rdoq,
           boolean earlySkip, boolean earlyCbfTermination) {
        this(maxCuSize, minCuSize, intraRdModes, intraMpmRd, intraFastScan, chromaRdModes, intraNxN, intraInInter,
                mergeRdCandidates, motionSearch, searchRange, subpelRefine, biSearch, refs, rdoq, earlySkip,
                earlyCbfTermination, false, 0);
    }

    Preset(int maxCuSize, int minCuSize, int intraRdModes, boolean intraMpmRd, boolean intraFastScan,
           int chromaRdModes, boolean intraNxN, boolean intraInInter, int mergeRdCandidates,
           MotionSearchMethod motionSearch, int searchRange, int subpelRefine, int biSearch, int refs, boolean rdoq,
           boolean earlySkip, boolean earlyCbfTermination, boolean interSatdDecision, double splitSkipRatio) {
        this.interSatdDecision = interSatdDecision;
        this.splitSkipRatio = splitSkipRatio;
        this.maxCuSize = maxCuSize;
        this.minCuSize = minCuSize;
        this.intraRdModes = intraRdModes;
        this.intraMpmRd = intraMpmRd;
        this.intraFastScan = intraFastScan;
        this.chromaRdModes = chromaRdModes;
        this.intraNxN = intraNxN;
        this.intraInInter = intraInInter;
        this.mergeRdCandidates = mergeRdCandidates;
        this.motionSearch = motionSearch;
        this.searchRange = searchRange;
        this.subpelRefine = subpelRefine;
        this.biSearch = biSearch;
        this.refs = refs;
        this.rdoq = rdoq;
        this.earlySkip = earlySkip;
        this.earlyCbfTermination = earlyCbfTermination;
    }

    /** The preset's name as on the command line ({@code ultrafast} .. {@code veryslow}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset named {@code name} (case-insensitive), or IllegalArgumentException listing the names. */
    public static Preset of(String name) {
        for (Preset p : values()) {
            if (p.label().equalsIgnoreCase(name)) {
                return p;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Preset p : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.label());
        }
        throw new IllegalArgumentException("unknown preset '" + name + "' (one of " + sb + ")");
    }
}
