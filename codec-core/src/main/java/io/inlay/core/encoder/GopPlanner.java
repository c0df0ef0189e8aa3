package io.inlay.core.encoder;

import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Frame types, coding order, temporal layers, QP and lambda per frame, and the reference picture
 * set of every frame (docs/gop.md).
 *
 * <p>Key frames (closed GOP) fall on every {@code keyint}-th picture. Random access codes the
 * pictures between key frames in mini-GOPs of {@code gopSize}: the last picture of a mini-GOP
 * first (temporal layer 0, predicted from earlier layer-0 pictures), then the others by
 * recursive bisection, one temporal layer deeper per level, each predicted from the nearest
 * coded pictures before and after it. A mini-GOP never crosses a key frame: the last one before
 * it is shortened, so every picture that precedes a key frame in display order also precedes it
 * in coding order. Low delay codes in display order, each picture predicted from the nearest
 * earlier ones.
 */
final class GopPlanner {
    /**
     * One frame to code.
     *
     * @param poc          picture order count (display index)
     * @param type         I, P or B
     * @param layer        temporal layer
     * @param qpOffset     QP offset from the configured QP
     * @param lambdaFactor the factor of {@code 2^((QP - 12) / 3)} in lambda
     */
    record FramePlan(int poc, FrameType type, int layer, int qpOffset, double lambdaFactor) {
    }

    /** HM's lambda factors: intra pictures, and inter pictures by temporal layer (0 and deeper). */
    private static final double INTRA_FACTOR = 0.57;
    private static final double LAYER0_FACTOR = 0.442;
    private static final double DEEPER_FACTOR = 0.3536;
    /** Low-delay QP offsets by POC modulo 4 (as the HM low-delay configurations). */
    private static final int[] LOW_DELAY_QP_OFFSET = {1, 3, 2, 3};

    private final EncoderConfig config;

    GopPlanner(EncoderConfig config) {
        this.config = config;
    }

    /**
     * The next frames to code, in coding order, given that display pictures up to
     * {@code available - 1} are buffered and {@code start} is the first one not yet coded; empty
     * when more input is needed. With {@code flush}, no more input will come.
     */
    List<FramePlan> nextGroup(int start, int available, boolean flush) {
        List<FramePlan> out = new ArrayList<>();
        if (start >= available) {
            return out;
        }
        int keyint = config.keyint();
        if (start % keyint == 0) {
            out.add(new FramePlan(start, FrameType.I, 0, 0, INTRA_FACTOR));
            return out;
        }
        GopStructure gop = config.gop();
        if (gop != GopStructure.RANDOM_ACCESS) {
            int m = start % 4;
            int layer = m == 0 ? 0 : m == 2 ? 1 : 2;
            out.add(new FramePlan(start, gop == GopStructure.LOW_DELAY_P ? FrameType.P : FrameType.B, layer,
                    LOW_DELAY_QP_OFFSET[m], layer == 0 ? LAYER0_FACTOR : DEEPER_FACTOR));
            return out;
        }
        int nextKey = (start / keyint + 1) * keyint;
        int end = Math.min(start + config.gopSize() - 1, nextKey - 1);
        if (end >= available) {
            if (!flush) {
                return out;
            }
            end = available - 1;
        }
        out.add(new FramePlan(end, FrameType.B, 0, 1, LAYER0_FACTOR));
        bisect(start - 1, end, 1, out);
        return out;
    }

