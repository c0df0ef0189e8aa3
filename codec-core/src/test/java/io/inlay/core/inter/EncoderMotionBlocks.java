package io.inlay.core.inter;

import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.BitReader;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Encoder;
import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Picture;
import io.inlay.core.Plane;
import io.inlay.core.Preset;
import io.inlay.core.codec.RdProbe;
import io.inlay.core.io.VideoFormat;
import io.inlay.core.kernels.Kernels;
import io.inlay.core.kernels.SubpelInterpolation;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.DecodedPictureBuffer;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.syntax.CodingTree;
import io.inlay.core.syntax.CodingTreeParser;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.CtuCoefficients;
import io.inlay.core.syntax.QpState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training blocks from the encoder's own motion (docs/learned-inter.md, "Training", lif2): the
 * first frames of a clip are encoded in random access (preset slow, deblocking on, no neural
 * filter, one thread) at each QP, the streams re-parsed (symbols only, as {@code ContextInitTrainer}
 * does) to read each CU's motion, and every uni-predicted AMVP CU with a fractional luma vector
 * becomes a block: its original samples as the target and the (n + 7) x (n + 7) window of the
 * encoder's reconstruction of its reference picture around the vector's integer part. CUs whose
 * window leaves the picture (the encoder's reference then holds padding) and outliers (mean squared
 * error with H.265's filters above {@code maxMse}) are dropped. Bi-predicted CUs are not used (their
 * prediction averages two windows), unless {@link #BI}.
 */
final class EncoderMotionBlocks {
    private EncoderMotionBlocks() {
    }

    /**
     * Adds the blocks of the first {@code frames} frames of {@code clip}, encoded at each of
     * {@code qps}, to {@code out}; with {@code inLoop} non-null the encodes use learned inter
     * interpolation with that model (its AMVP CUs are collected whatever set they chose).
     */
    static void collect(Path clip, int frames, int[] qps, LearnedInterModel inLoop, double maxMse,
                        List<LearnedInterTrainer.Block> out) throws IOException, BitstreamException {
        String name = clip.getFileName().toString().replace(".y4m", "");
        int[] skipped = new int[3];   // bi-predicted, window outside, outlier
        int[] before = new int[1];
        encodeAndParse(clip, frames, qps, inLoop, (qp, refs, maps, src, recons) -> {
            if (refs == null) {
                System.out.printf(Locale.ROOT, "%s qp %d: %d blocks (skipped: %d bi-predicted, %d at the edge, %d outliers)%n",
                        name, qp, out.size() - before[0], skipped[0], skipped[1], skipped[2]);
                before[0] = out.size();
                java.util.Arrays.fill(skipped, 0);
                return;
            }
            blocks(refs, maps, src, recons, maxMse, out, skipped);
        });
    }

    /** What {@link #encodeAndParse} hands over per inter frame (and once more per QP, with null refs and maps). */
    interface FrameVisitor {
        void frame(int qp, ReferenceLists refs, FrameMaps maps, Picture org, List<Picture> recons);
    }

    /**
     * Encodes the first {@code frames} frames of {@code clip} at each of {@code qps} (random access,
     * preset slow, one thread, the neural filter as {@link #NLF}, learned interpolation with
     * {@code inLoop} when non-null), re-parses each stream and calls {@code v} for every inter frame
     * with its reference lists, its parsed maps (motion, CU sizes, merge flags), its original and the
     * encoder's reconstructions (display order); after each QP once with null refs and maps.
     */
    static void encodeAndParse(Path clip, int frames, int[] qps, LearnedInterModel inLoop, FrameVisitor v)
            throws IOException, BitstreamException {
        RdProbe.Clip c = RdProbe.Clip.read(clip.toString(), frames);
        List<Picture> src = c.frames();
        VideoFormat f = c.format();
        for (int qp : qps) {
            EncoderConfig.Builder b = EncoderConfig.builder(f.width(), f.height()).bitDepth(f.bitDepth())
                    .chromaFormat(f.chromaFormat()).qp(qp).gop(GopStructure.RANDOM_ACCESS).keepReconstruction(true)
                    .threads(1).preset(Preset.of("slow"))
                    // -Dinlay.lifNlf=true: references filtered by the neural loop filter, as the
                    // codec's default encodes have them (needs codec-neural on the class path)
                    .neuralFilter(NLF);
            if (inLoop != null) {
                b.learnedInter(true).learnedInterModel(inLoop);
            }
            String weights = System.getProperty("inlay.lifBiWeights");
            if (weights != null) {
                // -Dinlay.lifBiWeights=false: weighted bi-prediction off (the encoder of format 0.8)
                b.biWeights(Boolean.parseBoolean(weights));
            }
            List<Packet> packets = new ArrayList<>();
            List<Picture> recons = new ArrayList<>();
            EncoderConfig config = b.build();
            try (Encoder enc = Encoder.create(config)) {
                for (Picture p : src) {
                    enc.push(p);
                    drain(enc, packets, recons);
                }
                enc.flush();
                drain(enc, packets, recons);
            }
            if (recons.size() != src.size()) {
                throw new IllegalStateException(recons.size() + " reconstructions for " + src.size() + " frames");
            }
            int cw = CodedPicture.codedSize(f.width());
            int ch = CodedPicture.codedSize(f.height());
            DecodedPictureBuffer dpb = new DecodedPictureBuffer(cw, ch, f.bitDepth(), f.chromaFormat());
            for (Packet k : packets) {
                parse(k, dpb, cw, ch, inLoop, config.biWeights(), qp, src, recons, v);
            }
            v.frame(qp, null, null, null, recons);
        }
    }

    private static void drain(Encoder enc, List<Packet> packets, List<Picture> recons) {
        for (Packet p; (p = enc.pull()) != null; ) {
            packets.add(p);
        }
        for (Picture r; (r = enc.pullReconstruction()) != null; ) {
            recons.add(r);
        }
    }

    /** With {@code -Dinlay.lifNlf=true} the encodes use the neural loop filter (see {@link #collect}). */
    static final boolean NLF = Boolean.getBoolean("inlay.lifNlf");

    /** With {@code -Dinlay.lifBi=true} bi-predicted CUs give blocks too (see {@link #blocks}). */
    static final boolean BI = Boolean.getBoolean("inlay.lifBi");

    /** The block of list {@code l} of the CU at (x, y) with target {@code target}, or null when its window leaves the picture. */
    private static LearnedInterTrainer.Block block(List<Picture> recons, ReferenceLists refs, Motion mo, int l, int x,
                                                   int y, int n, short[] target) {
        int mv = mo.mv(l);
        Plane ref = recons.get(refs.refPoc(l, mo.ref(l))).plane(0);
        int x0 = x + (Mv.x(mv) >> 2) - 3;
        int y0 = y + (Mv.y(mv) >> 2) - 3;
        if (x0 < 0 || y0 < 0 || x0 + n + 7 > ref.width() || y0 + n + 7 > ref.height()) {
            return null;
        }
        int win = n + 7;
        short[] window = new short[win * win];
        for (int j = 0; j < win; j++) {
            System.arraycopy(ref.samples(), ref.index(x0, y0 + j), window, j * win, win);
        }
        return new LearnedInterTrainer.Block(Mv.x(mv) & 3, Mv.y(mv) & 3, window, target);
    }

    /** Parses one frame (symbols only) and visits it when it is inter. POC = display index (one sequence, no reset). */
    private static void parse(Packet packet, DecodedPictureBuffer dpb, int w, int h, LearnedInterModel inLoop,
                              boolean biWeights, int qp, List<Picture> src, List<Picture> recons, FrameVisitor v)
            throws BitstreamException {
        byte[] payload = packet.payload();
        FrameHeader header = FrameHeader.read(new BitReader(payload, 0, payload.length, 0), NLF);
        ReferenceLists refs = dpb.startFrame(packet.frameType(), packet.poc(), header, 0);
        int start = header.sizeInBytes(NLF);
        ContextSet ctx = new ContextSet(Contexts.table(refs.isInter()), header.frameQp());
        ArithmeticDecoder ad = new ArithmeticDecoder(payload, start, payload.length - start, start, ctx);
        FrameMaps maps = new FrameMaps(w, h);
        maps.startFrame(refs);
        DeblockingMap db = new DeblockingMap(w, h);
        CtuCoefficients co = new CtuCoefficients();
        CodingTreeParser parser = new CodingTreeParser();
        parser.setLearnedInterSets(inLoop != null ? inLoop.sets() : 0);
        // since format 0.9 the encoder's default (preset slow) codes bcw_idx in bi-predicted AMVP CUs
        parser.setBiWeights(biWeights);
        QpState qs = new QpState(header.cuQpDeltaEnabled(), header.frameQp());
        int ctu = 1 << FrameMaps.CTU_LOG2;
        for (int y = 0; y < h; y += ctu) {
            for (int x = 0; x < w; x += ctu) {
                qs.startGroup();
                parser.codingQuadtree(ad, maps, db, co, qs, x, y, x, y, FrameMaps.CTU_LOG2, 0);
                if (x + ctu >= w && y + ctu >= h && header.nlfActive()) {
                    // frame-data.md: the filter's CTU flags follow the last CTU (not needed here)
                    int ctbs = ((w + ctu - 1) / ctu) * ((h + ctu - 1) / ctu);
                    parser.nlfCtuFlags(ad, (w + ctu - 1) / ctu, header.nlfLumaScale() != 0,
                            header.nlfChromaScale() != 0, new byte[ctbs], new byte[ctbs]);
                }
                ad.decodeTerminate();
            }
        }
        if (refs.isInter()) {
            v.frame(qp, refs, maps, src.get(packet.poc()), recons);
        }
        DecodedPictureBuffer.complete(dpb.reserve(packet.poc(), refs, p -> false), maps);
    }

    /** Adds the frame's uni-predicted fractional AMVP CUs (and with {@link #BI} its bi-predicted ones). */
    private static void blocks(ReferenceLists refs, FrameMaps maps, Picture org, List<Picture> recons, double maxMse,
                               List<LearnedInterTrainer.Block> out, int[] skipped) {
        int w = maps.width();
        int h = maps.height();
        Motion mo = new Motion();
        SubpelInterpolation kernel = Kernels.scalar().subpelInterpolation();
        int[][] regular = LearnedInterTrainer.REGULAR_TAPS;
        for (int y = 0; y < h; y += 8) {
            for (int x = 0; x < w; x += 8) {
                int n = 1 << maps.cuLog2(x, y);
                if ((x & (n - 1)) != 0 || (y & (n - 1)) != 0 || !maps.isInter(x, y) || maps.merge(x, y)) {
                    continue;
                }
                maps.motion().get(x, y, mo);
                if (!CodingTree.lifIdxPresent(mo)) {
                    continue;
                }
                Plane o = org.plane(0);
                if (x + n > o.width() || y + n > o.height()) {
                    skipped[1]++;
                    continue;
                }
                short[] target = new short[n * n];
                for (int j = 0; j < n; j++) {
                    System.arraycopy(o.samples(), o.index(x, y + j), target, j * n, n);
                }
                if (!mo.isBi()) {
                    int l = mo.uses(0) ? 0 : 1;
                    LearnedInterTrainer.Block blk = block(recons, refs, mo, l, x, y, n, target);
                    if (blk == null) {
                        skipped[1]++;
                    } else if (LearnedInterTrainer.intError(kernel, blk, regular) > maxMse * n * n) {
                        skipped[2]++;
                    } else {
                        out.add(blk);
                    }
                    continue;
                }
                if (!BI) {
                    skipped[0]++;
                    continue;
                }
                // bi-prediction: each fractional list becomes a block whose target is 2 org - (the other list's
                // prediction with H.265's filters), the block the list's half of the average should predict
                for (int l = 0; l < 2; l++) {
                    int mv = mo.mv(l);
                    if (((Mv.x(mv) | Mv.y(mv)) & 3) == 0) {
                        continue;
                    }
                    LearnedInterTrainer.Block other = block(recons, refs, mo, 1 - l, x, y, n, target);
                    LearnedInterTrainer.Block blk = other == null ? null : block(recons, refs, mo, l, x, y, n, target);
                    if (blk == null) {
                        skipped[1]++;
                        continue;
                    }
                    short[] po = LearnedInterTrainer.intPrediction(kernel, other, regular);
                    short[] t2 = new short[n * n];
                    for (int i = 0; i < t2.length; i++) {
                        t2[i] = (short) (2 * target[i] - po[i]);
                    }
                    blk = new LearnedInterTrainer.Block(blk.fx(), blk.fy(), blk.win(), t2);
                    if (LearnedInterTrainer.intError(kernel, blk, regular) > 4 * maxMse * n * n) {
                        skipped[2]++;
                        continue;
                    }
                    out.add(blk);
                }
            }
        }
    }
}
