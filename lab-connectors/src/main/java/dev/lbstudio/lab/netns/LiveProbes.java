package dev.lbstudio.lab.netns;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Probe traffic after a step applied on its own (the app's step buttons), which a scenario run would have probed:
 * without it a live failover on the real lab showed route changes but no probes, outage or dots. Each step
 * (re)starts a window of {@code window}; probing stops by itself at its end, and on {@link #halt} (a run probing
 * itself, which reuses the same flows' source ports and relay sockets) or {@link #close}. One daemon thread at a
 * time; a new one waits for the previous one's relays to be gone before opening its own.
 */
final class LiveProbes {

    /** The most a halt waits for an interrupted prober to close its relays (a safety bound: it takes milliseconds). */
    static final Duration JOIN = Duration.ofSeconds(30);

    private final Duration window;
    private final Supplier<NetnsLab> lab;
    private final Consumer<Probe.Result> sink;
    private final Consumer<String> note;
    /** The thread probing now; null once it has decided to stop (it may still be closing its relays). */
    private Thread prober;
    /** The last thread started, which a new one or a halt waits for. */
    private Thread last;
    /** System.nanoTime at which the current window ends. */
    private long until;
    private boolean closed;

    /** {@code window} zero: steps are never probed (a JVM that ends right after its step, `lab trigger`). */
    LiveProbes(Duration window, Supplier<NetnsLab> lab, Consumer<Probe.Result> sink, Consumer<String> note) {
        this.window = window;
        this.lab = lab;
        this.sink = sink;
        this.note = note;
    }

    /** Probes for {@code window} from now, starting the prober if none runs. */
    synchronized void extend() {
        if (closed || window.isZero()) {
            return;
        }
        until = System.nanoTime() + window.toNanos();
        if (prober == null) {
            Thread before = last;
            prober = new Thread(() -> probe(before), "lab-live-probes");
            prober.setDaemon(true);
            last = prober;
            prober.start();
        }
    }

    private void probe(Thread before) {
        try {
            if (before != null) {
                before.join(JOIN.toMillis());
            }
            ProbePlan plan = ProbePlan.of(lab.get().topology(), null);
            if (!going()) {
                return;
            }
            try (ProbeFlows flows = plan.open(lab.get())) {
                note.accept("probing " + plan.describe() + " for " + window.toSeconds() + " s after the step");
                plan.capped(flows).ifPresent(note);
                // A probe cut by halt's interrupt failed because of us, not the network: it is not a sample.
                flows.runWhile(this::going, plan.interval(), r -> {
                    if (!Thread.currentThread().isInterrupted()) {
                        sink.accept(r);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (wanted()) {
                note.accept("probing after the step stopped: " + e.getMessage());
            }
        } finally {
            synchronized (this) {
                if (prober == Thread.currentThread()) {
                    prober = null;
                }
            }
        }
    }

    private synchronized boolean wanted() {
        return !closed && System.nanoTime() < until;
    }

    /** Whether to send the next probe; a prober told no is done, so the next step starts a new one. */
    private synchronized boolean going() {
        if (wanted()) {
            return true;
        }
        if (prober == Thread.currentThread()) {
            prober = null;
        }
        return false;
    }

    /**
     * Ends the window now and waits (bounded) until the prober's relays are closed. Interrupted, so a prober still
     * opening its relays (up to {@link Daemons#START_TIMEOUT} each) gives up at once: stop() keeps its bound.
     */
    void halt() {
        Thread waitFor;
        synchronized (this) {
            until = System.nanoTime();
            waitFor = last;
        }
        if (waitFor != null) {
            waitFor.interrupt();
            try {
                waitFor.join(JOIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Halts for good: later steps are not probed (the lab is stopping). */
    void close() {
        synchronized (this) {
            closed = true;
        }
        halt();
    }

    /** Whether a prober thread is still alive (tests: the window ended by itself). */
    synchronized boolean probing() {
        return last != null && last.isAlive();
    }
}
