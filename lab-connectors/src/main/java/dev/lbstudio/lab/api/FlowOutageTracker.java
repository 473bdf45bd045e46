package dev.lbstudio.lab.api;

import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.SimulationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe flow's outage windows, kept sample by sample (in time order) as lab-notes §3 and the simulator define
 * them: a window runs from the first failed probe's start to the end of the last failed one (start + timeout)
 * before the next success. Used for a finished run ({@link RunResult#outages}) and live, by the app's probe chart.
 */
public final class FlowOutageTracker {

    private final String flow;
    private final Duration timeout;
    private final List<SimulationResult.Window> windows = new ArrayList<>();
    private int probes;
    private int failures;
    private Duration failingSince;
    private Duration lastFailureEnd;

    public FlowOutageTracker(String flow, Duration timeout) {
        this.flow = flow;
        this.timeout = timeout;
    }

    public void add(LabEvent.ProbeSample s) {
        probes++;
        if (s.ok()) {
            if (failingSince != null) {
                windows.add(new SimulationResult.Window(failingSince, lastFailureEnd));
                failingSince = null;
            }
        } else {
            failures++;
            failingSince = failingSince == null ? s.at() : failingSince;
            lastFailureEnd = s.at().plus(timeout);
        }
    }

    /** The flow's outage so far; a window still open ends at the last failure. */
    public SimulationResult.FlowOutage outage() {
        List<SimulationResult.Window> all = new ArrayList<>(windows);
        if (failingSince != null) {
            all.add(new SimulationResult.Window(failingSince, lastFailureEnd));
        }
        return new SimulationResult.FlowOutage(flow, probes, failures, all);
    }
}
