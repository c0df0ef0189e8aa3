package io.inlay.core.inter;

import io.inlay.core.GopStructure;
import io.inlay.core.Preset;
import io.inlay.core.codec.RdProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Development probe for learned inter interpolation (docs/learned-inter.md), after
 * {@code LearnedIntraRdProbe}: encodes clips in process ({@link RdProbe}) at the four QPs with a given model file
 * (or with the tool off) and prints one CSV line per clip and QP:
 * {@code clip,qp,bytes,psnrY,psnrU,psnrV,seconds}. Rate = frame payload bytes, PSNR of the
 * encoder's reconstruction, which equals the decoder's output (LearnedInterRoundTripTest), so a
 * model can be judged without bundling it. Deblocking on, no neural filter, one thread.
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.inter.LearnedInterRdProbe MODEL|off
 * ai|ra FRAMES PRESET CLIP...}; {@code -Dinlay.lifRefine=true} adds the learned sets to the
 * quarter-sample refinement ({@code EncoderConfig.learnedInterRefine()}).
 */
public final class LearnedInterRdProbe {
    private LearnedInterRdProbe() {
    }

    public static void main(String[] args) throws Exception {
        LearnedInterModel model = args[0].equals("off") ? null : LearnedInterModel.parse(Files.readAllBytes(Path.of(args[0])));
        GopStructure gop = args[1].equals("ai") ? GopStructure.ALL_INTRA : GopStructure.RANDOM_ACCESS;
        RdProbe.run(gop, Integer.parseInt(args[2]), Preset.of(args[3]), List.of(args).subList(4, args.length), b -> {
            if (model != null) {
                b.learnedInter(true).learnedInterModel(model).learnedInterRefine(Boolean.getBoolean("inlay.lifRefine"));
            }
        });
    }
}
