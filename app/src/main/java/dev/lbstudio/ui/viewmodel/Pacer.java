package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Hands timed lab events on at their lab-clock time: an event at {@code at} goes out when the clock reaches
 * {@code origin + (at - from) / speed}. The simulator computes a whole run at once; pacing it this way makes a
 * 10 s scenario play over 10 s (at speed 1), probe samples streaming, exactly as a real lab would report it.
 * The logic ({@link #release}) takes the clock as a value so tests drive it without sleeping; {@link #start}
 * runs it on a daemon thread that exits once cancelled, or once {@link #finish finished} and drained.
 */
public final class Pacer {

    /** The longest the pacing thread sleeps at once, so cancelling and newly added events are seen promptly. */
    static final long MAX_SLEEP_NANOS = 20_000_000;

    private record Entry(LabEvent event, long due, long seq) {
    }

    private final LongSupplier clock;
    private final Consumer<LabEvent> out;
    private final long origin;
    private final Duration from;
    private final double speed;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long seq;
    private boolean finished;
    private Duration playUntil = Duration.ZERO;
    private Consumer<Duration> tick = t -> { };
    private volatile boolean cancelled;
    private volatile Thread thread;
    private Runnable onDrained = () -> { };

    /**
     * @param clock    nanoseconds, e.g. {@code System::nanoTime}; read once now as the origin
     * @param from     the lab time that plays at the origin
     * @param speed    lab seconds per wall-clock second (1 = real time)
     * @param out      receives each event when it is due, on the pacing thread
     */
    public Pacer(LongSupplier clock, Duration from, double speed, Consumer<LabEvent> out) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        this.clock = clock;
        this.out = out;
        this.from = from;
        this.speed = speed;
        this.origin = clock.getAsLong();
    }

    /** Queues an event; one already due goes out with the next {@link #release}. Any thread. */
    public synchronized void add(LabEvent event) {
        if (cancelled) {
            return;
        }
        long offset = (long) ((event.at().toNanos() - from.toNanos()) / speed);
        queue.add(new Entry(event, origin + offset, seq++));
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Called on the pacing thread with the lab time after every release, e.g. to send probes between events. */
    public synchronized Pacer onTick(Consumer<Duration> tick) {
        this.tick = tick;
        return this;
    }

    /**
     * No more events will be added: the pacing thread ends once the queue is empty and the clock has reached
     * {@code playUntil} (the end of the run, which may come after its last event).
     */
    public synchronized void finish(Duration playUntil, Runnable whenDrained) {
        finished = true;
        this.playUntil = playUntil;
        onDrained = whenDrained;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Drops what is queued and stops the pacing thread; nothing more goes out. */
    public void cancel() {
        cancelled = true;
        synchronized (this) {
            queue.clear();
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The lab time the clock is at now: where a note taken now belongs on the timeline. */
    public Duration labTime() {
        return from.plusNanos((long) ((clock.getAsLong() - origin) * speed));
    }

    /**
     * Sends every event due by now, in lab-time order. Returns the nanoseconds until the next one is due (or
     * until the end of the run), 0 when the queue is drained and the run is over, or -1 when it is empty but
     * more may come.
     */
    long release() {
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (cancelled) {
                    return 0;
                }
                if (next == null) {
                    if (!finished) {
                        return -1;
                    }
                    long left = (long) ((playUntil.toNanos() - labTime().toNanos()) / speed);
                    return Math.max(0, left);
                }
                long wait = next.due - clock.getAsLong();
                if (wait > 0) {
                    return wait;
                }
                queue.poll();
            }
            // Outside the lock: the consumer may be slow, and add() must never wait for it.
            out.accept(next.event);
        }
    }

    synchronized int queued() {
        return queue.size();
    }

    /** Paces on a daemon thread named {@code name}; returns at once. */
    public Pacer start(String name) {
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    private void loop() {
        while (!cancelled) {
            long wait = release();
            Consumer<Duration> t;
            synchronized (this) {
                t = tick;
            }
            t.accept(labTime());
            if (wait == 0) {
                break;
            }
            LockSupport.parkNanos(wait < 0 ? MAX_SLEEP_NANOS : Math.min(wait, MAX_SLEEP_NANOS));
        }
        Runnable drained;
        synchronized (this) {
            drained = cancelled ? null : onDrained;
        }
        if (drained != null) {
            drained.run();
        }
    }
}
