package io.inlay.core.encoder;

import io.inlay.bitstream.ArithmeticEncoder;
import io.inlay.bitstream.BitWriter;
import io.inlay.bitstream.ContextSet;
import io.inlay.bitstream.FrameHeader;
import io.inlay.bitstream.FrameType;
import io.inlay.bitstream.Packet;
import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import io.inlay.core.loopfilter.Deblocker;
import io.inlay.core.loopfilter.DeblockingMap;
import io.inlay.core.loopfilter.NeuralLoopFilter;
import io.inlay.core.quant.QpMapping;
import io.inlay.core.recon.CodedPicture;
import io.inlay.core.recon.FrameMaps;
import io.inlay.core.recon.ReferenceLists;
import io.inlay.core.syntax.CodingTreeWriter;
import io.inlay.core.syntax.Contexts;
import io.inlay.core.syntax.CtuCoefficients;
import io.inlay.core.syntax.QpState;
import io.inlay.core.threads.Workers;

/**
 * Encodes one frame: per CTU in raster order, the RD search decides and reconstructs, then the
 * coding-tree writer codes the decisions with the arithmetic encoder; after the last CTU's coding
 * tree the deblocking filter runs over the reconstruction, then the neural loop filter's scales and
 * CTU flags are decided and the flags coded before the last {@code end_of_frame_flag}
 * (docs/bitstream/frame-data.md, neural-filter.md). The frame header, which carries the scales, is
 * written last in time but first in the payload.
 */
final class FrameEncoder {
    private final EncoderConfig config;
    private final Picture orig;
    private final FrameMaps maps;
    private final DeblockingMap deblockingMap;
    private final CtuCoefficients coefficients = new CtuCoefficients();
    private final CtuSearch search;
    private final CodingTreeWriter writer = new CodingTreeWriter();
    private final Deblocker deblocker;
    private final AdaptiveQuantiser aq;
    /** The neural loop filter stage, or null when the filter is not used. */
    private final NeuralLoopFilter nlf;
    private final NeuralFilterDecision nlfDecision;

    private final Workers workers;

    FrameEncoder(EncoderConfig config, NeuralLoopFilter nlf, Workers workers) {
        this.nlf = nlf;
        this.workers = workers;
        this.config = config;
        int w = CodedPicture.codedSize(config.width());
        int h = CodedPicture.codedSize(config.height());
        this.orig = Picture.allocate(w, h, config.bitDepth(), config.chromaFormat(), 0);
        this.maps = new FrameMaps(w, h);
        maps.setLearnedIntraModel(config.learnedIntraModel());
        this.deblockingMap = new DeblockingMap(w, h);
        this.aq = new AdaptiveQuantiser(config.aqStrength());
        this.deblocker = new Deblocker(config.kernels().deblockingFilter());
        this.search = new CtuSearch(orig, maps, coefficients, config.kernels(), config);
        writer.setLearnedIntra(config.learnedIntraModel() != null);
        writer.setLearnedInterSets(config.learnedInter() ? config.learnedInterModel().sets() : 0);
        writer.setBiWeights(config.biWeights());
        this.nlfDecision = nlf != null ? new NeuralFilterDecision(nlf) : null;
    }

    /** The neural loop filter decision of the last frame, or null when the filter is not used. */
    NeuralFilterDecision nlfDecision() {
        return nlfDecision;
    }

    /** The neural loop filter stage, or null when the filter is not used. */
    NeuralLoopFilter neuralFilter() {
        return nlf;
    }

    /** Releases the neural loop filter's executor and the learned predictors'. */
    void close() {
        if (nlf != null) {
            nlf.close();
        }
        search.close();
    }

    /** The coding information of the last encoded frame (its motion field goes to the picture buffer). */
    FrameMaps maps() {
        return maps;
    }

    /**
     * Encodes {@code input} as a frame of type {@code type} with POC {@code poc} and header
     * {@code header}, predicting from {@code refs}, reconstructing into the coded-area picture
     * {@code recon}; lambda is {@code lambdaFactor * 2^((QP - 12) / 3)}. The NLF scales of
     * {@code header} are ignored: the frame decides its own.
     */
    Packet encode(Picture input, FrameType type, int poc, FrameHeader header, ReferenceLists refs, Picture recon,
                  double lambdaFactor) {
        CodedPicture.padInto(input, orig);
        maps.startFrame(refs);
        deblockingMap.clear();
        search.startFrame(recon, lambdaFactor, header.chromaQpOffset());
        int qp = header.frameQp();
        if (aq.enabled()) {
            aq.analyse(orig);
        }
        ContextSet contexts = new ContextSet(Contexts.table(refs.isInter()), qp);
        ArithmeticEncoder ae = new ArithmeticEncoder(contexts);
        QpState qs = new QpState(header.cuQpDeltaEnabled(), qp);
        int ctuSize = 1 << FrameMaps.CTU_LOG2;
        int w = maps.width();
        int h = maps.height();
        for (int y = 0; y < h; y += ctuSize) {
            for (int x = 0; x < w; x += ctuSize) {
                qs.startGroup();
                int ctuQp = qp;
                if (aq.enabled()) {
                    int index = (y / ctuSize) * ((w + ctuSize - 1) / ctuSize) + x / ctuSize;
                    ctuQp = Math.max(0, Math.min(51, qp + aq.offset(index)));
                    int delta = Math.max(-26, Math.min(25, ctuQp - qs.predQp()));
                    ctuQp = qs.predQp() + delta;
                    qs.setDelta(delta);
                }
                search.searchCtu(x, y, ctuQp, contexts);
                writer.codingQuadtree(ae, maps, deblockingMap, coefficients, qs, x, y, x, y, FrameMaps.CTU_LOG2, 0);
                boolean last = x + ctuSize >= w && y + ctuSize >= h;
                if (!last) {
                    ae.encodeTerminate(0);
                }
            }
        }
        // the last CTU's end_of_frame_flag follows the loop filters' decisions
        if (header.deblockingEnabled()) {
            deblocker.filter(recon, deblockingMap, header.betaOffsetDiv2(), header.tcOffsetDiv2(),
                    header.chromaQpOffset(), header.chromaQpOffset(), workers);
        }
        header = header.withNlfScales(0, 0);
        if (nlf != null) {
            nlf.analyse(recon, qp);
            int qpC = QpMapping.chromaQp(qp, header.chromaQpOffset());
            nlfDecision.decide(orig, recon, RdCost.lambda(qp, config.bitDepth(), lambdaFactor),
                    search.chromaWeight(qp, qpC), contexts);
            header = header.withNlfScales(nlfDecision.lumaScale(), nlfDecision.chromaScale());
            if (header.nlfActive()) {
                writer.nlfCtuFlags(ae, nlf.ctbCols(), header.nlfLumaScale() != 0, header.nlfChromaScale() != 0,
                        nlf.lumaFlags(), nlf.chromaFlags());
                nlf.apply(recon, header.nlfLumaScale(), header.nlfChromaScale());
            }
        }
        ae.encodeTerminate(1);
        byte[] data = ae.finish();
        BitWriter bw = new BitWriter();
        header.write(bw, nlf != null);
        bw.writeBytes(data, 0, data.length);
        return new Packet(type, poc, bw.toByteArray());
    }
}
