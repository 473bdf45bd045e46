package dev.lbstudio.scenario;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.Trace;
import dev.lbstudio.scenario.LabEvent.Cause;
import dev.lbstudio.scenario.LabEvent.Failure;
import java.util.List;
import java.util.Optional;

/**
 * Why a simulated probe failed, in the words a class needs: a failover demo whose routes converged while the
 * service stayed down (the seed's one pod on the crashed node) must say that the service, not BGP, is what
 * failed. Routing causes are the packet reaching nothing (no route, a dead node still in the FIB); service
 * causes are kube-proxy having no endpoint that can answer.
 */
final class FailureCauses {

    private final Topology initial;
    private final IpAddr target;

    /** {@code initial} is the design as the run began: where the service's endpoints were before anything failed. */
    FailureCauses(Topology initial, IpAddr target) {
        this.initial = initial;
        this.target = target;
    }

    /** The cause of {@code trace}'s drop on the design {@code now}; null when it was delivered. */
    Failure of(Trace trace, Topology now) {
        if (trace.delivered()) {
            return null;
        }
        String node = trace.node() == null ? null : trace.node().name();
        return switch (trace.drop()) {
            case NODE_DOWN -> new Failure(Cause.ROUTES, "traffic still goes to " + node + ", which is down");
            case NO_GATEWAY, NO_ROUTE, NEXT_HOP_UNKNOWN, LOOP -> new Failure(Cause.ROUTES, trace.drop().description());
            case NO_ENDPOINTS -> new Failure(Cause.SERVICE, endpointsBefore());
            case NO_LOCAL_ENDPOINT -> new Failure(Cause.SERVICE, "externalTrafficPolicy Local and " + node
                    + " has no ready endpoint, yet traffic still arrives there");
            case POD_UNREACHABLE -> new Failure(Cause.SERVICE, "kube-proxy on " + node + " still sends it to "
                    + unreachablePod(trace, now).map(p -> p.name() + " on " + p.node()).orElse("an endpoint")
                    + ", which is down");
            case NO_SERVICE -> new Failure(Cause.SERVICE, trace.drop().description());
        };
    }

    /** Where the probed service's endpoints were when the run began: "its only endpoint was on node-1". */
    private String endpointsBefore() {
        List<String> nodes = service().map(s -> initial.endpoints(s).stream().map(e -> e.pod().node()).distinct().toList())
                .orElse(List.of());
        long count = service().map(s -> (long) initial.endpoints(s).size()).orElse(0L);
        if (count == 0) {
            return "the service had no endpoint to begin with";
        }
        return count == 1 ? "its only endpoint was on " + nodes.get(0)
                : "no ready endpoint left (its " + count + " endpoints were on " + String.join(", ", nodes) + ")";
    }

    private Optional<Service> service() {
        return initial.workloads().services().stream().filter(s -> s.status().contains(target)).findFirst();
    }

    /** The pod kube-proxy chose: the destination of the walk's last hop (its DNAT). */
    private static Optional<Pod> unreachablePod(Trace trace, Topology now) {
        if (trace.hops().isEmpty()) {
            return Optional.empty();
        }
        IpAddr dnat = trace.hops().get(trace.hops().size() - 1).destination();
        return now.workloads().deployments().stream().flatMap(d -> d.pods().stream())
                .filter(p -> dnat != null && dnat.equals(p.ip())).findFirst();
    }
}
