package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated lab's prober. The simulator reports a probe flow only when what it sees changes (delivered or
 * not, which pod, which source) and counts the probes in between; a real lab reports every probe. This sits
 * between the simulator's events and their consumer and sends each probe in between at the simulator's own
 * cadence — one every interval while they succeed, one every timeout while they fail (a failed probe waits for
 * its timeout) — up to {@link #endAt the end}, so the chart streams like a real lab's and the outage windows
 * measured from the samples equal the simulator's. Events must come in lab-time order; not thread-safe.
 */
final class ProbeRepeater implements Consumer<LabEvent> {

    private final long interval;
    private final long timeout;
    private final Consumer<LabEvent> out;
    private final Map<String, LabEvent.ProbeSample> last = new LinkedHashMap<>();
    private final Map<String, Long> next = new LinkedHashMap<>();
    /** Set from the FX thread when a run begins while the pacing thread probes. */
    private volatile long end;
    private volatile long cap = Long.MAX_VALUE;
    /** Nothing earlier is sent: the simulated lab re-simulates from its start on every step applied live. */
    private volatile long from = Long.MIN_VALUE;

    ProbeRepeater(Scenario.Probe probe, Duration end, Consumer<LabEvent> out) {
        this.interval = probe.effectiveInterval().toNanos();
        this.timeout = probe.effectiveTimeout().toNanos();
        this.end = end.toNanos();
        this.out = out;
    }

    /** Probing stops here (the end of the run the simulator computed), or at the {@link #capAt cap}. */
    void endAt(Duration at) {
        end = Math.min(at.toNanos(), cap);
    }

    /**
     * Probing stops at {@code at} whatever a later step asks (a run began: its own prober takes over, and a live
     * step's events still on their way must not start this one again), until {@link #uncap}. Any thread.
     */
    void capAt(Duration at) {
        cap = at.toNanos();
        end = Math.min(end, cap);
    }

    /** A step applied live again: it may be probed. */
    void uncap() {
        cap = Long.MAX_VALUE;
    }

    /** Probes before lab time {@code at} are only noted, not sent (any thread). */
    void sendFrom(Duration at) {
        from = at.toNanos();
    }

    @Override
    public void accept(LabEvent e) {
        repeatUntil(e.at().toNanos(), false);
        if (e instanceof LabEvent.ProbeSample s) {
            last.put(s.flow(), s);
            next.put(s.flow(), s.at().toNanos() + (s.ok() ? interval : timeout));
            if (s.at().toNanos() < from || s.at().toNanos() >= end) {
                // Before the start, or after the end (a capped live step's own samples): noted, not sent.
                return;
            }
        }
        out.accept(e);
    }

    /** Sends every probe due by lab time {@code now}: the clock moved on without news from the simulator. */
    void catchUp(Duration now) {
        repeatUntil(now.toNanos(), true);
    }

    private void repeatUntil(long t, boolean inclusive) {
        long limit = Math.min(t, end);
        boolean atEnd = limit == end;
        for (Map.Entry<String, LabEvent.ProbeSample> flow : last.entrySet()) {
            LabEvent.ProbeSample s = flow.getValue();
            long step = s.ok() ? interval : timeout;
            long n = next.get(flow.getKey());
            if (n < from) {
                n += (from - n + step - 1) / step * step;
            }
            while (n < limit || n == limit && inclusive && !atEnd) {
                out.accept(s.movedTo(Duration.ofNanos(n)));
                n += step;
            }
            next.put(flow.getKey(), n);
        }
    }

    /** A whole simulated run with every probe in it, in lab-time order (for predictions and tests). */
    static List<LabEvent> fill(List<LabEvent> events, Scenario.Probe probe, Duration end) {
        List<LabEvent> all = new ArrayList<>();
        ProbeRepeater r = new ProbeRepeater(probe, end, all::add);
        events.forEach(r);
        r.catchUp(end);
        all.sort(java.util.Comparator.comparing(LabEvent::at));
        return all;
    }
}
