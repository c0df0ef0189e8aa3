package io.inlay.core.intra;

/**
 * Tells {@link IntraReference#build} which neighbouring samples may be used for intra
 * prediction. Called once per group of {@code unitSize} samples with the coordinates (in the
 * component's plane) of the group's first sample: the left column groups are vertical runs
 * starting at {@code (x0 - 1, y)}, the top row groups horizontal runs starting at
 * {@code (x, y0 - 1)}, the corner a single sample at {@code (x0 - 1, y0 - 1)}.
 */
@FunctionalInterface
public interface NeighbourAvailability {
    /**
     * True when the group starting at sample (x, y) lies inside the picture and is already
     * reconstructed (and allowed for prediction); false otherwise, including negative
     * coordinates.
     */
    boolean isAvailable(int x, int y);
}
