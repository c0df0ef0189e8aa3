package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Error concealment (docs/bitstream/decoding-process.md "Error concealment", container.md §5):
 * damaged streams decoded with {@link DecoderConfig#withConcealment} and
 * {@link ContainerReader#recover()} give every frame; each frame is either decoded exactly as in
 * the undamaged stream or a reported copy of such a frame; decoding is exact again from the first
 * key frame after the damage.
 */
class ConcealmentTest {
    private static final int FRAMES = 24;
    private static final int KEYINT = 8;
    private static byte[] stream;
    private static List<Picture> intact;
    private static List<Units.Unit> units;

    @BeforeAll
    static void encode() throws IOException {
        EncoderConfig cfg = EncoderConfig.builder(64, 48).qp(34).gop(GopStructure.RANDOM_ACCESS).keyint(KEYINT)
                .gopSize(4).neuralFilter(false).build();
        stream = Codec.encode(cfg, Codec.synthetic(64, 48, 8, FRAMES, 11), true).stream();
        intact = Codec.decode(stream);
        units = Units.split(stream);
    }

    /** A decode with concealment: pictures in display order and the concealments by POC. */
    private record Concealed(List<Picture> pictures, Map<Integer, Decoder.Concealment> concealed,
                             List<Integer> dropped) {
    }

    private static Concealed decodeConcealed(byte[] s) throws IOException {
        DecoderConfig config = DecoderConfig.defaults().withConcealment(true);
        List<Picture> out = new ArrayList<>();
        Map<Integer, Decoder.Concealment> concealed = new TreeMap<>();
        List<Integer> dropped = new ArrayList<>();
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), ContainerLimits.DEFAULT);
             Decoder dec = Decoder.create(in.readSequenceHeader(), config, in.sequenceHeaderOffset())) {
            while (true) {
                Packet p;
                try {
                    p = in.readPacket();
                } catch (BitstreamException e) {
                    if (in.recover()) {
                        continue;
                    }
                    break;
                }
                if (p == null) {
                    break;
                }
                try {
                    dec.push(p, in.payloadOffset());
                } catch (BitstreamException e) {
                    // only a POC that cannot be placed in display order is still an error: drop it
                    assertTrue(e.rule().contains("repeats or precedes"), e.getMessage());
                    dropped.add(p.poc());
                }
                for (Picture pic; (pic = dec.pull()) != null; ) {
                    out.add(pic);
                }
            }
            dec.flush();
            for (Picture pic; (pic = dec.pull()) != null; ) {
                out.add(pic);
            }
            for (Decoder.Concealment c; (c = dec.pollConcealment()) != null; ) {
                assertFalse(concealed.containsKey(c.poc()), "poc " + c.poc() + " concealed twice");
                concealed.put(c.poc(), c);
            }
        }
        return new Concealed(out, concealed, dropped);
    }

    /**
     * Every frame is there; each is the intact decode or a copy of an intact frame it names; the
     * damage costs at most the frames of the key-frame period it hits, and POC {@code mustLose} is
     * among them.
     */
    private static Concealed assertConcealed(byte[] damaged, int mustLose) throws IOException {
        assertThrows(BitstreamException.class, () -> Codec.decode(damaged), "damage not detected without concealment");
        Concealed r = decodeConcealed(damaged);
        assertEquals(List.of(), r.dropped, "packets dropped");
        assertEquals(FRAMES, r.pictures.size(), "frames output");
        assertTrue(r.concealed.containsKey(mustLose), "poc " + mustLose + " not concealed: " + r.concealed);
        int period = mustLose / KEYINT;
        for (int poc = 0; poc < FRAMES; poc++) {
            Decoder.Concealment c = r.concealed.get(poc);
            if (c == null) {
                assertTrue(r.pictures.get(poc).sameSamples(intact.get(poc)), "poc " + poc + " differs");
                continue;
            }
            assertEquals(period, poc / KEYINT, "poc " + poc + " concealed outside the damaged period: " + c);
            assertFalse(r.concealed.containsKey(c.sourcePoc()), "source of " + c + " is itself concealed");
            assertTrue(c.sourcePoc() >= 0 && r.pictures.get(poc).sameSamples(intact.get(c.sourcePoc())),
                    "poc " + poc + " is not a copy of poc " + c.sourcePoc());
        }
        return r;
    }

    private static int unitOfPoc(int poc) {
        for (int i = 0; i < units.size(); i++) {
            Units.Unit u = units.get(i);
            if (u.type() == Units.FRAME && Units.frameBody(u.body()).poc() == poc) {
                return i;
            }
        }
        throw new IllegalArgumentException("no poc " + poc);
    }

    private static byte[] damage(UnaryOperator<byte[]> f) {
        return f.apply(stream.clone());
    }

    @Test
    void theEncoderRepeatsTheSequenceHeaderBeforeEachLaterKeyFrame() {
        int headers = 0;
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).type() == Units.SEQUENCE_HEADER) {
                headers++;
                assertTrue(i == 0 || Units.frameBody(units.get(i + 1).body()).frameType() == 0,
                        "unit " + (i + 1) + " after a repeated header is not an I frame");
            }
        }
        assertEquals(FRAMES / KEYINT, headers);
        assertEquals(FRAMES, intact.size());
    }

    @Test
    void payloadDamageConcealsTheFramesThatDependOnIt() throws IOException {
        // A bit flip in a frame's payload: its CRC fails, the reader goes on at the next unit.
        Units.Unit u = units.get(unitOfPoc(12));
        byte[] damaged = damage(s -> {
            s[u.end() - 10] ^= 0x20;
            return s;
        });
        Concealed r = assertConcealed(damaged, 12);
        assertTrue(r.concealed.get(12).reason().contains("missing"), r.concealed.toString());
        assertFalse(r.concealed.containsKey(10) && r.concealed.containsKey(9) && r.concealed.containsKey(11)
                && r.concealed.containsKey(13) && r.concealed.size() == KEYINT, "nothing decoded in the damaged period");
    }

    @Test
    void damagedUnitSizeIsFoundAgainAtTheNextRepeatedHeader() throws IOException {
        // unit_size of poc 4's unit made far too large: the unit swallows the rest of the stream.
        Units.Unit u = units.get(unitOfPoc(4));
        byte[] damaged = damage(s -> {
            byte[] big = Units.leb128(60_000);
            byte[] out = Units.concat(Arrays.copyOf(s, u.start() + 1), big,
                    Arrays.copyOfRange(s, u.start() + 1 + Units.leb128(u.body().length).length, s.length));
            return out;
        });
        assertConcealed(damaged, 4);
    }

    @Test
    void cutOutBytesAndInsertedGarbageAreSkipped() throws IOException {
        int from = units.get(unitOfPoc(10)).start() + 3;
        int to = units.get(unitOfPoc(13)).start() + 5;
        byte[] cut = damage(s -> Units.concat(Arrays.copyOf(s, from), Arrays.copyOfRange(s, to, s.length)));
        assertConcealed(cut, 13);

        byte[] garbage = new byte[300];
        new Random(5).nextBytes(garbage);
        int at = units.get(unitOfPoc(12)).start();
        byte[] inserted = damage(s -> Units.concat(Arrays.copyOf(s, at), garbage, Arrays.copyOfRange(s, at, s.length)));
        assertConcealed(inserted, 12);
        // With no repeated header after the damage there is no place to resume: the frames after it
        // are lost, and at the end of the stream nothing tells how many there were.
        int late = units.get(unitOfPoc(20)).start();
        Concealed tail = decodeConcealed(damage(s -> Units.concat(Arrays.copyOf(s, late), garbage,
                Arrays.copyOfRange(s, late, s.length))));
        assertEquals(17, tail.pictures.size());
    }

    @Test
    void losingTheFirstFrameGivesGreyUntilTheNextKeyFrame() throws IOException {
        // The first unit's CRC fails: nothing is decoded before the key frame at POC 8. The first
        // packet read (POC 4) starts display order, so the B frames before it are dropped.
        Units.Unit first = units.get(unitOfPoc(0));
        byte[] damaged = damage(s -> {
            s[first.end() - 10] ^= 1;
            return s;
        });
        Concealed r = decodeConcealed(damaged);
        assertEquals(List.of(2, 1, 3), r.dropped);
        assertEquals(FRAMES - 4, r.pictures.size());
        for (int poc = 4; poc < KEYINT; poc++) {
            assertEquals(-1, r.concealed.get(poc).sourcePoc(), "poc " + poc + " should be grey");
        }
        for (int poc = KEYINT; poc < FRAMES; poc++) {
            assertTrue(r.pictures.get(poc - 4).sameSamples(intact.get(poc)), "poc " + poc);
            assertFalse(r.concealed.containsKey(poc));
        }
    }

    @Test
    void hostilePocJumpsNeitherHangNorGrow() throws IOException {
        // The key frame at POC 8 claims POC 2^31 - 1: its gap is skipped, not concealed frame by
        // frame; the frames after it cannot be placed and are dropped.
        int key = unitOfPoc(KEYINT);
        Units.FrameBody kb = Units.frameBody(units.get(key).body());
        byte[] jump = Units.replaceBody(stream, key, new Units.FrameBody(kb.frameType(), Integer.MAX_VALUE,
                kb.payload()).encode());
        Concealed r = decodeConcealed(jump);
        assertEquals(KEYINT + 1, r.pictures.size());
        assertEquals(Map.of(), r.concealed);
        assertEquals(FRAMES - KEYINT - 1, r.dropped.size());
        // A non-key frame far ahead: pictures pile up behind the gap until the frames-in-flight
        // bound, then the gap is skipped.
        int b = unitOfPoc(KEYINT + 4);
        Units.FrameBody bb = Units.frameBody(units.get(b).body());
        byte[] far = Units.replaceBody(stream, b, new Units.FrameBody(bb.frameType(), 1_000_000_000,
                bb.payload()).encode());
        Concealed f = decodeConcealed(far);
        assertEquals(FRAMES + 1, f.pictures.size(), "every POC below 24 (12 concealed), then 10^9");
        // the far frame is concealed too: its reference deltas now point far away
        assertTrue(f.concealed.keySet().stream().allMatch(p -> p < FRAMES || p == 1_000_000_000), f.concealed.toString());
    }

    @Test
    void recoverIsOnlyForAfterAFailure() throws IOException {
        byte[] damaged = damage(s -> {
            s[units.get(unitOfPoc(4)).end() - 10] ^= 1;
            return s;
        });
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(damaged), ContainerLimits.DEFAULT)) {
            in.readSequenceHeader();
            assertThrows(IllegalStateException.class, in::recover);
            in.readPacket();
            assertThrows(BitstreamException.class, in::readPacket);
            assertThrows(IllegalStateException.class, in::readPacket, "reading on without recover()");
            assertTrue(in.recover());
            assertEquals(2, in.readPacket().poc());
        }
    }
}
