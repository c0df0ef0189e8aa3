package io.inlay.cli;

import io.inlay.core.io.VideoFormat;
import io.inlay.core.neural.NeuralOptions;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parsers for option values; a bad value is a usage error naming the expected form. */
final class OptionValues {
    private static final Pattern RAW = Pattern.compile("(\\d{1,5})x(\\d{1,5})(?::(\\d{1,2}))?");
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})(?:[/:](\\d{1,9}))?");

    private OptionValues() {
    }

    /** Geometry of raw planar 4:2:0 input: {@code WxH} or {@code WxH:bitdepth} (8..12, default 8). */
    record RawGeometry(int width, int height, int bitDepth) {
        /** The reader format, at {@code fps} when given (else 25/1). */
        VideoFormat format(FrameRate fps) {
            VideoFormat f = VideoFormat.of(width, height, bitDepth);
            return fps == null ? f : f.withFrameRate(fps.num(), fps.den());
        }
    }

    /** A frame rate {@code N/D}, {@code N:D} or {@code N}. */
    record FrameRate(int num, int den) {
        double value() {
            return (double) num / den;
        }
    }

    static final class RawConverter implements ITypeConverter<RawGeometry> {
        @Override
        public RawGeometry convert(String value) {
            Matcher m = RAW.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not WxH or WxH:bitdepth (e.g. 352x288 or 1920x1080:10)");
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            int bd = m.group(3) == null ? 8 : Integer.parseInt(m.group(3));
            if (w < 1 || h < 1 || w > VideoFormat.MAX_DIMENSION || h > VideoFormat.MAX_DIMENSION) {
                throw new TypeConversionException("raw size must be 1..65535 each: " + value);
            }
            if (bd < 8 || bd > 12) {
                throw new TypeConversionException("raw bit depth must be 8..12: " + value);
            }
            return new RawGeometry(w, h, bd);
        }
    }

    /** A picture size {@code WxH}, each 1..65535. */
    record FrameSize(int width, int height) {
    }

    static final class FrameSizeConverter implements ITypeConverter<FrameSize> {
        @Override
        public FrameSize convert(String value) {
            Matcher m = RAW.matcher(value.strip());
            if (!m.matches() || m.group(3) != null) {
                throw new TypeConversionException("'" + value + "' is not WxH (e.g. 1920x1080)");
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w < 1 || h < 1 || w > VideoFormat.MAX_DIMENSION || h > VideoFormat.MAX_DIMENSION) {
                throw new TypeConversionException("size must be 1..65535 each: " + value);
            }
            return new FrameSize(w, h);
        }
    }

    /** {@code onnx} or {@code java}: how neural networks are executed. */
    static final class RuntimeConverter implements ITypeConverter<NeuralOptions.Runtime> {
        @Override
        public NeuralOptions.Runtime convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "onnx" -> NeuralOptions.Runtime.ONNX;
                case "java" -> NeuralOptions.Runtime.JAVA;
                default -> throw new TypeConversionException("'" + value + "' is not onnx or java");
            };
        }
    }

    static final class FrameRateConverter implements ITypeConverter<FrameRate> {
        @Override
        public FrameRate convert(String value) {
            Matcher m = RATE.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a frame rate N/D (e.g. 30000/1001 or 25)");
            }
            int num = Integer.parseInt(m.group(1));
            int den = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (num <= 0 || den <= 0) {
                throw new TypeConversionException("frame rate must be positive: " + value);
            }
            return new FrameRate(num, den);
        }
    }
}
