package io.inlay.bench.rd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a rate-distortion run codes: every clip with every Inlay configuration and every anchor
 * (x264/x265 at each preset, with the key-frame interval of each configuration), at every QP.
 *
 * @param clips         the clips
 * @param configs       Inlay configurations
 * @param anchors       anchor encoders (may be empty)
 * @param presets       anchor presets ({@code medium}, {@code slower})
 * @param anchorThreads anchor encoder/decoder threads (0: the tools' default)
 * @param qps           QPs given to every encoder
 */
public record RdPlan(List<Clip> clips, List<InlayConfig> configs, List<AnchorCodec> anchors, List<String> presets,
        int anchorThreads, List<Integer> qps) {

    /** A BD-rate comparison the report makes: Inlay series {@code test} against anchor series {@code anchor}. */
    public record Pair(String test, String anchor) {
    }

    /** Seconds per luma sample on one core of the reference machine: a-priori job estimates only. */
    private static final double INLAY_SECONDS_PER_SAMPLE = 5e-6;
    private static final double X265_SECONDS_PER_SAMPLE = 1.5e-6;
    private static final double X264_SECONDS_PER_SAMPLE = 0.15e-6;

    public RdPlan {
        clips = List.copyOf(clips);
        configs = List.copyOf(configs);
        anchors = List.copyOf(anchors);
        presets = List.copyOf(presets);
        qps = List.copyOf(qps);
        if (clips.isEmpty() || qps.isEmpty() || (configs.isEmpty() && anchors.isEmpty())) {
            throw new IllegalArgumentException("a run needs clips, QPs and at least one codec");
        }
        if (!anchors.isEmpty() && presets.isEmpty()) {
            throw new IllegalArgumentException("anchors need at least one preset");
        }
        for (int qp : qps) {
            if (qp < 0 || qp > 51) {
                throw new IllegalArgumentException("QP must be 0..51: " + qp);
            }
        }
        for (String p : presets) {
            new AnchorSettings(p, 1, anchorThreads);   // validates
        }
    }

    /** Anchor settings: each preset with each distinct key-frame interval of the configurations. */
    public List<AnchorSettings> anchorSettings() {
        Set<Integer> keyints = new LinkedHashSet<>();
        for (InlayConfig c : configs) {
            keyints.add(c.keyint());
        }
        if (keyints.isEmpty()) {
            keyints.add(1);
        }
        List<AnchorSettings> out = new ArrayList<>();
        for (String p : presets) {
            for (int k : keyints) {
                out.add(new AnchorSettings(p, k, anchorThreads));
            }
        }
        return out;
    }

    /** Each Inlay configuration against each anchor series with its key-frame interval. */
    public List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        for (InlayConfig c : configs) {
            for (AnchorCodec a : anchors) {
                for (AnchorSettings s : anchorSettings()) {
                    if (s.keyint() == c.keyint()) {
                        out.add(new Pair("inlay/" + c.name(), a.codecName() + "/" + s.config()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The jobs, in the order the CSV lists their rows: by clip, then Inlay configurations, then
     * anchors (codec, preset), then QP.
     */
    public List<RdBatch.Job> jobs(InlayRunner inlay, AnchorRunner anchorRunner) throws IOException {
        List<RdBatch.Job> jobs = new ArrayList<>();
        for (Clip clip : clips) {
            for (InlayConfig c : configs) {
                for (int qp : qps) {
                    jobs.add(new RdBatch.Job(label("inlay/" + c.name(), clip, qp), "inlay/" + c.name(),
                            clip.lumaSamples() * INLAY_SECONDS_PER_SAMPLE, () -> inlay.run(clip, c, qp)));
                }
            }
            for (AnchorCodec a : anchors) {
                for (AnchorSettings s : anchorSettings()) {
                    double perSample = (a == AnchorCodec.X265 ? X265_SECONDS_PER_SAMPLE : X264_SECONDS_PER_SAMPLE)
                            * presetFactor(s.preset());
                    String series = a.codecName() + "/" + s.config();
                    for (int qp : qps) {
                        double estimate = anchorRunner.isCached(clip, a, s, qp) ? 0 : clip.lumaSamples() * perSample;
                        jobs.add(new RdBatch.Job(label(series, clip, qp), series, estimate,
                                () -> anchorRunner.run(clip, a, s, qp)));
                    }
                }
            }
        }
        return jobs;
    }

    private static String label(String series, Clip clip, int qp) {
        return String.format(Locale.ROOT, "%s %s qp %d", series, clip.name(), qp);
    }

    /** Rough speed of a preset relative to medium (x264/x265 documentation orders of magnitude). */
    private static double presetFactor(String preset) {
        return switch (preset) {
            case "ultrafast", "superfast", "veryfast" -> 0.3;
            case "faster", "fast" -> 0.7;
            case "medium" -> 1;
            case "slow" -> 2;
            case "slower" -> 5;
            default -> 12;
        };
    }
}
