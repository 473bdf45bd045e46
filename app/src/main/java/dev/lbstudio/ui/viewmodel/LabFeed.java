package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.scenario.LabEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one way lab events reach the window. A lab's thread {@link #publish publishes} each event the moment it
 * happens; the feed hands them to the FX thread in batches, at most one hand-over queued at a time, so a burst
 * of a thousand probe samples costs one pulse rather than a thousand and the lab thread never waits for the UI.
 * Listeners (timeline, chart, canvas animation, routes panel) run on the FX thread, in subscription order.
 */
public final class LabFeed {

    private final Consumer<Runnable> fxThread;
    private final ConcurrentLinkedQueue<Stamped> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final List<Consumer<List<Stamped>>> listeners = new CopyOnWriteArrayList<>();

    /** An event and the {@link System#nanoTime} at which the lab published it (for event-to-screen latency). */
    public record Stamped(LabEvent event, long publishedNanos) {
    }

    /** @param fxThread runs a task on the FX thread ({@code Platform::runLater}; tests may pass {@code Runnable::run}) */
    public LabFeed(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
    }

    /** Called from any thread; never blocks. */
    public void publish(LabEvent event) {
        pending.add(new Stamped(event, System.nanoTime()));
        if (handOverQueued.compareAndSet(false, true)) {
            fxThread.accept(this::handOver);
        }
    }

    /** {@code listener} receives every later batch on the FX thread. */
    public void subscribe(Consumer<List<Stamped>> listener) {
        listeners.add(listener);
    }

    private void handOver() {
        // Cleared before draining: an event published while listeners run queues the next hand-over.
        handOverQueued.set(false);
        List<Stamped> batch = new ArrayList<>();
        for (Stamped s; (s = pending.poll()) != null; ) {
            batch.add(s);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Stamped> view = List.copyOf(batch);
        for (Consumer<List<Stamped>> l : listeners) {
            l.accept(view);
        }
    }
}
