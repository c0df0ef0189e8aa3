package io.inlay.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Encoder progress on stderr: a line updated in place with {@code \r} (frame n/N, fps, kbit/s,
 * ETA) when live, and a summary line at the end in every case.
 */
final class Progress {
    private static final long UPDATE_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final long totalFrames;
    private final double frameRate;
    private final long start = System.nanoTime();
    private long lastUpdate;
    private boolean drawn;
    private int lastWidth;

    /**
     * @param live        whether to draw the in-place line
     * @param totalFrames frames expected, or -1 when unknown (no ETA then)
     * @param frameRate   the video's frame rate, for kbit/s
     */
    Progress(PrintWriter err, boolean live, long totalFrames, double frameRate) {
        this.err = err;
        this.live = live;
        this.totalFrames = totalFrames;
        this.frameRate = frameRate;
    }

    /** Called after each frame; draws at most five times a second. */
    void update(long frames, long bytes) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastUpdate < UPDATE_NANOS && frames != totalFrames) {
            return;
        }
        lastUpdate = now;
        drawn = true;
        double seconds = (now - start) / 1e9;
        double fps = seconds > 0 ? frames / seconds : 0;
        StringBuilder sb = new StringBuilder();
        sb.append("frame ").append(frames);
        if (totalFrames > 0) {
            sb.append('/').append(totalFrames);
        }
        sb.append(String.format(Locale.ROOT, "  %.2f fps  %.1f kbit/s", fps, kbps(bytes, frames)));
        if (totalFrames > 0 && fps > 0) {
            long eta = Math.round(Math.max(0, totalFrames - frames) / fps);
            sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        int width = sb.length();
        while (sb.length() < lastWidth) {
            sb.append(' ');
        }
        lastWidth = width;
        err.print("\r" + sb);
        err.flush();
    }

    /** Erases the live line, if drawn (before an error message). */
    void clear() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    /** Ends the live line and prints {@code inlay: <verb> N frames, B bytes, K kbit/s, F fps}. */
    void finish(String verb, long frames, long bytes) {
        double seconds = (System.nanoTime() - start) / 1e9;
        clear();
        err.println(String.format(Locale.ROOT, "inlay: %s %d frames, %d bytes, %.1f kbit/s, %.2f fps (%.2f s)",
                verb, frames, bytes, kbps(bytes, frames), seconds > 0 ? frames / seconds : 0, seconds));
        err.flush();
    }

    private double kbps(long bytes, long frames) {
        return frames > 0 ? bytes * 8.0 * frameRate / frames / 1000 : 0;
    }
}
