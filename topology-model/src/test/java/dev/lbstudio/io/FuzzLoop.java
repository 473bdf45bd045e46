package dev.lbstudio.io;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a fuzz loop with a time bound per input rather than per run: a nightly run of 200,000 inputs on a busy
 * machine may take many minutes, but no single input may take more than {@code perInput} — that would be a hang,
 * and the failure names the input so it replays with its seed.
 */
final class FuzzLoop {

    interface Body {
        void input(int index) throws Exception;
    }

    private FuzzLoop() {
    }

    static void run(int count, Duration perInput, Body body) throws Exception {
        AtomicInteger current = new AtomicInteger(-1);
        AtomicLong startedAt = new AtomicLong(System.nanoTime());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    startedAt.set(System.nanoTime());
                    current.set(i);
                    body.input(i);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "fuzz-loop");
        worker.setDaemon(true);
        worker.start();
        while (worker.isAlive()) {
            worker.join(100);
            long running = System.nanoTime() - startedAt.get();
            if (worker.isAlive() && running > perInput.toNanos()) {
                worker.interrupt();
                throw new AssertionError("input " + current.get() + " has run for " + running / 1_000_000
                        + " ms, longer than the " + perInput.toMillis() + " ms any input may take: a hang");
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof Exception e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
