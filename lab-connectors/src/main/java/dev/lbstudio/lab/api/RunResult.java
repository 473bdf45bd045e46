package dev.lbstudio.lab.api;

import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * Outage windows from probe samples, as lab-notes §3 and the simulator define them: per flow, a window
     * runs from the first failed probe's start to the end of the last failed one (start + timeout) before the
     * next success.
     */
    public static List<SimulationResult.FlowOutage> outages(List<LabEvent.ProbeSample> samples, Duration timeout) {
        Map<String, List<LabEvent.ProbeSample>> byFlow = new LinkedHashMap<>();
        samples.forEach(s -> byFlow.computeIfAbsent(s.flow(), f -> new ArrayList<>()).add(s));
        List<SimulationResult.FlowOutage> result = new ArrayList<>();
        byFlow.forEach((flow, list) -> {
            List<SimulationResult.Window> windows = new ArrayList<>();
            Duration start = null;
            Duration lastEnd = null;
            int failures = 0;
            for (LabEvent.ProbeSample s : list) {
                if (s.ok()) {
                    if (start != null) {
                        windows.add(new SimulationResult.Window(start, lastEnd));
                        start = null;
                    }
                } else {
                    failures++;
                    start = start == null ? s.at() : start;
                    lastEnd = s.at().plus(timeout);
                }
            }
            if (start != null) {
                windows.add(new SimulationResult.Window(start, lastEnd));
            }
            result.add(new SimulationResult.FlowOutage(flow, list.size(), failures, windows));
        });
        return result;
    }
}
