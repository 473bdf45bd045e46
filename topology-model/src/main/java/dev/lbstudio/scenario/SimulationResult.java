package dev.lbstudio.scenario;

import dev.lbstudio.routing.RoutingState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A simulated run: the event timeline (what a real lab would have reported), the outage of every
 * probe flow, and the routing before and after.
 */
public record SimulationResult(Scenario scenario, Duration duration, List<LabEvent> events, List<FlowOutage> outages,
                               RoutingState initial, RoutingState last) {

    public SimulationResult {
        events = List.copyOf(events);
        outages = List.copyOf(outages);
    }

    /**
     * One probe flow's failures. A window runs from the first failed probe to the end of the last
     * failed one (its timeout), as lab-notes §3 measures outages.
     */
    public record FlowOutage(String flow, int probes, int failures, List<Window> windows) {
        public FlowOutage {
            windows = List.copyOf(windows);
        }

        public Duration total() {
            return windows.stream().map(Window::length).reduce(Duration.ZERO, Duration::plus);
        }

        public Optional<Window> first() {
            return windows.stream().findFirst();
        }
    }

    public record Window(Duration start, Duration end) {
        public Duration length() {
            return end.minus(start);
        }
    }

    /** The longest total outage over all flows (zero when every probe succeeded). */
    public Duration worstOutage() {
        return outages.stream().map(FlowOutage::total).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public int failures() {
        return outages.stream().mapToInt(FlowOutage::failures).sum();
    }

    /** Why probes failed, each cause once, in the order the run first met it. */
    public List<LabEvent.Failure> failureCauses() {
        return events.stream().filter(e -> e instanceof LabEvent.ProbeSample p && p.failure() != null)
                .map(e -> ((LabEvent.ProbeSample) e).failure()).distinct().toList();
    }

    /** Why the flows that were still failing when the run ended failed: what the audience is left with. */
    public List<LabEvent.Failure> failingAtEnd() {
        java.util.Map<String, LabEvent.ProbeSample> last = new java.util.LinkedHashMap<>();
        events.stream().filter(e -> e instanceof LabEvent.ProbeSample).map(e -> (LabEvent.ProbeSample) e)
                .forEach(p -> last.put(p.flow(), p));
        return last.values().stream().filter(p -> !p.ok() && p.failure() != null).map(LabEvent.ProbeSample::failure)
                .distinct().toList();
    }

    /** The timeline's route changes. */
    public List<LabEvent.RouteChanged> routeChanges() {
        return events.stream().filter(e -> e instanceof LabEvent.RouteChanged).map(e -> (LabEvent.RouteChanged) e).toList();
    }

    public List<LabEvent.SessionChanged> sessionChanges() {
        return events.stream().filter(e -> e instanceof LabEvent.SessionChanged)
                .map(e -> (LabEvent.SessionChanged) e).toList();
    }
}
