package io.inlay.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round trips of {@link ArithmeticEncoder} through {@link ArithmeticDecoder}, and decoder robustness. */
class ArithmeticCoderTest {
    private static final int CONTEXTS = 24;

    // Symbol kinds of a scripted sequence.
    private static final int BIN = 0;
    private static final int BYPASS = 1;
    private static final int TERM0 = 2;

    /** A scripted symbol sequence: kind, context or bit count, and value. */
    private record Script(int[] kind, int[] arg, int[] val, int n) {
    }

    private static final class ScriptBuilder {
        int[] kind = new int[16];
        int[] arg = new int[16];
        int[] val = new int[16];
        int n;

        ScriptBuilder add(int k, int a, int v) {
            if (n == kind.length) {
                kind = Arrays.copyOf(kind, n * 2);
                arg = Arrays.copyOf(arg, n * 2);
                val = Arrays.copyOf(val, n * 2);
            }
            kind[n] = k;
            arg[n] = a;
            val[n] = v;
            n++;
            return this;
        }

        Script build() {
            return new Script(kind, arg, val, n);
        }
    }

    private static ContextTable table(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] iv = new int[CONTEXTS];
        int[] sh = new int[CONTEXTS];
        for (int i = 0; i < CONTEXTS; i++) {
            iv[i] = r.nextInt(64);
            sh[i] = r.nextInt(16);
        }
        return new ContextTable(iv, sh);
    }

    private static byte[] encode(Script s, ContextTable t, int qp) {
        ArithmeticEncoder enc = new ArithmeticEncoder(new ContextSet(t, qp));
        play(s, enc);
        enc.encodeTerminate(1);
        long bits = enc.bitsWritten();
        byte[] out = enc.finish();
        assertEquals((bits + 7) / 8, out.length, "bitsWritten() must predict the size");
        return out;
    }

    private static void play(Script s, SymbolWriter w) {
        for (int i = 0; i < s.n; i++) {
            switch (s.kind[i]) {
                case BIN -> w.encodeBin(s.arg[i], s.val[i]);
                case BYPASS -> w.encodeBypass(s.val[i], s.arg[i]);
                default -> w.encodeTerminate(0);
            }
        }
    }

    private static void decodeAndCheck(Script s, ContextTable t, int qp, byte[] data, String what)
            throws BitstreamException {
        // Place the data inside a larger buffer with guard bytes, to check offsets are honoured.
        byte[] buf = new byte[data.length + 6];
        Arrays.fill(buf, (byte) 0xA5);
        System.arraycopy(data, 0, buf, 3, data.length);
        ArithmeticDecoder dec = new ArithmeticDecoder(buf, 3, data.length, 1000, new ContextSet(t, qp));
        for (int i = 0; i < s.n; i++) {
            int got = switch (s.kind[i]) {
                case BIN -> dec.decodeBin(s.arg[i]);
                case BYPASS -> dec.decodeBypass(s.arg[i]);
                default -> dec.decodeTerminate();
            };
            int want = s.kind[i] == BYPASS && s.arg[i] < 32 ? s.val[i] & ((1 << s.arg[i]) - 1)
                    : s.kind[i] == TERM0 ? 0 : s.val[i];
            if (got != want) {
                fail(what + ": symbol " + i + " of " + s.n + " decoded " + got + ", expected " + want);
            }
        }
        assertEquals(1, dec.decodeTerminate(), what + ": terminate");
        dec.finish();
        assertEquals(1000 + data.length, dec.byteOffset(), what + ": all bytes consumed");
    }

    private static void roundTrip(Script s, long seed, String what) throws BitstreamException {
        ContextTable t = table(seed);
        int qp = Math.floorMod(seed, 64);
        byte[] data = encode(s, t, qp);
        decodeAndCheck(s, t, qp, data, what + " (seed " + seed + ")");
    }

    /** A skewed random source: each context has its own probability of 1, some extreme. */
    private static Script randomScript(SplittableRandom r, int n, boolean withBypass) {
        double[] p1 = new double[CONTEXTS];
        for (int c = 0; c < CONTEXTS; c++) {
            p1[c] = switch (c % 4) {
                case 0 -> r.nextDouble();
                case 1 -> r.nextDouble() * 0.05;
                case 2 -> 1 - r.nextDouble() * 0.02;
                default -> 0.5;
            };
        }
        ScriptBuilder b = new ScriptBuilder();
        for (int i = 0; i < n; i++) {
            int k = withBypass ? r.nextInt(20) : 0;
            if (k == 0 && withBypass) {
                int nb = r.nextInt(33);
                b.add(BYPASS, nb, r.nextInt());
            } else if (k == 1) {
                b.add(TERM0, 0, 0);
            } else {
                int c = r.nextInt(CONTEXTS);
                b.add(BIN, c, r.nextDouble() < p1[c] ? 1 : 0);
            }
        }
        return b.build();
    }

    @Test
    void randomSequencesOfManyLengthsRoundTrip() throws BitstreamException {
        long base = System.nanoTime();
        for (int iter = 0; iter < 400; iter++) {
            long seed = base + iter;
            SplittableRandom r = new SplittableRandom(seed);
            int n = iter < 40 ? iter : r.nextInt(iter < 350 ? 300 : 20000);
            roundTrip(randomScript(r, n, iter % 2 == 0), seed, "random n=" + n);
        }
    }

    @Test
    void bytesEqualTheBitSerialSpecificationEncoder() {
        long base = System.nanoTime();
        for (int iter = 0; iter < 200; iter++) {
            long seed = base + iter;
            SplittableRandom r = new SplittableRandom(seed);
            Script s = randomScript(r, r.nextInt(iter < 20 ? 10 : 5000), true);
            ContextTable t = table(seed);
            byte[] fast = encode(s, t, 37);
            BitSerialEncoder ref = new BitSerialEncoder(new ContextSet(t, 37));
            play(s, ref);
            ref.encodeTerminate(1);
            byte[] slow = ref.finish();
            if (!Arrays.equals(fast, slow)) {
                fail("encoder output differs from H.265 9.3.5 bit-serial encoder (seed " + seed + ", "
                        + fast.length + " vs " + slow.length + " bytes)");
            }
        }
    }

    @Test
    void adversarialSequencesRoundTrip() throws BitstreamException {
        int n = 5000;
        ScriptBuilder zeros = new ScriptBuilder();
        ScriptBuilder ones = new ScriptBuilder();
        ScriptBuilder alternating = new ScriptBuilder();
        ScriptBuilder trainedThenAgainst = new ScriptBuilder();
        ScriptBuilder bypass32 = new ScriptBuilder();
        ScriptBuilder terminateZeros = new ScriptBuilder();
        ScriptBuilder mixedExtremes = new ScriptBuilder();
        for (int i = 0; i < n; i++) {
            zeros.add(BIN, 0, 0);
            ones.add(BIN, 1, 1);
            alternating.add(BIN, 2, i & 1);
            trainedThenAgainst.add(BIN, 3, i < n / 2 ? 1 : 0);
            bypass32.add(BYPASS, 32, i % 3 == 0 ? -1 : i % 3 == 1 ? 0 : 0x8000_0001);
            terminateZeros.add(TERM0, 0, 0);
            terminateZeros.add(BIN, 4, (i >> 4) & 1);
            // Long runs against a trained context, then a single surprise, repeatedly.
            mixedExtremes.add(BIN, 5, i % 500 == 499 ? 0 : 1);
            mixedExtremes.add(BYPASS, 1, i);
        }
        Script[] scripts = {zeros.build(), ones.build(), alternating.build(), trainedThenAgainst.build(),
                bypass32.build(), terminateZeros.build(), mixedExtremes.build()};
        String[] names = {"all zeros", "all ones", "alternating", "run against trained context", "bypass 32",
                "interleaved terminate(0)", "surprises after long runs"};
        for (int s = 0; s < scripts.length; s++) {
            for (long seed = 1; seed <= 4; seed++) {
                roundTrip(scripts[s], seed, names[s]);
            }
        }
    }

    @Test
    void extremeInitialProbabilitiesRoundTrip() throws BitstreamException {
        // initValue 0 and 63 at QP 0 and 63 give preCtxState 1 and 127: the most skewed start.
        for (int iv : new int[] {0, 7, 56, 63}) {
            for (int qp : new int[] {0, 63}) {
                ContextTable t = new ContextTable(new int[] {iv, iv}, new int[] {0, 15});
                for (int pattern = 0; pattern < 4; pattern++) {
                    ScriptBuilder b = new ScriptBuilder();
                    for (int i = 0; i < 3000; i++) {
                        int bin = switch (pattern) {
                            case 0 -> 0;
                            case 1 -> 1;
                            case 2 -> i % 97 == 0 ? 1 : 0;
                            default -> i % 97 == 0 ? 0 : 1;
                        };
                        b.add(BIN, i & 1, bin);
                    }
                    Script s = b.build();
                    byte[] data = encode(s, t, qp);
                    decodeAndCheck(s, t, qp, data, "iv=" + iv + " qp=" + qp + " pattern=" + pattern);
                }
            }
        }
    }

    @Test
    void emptySequenceIsTwoBytes() throws BitstreamException {
        ContextTable t = table(1);
        byte[] data = encode(new ScriptBuilder().build(), t, 30);
        assertEquals(2, data.length);
        decodeAndCheck(new ScriptBuilder().build(), t, 30, data, "empty");
    }

    @Test
    void finishRequiresTermination() {
        ArithmeticEncoder enc = new ArithmeticEncoder(new ContextSet(4));
        enc.encodeBin(0, 1);
        assertThrows(IllegalStateException.class, enc::finish);
        enc.encodeTerminate(1);
        assertThrows(IllegalStateException.class, () -> enc.encodeBin(0, 1));
        enc.finish();
        assertThrows(IllegalStateException.class, enc::finish);
    }

    @Test
    void decoderRejectsTooShortAndForbiddenOffset() {
        ContextSet cs = new ContextSet(2);
        assertThrows(BitstreamException.class, () -> new ArithmeticDecoder(new byte[1], 0, 1, 0, cs));
        assertThrows(BitstreamException.class, () -> new ArithmeticDecoder(new byte[0], 0, 0, 0, cs));
        // ivlOffset = 510 and 511
        assertThrows(BitstreamException.class, () -> new ArithmeticDecoder(new byte[] {(byte) 0xFF, 0x00}, 0, 2, 0, cs));
        assertThrows(BitstreamException.class, () -> new ArithmeticDecoder(new byte[] {(byte) 0xFF, (byte) 0x80}, 0, 2, 0, cs));
    }

    @Test
    void decoderOnGarbageAndTruncationIsBounded() throws BitstreamException {
        long base = System.nanoTime();
        for (int iter = 0; iter < 300; iter++) {
            long seed = base + iter;
            SplittableRandom r = new SplittableRandom(seed);
            byte[] data;
            if (iter % 2 == 0) {
                data = new byte[2 + r.nextInt(64)];
                r.nextBytes(data);
                data[0] &= 0x7F;  // keep ivlOffset below 510 so decoding starts
            } else {
                Script s = randomScript(r, 200 + r.nextInt(2000), true);
                byte[] full = encode(s, table(seed), 26);
                data = Arrays.copyOf(full, 2 + r.nextInt(full.length - 1));
            }
            ArithmeticDecoder dec = new ArithmeticDecoder(data, 0, data.length, 50, new ContextSet(table(seed), 26));
            // Each symbol consumes at least 1/64 bit of range on average; with at most 2 bytes of
            // zero extension any stream fails or terminates within a bounded number of symbols.
            boolean failed = false;
            long symbols = 0;
            try {
                for (; symbols < 10_000_000; symbols++) {
                    int k = (int) (symbols % 7);
                    if (k == 6) {
                        dec.decodeBypass(32);
                    } else if (k == 5) {
                        if (dec.decodeTerminate() == 1) {
                            break;
                        }
                    } else {
                        dec.decodeBin((int) (symbols % CONTEXTS));
                    }
                }
            } catch (BitstreamException e) {
                failed = true;
                assertTrue(e.rule().contains("past the end"), e.getMessage());
                assertEquals(50 + data.length, e.offset(), "offset of the end of the payload (seed " + seed + ")");
            }
            assertTrue(failed || symbols < 10_000_000, "decoder did not stop (seed " + seed + ")");
            assertTrue(dec.byteOffset() <= 50 + data.length + ArithmeticDecoder.MAX_OVERREAD);
        }
    }

    @Test
    void finishDetectsTrailingDataAndBadStopBit() throws BitstreamException {
        ContextTable t = table(3);
        ScriptBuilder b = new ScriptBuilder();
        for (int i = 0; i < 100; i++) {
            b.add(BIN, i % CONTEXTS, (i * 7) % 3 == 0 ? 1 : 0);
        }
        Script s = b.build();
        byte[] data = encode(s, t, 22);
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        ArithmeticDecoder dec = new ArithmeticDecoder(longer, 0, longer.length, 0, new ContextSet(t, 22));
        for (int i = 0; i < s.n(); i++) {
            dec.decodeBin(s.arg()[i]);
        }
        assertEquals(1, dec.decodeTerminate());
        BitstreamException e = assertThrows(BitstreamException.class, dec::finish);
        assertTrue(e.rule().contains("follow the end"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> dec.decodeBin(0));

        // The stop bit cleared (the last 1 bit of the data), and a stray 1 after it.
        byte[] noStop = data.clone();
        int last = noStop.length - 1;
        int stop = Integer.numberOfTrailingZeros(noStop[last]);
        noStop[last] &= (byte) ~(1 << stop);
        byte[] stray = data.clone();
        if (stop > 0) {
            stray[last] |= 1;
        }
        for (byte[] bad : stop > 0 ? new byte[][] {noStop, stray} : new byte[][] {noStop}) {
            ArithmeticDecoder d = new ArithmeticDecoder(bad, 0, bad.length, 0, new ContextSet(t, 22));
            boolean failed;
            try {
                for (int i = 0; i < s.n(); i++) {
                    d.decodeBin(s.arg()[i]);
                }
                failed = d.decodeTerminate() != 1;
                if (!failed) {
                    d.finish();
                }
            } catch (BitstreamException expected) {
                failed = true;
            }
            assertTrue(failed, "damaged end of data accepted");
        }
        ArithmeticDecoder fresh = new ArithmeticDecoder(data, 0, data.length, 0, new ContextSet(t, 22));
        assertThrows(IllegalStateException.class, fresh::finish);
    }
}
