package io.inlay.bench.rd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlay.core.EncoderConfig;
import io.inlay.core.MotionSearchMethod;
import io.inlay.core.Preset;
import org.junit.jupiter.api.Test;

class InlayConfigTest {
    private static EncoderConfig.Builder builder() {
        return EncoderConfig.builder(64, 64).preset(Preset.ULTRAFAST).neuralFilter(false);
    }

    @Test
    void settingsCallTheBuilderAfterThePreset() {
        EncoderConfig.Builder b = builder();
        InlayConfig.configure(b, "splitSkipRatio=0");
        InlayConfig.configure(b, "minCuSize=32");
        InlayConfig.configure(b, "rdoq=true");
        InlayConfig.configure(b, "motionSearch=hexagon");
        EncoderConfig c = b.build();
        assertEquals(MotionSearchMethod.HEXAGON, c.motionSearch());
        assertEquals(0.0, c.splitSkipRatio());
        assertEquals(32, c.minCuSize());
        assertEquals(true, c.rdoq());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.configure(builder(), "noSuchSetting=1"));
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.configure(builder(), "minCuSize"));
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.configure(builder(), "splitSkipRatio=0.1"));
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.configure(builder(), "minCuSize=x"));
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.configure(builder(), "motionSearch=spiral"));
        assertThrows(IllegalArgumentException.class, () -> InlayConfig.of("random-access@ultrafast+maxCuSize=7"));
    }

    /** {@code +setting} names override the preset, in any number, and are part of the name. */
    @Test
    void namedSettingsOverrideThePreset() {
        InlayConfig c = InlayConfig.of("random-access-no-nlf@ultrafast+maxCuSize=64+subpelRefine=2");
        assertEquals("random-access-no-nlf@ultrafast+maxCuSize=64+subpelRefine=2", c.name());
        EncoderConfig.Builder b = c.settings().apply(EncoderConfig.builder(64, 64));
        EncoderConfig cfg = b.build();
        assertEquals(64, cfg.maxCuSize());
        assertEquals(2, cfg.subpelRefine());
        assertEquals(16, cfg.minCuSize());
        assertEquals(false, cfg.neuralFilter());
    }
}
