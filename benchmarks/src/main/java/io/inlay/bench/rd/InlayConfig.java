package io.inlay.bench.rd;

import io.inlay.core.EncoderConfig;
import io.inlay.core.GopStructure;
import io.inlay.core.Preset;
import io.inlay.core.io.VideoFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named Inlay encoder configuration: what the CSV's {@code config} column says for Inlay rows.
 * The configuration maps a clip's format and a QP to an {@link EncoderConfig.Builder}; the runner
 * adds what it needs itself (the reconstruction for the bit-exact check).
 *
 * <p>Every configuration sets its coding structure and key-frame interval explicitly, so that a
 * change of the encoder's defaults does not silently change what a configuration name means. The
 * neural loop filter is the encoder's default (on with the recommended bundled model, when there
 * is one); each configuration has a twin named
 * {@code <name>-no-nlf} with the filter off, for measuring it.
 *
 * @param name        the configuration's name ({@code all-intra}, {@code random-access},
 *                    {@code low-delay}, each also with {@code -no-nlf})
 * @param keyint      key-frame interval (1: every picture intra); the anchors compared with it run
 *                    with the same interval
 * @param description one line for the report
 * @param settings    the encoder settings beyond the clip's format and the QP
 */
public record InlayConfig(String name, int keyint, String description, Settings settings) {

    /** Encoder settings applied to a builder that already carries the clip's format and the QP. */
    @FunctionalInterface
    public interface Settings {
        EncoderConfig.Builder apply(EncoderConfig.Builder builder);
    }

    /**
     * Every picture intra; the encoder's defaults (deblocking, neural loop filter when a model is
     * recommended, RDOQ, no adaptive quantisation).
     */
    public static final InlayConfig ALL_INTRA = new InlayConfig("all-intra", 1,
            "every picture intra, encoder defaults (deblocking, RDOQ, AQ off)", b -> b.gop(GopStructure.ALL_INTRA));

    /**
     * Random access: a closed-GOP key frame every 64 pictures and hierarchical-B mini-GOPs of 8
     * between them (coded out of display order, QP cascade per temporal layer); the encoder's
     * defaults otherwise (2 references per list, search range 64, deblocking, RDOQ, AQ off).
     */
    public static final InlayConfig RANDOM_ACCESS = new InlayConfig("random-access", 64,
            "random access: key frame every 64 pictures, hierarchical-B mini-GOPs of 8, encoder defaults otherwise",
            b -> b.gop(GopStructure.RANDOM_ACCESS).keyint(64).gopSize(8));

    /**
     * Low delay: a key frame every 64 pictures, every other picture a B picture predicted from
     * earlier ones only (coded in display order); the encoder's defaults otherwise.
     */
    public static final InlayConfig LOW_DELAY = new InlayConfig("low-delay", 64,
            "low delay: key frame every 64 pictures, B pictures from earlier pictures only, encoder defaults otherwise",
            b -> b.gop(GopStructure.LOW_DELAY).keyint(64));

    /** The configurations by name, in report order. */
    public static final Map<String, InlayConfig> KNOWN;

    static {
        Map<String, InlayConfig> m = new LinkedHashMap<>();
        for (InlayConfig c : List.of(ALL_INTRA, RANDOM_ACCESS, LOW_DELAY)) {
            m.put(c.name, c);
        }
        for (InlayConfig c : List.of(ALL_INTRA, RANDOM_ACCESS, LOW_DELAY)) {
            InlayConfig off = c.withoutNeuralFilter();
            m.put(off.name, off);
        }
        KNOWN = java.util.Collections.unmodifiableMap(m);
    }

    public InlayConfig {
        Objects.requireNonNull(name);
        Objects.requireNonNull(settings);
        if (keyint < 1) {
            throw new IllegalArgumentException("keyint must be at least 1: " + keyint);
        }
    }

