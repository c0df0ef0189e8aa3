package io.inlay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlay.core.Picture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareAndMd5Test {
    @TempDir
    Path dir;

    @Test
    void knownErrorGivesKnownPsnr() throws Exception {
        Path a = Cli.writeFlatY4m(dir.resolve("a.y4m"), 24, 16, 2, 100);
        Path b = Cli.writeFlatY4m(dir.resolve("b.y4m"), 24, 16, 2, 102);
        Cli r = Cli.run("compare", a.toString(), b.toString(), "--csv");
        // MSE 4 on every plane: 10 log10(255^2 / 4) = 42.1102 dB.
        assertEquals("2,42.1102,42.1102,42.1102,42.1102," + r.out.strip().split(",")[5], r.out.strip(), r.toString());
        Cli v = Cli.run("compare", a.toString(), b.toString(), "-v");
        assertTrue(v.out.contains("    1    42.110"), v.out);
        assertTrue(v.out.contains("2 frames: PSNR-Y 42.110 dB"), v.out);
    }

    @Test
    void md5IsOverTheFramePayloads() throws Exception {
        Path a = Cli.writeY4m(dir.resolve("a.y4m"), 10, 6, 2, 3);
        byte[] file = Files.readAllBytes(a);
        int header = new String(file, 0, 64, java.nio.charset.StandardCharsets.US_ASCII).indexOf('\n') + 1;
        int frame = 10 * 6 + 2 * 5 * 3;
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(file, header + 6, frame);
        md.update(file, header + 6 + frame + 6, frame);
        Cli r = Cli.run("md5", a.toString());
        assertEquals(HexFormat.of().formatHex(md.digest()) + "  " + a, r.out.strip());
    }

    @Test
    void highBitDepthSamplesAreLittleEndian() throws Exception {
        Picture p = Picture.allocate(2, 2, 10);
        p.plane(0).set(0, 0, 0x3FF);
        p.plane(0).set(1, 0, 0x102);
        p.plane(1).set(0, 0, 7);
        SampleDigest d = new SampleDigest();
        d.update(p);
        byte[] expected = {(byte) 0xFF, 0x03, 0x02, 0x01, 0, 0, 0, 0, 7, 0, 0, 0};
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(expected)), d.hex());
    }

    @Test
    void bdrateCommandPrintsTheTable() throws Exception {
        StringBuilder csv = new StringBuilder("clip,codec,qp,bytes,frames,fps,psnr_y,psnr_u,psnr_v,psnr_yuv,ssim\n");
        long[] bytes = {50000, 25000, 12000, 6000};
        double[] psnr = {40, 37, 34, 31};
        for (int i = 0; i < 4; i++) {
            csv.append("clipA,x265,").append(22 + 5 * i).append(',').append(bytes[i]).append(",10,9.0,")
                    .append(psnr[i]).append(',').append(psnr[i] + 2).append(',').append(psnr[i] + 2).append(',')
                    .append(psnr[i] + 0.5).append(",0.9\n");
            csv.append("clipA,inlay,").append(22 + 5 * i).append(',').append(bytes[i] * 11 / 10).append(",10,1.0,")
                    .append(psnr[i]).append(',').append(psnr[i] + 2).append(',').append(psnr[i] + 2).append(',')
                    .append(psnr[i] + 0.5).append(",0.9\n");
        }
        Path f = Files.writeString(dir.resolve("rd.csv"), csv);
        Cli r = Cli.run("bdrate", f.toString(), "--anchor", "x265", "--test", "inlay");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("clipA") && r.out.contains("+10.00%"), r.out);
        Cli none = Cli.run("bdrate", f.toString(), "--anchor", "x264");
        assertEquals(ExitCode.INPUT, none.exitCode, none.toString());
    }
}
