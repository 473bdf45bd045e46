package dev.lbstudio.ui.live;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.Flow;
import dev.lbstudio.routing.SessionPlan;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.ui.edit.ElementPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The way a probe sample took: client → gateway router(s) → node → (the pod's node) → pod, walked over the
 * routers' observed FIBs, so after a failover the dot takes the new path. Router hops pick the ECMP member
 * the way {@code DataPlane.trace} does (flow hash salted with the router's name), so the canvas agrees with
 * the packet walk and the simulator. A failed sample stops where it died: at the router without a route,
 * or at the node the routers still send it to; a sample that does not name its pod stops at the node.
 */
public final class ProbePaths {

    /** Linux's default TTL, as in the data plane. */
    private static final int MAX_HOPS = 64;
    /** The simulator and the labs name flows {@code client:sourcePort→destination:port}. */
    private static final Pattern FLOW = Pattern.compile("(.+):(\\d+)→(.+):(\\d+)");

    /** The elements a sample passed, in order, and whether it died at the last one. */
    public record Walk(List<ElementId> stops, boolean died) {
    }

    private final ObservedRoutes routes;
    private final Topology t;
    private final SessionPlan plan;

    public ProbePaths(ObservedRoutes routes) {
        this.routes = routes;
        this.t = routes.predicted().topology();
        this.plan = routes.predicted().plan();
    }

    /** Empty when the flow is not named as labs name them or its client is not in the design. */
    public Optional<Walk> walk(LabEvent.ProbeSample sample) {
        Matcher m = FLOW.matcher(sample.flow());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Client> client = t.client(m.group(1));
        IpAddr destination;
        try {
            destination = IpAddr.parse(m.group(3));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (client.isEmpty()) {
            return Optional.empty();
        }
        // Probe flows differ only in their source port, counted from the one Flow.probe starts at.
        Flow flow = Flow.probe(client.get(), destination, Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(2)) - Flow.probe(client.get(), destination, 0, 0).sourcePort());
        List<ElementId> stops = new ArrayList<>(List.of(client.get().id()));
        List<Router> gateways = t.routersOn(client.get().segment());
        if (gateways.isEmpty()) {
            return Optional.of(new Walk(stops, true));
        }
        ElementId at = gateways.get(0).id();
        for (int ttl = 0; ttl < MAX_HOPS; ttl++) {
            stops.add(at);
            Optional<List<IpAddr>> members = routes.lookup(at, destination).map(e -> e.getValue());
            if (members.isEmpty() || members.get().isEmpty()) {
                return Optional.of(new Walk(stops, true));
            }
            IpAddr chosen = members.get().get((int) (flow.hash(at.name().hashCode()) % members.get().size()));
            Optional<Speaker> next = plan.owner(chosen);
            if (next.isEmpty()) {
                return Optional.of(new Walk(stops, true));
            }
            if (next.get().isNode()) {
                stops.add(next.get().id());
                if (sample.ok() && sample.pod() != null) {
                    nodeOf(sample.pod()).ifPresent(stops::add);
                    stops.add(sample.pod());
                }
                return Optional.of(new Walk(stops, !sample.ok()));
            }
            at = next.get().id();
        }
        return Optional.of(new Walk(stops, true));
    }

    private Optional<ElementId> nodeOf(ElementId pod) {
        for (Deployment d : t.workloads().deployments()) {
            for (Pod p : d.pods()) {
                if (ElementPaths.podId(d, p).equals(pod)) {
                    return Optional.of(ElementId.of(ElementKind.NODE, p.node()));
                }
            }
        }
        return Optional.empty();
    }
}
