package dev.lbstudio.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.GoDuration;
import java.time.Duration;

/**
 * One timed action of a {@link Scenario}. In YAML a step is a flat map whose {@code action} picks
 * the kind, e.g. {@code {at: 10s, action: node-crash, node: node-1}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Step.NodeCrash.class, name = "node-crash"),
        @JsonSubTypes.Type(value = Step.NodeShutdown.class, name = "node-shutdown"),
        @JsonSubTypes.Type(value = Step.BirdRestart.class, name = "bird-restart"),
        @JsonSubTypes.Type(value = Step.BirdHang.class, name = "bird-hang"),
        @JsonSubTypes.Type(value = Step.LinkDown.class, name = "link-down"),
        @JsonSubTypes.Type(value = Step.LinkUp.class, name = "link-up"),
        @JsonSubTypes.Type(value = Step.SessionReset.class, name = "session-reset"),
        @JsonSubTypes.Type(value = Step.PodRelocation.class, name = "pod-relocation"),
        @JsonSubTypes.Type(value = Step.ScaleReplicas.class, name = "scale"),
        @JsonSubTypes.Type(value = Step.RouterTimers.class, name = "router-timers"),
        @JsonSubTypes.Type(value = Step.RouterBfd.class, name = "router-bfd"),
        @JsonSubTypes.Type(value = Step.TrafficPolicy.class, name = "traffic-policy")})
public sealed interface Step {

    /** When the step happens, from the start of the run. */
    GoDuration at();

    default Duration time() {
        return at() == null ? Duration.ZERO : at().duration();
    }

    /** What the step does, in a sentence. */
    String describe();

    /** The element the step acts on, for highlighting and as the source of the changes it causes. */
    ElementId subject();

    private static ElementId nodeId(String name) {
        return ElementId.of(ElementKind.NODE, name);
    }

    private static ElementId routerId(String name) {
        return ElementId.of(ElementKind.ROUTER, name);
    }

    /** The node loses power or its kernel panics: nothing is sent, peers notice only by their hold timer or BFD. */
    record NodeCrash(GoDuration at, String node) implements Step {
        public ElementId subject() {
            return nodeId(node);
        }

        public String describe() {
            return "node " + node + " crashes silently (power loss: no TCP close, no NOTIFICATION)";
        }
    }

    /** A clean shutdown: BIRD sends NOTIFICATION Cease, kubelet drains the pods, then the node goes down. */
    record NodeShutdown(GoDuration at, String node) implements Step {
        public ElementId subject() {
            return nodeId(node);
        }

        public String describe() {
            return "node " + node + " shuts down (BGP NOTIFICATION Cease, pods terminated)";
        }
    }

    /**
     * BIRD (or calico-node) is killed: its TCP sessions close. With graceful restart (Calico's
     * default) helpers keep its routes as stale for the restart time.
     *
     * @param gracefulRestart overrides the design's BIRD setting when set
     * @param downFor when BIRD is back; null means it stays down
     */
    record BirdRestart(GoDuration at, String node, Boolean gracefulRestart, GoDuration downFor) implements Step {
        public ElementId subject() {
            return nodeId(node);
        }

        public String describe() {
            return "BIRD on " + node + " is killed" + (Boolean.FALSE.equals(gracefulRestart) ? " (graceful restart off)" : "")
                    + (downFor == null ? " and stays down" : " and restarts after " + downFor);
        }
    }

    /** BIRD stops (SIGSTOP): sessions stay open but silent until the peers' hold timers expire. */
    record BirdHang(GoDuration at, String node, GoDuration downFor) implements Step {
        public ElementId subject() {
            return nodeId(node);
        }

        public String describe() {
            return "BIRD on " + node + " hangs" + (downFor == null ? "" : " for " + downFor);
        }
    }

    /**
     * A link goes down: a node's uplink ({@code node}), or a router's interface on {@code segment}.
     * A node's link behind a bridge is silent for the router; a router's own port is not.
     */
    record LinkDown(GoDuration at, String node, String router, String segment) implements Step {
        public ElementId subject() {
            return node != null ? nodeId(node) : routerId(router);
        }

        public String describe() {
            return node != null ? "link of node " + node + " goes down"
                    : "interface of " + router + " on " + segment + " goes down";
        }
    }

    record LinkUp(GoDuration at, String node, String router, String segment) implements Step {
        public ElementId subject() {
            return node != null ? nodeId(node) : routerId(router);
        }

        public String describe() {
            return node != null ? "link of node " + node + " comes back"
                    : "interface of " + router + " on " + segment + " comes back";
        }
    }

    /** {@code clear bgp <peer>} on a router: NOTIFICATION Cease, routes withdrawn, session re-established. */
    record SessionReset(GoDuration at, String router, String peer) implements Step {
        public ElementId subject() {
            return routerId(router);
        }

        public String describe() {
            return "BGP session " + router + " ↔ " + peer + " is reset";
        }
    }

    /**
     * A pod is deleted and rescheduled on another node: its endpoint disappears now and the new pod is
     * ready after {@code delay} (scheduling, image, readiness probe).
     */
    record PodRelocation(GoDuration at, String pod, String to, GoDuration delay) implements Step {
        public ElementId subject() {
            return nodeId(to);
        }

        public String describe() {
            return "pod " + pod + " is deleted and comes back on " + to + " after "
                    + (delay == null ? Scenarios.DEFAULT_RESCHEDULE : delay);
        }
    }

    /** A deployment ({@code namespace/name}) is scaled; new pods are ready after {@code delay}. */
    record ScaleReplicas(GoDuration at, String deployment, int replicas, GoDuration delay) implements Step {
        public ElementId subject() {
            return ElementId.of(ElementKind.DEPLOYMENT, deployment);
        }

        public String describe() {
            return "deployment " + deployment + " is scaled to " + replicas;
        }
    }

    /** {@code timers bgp KA HOLD} on a router; FRR applies it when sessions next come up. */
    record RouterTimers(GoDuration at, String router, int keepalive, int hold) implements Step {
        public ElementId subject() {
            return routerId(router);
        }

        public String describe() {
            return "router " + router + " gets timers bgp " + keepalive + " " + hold;
        }
    }

    /**
     * A service's externalTrafficPolicy is changed ({@code kubectl patch svc}): with Local, Calico advertises
     * the service's /32 only from nodes with a ready local endpoint and kube-proxy keeps the client's address.
     *
     * @param service {@code namespace/name}
     */
    record TrafficPolicy(GoDuration at, String service, dev.lbstudio.model.Service.TrafficPolicy policy) implements Step {
        public TrafficPolicy {
            if (service == null || policy == null) {
                throw new IllegalArgumentException("a traffic-policy step needs a service (namespace/name) and a policy"
                        + " (Local or Cluster)");
            }
        }

        public ElementId subject() {
            return ElementId.of(ElementKind.SERVICE, service);
        }

        public String describe() {
            return "service " + service + " gets externalTrafficPolicy: " + policy.word();
        }
    }

    /**
     * BFD on (with a profile) or off for every neighbor of a router.
     *
     * @param ebgpMultihop when set, the router's neighbours also get {@code ebgp-multihop} this many hops: Calico's
     *                     BIRD runs multihop BFD, which FRR answers only on a multihop session (lab-notes §3)
     */
    record RouterBfd(GoDuration at, String router, boolean enabled, Integer receiveInterval, Integer transmitInterval,
                     Integer detectMultiplier, Integer minimumTtl, Integer ebgpMultihop) implements Step {
        public ElementId subject() {
            return routerId(router);
        }

        /** The BFD profile the step gives the router (named "scenario"), empty when it turns BFD off. */
        public java.util.Optional<dev.lbstudio.model.BfdProfile> profile() {
            return enabled ? java.util.Optional.of(new dev.lbstudio.model.BfdProfile("scenario", receiveInterval,
                    transmitInterval, detectMultiplier, minimumTtl, null, null, null)) : java.util.Optional.empty();
        }

        public String describe() {
            return "router " + router + (enabled ? " enables BFD" + (receiveInterval != null ? " " + receiveInterval + " ms" : "")
                    + (detectMultiplier != null ? " ×" + detectMultiplier : "")
                    + (ebgpMultihop != null ? ", ebgp-multihop " + ebgpMultihop : "") : " disables BFD");
        }
    }
}
