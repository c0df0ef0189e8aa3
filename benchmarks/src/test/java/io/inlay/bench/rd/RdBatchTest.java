package io.inlay.bench.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.cli.rd.RdPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdBatchTest {
    private static RdResult point(int qp) {
        return new RdResult(new RdPoint("x", "c", "clip", qp, 100, 1, 25, 40, 40, 40, 40, 1, 0.01, 0.01), false);
    }

    @Test
    void resultsComeBackInJobOrderWithProgress() throws Exception {
        List<RdBatch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int qp = i;
            // Later jobs are shorter and estimated longer: they start first and finish first.
            jobs.add(new RdBatch.Job("job " + i, "k", i, () -> {
                Thread.sleep(5 * (6 - qp));
                return point(qp);
            }));
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RdResult> r = new RdBatch(2, new PrintStream(progress, true, StandardCharsets.UTF_8)).run(jobs);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), r.stream().map(x -> x.point().qp()).toList());
        String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("rd: [0/6] 0:00 elapsed, ETA "), text);
        assertTrue(text.contains("start job 5") && text.contains("done  job 0: 0.1 kB, PSNR-YUV 40.00 dB"), text);
        assertTrue(text.contains("[6/6]"), text);
    }

    @Test
    void firstFailureStopsTheBatchNamingTheJob() {
        List<RdBatch.Job> jobs = List.of(new RdBatch.Job("good", "k", 1, () -> point(1)),
                new RdBatch.Job("bad clip qp 2", "k", 2, () -> {
                    throw new IOException("decoder said no");
                }));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        RdBatch.BatchException e = assertThrows(RdBatch.BatchException.class, () -> new RdBatch(1, sink).run(jobs));
        assertEquals("bad clip qp 2: decoder said no", e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }

    @Test
    void clock() {
        assertEquals("0:07", RdBatch.clock(7.4));
        assertEquals("12:05", RdBatch.clock(725));
        assertEquals("1:00:01", RdBatch.clock(3601));
    }
}
