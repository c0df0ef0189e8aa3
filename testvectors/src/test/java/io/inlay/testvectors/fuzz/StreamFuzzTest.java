package io.inlay.testvectors.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitWriter;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerLimits;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SequenceHeader;
import io.inlay.bitstream.SequenceHeaderSyntax;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.neural.NeuralOptions;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets on whole streams: decoding through the public API exactly as {@code inlay decode}
 * does (container reader, {@code Decoder.create} with the header's offset, {@code push} with each
 * payload's offset, {@code pull}, {@code flush}), and the container and header parsers alone.
 * An input shall decode to well-formed pictures or raise {@link BitstreamException} naming an
 * offset within it; any other exception or error, a hang or an allocation beyond the bound is a
 * finding.
 *
 * <p>Seeds: the small conformance streams and every malformed stream, which the build puts on the
 * class path as {@code StreamFuzzTestInputs/} (testvectors/pom.xml), plus the per-method files in
 * {@code src/test/resources/io/inlay/testvectors/fuzz/StreamFuzzTestInputs/<method>/} (kept
 * findings and corpus entries). See testvectors/README.md for campaigns.
 */
class StreamFuzzTest {
    /**
     * The default limits but at most 2^17 pixels (352x288 passes) and 1 MiB units, so that a
     * header of a few bytes cannot make every execution allocate 8K frame buffers; extreme
     * aspect ratios up to 16384 wide or high stay reachable.
     */
    static final ContainerLimits LIMITS = new ContainerLimits(16384, 16384, 1 << 17, 1 << 20);

    /** The neural loop filter on the Java reference kernel (identical output, no native session per input). */
    static final DecoderConfig CONFIG = DecoderConfig.withLimits(LIMITS)
            .withNeuralOptions(new NeuralOptions(NeuralOptions.Runtime.JAVA, 1));

    /**
     * Allocation allowed per decode: a fixed part plus a part per packet proportional to the
     * picture. A warm decoder allocates about 20 bytes per pixel and packet; before C2 has
     * compiled the kernels (the first decodes of a JVM) it can be 300, hence the margin. What
     * this catches is allocation driven by a stream-declared count, orders of magnitude beyond.
     */
    private static final long FIXED_ALLOCATION = 32L << 20;
    private static final long ALLOCATION_PER_PIXEL_AND_PACKET = 1024;

    /** The stream as it comes, CRCs included (most mutations end at a CRC mismatch). */
    @FuzzTest(maxDuration = "5m")
    void decode(byte[] stream) throws Throwable {
        FuzzSupport.run(() -> FuzzSupport.requireAllocationWithin("decoding", () -> decodeOrReject(stream)));
    }

    /** The stream with every unit's CRC recomputed, so that mutations reach the parsers and the decoder. */
    @FuzzTest(maxDuration = "5m")
    void decodeWithValidCrcs(byte[] stream) throws Throwable {
        byte[] s = FuzzSupport.withValidCrcs(stream);
        FuzzSupport.run(() -> FuzzSupport.requireAllocationWithin("decoding", () -> decodeOrReject(s)));
    }

    /**
     * The stream as it comes, decoded as {@code inlay decode --conceal} does: damaged units are
     * skipped with {@code ContainerReader.recover()}, undecodable frames concealed. Only the
     * sequence header and POCs that cannot be placed may still raise an error; the pictures output
     * stay within what the packets and the recovered gaps explain.
     */
    @FuzzTest(maxDuration = "5m")
    void decodeWithConcealment(byte[] stream) throws Throwable {
        FuzzSupport.run(() -> FuzzSupport.requireAllocationWithin("concealing", () -> concealOrReject(stream)));
    }

    /**
     * The container reader and the sequence and frame header parsers, CRCs recomputed. A header
     * that parses is written again with the writer: the coding is canonical, so the bytes must be
     * the ones read, and the writer must accept what the parser accepted.
     */
    @FuzzTest(maxDuration = "5m")
    void parseContainerAndHeaders(byte[] stream) throws Throwable {
        byte[] s = FuzzSupport.withValidCrcs(stream);
        FuzzSupport.run(() -> FuzzSupport.requireAllocationWithin("container parsing", () -> {
            try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), LIMITS)) {
                SequenceHeader sh = in.readSequenceHeader();
                int shStart = (int) in.sequenceHeaderOffset();
                BitWriter w = new BitWriter();
                SequenceHeaderSyntax.writeSequenceHeader(w, sh);
                byte[] again = w.toByteArray();
                if (!Arrays.equals(again, Arrays.copyOfRange(s, shStart, shStart + again.length))) {
                    throw new AssertionError("sequence header " + sh + " is not written back as it was read");
                }
                for (Packet p; (p = in.readPacket()) != null; ) {
                    checkFrameHeader(p, in.payloadOffset(), sh.neuralLoopFilter());
                }
            } catch (BitstreamException e) {
                FuzzSupport.requireSaneOffset(e, s.length);
            }
            return FIXED_ALLOCATION + 4L * s.length;
        }));
    }

    /** The CRC fix-up leaves a valid stream as it is, and repairs a broken CRC (else the target would test nothing). */
    @Test
    void validCrcsLeaveAValidStreamUnchangedAndRepairABrokenOne() throws Exception {
        byte[] s;
        try (var in = StreamFuzzTest.class.getResourceAsStream("StreamFuzzTestInputs/synthetic_72x40_8bit_ldp_qp37.inlay")) {
            s = in.readAllBytes();
        }
        assertArrayEquals(s, FuzzSupport.withValidCrcs(s));
        byte[] t = s.clone();
        t[t.length - 1] ^= 1;
        assertArrayEquals(s, FuzzSupport.withValidCrcs(t));
        decodeOrReject(s);
    }

    private static void checkFrameHeader(Packet p, long payloadOffset, boolean nlf) {
        byte[] payload = p.payload();
        FrameHeader h;
        try {
            h = FrameHeader.read(new BitReader(payload, 0, payload.length, payloadOffset), nlf);
        } catch (BitstreamException e) {
            if (e.offset() < payloadOffset || e.offset() > payloadOffset + payload.length) {
                throw new AssertionError("frame header error outside its payload " + payloadOffset + ".."
                        + (payloadOffset + payload.length) + ": " + e.getMessage(), e);
            }
            return;
        }
        BitWriter w = new BitWriter();
        h.write(w, nlf);
        byte[] again = w.toByteArray();
        if (again.length != h.sizeInBytes(nlf) || !Arrays.equals(again, Arrays.copyOf(payload, again.length))) {
            throw new AssertionError("frame header " + h + " is not written back as it was read");
        }
    }

    /**
     * Decodes {@code s} as {@code inlay decode} does; see the class comment for what is accepted.
     * Returns the allocation the decode may make.
     */
    static long decodeOrReject(byte[] s) {
        long packets = 0;
        long pixels = 0;
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), LIMITS)) {
            SequenceHeader sh = in.readSequenceHeader();
            pixels = (long) sh.width() * sh.height();
            try (Decoder dec = Decoder.create(sh, CONFIG, in.sequenceHeaderOffset())) {
                long pictures = 0;
                for (Packet p; (p = in.readPacket()) != null; ) {
                    packets++;
                    dec.push(p, in.payloadOffset());
                    pictures += drain(dec, sh);
                }
                dec.flush();
                pictures += drain(dec, sh);
                if (pictures != packets) {
                    throw new AssertionError(packets + " packets decoded without error gave " + pictures + " pictures");
                }
            }
        } catch (BitstreamException e) {
            FuzzSupport.requireSaneOffset(e, s.length);
        } catch (java.io.IOException e) {
            throw new AssertionError("an IOException other than BitstreamException from a byte array", e);
        }
        return FIXED_ALLOCATION + (packets + 1) * (pixels * ALLOCATION_PER_PIXEL_AND_PACKET + (64 << 10));
    }

    private static long concealOrReject(byte[] s) {
        long packets = 0;
        long pixels = 0;
        DecoderConfig config = CONFIG.withConcealment(true);
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), LIMITS)) {
            SequenceHeader sh = in.readSequenceHeader();
            pixels = (long) sh.width() * sh.height();
            try (Decoder dec = Decoder.create(sh, config, in.sequenceHeaderOffset())) {
                long pictures = 0;
                while (true) {
                    Packet p;
                    try {
                        p = in.readPacket();
                    } catch (BitstreamException e) {
                        FuzzSupport.requireSaneOffset(e, s.length);
                        if (!in.recover()) {
                            break;
                        }
                        continue;
                    }
                    if (p == null) {
                        break;
                    }
                    packets++;
                    try {
                        dec.push(p, in.payloadOffset());
                    } catch (BitstreamException e) {
                        if (!e.rule().contains("repeats or precedes")) {
                            throw new AssertionError("with concealment, push raised " + e.getMessage(), e);
                        }
                    }
                    pictures += drain(dec, sh);
                }
                dec.flush();
                pictures += drain(dec, sh);
                long concealed = 0;
                while (dec.pollConcealment() != null) {
                    concealed++;
                }
                // each packet gives at most one picture; a gap concealed is at most 16 frames per packet
                if (pictures > packets * (DecoderConfig.DEFAULT_FRAMES_IN_FLIGHT + 1) || concealed > pictures) {
                    throw new AssertionError(packets + " packets gave " + pictures + " pictures, " + concealed
                            + " concealed");
                }
            }
        } catch (BitstreamException e) {
            FuzzSupport.requireSaneOffset(e, s.length);
        } catch (java.io.IOException e) {
            throw new AssertionError("an IOException other than BitstreamException from a byte array", e);
        }
        return FIXED_ALLOCATION + (packets + 1) * (pixels * ALLOCATION_PER_PIXEL_AND_PACKET * 2 + (64 << 10));
    }

    private static int drain(Decoder dec, SequenceHeader sh) {
        int n = 0;
        for (Picture pic; (pic = dec.pull()) != null; n++) {
            FuzzSupport.requireWellFormed(pic, sh.width(), sh.height(), sh.bitDepth());
        }
        return n;
    }
}
