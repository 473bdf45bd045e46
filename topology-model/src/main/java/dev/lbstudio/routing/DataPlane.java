package dev.lbstudio.routing;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.Trace.Drop;
import dev.lbstudio.routing.Trace.Hop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Walks packets through a {@link RoutingState}: client → gateway router (longest-prefix match, ECMP
 * member by flow hash) → node → kube-proxy (domain-facts §3: Local DNATs to a local endpoint or
 * drops and keeps the client address; Cluster DNATs to any endpoint and masquerades to the node
 * address) → pod.
 */
public final class DataPlane {

    /** Linux's default TTL bounds the walk, as it bounds a real loop. */
    private static final int MAX_HOPS = 64;
    /** kube-proxy picks endpoints at random; a hash with its own salt stands in, independent of ECMP. */
    private static final long ENDPOINT_SALT = 0x6b7562652d70L;

    private final RoutingState state;
    private final Health health;
    private final Topology t;
    /** kube-proxy's endpoint view; CalicoOriginations indexes deployments by selector label. */
    private final CalicoOriginations endpoints;

    /**
     * @param kubernetes what kube-proxy sees (services, endpoints); may be newer than the routing
     *                   state, because the kernel FIBs lag the API by the programming delay
     */
    public DataPlane(RoutingState state, Topology kubernetes, Health health) {
        this.state = state;
        this.health = health;
        this.t = kubernetes;
        this.endpoints = new CalicoOriginations(kubernetes);
    }

    public DataPlane(RoutingState state) {
        this(state, state.topology(), Health.ALL_UP);
    }

    /** Traces one flow from a client (by name) to {@code destination:port}. */
    public Trace trace(String clientName, IpAddr destination, int port, int flowIndex) {
        Client client = t.client(clientName).orElseThrow(() -> new IllegalArgumentException("no client named '"
                + clientName + "'; the design's clients are " + t.network().clients().stream().map(Client::name).toList()));
        return trace(client, Flow.probe(client, destination, port, flowIndex));
    }

    public Trace trace(Client client, Flow flow) {
        List<Hop> hops = new ArrayList<>();
        IpAddr src = flow.source();
        hops.add(new Hop(client.id(), "sends " + flow, src, flow.destination(), flow.destinationPort(), null, null));
        List<Router> gateways = t.routersOn(client.segment());
        if (gateways.isEmpty()) {
            return new Trace(flow, hops, null, null, null, Drop.NO_GATEWAY, false);
        }
        ElementId at = gateways.get(0).id();
        boolean assumed = false;
        for (int ttl = 0; ttl < MAX_HOPS; ttl++) {
            Optional<FibEntry> route = state.lookup(at, flow.destination());
            if (route.isEmpty() || route.get().source() == FibEntry.Source.CONNECTED) {
                hops.add(new Hop(at, "no route to " + flow.destination(), src, flow.destination(),
                        flow.destinationPort(), route.orElse(null), null));
                return new Trace(flow, hops, null, null, null, Drop.NO_ROUTE, assumed);
            }
            FibEntry fib = route.get();
            List<IpAddr> members = fib.nextHops();
            IpAddr chosen = members.get((int) (flow.hash(at.name().hashCode()) % members.size()));
            assumed |= fib.undetermined();
            String action = fib.prefix() + " via " + (members.size() > 1 ? "ECMP " + members.size() + "-way, flow hash → " : "")
                    + chosen + (fib.undetermined() ? " (assumed: FRR installs " + members.size() + " of "
                    + fib.candidates() + " by session start order)" : "") + (fib.stale() ? " (stale, graceful restart)" : "");
            hops.add(new Hop(at, action, src, flow.destination(), flow.destinationPort(), fib, chosen));
            Optional<Speaker> next = state.plan().owner(chosen);
            if (next.isEmpty()) {
                return new Trace(flow, hops, null, null, null, Drop.NEXT_HOP_UNKNOWN, assumed);
            }
            if (next.get().isNode()) {
                return atNode(client, flow, hops, next.get().id(), assumed);
            }
            at = next.get().id();
        }
        return new Trace(flow, hops, null, null, null, Drop.LOOP, assumed);
    }

