package io.inlay.core.decoder;

import io.inlay.bitstream.ArithmeticDecoder;
import io.inlay.bitstream.BitstreamException;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.Packet;
import io.inlay.core.Picture;
import io.inlay.core.inter.LearnedInterBatch;
import io.inlay.core.inter.LearnedInterModel;
import io.inlay.core.intra.LearnedIntraModel;
import io.inlay.core.loopfilter.Deblocker;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.neural.LearnedExecutors;
import io.inlay.core.neural.LearnedIntraExecutor;
import io.inlay.core.neural.NeuralOptions;
import io.inlay.core.recon.BlockReconstructor;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.syntax.CodingTreeParser;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.CtuCoefficients;
import io.inlay.core.syntax.QpState;
import io.inlay.core.threads.Workers;

/**
 * Decodes the frame data of one frame (docs/bitstream/decoding-process.md): parses each CTU's
 * symbols, then reconstructs it with the code the encoder used, deblocks the whole frame at
 * the end and applies the neural loop filter to it (docs/bitstream/neural-filter.md). Errors carry byte offsets from {@code base}, the position of the payload in the stream.
 */
final class FrameDecoder {
    private final FrameMaps maps;
    private final DeblockingMap deblockingMap;
    private final CtuCoefficients coefficients = new CtuCoefficients();
    private final CodingTreeParser parser = new CodingTreeParser();
    private final Deblocker deblocker = new Deblocker();
    /** The neural loop filter, or null when the sequence does not enable it. */
    private final NeuralLoopFilter nlf;
    /** The learned intra model, or null when the sequence does not enable learned intra prediction. */
    private final LearnedIntraModel learnedIntra;

    /**
     * A decoder for frames whose coded area is {@code codedWidth x codedHeight}; {@code nlf} is the
     * sequence's neural loop filter, or null when {@code TOOL_NEURAL_LOOP_FILTER} is off.
     */
    private final Workers workers;

    FrameDecoder(int codedWidth, int codedHeight, NeuralLoopFilter nlf, LearnedIntraModel learnedIntra,
                 Workers workers, NeuralOptions options, int bitDepth) {
        this.workers = workers;
        this.learnedIntra = learnedIntra;
        this.options = options;
        this.bitDepth = bitDepth;
        this.intraExecutor = learnedIntra != null ? LearnedExecutors.openIntra(learnedIntra, bitDepth, options) : null;
        parser.setLearnedIntra(learnedIntra != null);
        this.maps = new FrameMaps(codedWidth, codedHeight);
        maps.setLearnedIntraModel(learnedIntra);
        this.deblockingMap = new DeblockingMap(codedWidth, codedHeight);
        this.nlf = nlf;
    }

    /** The learned interpolation model, or null when the sequence does not enable learned inter interpolation. */
    private LearnedInterModel learnedInter;

    private final NeuralOptions options;
    private final int bitDepth;
    /** Executors of the learned predictors (docs/learned-intra.md, "Execution"), or null when the tool is off. */
    private final LearnedIntraExecutor intraExecutor;
    private LearnedInterBatch lifBatch;

    /** Whether the sequence sets TOOL_BI_FLOW (decoding-process.md §13.1). */
    private boolean biFlow;

    /** Sets whether the sequence sets TOOL_BI_WEIGHTS ({@code bcw_idx}, decoding-process.md §13.2); before the first frame. */
    void setBiWeights(boolean on) {
        parser.setBiWeights(on);
    }

    /** Sets whether the sequence sets TOOL_BI_FLOW; before the first frame. */
    void setBiFlow(boolean on) {
        biFlow = on;
    }

    /** Sets the sequence's learned interpolation model (null: TOOL_LEARNED_INTER off); before the first frame. */
    void setLearnedInter(LearnedInterModel m) {
        learnedInter = m;
        parser.setLearnedInterSets(m != null ? m.sets() : 0);
        if (m != null && lifBatch == null) {
            lifBatch = new LearnedInterBatch(LearnedExecutors.openInter(m, bitDepth, options));
        }
    }

    /** Releases the learned predictors' executors (not the neural filter, which the sequence decoder owns). */
    void closeExecutors() {
        if (intraExecutor != null) {
            intraExecutor.close();
        }
        if (lifBatch != null) {
            lifBatch.executor().close();
        }
    }

    /** The neural loop filter, or null when the sequence does not enable it. */
    NeuralLoopFilter neuralFilter() {
        return nlf;
    }

    /** The coding information of the last decoded frame (its motion field is kept for temporal prediction). */
    FrameMaps maps() {
        return maps;
    }

    /**
     * Decodes the frame data of {@code packet}, whose header {@code header} is already parsed,
     * predicting from {@code refs}, into the coded-area picture {@code recon}.
     *
     * @param base offset of the payload's first byte in the stream, for error messages
     */
    void decode(Packet packet, long base, FrameHeader header, ReferenceLists refs, Picture recon)
            throws BitstreamException {
        byte[] payload = packet.payload();
        int dataStart = header.sizeInBytes(nlf != null);
        ContextSet contexts = new ContextSet(Contexts.table(refs.isInter()), header.frameQp());
        ArithmeticDecoder ad = new ArithmeticDecoder(payload, dataStart, payload.length - dataStart, base + dataStart,
                contexts);
        maps.startFrame(refs);
        deblockingMap.clear();
        BlockReconstructor blocks = new BlockReconstructor(maps, recon);
        blocks.setLearnedIntraModel(learnedIntra, intraExecutor);
        CtuReconstruction reconstruction = new CtuReconstruction(maps, coefficients, blocks, header.chromaQpOffset());
        reconstruction.setLearnedInter(lifBatch);
        reconstruction.setBiFlow(biFlow);
        QpState qs = new QpState(header.cuQpDeltaEnabled(), header.frameQp());
        int ctuSize = 1 << FrameMaps.CTU_LOG2;
        int w = maps.width();
        int h = maps.height();
        for (int y = 0; y < h; y += ctuSize) {
            for (int x = 0; x < w; x += ctuSize) {
                qs.startGroup();
                parser.codingQuadtree(ad, maps, deblockingMap, coefficients, qs, x, y, x, y, FrameMaps.CTU_LOG2, 0);
                reconstruction.reconstructCtu(x, y);
                boolean last = x + ctuSize >= w && y + ctuSize >= h;
                if (last && header.nlfActive()) {
                    parser.nlfCtuFlags(ad, nlf.ctbCols(), header.nlfLumaScale() != 0, header.nlfChromaScale() != 0,
                            nlf.lumaFlags(), nlf.chromaFlags());
                }
                int endOfFrame = ad.decodeTerminate();
                if (endOfFrame != (last ? 1 : 0)) {
                    throw new BitstreamException(ad.byteOffset(), last
                            ? "end_of_frame_flag shall be 1 after the last CTU"
                            : "end_of_frame_flag shall be 0 before the last CTU");
                }
            }
        }
        ad.finish();
        if (header.deblockingEnabled()) {
            deblocker.filter(recon, deblockingMap, header.betaOffsetDiv2(), header.tcOffsetDiv2(),
                    header.chromaQpOffset(), header.chromaQpOffset(), workers);
        }
        if (header.nlfActive()) {
            nlf.analyse(recon, header.frameQp());
            nlf.apply(recon, header.nlfLumaScale(), header.nlfChromaScale());
        }
    }
}
