package io.inlay.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.EncoderConfig;
import io.inlay.core.Picture;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled clip, through the public API: encoded at QP 22 and 37, decoded, and the decoder's
 * output compared with the encoder's reconstruction bit for bit; quality and rate checked
 * against measured values.
 *
 * <p>Measured when the test was written (all-intra, deblocking and RDOQ on, AQ off; PSNR-Y per
 * frame, averaged):
 *
 * <pre>
 * clip                      frames   QP 22              QP 37
 * cars_320x240_10f             2     44.27 dB  17161 B  33.39 dB   4459 B
 * foreman_352x288_6f           1     44.81 dB   9978 B  33.57 dB   1785 B
 * mobile_352x288_3f            1     42.05 dB  36974 B  28.56 dB  10787 B
 * stream_of_water_480x360_4f   1     42.30 dB  46941 B  29.65 dB  14821 B
 * flower_960x540_2f            1     47.17 dB  19523 B  39.48 dB   4044 B
 * </pre>
 *
 * The PSNR-Y floors sit about 3 dB under those values and the byte ceilings 50 % over them, so
 * they catch a real loss of quality or a rate blow-up without tracking every tuning change.
 * Encoder improvements that move a clip far from its row should update the row and the bounds.
 */
class ClipRoundTripTest {
    @ParameterizedTest(name = "{0} x{1} frames")
    @CsvSource({
        // clip,                         frames, QP 22: dB floor, byte ceiling; QP 37: dB floor, byte ceiling
        "cars_320x240_10f.y4m,           2,      41.0, 25700,                    30.0,  6700",
        "foreman_352x288_6f.y4m,         1,      41.5, 15000,                    30.5,  2700",
        "mobile_352x288_3f.y4m,          1,      39.0, 55500,                    25.5, 16200",
        "stream_of_water_480x360_4f.y4m, 1,      39.3, 70400,                    26.6, 22200",
        "flower_960x540_2f.y4m,          1,      44.0, 29300,                    36.5,  6100",
    })
    void roundTripsBitExactWithMeasuredQuality(String clip, int frames, double floor22, int ceiling22,
            double floor37, int ceiling37) throws IOException {
        Codec.Clip c = Codec.readClip(clip, frames);
        Result q22 = run(c, 22);
        Result q37 = run(c, 37);
        String measured = String.format("%s: QP 22 %.2f dB %d B, QP 37 %.2f dB %d B", clip,
                q22.psnrY, q22.bytes, q37.psnrY, q37.bytes);
        assertTrue(q22.psnrY > floor22, measured + "; QP 22 floor " + floor22 + " dB");
        assertTrue(q37.psnrY > floor37, measured + "; QP 37 floor " + floor37 + " dB");
        assertTrue(q22.bytes < ceiling22, measured + "; QP 22 ceiling " + ceiling22 + " B");
        assertTrue(q37.bytes < ceiling37, measured + "; QP 37 ceiling " + ceiling37 + " B");
        assertTrue(q37.bytes < q22.bytes, measured + "; QP 37 must give fewer bytes than QP 22");
        assertTrue(q22.psnrY > q37.psnrY, measured + "; QP 22 must give a higher PSNR-Y than QP 37");
    }

    private record Result(double psnrY, int bytes) {
    }

    private static Result run(Codec.Clip c, int qp) throws IOException {
        List<Picture> src = c.pictures();
        Picture first = src.getFirst();
        EncoderConfig cfg = EncoderConfig.builder(first.width(), first.height()).bitDepth(first.bitDepth())
                .qp(qp).keepReconstruction(true).build();
        Codec.Encoded enc = Codec.encode(cfg, src);
        List<Picture> dec = Codec.decode(enc.stream());
        assertEquals(src.size(), dec.size(), "decoded frame count");
        assertEquals(src.size(), enc.reconstructions().size(), "reconstruction count");
        for (int i = 0; i < dec.size(); i++) {
            assertTrue(dec.get(i).sameSamples(enc.reconstructions().get(i)),
                    c.name() + " QP " + qp + " frame " + i + ": decoder output differs from the encoder's reconstruction");
        }
        return new Result(Codec.psnrY(src, dec), enc.stream().length);
    }
}
