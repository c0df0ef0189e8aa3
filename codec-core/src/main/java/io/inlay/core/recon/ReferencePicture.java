package io.inlay.core.recon;

import io.inlay.core.Picture;

/**
 * A decoded picture in the decoded-picture buffer: its reconstruction (the coded area, with
 * replicated borders for motion compensation), its POC, and what temporal motion vector
 * prediction needs of it: its motion field and the POCs its reference indices pointed to.
 *
 * @param picture the deblocked reconstruction of the coded area, borders extended
 * @param poc     picture order count
 * @param motion  the picture's motion field (all intra for an I frame)
 * @param refPocs per list, the POC of each of the picture's reference indices
 */
public record ReferencePicture(Picture picture, int poc, MotionField motion, int[][] refPocs) {
}
