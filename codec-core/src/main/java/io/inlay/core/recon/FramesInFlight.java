package io.inlay.core.recon;

import io.inlay.bitstream.BitstreamException;
import io.inlay.core.Picture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The frames an encoder or decoder has started and not yet finished, in coding order
 * (docs/threading.md, "Frames"): a frame's work starts once every frame in flight whose picture
 * its reference lists name has finished, and frames are taken out in coding order by their owner.
 * Not thread-safe: the owner starts and takes frames on one thread; only the work runs elsewhere.
 *
 * @param <T> what the owner keeps of a frame (its POC, offset, ...)
 * @param <R> the outcome of a frame's work
 */
public final class FramesInFlight<T, R> {
    /**
     * A frame started.
     *
     * @param tag     what the owner keeps of it
     * @param target  its entry in the decoded-picture buffer (null when it failed before it had one)
     * @param reads   the pictures its reference lists name
     * @param outcome its work
     */
    public record Frame<T, R>(T tag, ReferencePicture target, Set<Picture> reads, CompletableFuture<R> outcome) {
        /** The outcome, waiting for it; a failure of the work is rethrown as the work threw it. */
        public R join() throws BitstreamException {
            try {
                return outcome.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof BitstreamException be) {
                    throw be;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    private final ArrayDeque<Frame<T, R>> frames = new ArrayDeque<>();

    /**
     * Starts {@code work} on {@code executor} once the frames in flight that {@code refs} names
     * have finished, and adds the frame, whose reconstruction is {@code target}, at the end. When
     * one of them failed, the work never runs and the frame fails with the same failure (which its
     * owner meets first, in coding order).
     */
    public void start(T tag, ReferencePicture target, ReferenceLists refs, Supplier<R> work, Executor executor) {
        Set<Picture> reads = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < refs.size(l); i++) {
                reads.add(refs.get(l, i).picture());
            }
        }
        List<CompletableFuture<R>> waits = new ArrayList<>();
        for (Frame<T, R> earlier : frames) {
            if (earlier.target() != null && reads.contains(earlier.target().picture())) {
                waits.add(earlier.outcome());
            }
        }
        CompletableFuture<R> outcome = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .thenApplyAsync(v -> work.get(), executor);
        frames.add(new Frame<>(tag, target, reads, outcome));
    }

    /** Adds a frame that failed before it started, at the end. */
    public void addFailed(T tag, BitstreamException failure) {
        frames.add(new Frame<>(tag, null, Set.of(), CompletableFuture.failedFuture(failure)));
    }

    /**
     * Whether a frame in flight writes or reads {@code picture}: its buffer must not be reused yet
     * (the predicate of {@link DecodedPictureBuffer#reserve}).
     */
    public boolean busy(Picture picture) {
        for (Frame<T, R> f : frames) {
            if (f.target() != null && f.target().picture() == picture || f.reads().contains(picture)) {
                return true;
            }
        }
        return false;
    }

    /** Frames in flight. */
    public int size() {
        return frames.size();
    }

    /** Whether the first frame in coding order has finished (false when there is none). */
    public boolean headDone() {
        return !frames.isEmpty() && frames.peek().outcome().isDone();
    }

    /** Takes the first frame in coding order out (null when there is none). */
    public Frame<T, R> poll() {
        return frames.poll();
    }

    /** Waits for every frame's work to end, ignoring failures, and forgets them (for closing). */
    public void drain() {
        for (Frame<T, R> f : frames) {
            f.outcome().exceptionally(e -> null).join();
        }
        frames.clear();
    }
}
