package io.inlay.core.kernels;

/** Reference {@link IntraAngular}: the loops of H.265 §8.4.4.2.6 as written. */
final class ScalarIntraAngular implements IntraAngular {
    static final ScalarIntraAngular INSTANCE = new ScalarIntraAngular();

    private ScalarIntraAngular() {
    }

    @Override
    public void predict(int[] ref, int refBase, int angle, boolean vertical, int n, int[] pred, int predOff) {
        for (int j = 0; j < n; j++) {              // j = y for vertical modes, x for horizontal
            int pos = (j + 1) * angle;
            int idx = refBase + (pos >> 5) + 1;
            int fact = pos & 31;
            if (vertical) {
                int row = predOff + j * n;
                if (fact == 0) {
                    System.arraycopy(ref, idx, pred, row, n);
                } else {
                    int f0 = 32 - fact;
                    for (int i = 0; i < n; i++) {
                        pred[row + i] = (f0 * ref[idx + i] + fact * ref[idx + i + 1] + 16) >> 5;
                    }
                }
            } else {
                int col = predOff + j;
                if (fact == 0) {
                    for (int i = 0; i < n; i++) {
                        pred[col + i * n] = ref[idx + i];
                    }
                } else {
                    int f0 = 32 - fact;
                    for (int i = 0; i < n; i++) {
                        pred[col + i * n] = (f0 * ref[idx + i] + fact * ref[idx + i + 1] + 16) >> 5;
                    }
                }
            }
        }
    }
}
