package io.inlay.testvectors;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.core.GopStructure;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The coding structure of a well-formed stream, read from its frame units and frame headers (test
 * side, through {@link Units} and {@link FrameHeader}): frame types, POCs and reference picture
 * sets in coding order, key frames, and whether they fit a {@link GopStructure}.
 */
final class StreamStructure {
    private StreamStructure() {
    }

    /**
     * One frame unit.
     *
     * @param unit         index of the unit in the stream (0 is the sequence header)
     * @param start        offset of the unit's first byte
     * @param end          offset just after the unit (after its CRC)
     * @param payloadStart offset of the frame payload's first byte (the frame header)
     */
    record Frame(int unit, int start, int end, int payloadStart, FrameType type, int poc, FrameHeader header) {
        /** A key frame: intra, and its reference picture set empties the decoded-picture buffer. */
        boolean isKey() {
            return type == FrameType.I && header.refPics().isEmpty();
        }

        /** The POCs its reference picture set names. */
        Set<Integer> rpsPocs() {
            return header.refPics().stream().map(r -> poc + r.deltaPoc()).collect(Collectors.toCollection(TreeSet::new));
        }

        /** "I0", "B4", ... */
        String label() {
            return type.name() + poc;
        }
    }

    /** The frames of {@code stream} in coding order. */
    static List<Frame> frames(byte[] stream) {
        List<Frame> out = new ArrayList<>();
        List<Units.Unit> units = Units.split(stream);
        boolean nlf = false;
        for (int i = 0; i < units.size(); i++) {
            Units.Unit u = units.get(i);
            if (u.type() != Units.FRAME) {
                // tool_flags is bytes 15..18 of sequence_header(); bit 0: TOOL_NEURAL_LOOP_FILTER
                nlf = u.body().length > 18 && (u.body()[18] & 1) != 0;
                continue;
            }
            Units.FrameBody f = Units.frameBody(u.body());
            FrameType type = FrameType.fromCode(f.frameType());
            if (type == null) {
                throw new IllegalArgumentException("unit " + i + ": frame_type " + f.frameType());
            }
            FrameHeader h;
            try {
                h = FrameHeader.parse(new Packet(type, f.poc(), f.payload()), nlf);
            } catch (BitstreamException e) {
                throw new UncheckedIOException("unit " + i, e);
            }
            out.add(new Frame(i, u.start(), u.end(), u.end() - 4 - f.payload().length, type, f.poc(), h));
        }
        return out;
    }

    /** "I0 B4 B2 B1 B3 ...": the frames in coding order. */
    static String codingOrder(List<Frame> frames) {
        return frames.stream().map(Frame::label).collect(Collectors.joining(" "));
    }

    /** The frames after the first that are key frames. */
    static List<Frame> laterKeyFrames(List<Frame> frames) {
        return frames.stream().skip(1).filter(Frame::isKey).toList();
    }

    /**
     * Null when {@code frames} have the structure {@code gop} promises, else what is wrong. Every
     * structure: POCs 0..n-1 each once, the first frame a key frame, every reference picture set
     * naming only pictures in the decoded-picture buffer (the decoder's rule), and no frame after a key frame naming a picture before
     * it (closed GOPs). All-intra: only key frames. Random access: B frames, coded out of display
     * order. Low delay: B (or, with P, only P) frames in display order, predicting from the past
     * only.
     */
    static String mismatch(GopStructure gop, List<Frame> frames) {
        Set<Integer> pocs = new HashSet<>();
        for (Frame f : frames) {
            if (!pocs.add(f.poc())) {
                return "POC " + f.poc() + " repeats";
            }
        }
        for (int p = 0; p < frames.size(); p++) {
            if (!pocs.contains(p)) {
                return "POC " + p + " is missing";
            }
        }
        if (frames.isEmpty() || !frames.getFirst().isKey()) {
            return "the first frame is not a key frame";
        }
        Set<Integer> decoded = new HashSet<>();
        Set<Integer> dpb = new HashSet<>();
        int lastKey = 0;
        boolean reordered = false;
        int maxPoc = -1;
        for (Frame f : frames) {
            if (f.isKey()) {
                lastKey = f.poc();
                for (int d : decoded) {
                    if (d > f.poc()) {
                        return f.label() + ": key frame after " + d + " in coding order (open GOP)";
                    }
                }
            }
            for (int r : f.rpsPocs()) {
                if (!dpb.contains(r)) {
                    return f.label() + ": names POC " + r + ", not in the decoded-picture buffer";
                }
                if (r < lastKey) {
                    return f.label() + ": names POC " + r + ", before key frame " + lastKey;
                }
            }
            dpb.retainAll(f.rpsPocs());
            dpb.add(f.poc());
            reordered |= f.poc() < maxPoc;
            maxPoc = Math.max(maxPoc, f.poc());
            decoded.add(f.poc());
            boolean past = f.header().refPics().stream().allMatch(r -> r.deltaPoc() < 0);
            String wrong = switch (gop) {
                case ALL_INTRA -> f.isKey() ? null : "not a key frame";
                case RANDOM_ACCESS -> f.isKey() || f.type() == FrameType.B ? null : "neither key frame nor B";
                case LOW_DELAY -> f.isKey() || (f.type() == FrameType.B && past) ? null
                        : "neither key frame nor B predicting from the past";
                case LOW_DELAY_P -> f.isKey() || (f.type() == FrameType.P && past) ? null
                        : "neither key frame nor P predicting from the past";
            };
            if (wrong != null) {
                return f.label() + ": " + wrong + " in a " + gop + " stream";
            }
        }
        boolean inter = frames.stream().anyMatch(f -> f.type() != FrameType.I);
        if (gop == GopStructure.RANDOM_ACCESS && !reordered) {
            return "a random-access stream coded in display order";
        }
        if (gop != GopStructure.RANDOM_ACCESS && reordered) {
            return "a " + gop + " stream coded out of display order";
        }
        if (gop != GopStructure.ALL_INTRA && frames.size() > 1 && !inter) {
            return "a " + gop + " stream without inter frames";
        }
        return null;
    }
}
