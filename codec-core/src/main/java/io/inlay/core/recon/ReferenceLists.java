package io.inlay.core.recon;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference picture lists of one frame (docs/bitstream/decoding-process.md, "Reference
 * pictures"), built from the reference picture set of the frame header as H.265 §8.3.4 does:
 * list 0 is the used pictures before the current one (nearest first) followed by those after it,
 * list 1 the other way round, each repeated cyclically up to {@code num_ref_idx_lX_active}
 * entries. The collocated picture of temporal motion vector prediction is list 1 entry 0 in a B
 * frame and list 0 entry 0 in a P frame.
 */
public final class ReferenceLists {
    private final int poc;
    private final ReferencePicture[][] lists;
    private final boolean noBackwardPred;

    private ReferenceLists(int poc, ReferencePicture[] l0, ReferencePicture[] l1) {
        this.poc = poc;
        this.lists = new ReferencePicture[][] {l0, l1};
        boolean noBackward = true;
        for (ReferencePicture[] l : lists) {
            for (ReferencePicture r : l) {
                noBackward &= r.poc() <= poc;
            }
        }
        this.noBackwardPred = noBackward;
    }

    /** The lists of an intra frame: both empty. */
    public static ReferenceLists intra(int poc) {
        return new ReferenceLists(poc, new ReferencePicture[0], new ReferencePicture[0]);
    }

    /**
     * Builds the lists of the frame with POC {@code poc}, type {@code type} and header
     * {@code header}, from the pictures of the decoded-picture buffer {@code dpb} named by its
     * reference picture set.
     *
     * @param at byte offset of the frame header, for errors
     * @throws BitstreamException when a set entry is not in the buffer or the list sizes do not
     *                            suit the frame type
     */
    public static ReferenceLists build(FrameType type, int poc, FrameHeader header, List<ReferencePicture> dpb,
                                       long at) throws BitstreamException {
        int l0 = header.numRefIdxActiveL0();
        int l1 = header.numRefIdxActiveL1();
        switch (type) {
            case I -> {
                if (l0 != 0 || l1 != 0) {
                    throw new BitstreamException(at, "num_ref_idx_l0_active and num_ref_idx_l1_active shall be 0 in an I frame");
                }
            }
            case P -> {
                if (l0 < 1 || l1 != 0) {
                    throw new BitstreamException(at, "a P frame shall have num_ref_idx_l0_active >= 1 and num_ref_idx_l1_active = 0");
                }
            }
            case B -> {
                if (l0 < 1 || l1 < 1) {
                    throw new BitstreamException(at, "a B frame shall have num_ref_idx_l0_active and num_ref_idx_l1_active >= 1");
                }
            }
        }
        List<ReferencePicture> before = new ArrayList<>();
        List<ReferencePicture> after = new ArrayList<>();
        for (FrameHeader.RefPic rp : header.refPics()) {
            long refPoc = (long) poc + rp.deltaPoc();
            ReferencePicture found = null;
            for (ReferencePicture r : dpb) {
                if (r.poc() == refPoc) {
                    found = r;
                }
            }
            if (found == null) {
                throw new BitstreamException(at, "reference picture with POC " + refPoc
                        + " is not in the decoded picture buffer");
            }
            if (rp.usedByCurrPic()) {
                (rp.deltaPoc() < 0 ? before : after).add(found);
            }
        }
        if (type != FrameType.I && before.isEmpty() && after.isEmpty()) {
            throw new BitstreamException(at, "a P or B frame shall have a reference picture with used_by_curr_pic_flag 1");
        }
        List<ReferencePicture> order0 = new ArrayList<>(before);
        order0.addAll(after);
        List<ReferencePicture> order1 = new ArrayList<>(after);
        order1.addAll(before);
        return new ReferenceLists(poc, cycle(order0, l0), cycle(order1, l1));
    }

    private static ReferencePicture[] cycle(List<ReferencePicture> order, int n) {
        ReferencePicture[] out = new ReferencePicture[n];
        for (int i = 0; i < n; i++) {
            out[i] = order.get(i % order.size());
        }
        return out;
    }

    /** POC of the current frame. */
    public int poc() {
        return poc;
    }

    /** Number of active entries of list {@code l}. */
    public int size(int l) {
        return lists[l].length;
    }

    /** Entry {@code idx} of list {@code l}. */
    public ReferencePicture get(int l, int idx) {
        return lists[l][idx];
    }

    /** POC of entry {@code idx} of list {@code l}. */
    public int refPoc(int l, int idx) {
        return lists[l][idx].poc();
    }

    /** The POCs of every entry of both lists, as stored with the picture for later frames. */
    public int[][] refPocs() {
        int[][] out = new int[2][];
        for (int l = 0; l < 2; l++) {
            out[l] = new int[lists[l].length];
            for (int i = 0; i < out[l].length; i++) {
                out[l][i] = lists[l][i].poc();
            }
        }
        return out;
    }

    /** Whether the frame is a B frame (both lists non-empty). */
    public boolean isB() {
        return lists[1].length > 0;
    }

    /** Whether the frame is inter coded. */
    public boolean isInter() {
        return lists[0].length > 0;
    }

    /** Collocated picture for temporal prediction: L1[0] in a B frame, L0[0] in a P frame; null in an I frame. */
    public ReferencePicture collocated() {
        return isB() ? lists[1][0] : isInter() ? lists[0][0] : null;
    }

    /** collocated_from_l0_flag: whether the collocated picture is taken from list 0. */
    public boolean collocatedFromL0() {
        return !isB();
    }

    /** NoBackwardPredFlag of H.265: no reference picture follows the current one in display order. */
    public boolean noBackwardPred() {
        return noBackwardPred;
    }
}
