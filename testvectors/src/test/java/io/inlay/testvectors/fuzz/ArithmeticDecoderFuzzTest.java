package io.inlay.testvectors.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.ArithmeticEncoder;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;

/**
 * Fuzz targets on the arithmetic decoding engine ({@code docs/bitstream/arithmetic-coding.md}):
 * any data under any sequence of decoding calls ends in symbols or {@link BitstreamException} with
 * an offset within the data (plus the allowed over-read), and a sequence of symbols coded by
 * {@link ArithmeticEncoder} decodes to the same symbols with {@code finish()} accepting the end.
 *
 * <p>The input is read with {@link FuzzedDataProvider}: the calls from its end, the data from
 * what remains at its front (so frame payloads make useful seeds).
 */
class ArithmeticDecoderFuzzTest {
    private static final int CONTEXTS = 16;
    private static final int MAX_CALLS = 4096;
    private static final long BASE = 1000;

    /** Arbitrary data under an arbitrary sequence of decodeBin / decodeBypass / decodeTerminate calls. */
    @FuzzTest(maxDuration = "5m")
    void decodeSymbols(FuzzedDataProvider in) throws Throwable {
        int calls = in.consumeInt(0, MAX_CALLS);
        int[] ops = new int[calls];
        for (int i = 0; i < calls; i++) {
            ops[i] = in.consumeInt(0, 40);   // 0..31 a context, 32..39 bypass of 0..32 bits, 40 terminate
        }
        byte[] data = in.consumeRemainingAsBytes();
        FuzzSupport.run(() -> {
            try {
                ArithmeticDecoder d = new ArithmeticDecoder(data, 0, data.length, BASE, new ContextSet(CONTEXTS));
                long last = d.byteOffset();
                for (int op : ops) {
                    if (op < 32) {
                        d.decodeBin(op % CONTEXTS);
                    } else if (op < 40) {
                        d.decodeBypass((op - 32) * 4 + (op & 1));
                    } else if (d.decodeTerminate() == 1) {
                        d.finish();
                        return;
                    }
                    if (d.byteOffset() < last || d.byteOffset() > BASE + data.length + ArithmeticDecoder.MAX_OVERREAD) {
                        throw new AssertionError("byteOffset " + d.byteOffset() + " after " + last + ", data "
                                + data.length + " bytes at " + BASE);
                    }
                    last = d.byteOffset();
                }
            } catch (BitstreamException e) {
                if (e.offset() < BASE || e.offset() > BASE + data.length) {
                    throw new AssertionError("offset " + e.offset() + " outside the data " + BASE + ".."
                            + (BASE + data.length) + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /** Symbols coded by the encoder decode to themselves, and the coded data ends exactly where finish() says. */
    @FuzzTest(maxDuration = "5m")
    void encodeThenDecode(FuzzedDataProvider in) throws Throwable {
        int n = in.consumeInt(0, MAX_CALLS);
        int[] kind = new int[n];
        int[] arg = new int[n];
        int[] value = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = in.consumeInt(0, 2);                      // 0 bin, 1 bypass, 2 terminate(0)
            arg[i] = kind[i] == 0 ? in.consumeInt(0, CONTEXTS - 1) : kind[i] == 1 ? in.consumeInt(0, 32) : 0;
            value[i] = kind[i] == 0 ? (in.consumeBoolean() ? 1 : 0)
                    : kind[i] == 1 ? (arg[i] == 32 ? in.consumeInt() : arg[i] == 0 ? 0 : in.consumeInt(0, (1 << arg[i]) - 1))
                    : 0;
        }
        FuzzSupport.run(() -> {
            ArithmeticEncoder e = new ArithmeticEncoder(new ContextSet(CONTEXTS));
            for (int i = 0; i < n; i++) {
                switch (kind[i]) {
                    case 0 -> e.encodeBin(arg[i], value[i]);
                    case 1 -> e.encodeBypass(value[i], arg[i]);
                    default -> e.encodeTerminate(0);
                }
            }
            e.encodeTerminate(1);
            byte[] data = e.finish();
            ArithmeticDecoder d = new ArithmeticDecoder(data, 0, data.length, BASE, new ContextSet(CONTEXTS));
            for (int i = 0; i < n; i++) {
                int got = switch (kind[i]) {
                    case 0 -> d.decodeBin(arg[i]);
                    case 1 -> d.decodeBypass(arg[i]);
                    default -> d.decodeTerminate();
                };
                if (got != value[i]) {
                    throw new AssertionError("symbol " + i + " of " + n + " (kind " + kind[i] + ", arg " + arg[i]
                            + ") coded as " + value[i] + " decodes as " + got);
                }
            }
            if (d.decodeTerminate() != 1) {
                throw new AssertionError("the final terminate bin does not decode as 1");
            }
            d.finish();
        });
    }
}
