package io.inlay.bench.jmh;

import io.inlay.core.metrics.FrameQuality;

import java.util.Arrays;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Rate and quality of the frames a rate-distortion benchmark encoded, as JMH auxiliary counters
 * ({@link AuxCounters.Type#EVENTS}): {@code bitsPerFrame}, {@code psnrYuv} (dB) and
 * {@code ssimY}, each a mean over the clip's frames.
 *
 * <p>Values are first averaged per frame (display index) and then over the frames: every frame
 * weighs the same, as in the RD CSV, and the result does not depend on how many operations JMH
 * ran (each operation encodes the same sequence the same way).
 *
 * <p>JMH reports an EVENTS counter as-is (no division by operations or time) and <em>adds</em>
 * the values of all measurement iterations, threads and forks to get the score. A mean does not
 * survive that sum, so this state reports as follows:
 * <ul>
 *   <li>warmup iteration: the means over the frames encoded in that iteration (JMH leaves them
 *       out of the score);</li>
 *   <li>measurement iterations before the last: 0;</li>
 *   <li>last measurement iteration: the means over everything this thread encoded in the
 *       measurement iterations of this fork, divided by forks x threads, so that JMH's sum is
 *       the mean over forks and threads.</li>
 * </ul>
 * With one fork and one thread (the default) the score is therefore the plain per-frame mean and
 * the last iteration's line shows the same number.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class RdCounters {
    /** Per frame index: encodes counted, and the sums of their bits, PSNR-YUV and SSIM. */
    private long[] count = new long[0];
    private double[] sumBits = new double[0];
    private double[] sumPsnrYuv = new double[0];
    private double[] sumSsimY = new double[0];

    private int measurementIterations;
    private boolean report;
    private double scale;

    /** Opens an iteration; sums restart at every warmup iteration and at the first measurement one. */
    @Setup(Level.Iteration)
    public void startIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startIteration(iteration.getType() == IterationType.WARMUP, iteration.getCount(),
                benchmark.getForks(), benchmark.getThreads());
    }

    /**
     * {@link #startIteration(BenchmarkParams, IterationParams)} with the parameters spelled out:
     * {@code count} iterations of this kind, {@code forks} measured forks (0 when JMH runs in
     * its own JVM), {@code threads} threads.
     */
    void startIteration(boolean warmup, int count, int forks, int threads) {
        if (warmup) {
            reset();
            report = true;
            scale = 1;
        } else {
            if (measurementIterations == 0) {
                reset();
            }
            measurementIterations++;
            report = measurementIterations == count;
            scale = 1.0 / (Math.max(1, forks) * Math.max(1, threads));
        }
    }

    private void reset() {
        Arrays.fill(count, 0);
        Arrays.fill(sumBits, 0);
        Arrays.fill(sumPsnrYuv, 0);
        Arrays.fill(sumSsimY, 0);
    }

    /**
     * Adds one encoded frame: its index among the frames the benchmark encodes (display order),
     * its size in bits and its reconstruction's quality.
     */
    void add(int frame, long frameBits, FrameQuality quality) {
        if (frame >= count.length) {
            int n = frame + 1;
            count = Arrays.copyOf(count, n);
            sumBits = Arrays.copyOf(sumBits, n);
            sumPsnrYuv = Arrays.copyOf(sumPsnrYuv, n);
            sumSsimY = Arrays.copyOf(sumSsimY, n);
        }
        count[frame]++;
        sumBits[frame] += frameBits;
        sumPsnrYuv[frame] += quality.psnrYuv();
        sumSsimY[frame] += quality.ssimY();
    }

    /** Mean over the frames encoded at least once of each frame's mean; 0 when not reporting. */
    private double mean(double[] sums) {
        if (!report) {
            return 0;
        }
        double total = 0;
        int frames = 0;
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0) {
                total += sums[i] / count[i];
                frames++;
            }
        }
        return frames == 0 ? 0 : total / frames * scale;
    }

    /** Coded bits per frame: the frame's container unit (unit header, payload, CRC). */
    public double bitsPerFrame() {
        return mean(sumBits);
    }

    /** PSNR-YUV, (6 Y + U + V) / 8, in dB, averaged over frames. */
    public double psnrYuv() {
        return mean(sumPsnrYuv);
    }

    /** Luma SSIM averaged over frames. */
    public double ssimY() {
        return mean(sumSsimY);
    }
}
