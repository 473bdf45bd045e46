package dev.lbstudio.lab.api;

import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;

/** Moving events along the lab clock: a run reports from its own start, a panel shows lab time since start. */
public final class LabEvents {

    private LabEvents() {
    }

    /** The same event {@code by} later (earlier when negative). */
    public static LabEvent shifted(LabEvent e, Duration by) {
        Duration at = e.at().plus(by);
        if (e instanceof LabEvent.ProbeSample p) {
            return new LabEvent.ProbeSample(at, p.flow(), p.ok(), p.latency(), p.sourceSeenByPod(), p.pod());
        } else if (e instanceof LabEvent.RouteChanged r) {
            return new LabEvent.RouteChanged(at, r.router(), r.prefix(), r.before(), r.after(), r.reason(), r.source());
        } else if (e instanceof LabEvent.SessionChanged s) {
            return new LabEvent.SessionChanged(at, s.router(), s.peer(), s.from(), s.to(), s.reason());
        } else if (e instanceof LabEvent.StepApplied s) {
            return new LabEvent.StepApplied(at, s.index(), s.description());
        }
        LabEvent.Note n = (LabEvent.Note) e;
        return new LabEvent.Note(at, n.severity(), n.text(), n.about());
    }
}
