package dev.lbstudio.lab.api;

import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario run on any backend: its timeline and each probe flow's outage, measured as the simulator does. */
public record RunResult(Scenario scenario, List<LabEvent> events, List<SimulationResult.FlowOutage> outages) {

    public RunResult {
        events = List.copyOf(events);
        outages = List.copyOf(outages);
    }

    public static RunResult of(SimulationResult simulated) {
        return new RunResult(simulated.scenario(), simulated.events(), simulated.outages());
    }

    public Duration worstOutage() {
        return outages.stream().map(SimulationResult.FlowOutage::total).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public List<LabEvent.RouteChanged> routeChanges() {
        return events.stream().filter(LabEvent.RouteChanged.class::isInstance).map(LabEvent.RouteChanged.class::cast)
                .toList();
    }

    /** Outage windows from probe samples, per flow in order of first appearance (see {@link FlowOutageTracker}). */
    public static List<SimulationResult.FlowOutage> outages(List<LabEvent.ProbeSample> samples, Duration timeout) {
        Map<String, FlowOutageTracker> byFlow = new LinkedHashMap<>();
        samples.forEach(s -> byFlow.computeIfAbsent(s.flow(), f -> new FlowOutageTracker(f, timeout)).add(s));
        return byFlow.values().stream().map(FlowOutageTracker::outage).toList();
    }
}
