package io.inlay.testvectors.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.inlay.bitstream.BitstreamException;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.function.Executable;

/**
 * What the fuzz targets share: the acceptance rule (success or the typed exception with a sane
 * offset; anything else propagates and is a finding), a per-input allocation bound, a hang guard
 * for regression runs, and a CRC fix-up so that mutations reach the parsers behind the CRC.
 */
final class FuzzSupport {
    private FuzzSupport() {
    }

    /** True in a fuzzing campaign ({@code JAZZER_FUZZ} set), false in a regression run. */
    static final boolean FUZZING = set(System.getenv("JAZZER_FUZZ")) || set(System.getProperty("JAZZER_FUZZ"));

    /** Longest a single input may take in a regression run. */
    private static final Duration REGRESSION_TIMEOUT = Duration.ofSeconds(20);

    private static boolean set(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /**
     * Runs one input. In a regression run under a preemptive timeout, so that a hang fails the
     * test; while fuzzing directly on the fuzzer's thread (libFuzzer's {@code -timeout} reports
     * hangs, see testvectors/README.md).
     */
    static void run(Executable body) throws Throwable {
        if (FUZZING) {
            body.execute();
        } else {
            assertTimeoutPreemptively(REGRESSION_TIMEOUT, body, "no result within " + REGRESSION_TIMEOUT + " (hang?)");
        }
    }

    /** Bytes allocated by the current thread so far. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code body} and fails when it allocates more than the bound it returns (in bytes)
     * on the current thread three times in a row. Code that has not been compiled yet allocates
     * far more than it will (the Vector API kernels box every vector until C2 compiles them: the
     * first decode in a JVM can allocate hundreds of MB), so a single excess is retried; an
     * allocation that depends on the input stays.
     */
    static void requireAllocationWithin(String what, AllocationBound body) throws Throwable {
        long min = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = allocatedBytes();
            long limit = body.run();
            long used = allocatedBytes() - before;
            if (used <= limit) {
                return;
            }
            min = Math.min(min, used);
            if (attempt == 2) {
                throw new AssertionError(what + ": allocated at least " + min
                        + " bytes in three runs, the bound is " + limit);
            }
        }
    }

    /** One run of a fuzz target's work, which returns the allocation it may make. */
    interface AllocationBound {
        long run() throws Throwable;
    }

    /**
     * A typed rejection is acceptable when its offset lies within the input (or one past its end,
     * where truncation is detected) and its message has the documented form.
     */
    static void requireSaneOffset(BitstreamException e, long length) {
        if (e.offset() < 0 || e.offset() > length) {
            throw new AssertionError("offset " + e.offset() + " outside 0.." + length + ": " + e.getMessage(), e);
        }
        if (!e.getMessage().equals("at byte " + e.offset() + ": " + e.rule()) || e.rule().isEmpty()) {
            throw new AssertionError("malformed message: " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code p} has the given geometry and every sample is within its bit depth. */
    static void requireWellFormed(Picture p, int width, int height, int bitDepth) {
        if (p.width() != width || p.height() != height || p.bitDepth() != bitDepth) {
            throw new AssertionError("picture " + p.width() + "x" + p.height() + " " + p.bitDepth()
                    + "-bit, the stream says " + width + "x" + height + " " + bitDepth + "-bit");
        }
        int max = p.maxValue();
        for (int c = 0; c < p.planeCount(); c++) {
            Plane pl = p.plane(c);
            for (int y = 0; y < pl.height(); y++) {
                for (int x = 0; x < pl.width(); x++) {
                    int v = pl.get(x, y);
                    if (v < 0 || v > max) {
                        throw new AssertionError("plane " + c + " sample (" + x + "," + y + ") = " + v + " outside 0.." + max);
                    }
                }
            }
        }
    }

    /**
     * {@code s} with the CRC of every unit recomputed, walking the container layout leniently
     * (docs/bitstream/container.md: an 8-byte file header, then units of {@code unit_type},
     * {@code unit_size} leb128, body, CRC-32C). Where the layout breaks (a size running past the
     * end, an over-long size), the rest is kept as it is. Mutations then reach the parsers behind
     * the CRC check instead of being rejected by it.
     */
    static byte[] withValidCrcs(byte[] s) {
        byte[] t = s.clone();
        int pos = 8;
        CRC32C crc = new CRC32C();
        while (pos < t.length) {
            int start = pos++;
            long size = 0;
            boolean ok = false;
            for (int i = 0; i < 5 && pos < t.length; i++) {
                int b = t[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    ok = true;
                    break;
                }
            }
            if (!ok || size > t.length - pos - 4L) {
                break;
            }
            pos += (int) size;
            crc.reset();
            crc.update(t, start, pos - start);
            int c = (int) crc.getValue();
            t[pos] = (byte) (c >>> 24);
            t[pos + 1] = (byte) (c >>> 16);
            t[pos + 2] = (byte) (c >>> 8);
            t[pos + 3] = (byte) c;
            pos += 4;
        }
        return t;
    }
}
