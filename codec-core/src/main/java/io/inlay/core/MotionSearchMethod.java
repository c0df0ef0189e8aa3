package io.inlay.core;

/**
 * Pattern of the encoder's integer-sample motion search (docs/rdo.md, "Motion search"). Every
 * method starts from the best of the motion vector predictors and the zero vector and ends with
 * a small-diamond refinement; they differ in how far they look in between.
 */
public enum MotionSearchMethod {
    /** Small diamond (the four neighbours at distance 1) repeated from the start until it stops improving. */
    DIAMOND,
    /**
     * Hexagon: the six points of a hexagon of radius 2 around the best point, repeated until the
     * centre stays best (as in the hexagon-based search of Zhu, Lin and Chau, IEEE TCSVT 12(5),
     * 2002), then the small diamond.
     */
    HEXAGON,
    /**
     * Expanding star: axis and diagonal points at distances 1, 2, 4, ... up to the search range,
     * a raster scan in steps of 4 when the best point lay 16 or more samples away, then the small
     * diamond (the HM encoder's TZ search in outline).
     */
    STAR,
    /** Exhaustive: every integer position within the search range around the start, then the small diamond. */
    FULL
}
