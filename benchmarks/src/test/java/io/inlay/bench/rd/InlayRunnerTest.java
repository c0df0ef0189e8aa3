package io.inlay.bench.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.cli.rd.RdPoint;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.io.VideoFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InlayRunnerTest {
    @TempDir
    Path dir;

    @Test
    void encodesDecodesChecksAndMeasures() throws Exception {
        Clip clip = Clip.open(TestClips.write(dir.resolve("tiny_72x40.y4m"), 72, 40, 4, 1), 3);
        assertEquals("tiny_72x40", clip.name());
        assertEquals(3, clip.frames(), "only the frames asked for");
        RdResult hi = new InlayRunner().run(clip, InlayConfig.ALL_INTRA, 22);
        RdResult lo = new InlayRunner().run(clip, InlayConfig.ALL_INTRA, 40);
        RdPoint p = hi.point();
        assertFalse(hi.cached());
        assertEquals("inlay", p.codec());
        assertEquals("all-intra", p.config());
        assertEquals(3, p.frames());
        assertEquals(25.0, p.fps());
        assertTrue(p.psnrYuv() > lo.point().psnrYuv() + 3, p + " vs " + lo.point());
        assertTrue(p.bytes() > lo.point().bytes());
        assertTrue(p.psnrY() > 35 && p.ssim() > 0.9, p.toString());
        assertEquals((6 * p.psnrY() + p.psnrU() + p.psnrV()) / 8, p.psnrYuv(), 1e-9);
        assertTrue(p.encodeSeconds() > 0 && p.decodeSeconds() > 0);
    }

    /**
     * Random access codes out of display order and low delay from earlier pictures; the runner
     * pairs decoded pictures with reconstructions and sources in display order either way.
     */
    @Test
    void interConfigurationsRoundTripInDisplayOrder() throws Exception {
        Clip clip = Clip.open(TestClips.write(dir.resolve("move_48x32.y4m"), 48, 32, 10, 5), 10);
        RdPoint intra = new InlayRunner().run(clip, InlayConfig.ALL_INTRA, 32).point();
        for (InlayConfig c : List.of(InlayConfig.RANDOM_ACCESS, InlayConfig.LOW_DELAY)) {
            RdPoint p = new InlayRunner().run(clip, c, 32).point();
            assertEquals(c.name(), p.config());
            assertEquals(10, p.frames());
            // Frames 1..9 differ from frame 0 by a moving edge: prediction from it must pay off.
            assertTrue(p.bytes() < intra.bytes(), p + " vs all-intra " + intra);
            assertTrue(p.psnrY() > 30, p.toString());
        }
    }

    @Test
    void configurationsAndTheirKeyFrameIntervals() {
        assertEquals(List.of("all-intra", "random-access", "low-delay", "all-intra-no-nlf", "random-access-no-nlf",
                "low-delay-no-nlf"), List.copyOf(InlayConfig.KNOWN.keySet()));
        VideoFormat f = VideoFormat.of(64, 48, 8);
        for (InlayConfig c : InlayConfig.KNOWN.values()) {
            EncoderConfig e = c.builder(f, 30).build();
            assertEquals(c.keyint(), e.keyint(), c.name());
            assertEquals(30, e.qp());
            if (c.name().endsWith("-no-nlf")) {
                assertFalse(e.neuralFilter(), c.name());
            }
        }
        assertEquals(GopStructure.ALL_INTRA, InlayConfig.ALL_INTRA.builder(f, 30).build().gop());
        EncoderConfig ra = InlayConfig.RANDOM_ACCESS.builder(f, 30).build();
        assertEquals(GopStructure.RANDOM_ACCESS, ra.gop());
        assertEquals(64, ra.keyint());
        assertEquals(8, ra.gopSize());
        EncoderConfig ld = InlayConfig.LOW_DELAY.builder(f, 30).build();
        assertEquals(GopStructure.LOW_DELAY, ld.gop());
        assertEquals(64, ld.keyint());
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.of("ra"));
    }

    /** Anchors run once per key-frame interval; each configuration is compared with its own. */
    @Test
    void planPairsConfigurationsWithAnchorsOfTheirKeyFrameInterval() throws Exception {
        Clip a = Clip.open(TestClips.write(dir.resolve("a.y4m"), 16, 16, 1, 3), 1);
        RdPlan plan = new RdPlan(List.of(a), List.of(InlayConfig.RANDOM_ACCESS, InlayConfig.ALL_INTRA,
                InlayConfig.LOW_DELAY), List.of(AnchorCodec.X264, AnchorCodec.X265), List.of("medium", "slower"), 1,
                List.of(32));
        assertEquals(List.of("medium-ki64", "medium", "slower-ki64", "slower"),
                plan.anchorSettings().stream().map(AnchorSettings::config).toList());
        List<String> pairs = plan.pairs().stream().map(p -> p.test() + " vs " + p.anchor()).toList();
        assertEquals(List.of(
                "inlay/random-access vs x264/medium-ki64", "inlay/random-access vs x264/slower-ki64",
                "inlay/random-access vs x265/medium-ki64", "inlay/random-access vs x265/slower-ki64",
                "inlay/all-intra vs x264/medium", "inlay/all-intra vs x264/slower",
                "inlay/all-intra vs x265/medium", "inlay/all-intra vs x265/slower",
                "inlay/low-delay vs x264/medium-ki64", "inlay/low-delay vs x264/slower-ki64",
                "inlay/low-delay vs x265/medium-ki64", "inlay/low-delay vs x265/slower-ki64"), pairs);
    }

    @Test
    void mismatchFailsLoudlyNamingTheSample() throws Exception {
        Clip clip = Clip.open(TestClips.write(dir.resolve("c.y4m"), 24, 16, 1, 2), 1);
        Picture a = clip.readFrames().getFirst();
        Picture b = a.copy(0);
        InlayRunner.checkSameSamples(a, b, "same");
        b.plane(2).set(5, 3, b.plane(2).get(5, 3) ^ 1);
        InlayRunner.ReconstructionMismatchException e = assertThrows(InlayRunner.ReconstructionMismatchException.class,
                () -> InlayRunner.checkSameSamples(a, b, "clip c frame 0"));
        assertTrue(e.getMessage().contains("clip c frame 0") && e.getMessage().contains("plane V at (5, 3)"),
                e.getMessage());
        assertThrows(InlayRunner.ReconstructionMismatchException.class,
                () -> InlayRunner.checkSameSamples(null, b, "missing reconstruction"));
    }

    /** Two workers or one, any completion order: the same rows (times aside), in job order. */
    @Test
    void rowsDoNotDependOnParallelism() throws Exception {
        Clip a = Clip.open(TestClips.write(dir.resolve("a.y4m"), 40, 24, 2, 3), 2);
        Clip b = Clip.open(TestClips.write(dir.resolve("b.y4m"), 32, 32, 2, 4), 2);
        RdPlan plan = new RdPlan(List.of(a, b), List.of(InlayConfig.ALL_INTRA), List.of(), List.of("medium"), 1,
                List.of(27, 37));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<String> one = rows(new RdBatch(1, sink).run(plan.jobs(new InlayRunner(), null)));
        List<String> two = rows(new RdBatch(2, sink).run(plan.jobs(new InlayRunner(), null)));
        assertEquals(one, two);
        assertEquals(List.of("a/27", "a/37", "b/27", "b/37"), one.stream().map(s -> s.substring(0, s.indexOf(' '))).toList());
    }

    private static List<String> rows(List<RdResult> results) {
        List<String> out = new ArrayList<>();
        for (RdResult r : results) {
            RdPoint p = r.point();
            out.add(p.clip() + "/" + p.qp() + " " + p.bytes() + " " + p.psnrY() + " " + p.psnrU() + " " + p.psnrV() + " "
                    + p.ssim());
        }
        return out;
    }
}
