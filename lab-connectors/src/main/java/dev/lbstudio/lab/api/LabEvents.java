package dev.lbstudio.lab.api;

import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Helpers over a lab's events: moving them along the lab clock (a run reports from its own start, a panel from
 * the lab's) and following a lab's stream.
 */
public final class LabEvents {

    private LabEvents() {
    }

    /** The same event {@code by} later (earlier when negative). */
    public static LabEvent shifted(LabEvent e, Duration by) {
        Duration at = e.at().plus(by);
        if (e instanceof LabEvent.ProbeSample p) {
            return p.movedTo(at);
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

    /** Every event of {@code events} to {@code to}, on the publisher's thread, as fast as they come. */
    public static void forward(Flow.Publisher<LabEvent> events, Consumer<LabEvent> to) {
        events.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(LabEvent e) {
                to.accept(e);
            }

            @Override
            public void onError(Throwable t) {
                // The lab failed; its own call (start, run, apply) reports why.
            }

            @Override
            public void onComplete() {
                // The lab stopped.
            }
        });
    }
}
