package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContainerReader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Decoder;
import io.inlay.core.DecoderConfig;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Preset;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Threads never change the output (docs/threading.md): encoder streams and reconstructions,
 * decoded pictures, conformance MD5s and the errors raised on malformed streams are the same for
 * 1, 2 and 3 threads and for one executor shared by an encoder and a decoder working at once.
 */
class ThreadsTest {
    /** cars, random access (GOP 8, key frame every 8), deblocking on: I, P/B layers and non-reference B. */
    private static EncoderConfig.Builder config(Codec.Clip clip) {
        return EncoderConfig.builder(clip.format().width(), clip.format().height())
                .qp(32).gop(GopStructure.RANDOM_ACCESS).gopSize(8).keyint(8).keepReconstruction(true);
    }

    private static void assertSamePictures(List<Picture> expected, List<Picture> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": pictures");
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).sameSamples(actual.get(i)), what + ": picture " + i);
        }
    }

    @Test
    void encoderAndDecoderOutputIsTheSameForAnyThreadCount() throws Exception {
        Codec.Clip clip = Codec.readClip("cars_320x240_10f.y4m", 10);
        Codec.Encoded one = Codec.encode(config(clip).threads(1).build(), clip.pictures());
        List<Picture> decodedOne = Codec.decode(one.stream(), DecoderConfig.defaults());
        assertSamePictures(one.reconstructions(), decodedOne, "decoder versus encoder reconstruction");
        for (int threads : new int[] {2, 3}) {
            Codec.Encoded n = Codec.encode(config(clip).threads(threads).build(), clip.pictures());
            assertArrayEquals(one.stream(), n.stream(), "stream with " + threads + " threads");
            assertSamePictures(one.reconstructions(), n.reconstructions(), "reconstruction with " + threads + " threads");
            assertSamePictures(decodedOne, Codec.decode(one.stream(), DecoderConfig.defaults().withThreads(threads)),
                    "decoded with " + threads + " threads");
        }
        // one executor shared by an encoder and a decoder running at the same time
        ExecutorService shared = Executors.newFixedThreadPool(2);
        ExecutorService drivers = Executors.newFixedThreadPool(2);
        try {
            Future<Codec.Encoded> enc = drivers.submit(() ->
                    Codec.encode(config(clip).threads(3).executor(shared).build(), clip.pictures()));
            Future<List<Picture>> dec = drivers.submit(() ->
                    Codec.decode(one.stream(), DecoderConfig.defaults().withThreads(3).withExecutor(shared)));
            assertArrayEquals(one.stream(), enc.get().stream(), "stream on a shared executor");
            assertSamePictures(decodedOne, dec.get(), "decoded on a shared executor");
            assertTrue(!shared.isShutdown(), "a caller's executor is left running");
        } finally {
            drivers.shutdown();
            shared.shutdown();
        }
    }

    /**
     * Frames coded concurrently: with mini-GOPs of 4 and no key frame after the first, the next
     * mini-GOP's layer-0 picture is coded beside this one's deeper layers, picture buffers are
     * recycled while frames are in flight, and each frame in flight has its own neural filter and
     * adaptive quantiser; one and two reference pictures per list. The decoder, which decodes
     * frames concurrently too, gives the same pictures, and the same error for a damaged stream.
     */
    @Test
    void framesInFlightGiveTheSameStream() throws Exception {
        Codec.Clip clip = Codec.readClip("cars_320x240_10f.y4m", 10);
        for (int refs : new int[] {1, 2}) {
            EncoderConfig.Builder b = EncoderConfig.builder(clip.format().width(), clip.format().height())
                    .qp(37).gop(GopStructure.RANDOM_ACCESS).gopSize(4).keyint(64).refs(refs).aqStrength(1.0)
                    .neuralFilter(true).neuralModel(ConformanceStreams.nlfModel()).keepReconstruction(true);
            Codec.Encoded one = Codec.encode(b.threads(1).build(), clip.pictures());
            for (int threads : new int[] {2, 4}) {
                Codec.Encoded n = Codec.encode(b.threads(threads).build(), clip.pictures());
                assertArrayEquals(one.stream(), n.stream(), "refs " + refs + ", stream with " + threads + " threads");
                assertSamePictures(one.reconstructions(), n.reconstructions(),
                        "refs " + refs + ", reconstruction with " + threads + " threads");
                assertSamePictures(one.reconstructions(),
                        Codec.decode(one.stream(), DecoderConfig.defaults().withThreads(threads)),
                        "refs " + refs + ", decoded with " + threads + " threads");
            }
            // damage near the end of the stream: the frames before it may be in flight when it fails
            byte[] damaged = one.stream().clone();
            for (int i = damaged.length * 3 / 4; i < damaged.length * 3 / 4 + 16; i++) {
                damaged[i] ^= (byte) 0x5a;
            }
            BitstreamException serial = assertThrows(BitstreamException.class,
                    () -> Codec.decode(damaged, DecoderConfig.defaults()));
            for (int threads : new int[] {2, 4}) {
                BitstreamException e = assertThrows(BitstreamException.class,
                        () -> Codec.decode(damaged, DecoderConfig.defaults().withThreads(threads)));
                assertEquals(serial.getMessage(), e.getMessage(), "refs " + refs + ", error with " + threads + " threads");
            }
        }
    }

    /**
     * The recursion skip of the fast presets (EncoderConfig.splitSkipRatio) decides from costs
     * gathered over the frame so far: with frames in flight the stream must still be the one of
     * one thread. The skip must also act on this clip (else this test would prove nothing).
     */
    @Test
    void recursionSkipGivesTheSameStreamWithThreads() throws Exception {
        Codec.Clip clip = Codec.readClip("cars_320x240_10f.y4m", 10);
        EncoderConfig.Builder b = config(clip).preset(Preset.ULTRAFAST).keyint(64).neuralFilter(false);
        Codec.Encoded one = Codec.encode(b.threads(1).build(), clip.pictures());
        assertSamePictures(one.reconstructions(), Codec.decode(one.stream(), DecoderConfig.defaults()),
                "decoder versus encoder reconstruction");
        Codec.Encoded two = Codec.encode(b.threads(2).build(), clip.pictures());
        assertArrayEquals(one.stream(), two.stream(), "stream with 2 threads");
        Codec.Encoded always = Codec.encode(b.threads(1).splitSkipRatio(0).build(), clip.pictures());
        assertTrue(!Arrays.equals(one.stream(), always.stream()), "the recursion skip changed no decision");
    }

    @Test
    void conformanceStreamsKeepTheirMd5WithThreads() throws Exception {
        for (ConformanceTest.Expected e : ConformanceTest.expected()) {
            byte[] s = Files.readAllBytes(TestPaths.conformance().resolve(e.file()));
            for (int threads : new int[] {2, 3}) {
                assertEquals(e.md5(), Codec.sampleMd5(Codec.decode(s, DecoderConfig.defaults().withThreads(threads))),
                        e.file() + " with " + threads + " threads");
            }
        }
    }

    /**
     * The first error in coding order wins even when it surfaces while a later push finishes the
     * frames before it: in b_frame_ref_not_decoded, B4 (byte 185) and B2 (byte 229) fail as they
     * start, behind I0. With I0's work held back until both are pushed, B4's error comes out of the
     * next push. (It used to be replaced by B2's: the push's error handler finished the frames
     * after it; ThreadsTest#malformedStreamsRaiseTheSameErrorWithThreads saw that about once in
     * 100 runs.)
     */
    @Test
    void anEarlierFramesErrorIsNotReplacedByALaterOne() throws Exception {
        byte[] s = Files.readAllBytes(TestPaths.malformed().resolve("b_frame_ref_not_decoded.inlay"));
        List<Runnable> held = new ArrayList<>();
        ExecutorService holding = new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                held.add(task);
            }

            @Override
            public void shutdown() {
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
        DecoderConfig config = DecoderConfig.defaults().withThreads(2).withExecutor(holding);
        try (ContainerReader in = new ContainerReader(new ByteArrayInputStream(s), config.limits());
             Decoder dec = Decoder.create(in.readSequenceHeader(), config, in.sequenceHeaderOffset())) {
            for (int i = 0; i < 3; i++) {   // I0, then B4 and B2, which fail as they start
                dec.push(in.readPacket(), in.payloadOffset());
            }
            assertEquals(1, held.size(), "only I0's work was submitted");
            held.removeFirst().run();
            Packet b1 = in.readPacket();
            BitstreamException e = assertThrows(BitstreamException.class, () -> dec.push(b1, in.payloadOffset()));
            assertEquals(185, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("POC 3 is not in the decoded picture buffer"), e.getMessage());
        }
    }

    @Test
    void malformedStreamsRaiseTheSameErrorWithThreads() throws Exception {
        List<String> checked = new ArrayList<>();
        for (MalformedStreamTest.Row r : MalformedStreamTest.table()) {
            byte[] s = Files.readAllBytes(TestPaths.malformed().resolve(r.file()));
            BitstreamException serial = assertThrows(BitstreamException.class,
                    () -> Codec.decode(s, DecoderConfig.defaults()), r.file());
            for (int threads : new int[] {2, 3}) {
                BitstreamException e = assertThrows(BitstreamException.class,
                        () -> Codec.decode(s, DecoderConfig.defaults().withThreads(threads)), r.file());
                assertEquals(serial.offset(), e.offset(), r.file() + " with " + threads + " threads: offset");
                assertEquals(serial.getMessage(), e.getMessage(), r.file() + " with " + threads + " threads");
            }
            checked.add(r.file());
        }
        assertTrue(checked.size() >= 50, checked.toString());
    }
}
