package io.inlay.core.intra;

import io.inlay.core.GopStructure;
import io.inlay.core.Preset;
import io.inlay.core.codec.RdProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Development probe for learned intra prediction (docs/learned-intra.md): encodes clips in process
 * at the four QPs with a given model file (or with the tool off) and prints one CSV line per clip
 * and QP: {@code clip,qp,bytes,psnrY,psnrU,psnrV,seconds}. Rate and PSNR come from the encoder's
 * packets and reconstruction, which equal the decoder's output (LearnedIntraRoundTripTest), so a
 * model can be judged without bundling it. Same configuration as {@code inlay encode} with default
 * options (preset slow, deblocking on, no neural filter, one thread).
 *
 * <p>Run {@code java -cp <test and main classes> io.inlay.core.intra.LearnedIntraRdProbe MODEL|off
 * ai|ra FRAMES CLIP...}.
 */
public final class LearnedIntraRdProbe {
    private LearnedIntraRdProbe() {
    }

    public static void main(String[] args) throws Exception {
        LearnedIntraModel model = args[0].equals("off") ? null : LearnedIntraModel.parse(Files.readAllBytes(Path.of(args[0])));
        GopStructure gop = args[1].equals("ai") ? GopStructure.ALL_INTRA : GopStructure.RANDOM_ACCESS;
        RdProbe.run(gop, Integer.parseInt(args[2]), Preset.SLOW, List.of(args).subList(3, args.length), b -> {
            if (model != null) {
                b.learnedIntra(true).learnedIntraModel(model);
            }
        });
    }
}
