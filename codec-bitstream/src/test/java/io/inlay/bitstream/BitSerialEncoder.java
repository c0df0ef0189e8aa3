package io.inlay.bitstream;

/**
 * A literal, bit-serial transcription of the encoding flowcharts of H.265 §9.3.5 (InitEncoder,
 * EncodeDecision, RenormE, PutBit, EncodeBypass, EncodeTerminate, EncodeFlush) with the H.266
 * range derivation: the test oracle for the byte-oriented {@link ArithmeticEncoder}.
 */
final class BitSerialEncoder implements SymbolWriter {
    private final ContextSet contexts;
    private final BitWriter out = new BitWriter();
    private int ivlLow = 0;
    private int ivlCurrRange = 510;
    private boolean firstBitFlag = true;
    private int bitsOutstanding = 0;

    BitSerialEncoder(ContextSet contexts) {
        this.contexts = contexts;
    }

    @Override
    public ContextSet contexts() {
        return contexts;
    }

    @Override
    public void encodeBin(int ctx, int binVal) {
        int pState = contexts.state(ctx);
        int valMps = pState >> 14;
        int qRangeIdx = ivlCurrRange >> 5;
        int ivlLpsRange = ((qRangeIdx * ((valMps == 1 ? 32767 - pState : pState) >> 9)) >> 1) + 4;
        ivlCurrRange -= ivlLpsRange;
        if (binVal != valMps) {
            ivlLow += ivlCurrRange;
            ivlCurrRange = ivlLpsRange;
        }
        contexts.update(ctx, binVal);
        renormE();
    }

    @Override
    public void encodeBypass(int value, int numBits) {
        for (int i = numBits - 1; i >= 0; i--) {
            int binVal = (value >>> i) & 1;
            ivlLow <<= 1;
            if (binVal != 0) {
                ivlLow += ivlCurrRange;
            }
            if (ivlLow >= 1024) {
                putBit(1);
                ivlLow -= 1024;
            } else if (ivlLow < 512) {
                putBit(0);
            } else {
                ivlLow -= 512;
                bitsOutstanding++;
            }
        }
    }

    @Override
    public void encodeTerminate(int binVal) {
        ivlCurrRange -= 2;
        if (binVal != 0) {
            ivlLow += ivlCurrRange;
            // EncodeFlush
            ivlCurrRange = 2;
            renormE();
            putBit((ivlLow >> 9) & 1);
            out.writeBits(((ivlLow >> 7) & 3) | 1, 2);
        } else {
            renormE();
        }
    }

    byte[] finish() {
        out.alignZero();
        return out.toByteArray();
    }

    private void renormE() {
        while (ivlCurrRange < 256) {
            if (ivlLow < 256) {
                putBit(0);
            } else if (ivlLow >= 512) {
                ivlLow -= 512;
                putBit(1);
            } else {
                ivlLow -= 256;
                bitsOutstanding++;
            }
            ivlCurrRange <<= 1;
            ivlLow <<= 1;
        }
    }

    private void putBit(int b) {
        if (firstBitFlag) {
            firstBitFlag = false;
        } else {
            out.writeBits(b, 1);
        }
        while (bitsOutstanding > 0) {
            out.writeBits(1 - b, 1);
            bitsOutstanding--;
        }
    }
}
