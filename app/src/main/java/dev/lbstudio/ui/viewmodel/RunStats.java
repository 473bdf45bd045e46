package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.lab.api.FlowOutageTracker;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.SimulationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * What the probe chart draws, kept up to date event by event (FX thread): per flow the runs of success and
 * failure and the latency in {@value #BUCKET_SECONDS} s buckets (so drawing costs the chart's width, not the
 * number of samples); the outage windows, measured as the simulator and lab-notes §3 do ({@link RunResult#outages});
 * and the convergence time of each step, from the step to the last route change it caused.
 */
public final class RunStats {

    static final double BUCKET_SECONDS = 0.1;

    /** A stretch of one flow's probes that all succeeded or all failed, in lab seconds. */
    public record Run(double start, double end, boolean ok) {
    }

    /**
     * Overlapping outage windows of several flows, shown as one shaded band labelled with the longest.
     *
     * @param causes why its probes failed, each once, as far as the backend knows (the simulator tells; a real lab
     *               only sees timeouts, so empty there)
     */
    public record Band(Duration start, Duration end, Duration longest, List<LabEvent.Failure> causes) {
        public Band {
            causes = List.copyOf(causes);
        }

        /**
         * The band's label: how long and what failed, routes or service. A band lasting to the end of the run whose
         * cause is unknown is the service down whatever the routes did, as the probes never recovered.
         */
        public String label(boolean toEnd, List<LabEvent.Failure> failingAtEnd) {
            String length = String.format(java.util.Locale.ROOT, "%.1f s", seconds(longest));
            if (toEnd) {
                return failingAtEnd.size() == 1 ? failingAtEnd.get(0).cause().label() + " " + length + ", to the end: "
                        + failingAtEnd.get(0).detail() : "service down " + length + ", to the end";
            }
            String what = causes.stream().map(c -> c.cause().label()).distinct().collect(Collectors.joining(", "));
            return "outage " + length + (what.isEmpty() ? "" : ": " + what);
        }
    }

    /** A step and the last route change after it (before the next step); empty when it changed no route. */
    public record Convergence(int step, Duration stepAt, Optional<Duration> lastRouteChange) {
        public Optional<Duration> took() {
            return lastRouteChange.map(t -> t.minus(stepAt));
        }
    }

    /** One probe flow as the chart needs it. */
    public static final class Flow {
        private final String name;
        private final List<Run> runs = new ArrayList<>();
        private final FlowOutageTracker outage;
        /** Where the cause of failing probes changed: few per run, so a band finds its causes cheaply. */
        private final List<Cause> causes = new ArrayList<>();
        private LabEvent.Failure failingNow;
        private boolean failing;
        private double[] latencyMs = new double[0];

        Flow(String name, Duration timeout) {
            this.name = name;
            this.outage = new FlowOutageTracker(name, timeout);
        }

        /** Samples arrive in time order; the outage is kept as {@link RunResult#outages} measures it. */
        void add(LabEvent.ProbeSample s) {
            outage.add(s);
            failing = !s.ok();
            if (failing && s.failure() != null && !s.failure().equals(failingNow)) {
                causes.add(new Cause(s.at(), s.failure()));
            }
            failingNow = failing ? s.failure() : null;
            double t = seconds(s.at());
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.ok() == s.ok()) {
                runs.set(runs.size() - 1, new Run(last.start(), t, s.ok()));
            } else {
                if (last != null) {
                    runs.set(runs.size() - 1, new Run(last.start(), t, last.ok()));
                }
                runs.add(new Run(t, t, s.ok()));
            }
            if (s.ok() && s.latency() != null) {
                int bucket = (int) Math.max(0, t / BUCKET_SECONDS);
                if (bucket >= latencyMs.length) {
                    int old = latencyMs.length;
                    latencyMs = Arrays.copyOf(latencyMs, Math.max(bucket + 1, old * 2));
                    Arrays.fill(latencyMs, old, latencyMs.length, Double.NaN);
                }
                latencyMs[bucket] = Double.isNaN(latencyMs[bucket]) ? s.latency().toNanos() / 1e6
                        : Math.max(latencyMs[bucket], s.latency().toNanos() / 1e6);
            }
        }

        public String name() {
            return name;
        }

        /** True when the flow's last probe failed. */
        public boolean failing() {
            return failing;
        }

        SimulationResult.FlowOutage outage() {
            return outage.outage();
        }

        public List<Run> runs() {
            return runs;
        }

        /** The highest latency (ms) of the bucket holding lab second {@code t}; NaN when nothing succeeded then. */
        public double latencyAt(double t) {
            int bucket = (int) (t / BUCKET_SECONDS);
            return bucket < 0 || bucket >= latencyMs.length ? Double.NaN : latencyMs[bucket];
        }
    }

    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final List<LabEvent.StepApplied> steps = new ArrayList<>();
    private final List<Duration> routeChanges = new ArrayList<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private Duration timeout = Duration.ofMillis(50);
    private Duration first;
    private Duration last;
    private double maxLatency;

    /** The probe timeout the outage windows use (a failed probe ends at its start plus the timeout); set it first. */
    public void timeout(Duration probeTimeout) {
        timeout = probeTimeout;
    }

    public void clear() {
        flows.clear();
        steps.clear();
        routeChanges.clear();
        first = null;
        last = null;
        maxLatency = 0;
        revision.set(revision.get() + 1);
    }

    /** Takes a batch of events (annotations included: they only stretch the time axis). */
    public void addAll(List<LabEvent> events) {
        for (LabEvent e : events) {
            first = first == null || e.at().compareTo(first) < 0 ? e.at() : first;
            last = last == null || e.at().compareTo(last) > 0 ? e.at() : last;
            if (e instanceof LabEvent.ProbeSample p) {
                flows.computeIfAbsent(p.flow(), f -> new Flow(f, timeout)).add(p);
                if (p.ok() && p.latency() != null) {
                    maxLatency = Math.max(maxLatency, p.latency().toNanos() / 1e6);
                }
            } else if (e instanceof LabEvent.StepApplied s) {
                steps.add(s);
            } else if (e instanceof LabEvent.RouteChanged r) {
                routeChanges.add(r.at());
            }
        }
        if (!events.isEmpty()) {
            revision.set(revision.get() + 1);
        }
    }

    /** Changes whenever something to draw changed; the chart redraws on it. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    public Optional<Duration> first() {
        return Optional.ofNullable(first);
    }

    public Optional<Duration> last() {
        return Optional.ofNullable(last);
    }

    public double maxLatencyMs() {
        return maxLatency;
    }

    /** Each flow's outage: costs the number of windows, not of samples, so the chart may ask every frame. */
    public List<SimulationResult.FlowOutage> outages() {
        return flows.values().stream().map(Flow::outage).toList();
    }


    /** A probe failure's cause from lab time {@code at} on. */
    private record Cause(Duration at, LabEvent.Failure failure) {
    }

    /** Why the flows failing when the run ended (or now) fail, each cause once; empty when none is known. */
    public List<LabEvent.Failure> failingAtEnd() {
        return flows.values().stream().filter(f -> f.failing && f.failingNow != null).map(f -> f.failingNow).distinct()
                .toList();
    }

    /** Every flow's outage windows, overlapping ones merged, in time order. */
    public List<Band> bands() {
        List<SimulationResult.Window> windows = new ArrayList<>();
        outages().forEach(o -> windows.addAll(o.windows()));
        windows.sort(Comparator.comparing(SimulationResult.Window::start));
        List<Band> bands = new ArrayList<>();
        for (SimulationResult.Window w : windows) {
            Band open = bands.isEmpty() ? null : bands.get(bands.size() - 1);
            if (open != null && w.start().compareTo(open.end()) <= 0) {
                bands.set(bands.size() - 1, new Band(open.start(), max(open.end(), w.end()),
                        max(open.longest(), w.length()), List.of()));
            } else {
                bands.add(new Band(w.start(), w.end(), w.length(), List.of()));
            }
        }
        return bands.stream().map(b -> new Band(b.start(), b.end(), b.longest(), flows.values().stream()
                .flatMap(f -> f.causes.stream()).filter(c -> c.at().compareTo(b.start()) >= 0 && c.at().compareTo(b.end()) < 0)
                .sorted(Comparator.comparing(Cause::at)).map(Cause::failure).distinct().toList())).toList();
    }

    public List<Convergence> convergence() {
        List<Convergence> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Duration from = steps.get(i).at();
            Duration until = i + 1 < steps.size() ? steps.get(i + 1).at() : null;
            Optional<Duration> lastChange = routeChanges.stream()
                    .filter(t -> t.compareTo(from) >= 0 && (until == null || t.compareTo(until) < 0))
                    .max(Comparator.naturalOrder());
            result.add(new Convergence(steps.get(i).index(), from, lastChange));
        }
        return result;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
