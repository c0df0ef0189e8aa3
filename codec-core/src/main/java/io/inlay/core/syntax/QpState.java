package io.inlay.core.syntax;

/**
 * QP derivation state while coding a frame (docs/bitstream/coding-tree.md, "Quantisation
 * parameters"). The quantisation group is the CTU: its predicted QP is the QpY of the last CU of
 * the previous CTU (the frame QP for the first), and {@code cu_qp_delta_abs} is coded at most once
 * per CTU, in the first transform unit with a coded block flag.
 */
public final class QpState {
    final boolean deltaEnabled;
    int predQp;
    int qpY;
    boolean deltaCoded;
    int deltaVal;

    public QpState(boolean deltaEnabled, int frameQp) {
        this.deltaEnabled = deltaEnabled;
        this.predQp = frameQp;
        this.qpY = frameQp;
    }

    /** Starts a quantisation group (a CTU). */
    public void startGroup() {
        predQp = qpY;
        deltaCoded = false;
        deltaVal = 0;
        qpY = predQp;
    }

    /** QpY of the CU being coded. */
    public int qpY() {
        return qpY;
    }

    /** The predicted QP of the current group. */
    public int predQp() {
        return predQp;
    }

    public boolean deltaEnabled() {
        return deltaEnabled;
    }

    /** Encoder side: the delta the group will code at its first coded block flag. */
    public void setDelta(int delta) {
        deltaVal = delta;
    }
}
