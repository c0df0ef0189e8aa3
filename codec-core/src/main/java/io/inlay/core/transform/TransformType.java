package io.inlay.core.transform;

/** Kind of a block transform (H.265 §8.6.4.2). */
public enum TransformType {
    /** Integer DCT-II, 4x4..32x32. */
    DCT2,
    /** Integer DST-VII, 4x4 luma intra residuals only. */
    DST7
}
