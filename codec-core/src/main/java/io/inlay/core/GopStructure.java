package io.inlay.core;

/** Picture coding structure of an encode (docs/gop.md). */
public enum GopStructure {
    /** Every picture intra; decoding order = display order. */
    ALL_INTRA("ai"),
    /**
     * Random access: closed-GOP key frames every {@code keyint} pictures and, between them,
     * hierarchical-B mini-GOPs coded out of display order, with a QP cascade per temporal layer.
     */
    RANDOM_ACCESS("ra"),
    /** Low delay: after the key frame, every picture is a B picture predicted from earlier ones; no reordering. */
    LOW_DELAY("ld"),
    /** Low delay with P pictures: one reference list, no bi-prediction; no reordering. */
    LOW_DELAY_P("ldp");

    private final String shortName;

    GopStructure(String shortName) {
        this.shortName = shortName;
    }

    /** The command-line name: ai, ra, ld or ldp. */
    public String shortName() {
        return shortName;
    }

    /** The structure named {@code name} (ai, ra, ld, ldp), or null. */
    public static GopStructure fromShortName(String name) {
        for (GopStructure g : values()) {
            if (g.shortName.equals(name)) {
                return g;
            }
        }
        return null;
    }
}
