package io.inlay.core.inter;

/**
 * The motion of one prediction unit: per reference list a reference index (-1 when the list is
 * not used) and a vector ({@link Mv}). Mutable, so candidate lists can be filled without
 * allocation.
 */
public final class Motion {
    /** Reference index in list 0, or -1. */
    public int ref0 = -1;
    /** Reference index in list 1, or -1. */
    public int ref1 = -1;
    /** Vector for list 0 ({@link Mv} packed). */
    public int mv0;
    /** Vector for list 1 ({@link Mv} packed). */
    public int mv1;
    /**
     * {@code LifIdx}: the luma interpolation filters (0: H.265's, s: learned set s - 1), coded by
     * {@code lif_idx} in an AMVP CU and inherited through the merge candidates (since format 0.7).
     */
    public int lif;
    /**
     * {@code BcwIdx}: the weight of a bi-predicted CU's two predictions ({@link BiWeights}; 0: the
     * average), coded by {@code bcw_idx} in a bi-predicted AMVP CU and inherited through the spatial
     * merge candidates (since format 0.9); 0 for every other candidate.
     */
    public int bcw;

    public Motion() {
    }

    /** Sets the reference indices and vectors; {@link #lif} and {@link #bcw} become 0. */
    public Motion set(int ref0, int mv0, int ref1, int mv1) {
        this.lif = 0;
        this.bcw = 0;
        this.ref0 = ref0;
        this.mv0 = ref0 >= 0 ? mv0 : 0;
        this.ref1 = ref1;
        this.mv1 = ref1 >= 0 ? mv1 : 0;
        return this;
    }

    /** Copies {@code o}. */
    public Motion copyFrom(Motion o) {
        ref0 = o.ref0;
        ref1 = o.ref1;
        mv0 = o.mv0;
        mv1 = o.mv1;
        lif = o.lif;
        bcw = o.bcw;
        return this;
    }

    /** Reference index of list {@code l}. */
    public int ref(int l) {
        return l == 0 ? ref0 : ref1;
    }

    /** Vector of list {@code l}. */
    public int mv(int l) {
        return l == 0 ? mv0 : mv1;
    }

    /** Whether list {@code l} is used (predFlagLX). */
    public boolean uses(int l) {
        return ref(l) >= 0;
    }

    /** Whether both lists are used. */
    public boolean isBi() {
        return ref0 >= 0 && ref1 >= 0;
    }

    /**
     * Same reference indices and vectors (H.265's "identical motion vectors and reference indices";
     * {@link #lif} is not compared, as in the merge pruning of H.266 §8.5.2.3).
     */
    public boolean sameAs(Motion o) {
        return ref0 == o.ref0 && ref1 == o.ref1 && mv0 == o.mv0 && mv1 == o.mv1;
    }

    @Override
    public String toString() {
        return "L0 " + (ref0 >= 0 ? ref0 + " " + Mv.toString(mv0) : "-") + ", L1 "
                + (ref1 >= 0 ? ref1 + " " + Mv.toString(mv1) : "-") + (lif > 0 ? ", lif " + lif : "")
                + (bcw > 0 ? ", bcw " + bcw : "");
    }
}
