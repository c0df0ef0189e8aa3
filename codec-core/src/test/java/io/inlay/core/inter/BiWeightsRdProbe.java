package io.inlay.core.inter;

import io.inlay.core.GopStructure;
import io.inlay.core.Preset;
import io.inlay.core.codec.RdProbe;
import java.util.List;

/**
 * Development probe for weighted bi-prediction (docs/learned-inter.md, "Weighted bi-prediction"), after
 * {@link BiFlowRdProbe}: encodes clips in process ({@link RdProbe}) at QPs 22..37 with the tool on or off
 * and prints {@code clip,qp,bytes,psnrY,psnrU,psnrV,seconds} per clip and QP (rate = frame payload bytes,
 * PSNR of the encoder's reconstruction, which equals the decoder's output: BiWeightsRoundTripTest). The
 * neural loop filter is on when codec-neural is on the class path.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.inter.BiWeightsRdProbe on|off ai|ra FRAMES PRESET CLIP...};
 * {@code -Dinlay.probe.biFlow=false} switches the bi-flow refinement off (default on, as the codec's default);
 * {@code -Dinlay.probe.biSearch=N} sets the bi-prediction search level (default: the preset's).
 */
public final class BiWeightsRdProbe {
    private BiWeightsRdProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean on = args[0].equals("on");
        boolean biFlow = !"false".equals(System.getProperty("inlay.probe.biFlow"));
        GopStructure gop = args[1].equals("ai") ? GopStructure.ALL_INTRA : GopStructure.RANDOM_ACCESS;
        RdProbe.run(gop, Integer.parseInt(args[2]), Preset.of(args[3]), List.of(args).subList(4, args.length),
                b -> {
                    b.biFlow(biFlow).biWeights(on);
                    Integer bi = Integer.getInteger("inlay.probe.biSearch");
                    if (bi != null) {
                        b.biSearch(bi);
                    }
                });
    }
}