    private Trace atNode(Client client, Flow flow, List<Hop> hops, ElementId nodeId, boolean assumed) {
        Node node = t.node(nodeId.name()).orElseThrow();
        IpAddr src = flow.source();
        if (!health.reachable(nodeId)) {
            hops.add(new Hop(nodeId, "node is down or cut off", src, flow.destination(), flow.destinationPort(), null, null));
            return new Trace(flow, hops, null, nodeId, null, Drop.NODE_DOWN, assumed);
        }
        Optional<Match> match = service(flow);
        if (match.isEmpty()) {
            hops.add(new Hop(nodeId, "no service listens on " + flow.destination() + ":" + flow.destinationPort(), src,
                    flow.destination(), flow.destinationPort(), null, null));
            return new Trace(flow, hops, null, nodeId, null, Drop.NO_SERVICE, assumed);
        }
        Service svc = match.get().service();
        boolean local = match.get().external() && svc.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL;
        int family = flow.destination().isIpv4() ? 4 : 6;
        // Reported endpoints come per address type (EndpointSlices): a flow goes to those of its family. A
        // design's pods carry one address, so their address of the other family is unknown, not missing.
        List<Topology.Endpoint> ready = endpoints.endpoints(svc).stream()
                .filter(e -> e.pod().isReady())
                .filter(e -> !svc.reportsEndpoints() || e.pod().ip() == null || e.pod().ip().isIpv4() == (family == 4)).toList();
        List<Topology.Endpoint> usable = local
                ? ready.stream().filter(e -> e.pod().node().equals(node.name())).toList() : ready;
        if (usable.isEmpty()) {
            hops.add(new Hop(nodeId, "kube-proxy: " + svc.namespace() + "/" + svc.name() + " is "
                    + (local ? "Local and this node has no ready endpoint → drop" : "without ready endpoints → reject"),
                    src, flow.destination(), flow.destinationPort(), null, null));
            return new Trace(flow, hops, null, nodeId, null, local ? Drop.NO_LOCAL_ENDPOINT : Drop.NO_ENDPOINTS, assumed);
        }
        Topology.Endpoint e = usable.get((int) (flow.hash(ENDPOINT_SALT) % usable.size()));
        ElementId podId = e.podId(svc.namespace());
        IpAddr podIp = e.pod().ip() != null && e.pod().ip().isIpv4() == (family == 4) ? e.pod().ip() : null;
        int targetPort = match.get().port().effectiveTargetPort();
        boolean remote = !e.pod().node().equals(node.name());
        // kube-proxy masquerades every external packet of a Cluster service, local endpoint or not
        // (iptables/nftables proxier: "masquerade traffic for <svc> external destinations"); see ADR 0100.
        IpAddr seen = local ? src : ConfdPeers.address(node, family).orElse(node.address());
        hops.add(new Hop(nodeId, "kube-proxy (" + (local ? "Local" : "Cluster") + "): DNAT to " + e.pod().name()
                + (podIp != null ? " " + podIp : "") + ":" + targetPort + (remote ? " on " + e.pod().node() : "")
                + (local ? ", client source kept" : ", SNAT to " + seen), seen, podIp, targetPort, null, null));
        ElementId podNode = ElementId.of(ElementKind.NODE, e.pod().node());
        if (remote && !health.reachable(podNode)) {
            return new Trace(flow, hops, null, nodeId, null, Drop.POD_UNREACHABLE, assumed);
        }
        hops.add(new Hop(podId, "served, sees source " + seen, seen, podIp, targetPort, null, null));
        return new Trace(flow, hops, podId, nodeId, seen, null, assumed);
    }

    /** A service address the packet is for, with the port entry and whether it is an external address. */
    private record Match(Service service, ServicePort port, boolean external) {
    }

    private Optional<Match> service(Flow flow) {
        IpAddr ip = flow.destination();
        for (Service s : t.workloads().services()) {
            boolean external = s.isLoadBalancer() && s.status().contains(ip) || s.externalIPs().contains(ip);
            if (!external && !ip.equals(s.clusterIP())) {
                continue;
            }
            for (ServicePort p : s.ports()) {
                if (p.port() == flow.destinationPort() && p.effectiveProtocol().equals(flow.protocol())) {
                    return Optional.of(new Match(s, p, external));
                }
            }
        }
        return Optional.empty();
    }

    /** N flows from one client: how many reach a pod, and how they spread over nodes, pods and drop reasons. */
    public Spread spread(String clientName, IpAddr destination, int port, int flows) {
        Map<ElementId, Integer> byNode = new TreeMap<>();
        Map<ElementId, Integer> byPod = new TreeMap<>();
        Map<Drop, Integer> drops = new TreeMap<>();
        int delivered = 0;
        boolean assumed = false;
        for (int i = 0; i < flows; i++) {
            Trace tr = trace(clientName, destination, port, i);
            assumed |= tr.assumed();
            if (tr.node() != null) {
                byNode.merge(tr.node(), 1, Integer::sum);
            }
            if (tr.delivered()) {
                delivered++;
                byPod.merge(tr.pod(), 1, Integer::sum);
            } else {
                drops.merge(tr.drop(), 1, Integer::sum);
            }
        }
        return new Spread(flows, delivered, byNode, byPod, drops, assumed);
    }

    /**
     * The outcome of many flows.
     *
     * @param byNode flows per node whose kube-proxy handled them (delivered or not)
     * @param byPod delivered flows per pod
     */
    public record Spread(int flows, int delivered, Map<ElementId, Integer> byNode, Map<ElementId, Integer> byPod,
                         Map<Drop, Integer> drops, boolean assumed) {
        public double deliveredShare() {
            return flows == 0 ? 0 : (double) delivered / flows;
        }
    }
}
