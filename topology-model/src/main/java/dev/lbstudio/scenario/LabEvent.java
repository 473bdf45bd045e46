package dev.lbstudio.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What every lab backend reports — the simulator, the network-namespace lab and a real cluster —
 * and what the app's timeline, route view and probe chart consume. One stream per run.
 *
 * <p>{@link #at()} is the time since the run started on one monotonic clock: the virtual clock in
 * the simulator, {@code System.nanoTime()} (never wall-clock time) in the real labs. Events are
 * delivered in {@code at} order. Elements are named by {@link ElementId} (routers, nodes, pods) so
 * the canvas can highlight them. The family is closed (sealed) so a consumer's {@code switch}
 * covers every case; new information goes into new fields with defaults, never renamed ones.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LabEvent.SessionChanged.class, name = "SessionChanged"),
        @JsonSubTypes.Type(value = LabEvent.RouteChanged.class, name = "RouteChanged"),
        @JsonSubTypes.Type(value = LabEvent.ProbeSample.class, name = "ProbeSample"),
        @JsonSubTypes.Type(value = LabEvent.StepApplied.class, name = "StepApplied"),
        @JsonSubTypes.Type(value = LabEvent.Note.class, name = "Note")})
public sealed interface LabEvent {

    /** Time since the run started, on the run's monotonic clock. */
    Duration at();

    /** A BGP session's FSM state as FRR reports it ({@code show bgp summary json} "state"). */
    enum SessionState { IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED }

    /**
     * A BGP session changed state, seen from {@code router}'s side.
     *
     * @param reason e.g. "hold timer expired (180 s)", "NOTIFICATION Cease", "BFD down"
     */
    record SessionChanged(Duration at, ElementId router, ElementId peer, SessionState from, SessionState to,
                          String reason) implements LabEvent {
        public SessionChanged {
            Objects.requireNonNull(at);
            Objects.requireNonNull(router);
            Objects.requireNonNull(peer);
        }
    }

    /**
     * A router's forwarding of one prefix changed (kernel FIB, after the programming delay).
     * {@code before}/{@code after} are the next hops; empty means no route.
     *
     * @param reason what caused it, in the user's words
     * @param source the element whose change caused it (a node, router or pod), or null when unknown
     */
    record RouteChanged(Duration at, ElementId router, IpPrefix prefix, List<IpAddr> before, List<IpAddr> after,
                        String reason, ElementId source) implements LabEvent {
        public RouteChanged {
            Objects.requireNonNull(at);
            Objects.requireNonNull(router);
            Objects.requireNonNull(prefix);
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    /**
     * One probe of a synthetic client flow.
     *
     * @param flow the flow's name, stable for the run (e.g. {@code client1:40001→10.208.1.1:80})
     * @param latency round-trip time when ok, null when it failed
     * @param sourceSeenByPod the client address the pod saw (client's own, or a node's after SNAT), or null
     * @param pod the pod that served it, or null
     * @param failure why it failed when the backend knows (the simulator does; a real lab only sees a timeout), else null
     */
    record ProbeSample(Duration at, String flow, boolean ok, Duration latency, IpAddr sourceSeenByPod, ElementId pod,
                       Failure failure) implements LabEvent {
        public ProbeSample {
            Objects.requireNonNull(at);
            Objects.requireNonNull(flow);
        }

        /** A sample whose failure, if any, has no known cause. */
        public ProbeSample(Duration at, String flow, boolean ok, Duration latency, IpAddr sourceSeenByPod, ElementId pod) {
            this(at, flow, ok, latency, sourceSeenByPod, pod, null);
        }

        /** The same sample at another time. */
        public ProbeSample movedTo(Duration when) {
            return new ProbeSample(when, flow, ok, latency, sourceSeenByPod, pod, failure);
        }
    }

    /**
     * What made a probe fail, told apart because converged routes do not mean a working service: the
     * routes still lead somewhere dead, or the routes are fine and the service has nothing to serve it.
     *
     * @param detail what exactly, naming the element, e.g. "its only endpoint was on node-1"
     */
    record Failure(Cause cause, String detail) {
        public Failure {
            Objects.requireNonNull(cause);
            Objects.requireNonNull(detail);
        }

        @Override
        public String toString() {
            return cause.label() + ": " + detail;
        }
    }

    enum Cause {
        ROUTES("routes stale"),
        SERVICE("service down");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A scenario step was applied ({@code index} counts from 0 in the scenario's order). */
    record StepApplied(Duration at, int index, String description) implements LabEvent {
        public StepApplied {
            Objects.requireNonNull(at);
            Objects.requireNonNull(description);
        }
    }

    /** Anything else worth telling: a limitation, an assumption, a detail of what happened. */
    record Note(Duration at, Severity severity, String text, ElementId about) implements LabEvent {
        public Note {
            Objects.requireNonNull(at);
            Objects.requireNonNull(severity);
            Objects.requireNonNull(text);
        }
    }

    enum Severity { INFO, WARNING }
}