    /** This configuration with the neural loop filter off, named {@code <name>-no-nlf}. */
    public InlayConfig withoutNeuralFilter() {
        return new InlayConfig(name + "-no-nlf", keyint, description + "; neural loop filter off",
                b -> settings.apply(b).neuralFilter(false));
    }

    /**
     * This configuration with one more builder setting {@code setting} ({@code name=value}, see
     * {@link #configure}), named {@code <name>+<setting>}. Checked here, on a throw-away builder,
     * so that a bad setting fails before anything is encoded.
     */
    public InlayConfig with(String setting) {
        configure(EncoderConfig.builder(64, 64), setting);
        return new InlayConfig(name + "+" + setting, keyint, description + "; " + setting,
                b -> {
                    EncoderConfig.Builder r = settings.apply(b);
                    configure(r, setting);
                    return r;
                });
    }

    /** This configuration with encoder preset {@code preset}, named {@code <name>@<preset>}. */
    public InlayConfig withPreset(Preset preset) {
        return new InlayConfig(name + "@" + preset.label(), keyint, description + "; preset " + preset.label(),
                b -> settings.apply(b.preset(preset)));
    }

    /**
     * The configuration named {@code name}; {@code <name>@<preset>} is that configuration with an
     * encoder preset ({@code random-access@ultrafast}; without one the encoder's default preset),
     * and each {@code +setting=value} after it one builder setting more, applied after the preset
     * ({@link #configure}; {@code random-access@ultrafast+maxCuSize=64+motionSearch=hexagon}).
     */
    public static InlayConfig of(String name) {
        int plus = name.indexOf('+');
        if (plus > 0) {
            InlayConfig c = of(name.substring(0, plus));
            for (String setting : name.substring(plus + 1).split("\\+")) {
                c = c.with(setting);
            }
            return c;
        }
        int at = name.indexOf('@');
        if (at > 0) {
            Preset preset;
            try {
                preset = Preset.of(name.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Inlay configuration '" + name + "': " + e.getMessage());
            }
            return of(name.substring(0, at)).withPreset(preset);
        }
        InlayConfig c = KNOWN.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown Inlay configuration '" + name + "' (known: "
                    + String.join(", ", KNOWN.keySet()) + ")");
        }
        return c;
    }

    /**
     * The encoder configuration for a clip of {@code format} at {@code qp}: size, bit depth, chroma
     * format, frame rate and colour range from the clip (as {@code inlay encode} takes them from
     * its input), then this configuration's settings.
     */
    public EncoderConfig.Builder builder(VideoFormat format, int qp) {
        EncoderConfig.Builder b = EncoderConfig.builder(format.width(), format.height())
                .bitDepth(format.bitDepth())
                .chromaFormat(format.chromaFormat())
                .frameRate(format.fpsNum() > 0 ? format.fpsNum() : 25, format.fpsNum() > 0 ? format.fpsDen() : 1)
                .colourRange(format.colourRange() == VideoFormat.RANGE_FULL ? 1 : 0)
                .qp(qp);
        return settings.apply(b);
    }

    /** Applies {@code name=value} through the builder's one-argument setter of that name. */
    public static void configure(EncoderConfig.Builder b, String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected name=value: " + setting);
        }
        String name = setting.substring(0, eq);
        String value = setting.substring(eq + 1);
        for (Method m : EncoderConfig.Builder.class.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != 1) {
                continue;
            }
            Class<?> t = m.getParameterTypes()[0];
            Object v = t == int.class ? Integer.valueOf(value)
                    : t == double.class ? Double.valueOf(value)
                    : t == boolean.class ? Boolean.valueOf(value)
                    : t.isEnum() ? enumConstant(t, value) : null;
            if (v == null) {
                continue;
            }
            try {
                m.invoke(b, v);
                return;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException(setting + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        throw new IllegalArgumentException("no int, double, boolean or enum setting named " + name);
    }

    /** The constant of enum {@code type} named {@code value}, in any case. */
    private static Object enumConstant(Class<?> type, String value) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + value);
    }
}
