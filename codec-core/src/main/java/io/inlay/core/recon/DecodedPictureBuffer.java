package io.inlay.core.recon;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.core.ChromaFormat;
import io.inlay.core.Picture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The decoded-picture buffer shared by encoder and decoder (docs/bitstream/decoding-process.md,
 * "Reference pictures"): before a frame is decoded, every picture its reference picture set does
 * not name is dropped and the reference lists are built; the frame then joins the buffer
 * ({@link #reserve}) and gets its samples and motion field when it is reconstructed
 * ({@link #complete}). Holds at most {@link FrameHeader#MAX_REF_PICS} + 1
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
     * Enters the frame with POC {@code poc} and reference lists {@code lists} into the buffer
     * before it is reconstructed, and returns its entry: the frame is reconstructed into the entry's
     * picture (the coded area, padded for motion compensation) and then finished with
     * {@link #complete}. Frames coded later may name it at once, so an encoder or decoder can start
     * them while this one is still being reconstructed, as long as they wait for it.
     *
     * <p>The buffer of a dropped picture is reused unless {@code busy} says a frame still being
     * coded reads or writes it.
     */
    public ReferencePicture reserve(int poc, ReferenceLists lists, Predicate<Picture> busy) {
        ReferencePicture reused = null;
        for (int i = free.size() - 1; i >= 0 && reused == null; i--) {
            if (!busy.test(free.get(i).picture())) {
                reused = free.remove(i);
            }
        }
        ReferencePicture entry = reused != null
                ? new ReferencePicture(reused.picture(), poc, reused.motion(), lists.refPocs())
                : new ReferencePicture(Picture.allocate(codedWidth, codedHeight, bitDepth, chroma, Picture.DEFAULT_PADDING),
                        poc, new MotionField(codedWidth, codedHeight), lists.refPocs());
        pictures.add(entry);
        return entry;
    }

    /**
     * Finishes a reserved entry once its frame is reconstructed: stores the motion field of
     * {@code maps} and extends the picture's borders. Touches nothing but the entry, so it may run
     * on any thread.
     */
    public static void complete(ReferencePicture entry, FrameMaps maps) {
        entry.motion().copyFrom(maps.motion());
        Picture recon = entry.picture();
        for (int c = 0; c < recon.planeCount(); c++) {
            recon.plane(c).extendBorders();
        }
    }

    /** Takes a reserved entry whose frame could not be reconstructed back out of the buffer. */
    public void discard(ReferencePicture entry) {
        if (pictures.remove(entry)) {
            free.add(entry);
        }
    }

    /** Bytes of one picture of this buffer (its samples, borders included). */
    public long pictureBytes() {
        int p = Picture.DEFAULT_PADDING;
        long luma = (long) (codedWidth + 2 * p) * (codedHeight + 2 * p);
        return 2 * (luma + 2 * (luma >> (chroma.shiftX() + chroma.shiftY())));
    }

    /** Number of pictures held. */
    public int size() {
        return pictures.size();
    }
}
