package io.inlay.bench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.core.EncoderConfig;
import io.inlay.core.Preset;
import org.junit.jupiter.api.Test;

class EncodeCpuTest {
    private static EncoderConfig.Builder builder() {
        return EncoderConfig.builder(64, 64).preset(Preset.ULTRAFAST).neuralFilter(false);
    }

    @Test
    void settingsCallTheBuilderAfterThePreset() {
        EncoderConfig.Builder b = builder();
        EncodeCpu.configure(b, "splitSkipRatio=0");
        EncodeCpu.configure(b, "minCuSize=32");
        EncodeCpu.configure(b, "rdoq=true");
        EncoderConfig c = b.build();
        assertEquals(0.0, c.splitSkipRatio());
        assertEquals(32, c.minCuSize());
        assertEquals(true, c.rdoq());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EncodeCpu.configure(builder(), "noSuchSetting=1"));
        assertThrows(IllegalArgumentException.class, () -> EncodeCpu.configure(builder(), "minCuSize"));
        assertThrows(IllegalArgumentException.class, () -> EncodeCpu.configure(builder(), "splitSkipRatio=0.1"));
        assertThrows(IllegalArgumentException.class, () -> EncodeCpu.configure(builder(), "minCuSize=x"));
    }
}
