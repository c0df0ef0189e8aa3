package io.inlay.core.syntax;

import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.bitstream.SymbolReader;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.io.VideoFiles;
import io.inlay.core.io.VideoReader;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Derives the context initialisation table ({@link Contexts#TABLE}) from statistics: encodes the
 * given clips at QPs 22..42, re-parses the streams counting each context's bins, and fits
 * {@code initValue} (slope and offset of H.266 §9.3.2.2's linear model in QP) to the observed
 * probability of a one in the first bins of each frame. Deterministic for the same inputs.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.syntax.ContextInitTrainer
 * intra|inter FRAMES SKIP CLIP...} (docs/rdo.md, "Context initialisation"). Prints the table in
 * Java syntax.
 */
public final class ContextInitTrainer {
    private static final int[] QPS = {22, 27, 32, 37, 42};
    /**
     * Only the first bins of each context in each frame count: initialisation matters there
     * ({@code -Dinlay.earlyBins=N} to count more, e.g. for usage statistics).
     */
    private static final int EARLY_BINS = Integer.getInteger("inlay.earlyBins", 48);

    /**
     * With {@code -Dinlay.lipModel=FILE} the encodes use learned intra prediction with that model
     * (the contexts of {@code lip_flag} only have bins then).
     */
    private static final LearnedIntraModel LEARNED_INTRA = learnedIntraModel();

    private static LearnedIntraModel learnedIntraModel() {
        String f = System.getProperty("inlay.lipModel");
        try {
            return f == null ? null : LearnedIntraModel.parse(java.nio.file.Files.readAllBytes(Path.of(f)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final long[][] ones = new long[QPS.length][Contexts.COUNT];
    private final long[][] total = new long[QPS.length][Contexts.COUNT];

    private final boolean inter;
    private DecodedPictureBuffer dpb;

    private ContextInitTrainer(boolean inter) {
        this.inter = inter;
    }

    /**
     * Arguments: {@code intra|inter FRAMES SKIP CLIP...}: the intra table from all-intra encodes,
     * or the P/B table from the inter frames of random-access encodes, of FRAMES frames of each
     * clip after skipping its first SKIP frames.
     */
    public static void main(String[] args) throws Exception {
        ContextInitTrainer t = new ContextInitTrainer(args[0].equals("inter"));
        int frames = Integer.parseInt(args[1]);
        int skip = Integer.parseInt(args[2]);
        for (int i = 3; i < args.length; i++) {
            for (int q = 0; q < QPS.length; q++) {
                t.collect(Path.of(args[i]), frames, skip, q);
            }
        }
        t.print();
    }

    private void collect(Path clip, int frames, int skip, int qpIndex) throws Exception {
        try (VideoReader r = VideoFiles.openReader(clip, null)) {
            Picture p = r.format().allocatePicture(0);
            for (int f = 0; f < skip && r.read(p); f++) {
                // skipped
            }
            EncoderConfig.Builder b = EncoderConfig.builder(p.width(), p.height()).bitDepth(p.bitDepth())
                    .qp(QPS[qpIndex]).gop(inter ? GopStructure.RANDOM_ACCESS : GopStructure.ALL_INTRA);
            if (LEARNED_INTRA != null) {
                b.learnedIntra(true).learnedIntraModel(LEARNED_INTRA);
            }
            Encoder enc = Encoder.create(b.build());
            int w = CodedPicture.codedSize(p.width());
            int h = CodedPicture.codedSize(p.height());
            dpb = new DecodedPictureBuffer(w, h, p.bitDepth(), p.chromaFormat());
            for (int f = 0; f < frames && r.read(p); f++) {
                enc.push(p);
                for (Packet k; (k = enc.pull()) != null; ) {
                    count(k, w, h, qpIndex);
                }
            }
            enc.flush();
            for (Packet k; (k = enc.pull()) != null; ) {
                count(k, w, h, qpIndex);
            }
        }
    }

    /**
     * Re-parses one frame (symbols only; parsing needs the motion of earlier frames, not their
     * samples) through a reader that counts bins per context, for the frames of the table's kind.
     */
    private void count(Packet packet, int w, int h, int qpIndex) throws BitstreamException {
        byte[] payload = packet.payload();
        FrameHeader header = FrameHeader.read(new BitReader(payload, 0, payload.length, 0), false);
        ReferenceLists refs = dpb.startFrame(packet.frameType(), packet.poc(), header, 0);
        boolean counted = refs.isInter() == inter;
        int start = header.sizeInBytes(false);
        ContextSet ctx = new ContextSet(Contexts.table(refs.isInter()), header.frameQp());
        ArithmeticDecoder ad = new ArithmeticDecoder(payload, start, payload.length - start, start, ctx);
        int[] seen = new int[Contexts.COUNT];
        SymbolReader counting = new SymbolReader() {
            @Override
            public int decodeBin(int c) throws BitstreamException {
                int bin = ad.decodeBin(c);
                if (counted && seen[c]++ < EARLY_BINS) {
                    ones[qpIndex][c] += bin;
                    total[qpIndex][c]++;
                }
                return bin;
            }

            @Override
            public int decodeBypass(int numBits) throws BitstreamException {
                return ad.decodeBypass(numBits);
            }

            @Override
            public int decodeTerminate() throws BitstreamException {
                return ad.decodeTerminate();
            }

            @Override
            public ContextSet contexts() {
                return ctx;
            }

            @Override
            public long byteOffset() {
                return ad.byteOffset();
            }
        };
        FrameMaps maps = new FrameMaps(w, h);
        maps.startFrame(refs);
        maps.setLearnedIntraModel(LEARNED_INTRA);
        DeblockingMap db = new DeblockingMap(w, h);
        CtuCoefficients co = new CtuCoefficients();
        CodingTreeParser parser = new CodingTreeParser();
        parser.setLearnedIntra(LEARNED_INTRA != null);
        QpState qs = new QpState(header.cuQpDeltaEnabled(), header.frameQp());
        int ctu = 1 << FrameMaps.CTU_LOG2;
        for (int y = 0; y < h; y += ctu) {
            for (int x = 0; x < w; x += ctu) {
                qs.startGroup();
                parser.codingQuadtree(counting, maps, db, co, qs, x, y, x, y, FrameMaps.CTU_LOG2, 0);
                counting.decodeTerminate();
            }
        }
        DecodedPictureBuffer.complete(dpb.reserve(packet.poc(), refs, p -> false), maps);
    }

    /** Fits initValue per context: least squares over QPs of the model's state against the data. */
    private void print() {
        StringBuilder sb = new StringBuilder("        int[] init = {");
        for (int c = 0; c < Contexts.COUNT; c++) {
            int best = 35; // no data: the neutral value
            double bestErr = Double.MAX_VALUE;
            long seenBins = 0;
            for (long[] row : total) {
                seenBins += row[c];
            }
            for (int iv = 0; iv < 64 && seenBins > 0; iv++) {
                int m = (iv >> 3) - 4;
                int n = (iv & 7) * 18 + 1;
                double err = 0;
                for (int q = 0; q < QPS.length; q++) {
                    if (total[q][c] == 0) {
                        continue;
                    }
                    double p = (ones[q][c] + 0.5) / (total[q][c] + 1.0);
                    int pre = Math.max(1, Math.min(127, ((m * (QPS[q] - 16)) >> 1) + n));
                    double pm = pre / 128.0;
                    // expected extra bits per bin of coding with pm instead of p (KL divergence)
                    err += total[q][c] * (p * Math.log(p / pm) + (1 - p) * Math.log((1 - p) / (1 - pm)));
                }
                if (err < bestErr - 1e-12) {
                    bestErr = err;
                    best = iv;
                }
            }
            sb.append(c % 16 == 0 ? "\n            " : " ").append(best).append(',');
        }
        sb.append("\n        };");
        System.out.println(sb);
        long bins = 0;
        for (long[] row : total) {
            for (long v : row) {
                bins += v;
            }
        }
        System.out.println(String.format(Locale.ROOT, "// from %d early bins", bins));
        if (LEARNED_INTRA != null) {
            for (int c = Contexts.LIP_FLAG; c < Contexts.LIP_FLAG + 3; c++) {
                StringBuilder line = new StringBuilder("// lip_flag ctxInc " + (c - Contexts.LIP_FLAG) + ": ones/bins per QP");
                for (int q = 0; q < QPS.length; q++) {
                    line.append(' ').append(ones[q][c]).append('/').append(total[q][c]);
                }
                System.out.println(line);
            }
        }
    }
}
