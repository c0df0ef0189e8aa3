package io.inlay.core.recon;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded-picture buffer shared by encoder and decoder (docs/bitstream/decoding-process.md,
 * "Reference pictures"): before a frame is decoded, every picture its reference picture set does
 * not name is dropped and the reference lists are built; after it is reconstructed, the frame
 * joins the buffer with its motion field. Holds at most {@link FrameHeader#MAX_REF_PICS} + 1
 * pictures; buffers of dropped pictures are reused.
 */
public final class DecodedPictureBuffer {
    private final int codedWidth;
    private final int codedHeight;
    private final int bitDepth;
    private final ChromaFormat chroma;
    private final List<ReferencePicture> pictures = new ArrayList<>();
    private final List<ReferencePicture> free = new ArrayList<>();

    public DecodedPictureBuffer(int codedWidth, int codedHeight, int bitDepth, ChromaFormat chroma) {
        this.codedWidth = codedWidth;
        this.codedHeight = codedHeight;
        this.bitDepth = bitDepth;
        this.chroma = chroma;
    }

    /**
     * Applies the reference picture set of the frame ({@code type}, {@code poc}, {@code header}):
     * drops the pictures it does not name and returns the frame's reference lists.
     *
     * @param at byte offset of the frame header, for errors
     * @throws BitstreamException when the set names a picture that is not in the buffer or the lists
     *                            do not suit the frame type (a picture with the frame's own POC is
     *                            never named, since every delta is nonzero, so it is dropped)
     */
    public ReferenceLists startFrame(FrameType type, int poc, FrameHeader header, long at) throws BitstreamException {
        ReferenceLists lists = ReferenceLists.build(type, poc, header, pictures, at);
        for (int i = pictures.size() - 1; i >= 0; i--) {
            ReferencePicture r = pictures.get(i);
            boolean keep = false;
            for (FrameHeader.RefPic rp : header.refPics()) {
                keep |= (long) poc + rp.deltaPoc() == r.poc();
            }
            if (!keep) {
                free.add(pictures.remove(i));
            }
        }
        return lists;
    }

    /**
     * A picture buffer of the coded area (padded for motion compensation) to reconstruct the
     * next frame into; it joins the buffer with {@link #add}.
     */
    public Picture nextPicture() {
        return free.isEmpty() ? Picture.allocate(codedWidth, codedHeight, bitDepth, chroma, Picture.DEFAULT_PADDING)
                : free.get(free.size() - 1).picture();
    }

    /**
     * Adds the reconstructed frame {@code recon} (from {@link #nextPicture}) with POC {@code poc},
     * the motion field in {@code maps} and the POCs of its lists; extends its borders.
     */
    public void add(Picture recon, int poc, FrameMaps maps, ReferenceLists lists) {
        MotionField motion;
        if (!free.isEmpty() && free.get(free.size() - 1).picture() == recon) {
            motion = free.remove(free.size() - 1).motion();
        } else {
            motion = new MotionField(codedWidth, codedHeight);
        }
        motion.copyFrom(maps.motion());
        for (int c = 0; c < recon.planeCount(); c++) {
            recon.plane(c).extendBorders();
        }
        pictures.add(new ReferencePicture(recon, poc, motion, lists.refPocs()));
    }

    /** Number of pictures held. */
    public int size() {
        return pictures.size();
    }
}
