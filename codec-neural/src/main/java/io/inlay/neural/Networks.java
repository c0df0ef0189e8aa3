package io.inlay.neural;

/** Argument checks shared by the executors. */
final class Networks {
    private Networks() {
    }

    static void checkArguments(byte[] input, int width, int height, short[] output) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("picture size " + width + "x" + height);
        }
        long plane = (long) width * height;
        if (input.length < ModelFile.INPUT_CHANNELS * plane || output.length < ModelFile.OUTPUT_CHANNELS * plane) {
            throw new IllegalArgumentException("input/output arrays too small for " + width + "x" + height);
        }
    }
}
