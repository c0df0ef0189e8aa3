package io.inlay.core.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The objects that hold one frame's working state (frame encoders, frame decoders): one per frame
 * being coded at once, made when a frame finds none idle and reused afterwards
 * (docs/threading.md, "Frames"). Thread-safe.
 *
 * @param <W> the working state of one frame
 */
public final class PerFrame<W> {
    private final Supplier<W> make;
    private final ConcurrentLinkedDeque<W> idle = new ConcurrentLinkedDeque<>();
    private final List<W> all = new ArrayList<>();

    /** A set holding {@code first}, which makes more with {@code make} when needed. */
    public PerFrame(W first, Supplier<W> make) {
        this.make = make;
        all.add(first);
        idle.add(first);
    }

    /** An idle object, or a new one when none is idle; give it back with {@link #give}. */
    public W take() {
        W w = idle.poll();
        if (w == null) {
            w = make.get();
            synchronized (all) {
                all.add(w);
            }
        }
        return w;
    }

    /** Returns an object taken with {@link #take}. */
    public void give(W w) {
        idle.push(w);
    }

    /** Runs {@code action} on every object made (for closing them). */
    public void forEach(Consumer<W> action) {
        synchronized (all) {
            all.forEach(action);
        }
    }
}
