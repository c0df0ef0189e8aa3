package io.inlay.neural.training;

import io.inlay.core.GopStructure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus split of the neural loop filter's training. Held out completely (never trained on,
 * never used for model selection): foreman, tennis, bear, parkour, street and the pristine
 * foreman still. Validation (model selection): the clips cars and bmx_trees and kodim21..24.
 */
public final class DataSets {
    static final int[] QPS = {22, 27, 32, 37, 42};
    static final int[] HELD_OUT_QPS = {22, 27, 32, 37};
    static final int RA_FRAMES = 9;

    static final String[] TRAIN_CLIPS = {"apple_1296x720_10", "bedroom_960x540_30", "carphone_176x144_30",
        "flower_960x540_30", "mobile_352x288_30", "park_joy_480x270_50", "stream_of_water_480x360_30"};
    static final String[] VAL_CLIPS = {"cars_320x240_25", "bmx_trees_432x240_24"};
    static final String[] TRAIN_STILLS = {"akiyo_352x288.y4m", "hall_monitor_352x288.y4m", "blue_sky_640x360_3f.y4m",
        "kristen_and_sara_1280x720.y4m", "dark_scene_1920x1080.y4m", "flower_2268x1512.png"};
    static final String[] HELD_OUT_CLIPS = {"foreman_352x288_30", "tennis_432x240_24", "bear_854x480_30",
        "parkour_640x360_30", "street_1920x1080_25"};

    private DataSets() {
    }

    static List<PairCache.Job> train(Path corpus) {
        List<PairCache.Job> jobs = new ArrayList<>();
        for (String c : TRAIN_CLIPS) {
            jobs.add(new PairCache.Job(c, corpus.resolve(c + ".y4m"), GopStructure.RANDOM_ACCESS, RA_FRAMES, QPS));
        }
        for (String s : TRAIN_STILLS) {
            jobs.add(new PairCache.Job(stem(s), corpus.resolve("stills").resolve(s), GopStructure.ALL_INTRA, 3, QPS));
        }
        for (int k = 1; k <= 20; k++) {
            String s = String.format("kodim%02d.png", k);
            jobs.add(new PairCache.Job(stem(s), corpus.resolve("stills").resolve(s), GopStructure.ALL_INTRA, 1, QPS));
        }
        return jobs;
    }

    static List<PairCache.Job> validation(Path corpus) {
        List<PairCache.Job> jobs = new ArrayList<>();
        for (String c : VAL_CLIPS) {
            jobs.add(new PairCache.Job(c, corpus.resolve(c + ".y4m"), GopStructure.RANDOM_ACCESS, RA_FRAMES, QPS));
        }
        for (int k = 21; k <= 24; k++) {
            String s = String.format("kodim%02d.png", k);
            jobs.add(new PairCache.Job(stem(s), corpus.resolve("stills").resolve(s), GopStructure.ALL_INTRA, 1, QPS));
        }
        return jobs;
    }

    /** Held-out clips: first 3 frames all-intra and first 9 random access (street: 2 frames all-intra only). */
    static List<PairCache.Job> heldOut(Path corpus) {
        List<PairCache.Job> jobs = new ArrayList<>();
        for (String c : HELD_OUT_CLIPS) {
            boolean big = c.startsWith("street");
            Path p = corpus.resolve(c + ".y4m");
            jobs.add(new PairCache.Job(c, p, GopStructure.ALL_INTRA, big ? 2 : 3, HELD_OUT_QPS));
            if (!big) {
                jobs.add(new PairCache.Job(c, p, GopStructure.RANDOM_ACCESS, RA_FRAMES, HELD_OUT_QPS));
            }
        }
        return jobs;
    }

    static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