    private static void bisect(int lo, int hi, int layer, List<FramePlan> out) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi + 1) >> 1;
        out.add(new FramePlan(mid, FrameType.B, layer, 1 + layer, DEEPER_FACTOR));
        bisect(lo, mid, layer + 1, out);
        bisect(mid, hi, layer + 1, out);
    }

    /** lambda factor of {@code f} at its QP: deeper layers scale it by Clip3(2, 4, (QP - 12) / 6) (HM). */
    static double lambdaFactor(FramePlan f, int qp) {
        if (f.type() == FrameType.I || f.layer() == 0) {
            return f.lambdaFactor();
        }
        return f.lambdaFactor() * Math.max(2.0, Math.min(4.0, (qp - 12) / 6.0));
    }

    /**
     * The reference picture set and active list sizes of {@code f}, given the decoded-picture
     * buffer's contents {@code dpb} (POC to temporal layer) and the frames of the group still to
     * be coded after it.
     */
    RefChoice references(FramePlan f, Map<Integer, Integer> dpb, List<FramePlan> later) {
        if (f.type() == FrameType.I && f.poc() % config.keyint() == 0) {
            return new RefChoice(List.of(), 0, 0);
        }
        List<Integer> past = new ArrayList<>();
        List<Integer> future = new ArrayList<>();
        pick(f, dpb, past, future);
        TreeMap<Integer, Boolean> keep = new TreeMap<>();
        for (int p : past) {
            keep.put(p, true);
        }
        for (int p : future) {
            keep.put(p, true);
        }
        // what the rest of the group will want, from the pictures it will find
        Map<Integer, Integer> pool = new TreeMap<>(dpb);
        pool.put(f.poc(), f.layer());
        for (FramePlan g : later) {
            List<Integer> gp = new ArrayList<>();
            List<Integer> gf = new ArrayList<>();
            pick(g, pool, gp, gf);
            gp.addAll(gf);
            for (int p : gp) {
                if (dpb.containsKey(p)) {
                    keep.putIfAbsent(p, false);
                }
            }
            pool.put(g.poc(), g.layer());
        }
        // and the latest layer-0 pictures, which the next mini-GOP's first picture predicts from
        List<Integer> anchors = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : dpb.entrySet()) {
            if (e.getValue() == 0) {
                anchors.add(e.getKey());
            }
        }
        for (int i = anchors.size() - 1; i >= 0 && i >= anchors.size() - config.refs(); i--) {
            keep.putIfAbsent(anchors.get(i), false);
        }
        while (keep.size() > FrameHeader.MAX_REF_PICS) {
            Integer farthest = null;
            for (Map.Entry<Integer, Boolean> e : keep.entrySet()) {
                if (!e.getValue() && (farthest == null
                        || Math.abs(e.getKey() - f.poc()) > Math.abs(farthest - f.poc()))) {
                    farthest = e.getKey();
                }
            }
            keep.remove(farthest);
        }
        List<FrameHeader.RefPic> rps = new ArrayList<>();
        for (int p : keep.descendingMap().keySet()) {
            if (p < f.poc()) {
                rps.add(new FrameHeader.RefPic(p - f.poc(), keep.get(p)));
            }
        }
        for (int p : keep.keySet()) {
            if (p > f.poc()) {
                rps.add(new FrameHeader.RefPic(p - f.poc(), keep.get(p)));
            }
        }
        int used = past.size() + future.size();
        return switch (f.type()) {
            case I -> new RefChoice(rps, 0, 0);
            case P -> new RefChoice(rps, past.size(), 0);
            case B -> new RefChoice(rps, Math.min(config.refs(), used), Math.min(config.refs(), used));
        };
    }

    /**
     * The references of {@code f} among {@code pool}: the nearest earlier pictures (only layer-0
     * ones for a layer-0 picture) and, for B pictures, the nearest later ones; at most
     * {@code refs} of each.
     */
    private void pick(FramePlan f, Map<Integer, Integer> pool, List<Integer> past, List<Integer> future) {
        if (f.type() == FrameType.I) {
            return;
        }
        List<Integer> pocs = new ArrayList<>(pool.keySet());
        pocs.sort(null);
        boolean anchor = config.gop() == GopStructure.RANDOM_ACCESS && f.layer() == 0;
        for (int i = pocs.size() - 1; i >= 0 && past.size() < config.refs(); i--) {
            int p = pocs.get(i);
            if (p < f.poc() && (!anchor || pool.get(p) == 0)) {
                past.add(p);
            }
        }
        if (f.type() == FrameType.B) {
            for (int i = 0; i < pocs.size() && future.size() < config.refs(); i++) {
                if (pocs.get(i) > f.poc()) {
                    future.add(pocs.get(i));
                }
            }
        }
    }

    /** A frame's reference picture set and its active list sizes. */
    record RefChoice(List<FrameHeader.RefPic> refPics, int activeL0, int activeL1) {
    }
}
