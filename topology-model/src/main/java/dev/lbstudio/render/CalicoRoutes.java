package dev.lbstudio.render;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys calico-node's confd turns into BIRD config for one node (domain-facts §1.2-1.3):
 * {@code /staticroutes} (service prefixes this node originates as blackholes), {@code /rejectcidrs}
 * (the aggregates kept out of the kernel) and the node's IPAM blocks.
 */
final class CalicoRoutes {

    private final Topology t;
    private final Version calico;
    /** Per-service host routes and where they are originated, worked out once for all nodes. */
    private final List<Advertised> advertised = new ArrayList<>();
    private final Map<String, List<IpPrefix>> blocksByNode = new HashMap<>();

    /** A service's host routes and the nodes that originate them (null: every non-excluded node). */
    private record Advertised(List<IpPrefix> routes, Set<String> nodes) {
    }

    CalicoRoutes(Topology t) {
        this.t = t;
        this.calico = t.calico().parsedVersion();
        BgpConfiguration c = t.calico().bgpConfiguration();
        boolean readiness = checksReadiness(calico);
        Map<String, List<Deployment>> byLabel = new HashMap<>();
        for (Deployment d : t.workloads().deployments()) {
            d.podLabels().forEach((k, v) -> byLabel.computeIfAbsent(d.namespace() + '\0' + k + '=' + v, x -> new ArrayList<>()).add(d));
        }
        for (Service s : t.workloads().services()) {
            List<IpPrefix> routes = s.type() == Service.Type.EXTERNAL_NAME ? List.of()
                    : candidates(c, s).stream().map(IpAddr::hostPrefix).toList();
            if (routes.isEmpty()) {
                continue;
            }
            List<Topology.Endpoint> endpoints = endpoints(s, byLabel);
            if (s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL && s.type() != Service.Type.CLUSTER_IP) {
                Set<String> nodes = new HashSet<>();
                endpoints.stream().filter(e -> e.pod().isReady() || !readiness).forEach(e -> nodes.add(e.pod().node()));
                advertised.add(new Advertised(routes, nodes));
            } else if (everywhere(c, s, endpoints)) {
                advertised.add(new Advertised(routes, null));
            }
        }
        blocks();
    }

    /**
     * §1.2-A: the aggregates, also what the kernel filter rejects on every node, excluded ones
     * included. Before v3.31 there is no aggregation switch: LB CIDRs are always aggregated.
     */
    static List<IpPrefix> rejectCidrs(BgpConfiguration c, Version calico) {
        List<IpPrefix> out = new ArrayList<>(c.serviceClusterIPs());
        c.serviceExternalIPs().stream().filter(p -> !single(p)).forEach(out::add);
        if (c.effectiveAggregation() || calico.isBefore("3.31.0")) {
            c.serviceLoadBalancerIPs().stream().filter(p -> !single(p)).forEach(out::add);
        }
        return out;
    }

    /** §1.2 A and B for this node, deduplicated in first-seen order (confd ref-counts the same route once). */
    List<IpPrefix> staticRoutes(Node node) {
        if (node.excludedFromLoadBalancers()) {
            return List.of();
        }
        BgpConfiguration c = t.calico().bgpConfiguration();
        Set<IpPrefix> routes = new LinkedHashSet<>();
        rejectCidrs(c, calico).forEach(p -> routes.add(p.network()));
        for (Advertised a : advertised) {
            if (a.nodes() == null || a.nodes().contains(node.name())) {
                routes.addAll(a.routes());
            }
        }
        return List.copyOf(routes);
    }

    private static List<IpAddr> candidates(BgpConfiguration c, Service s) {
        List<IpAddr> out = new ArrayList<>();
        if (s.clusterIP() != null && !c.serviceClusterIPs().isEmpty()) {
            out.add(s.clusterIP());
        }
        s.externalIPs().stream().filter(ip -> inAny(c.serviceExternalIPs(), ip)).forEach(out::add);
        if (s.isLoadBalancer()) {
            s.status().stream().filter(ip -> inAny(c.serviceLoadBalancerIPs(), ip)).forEach(out::add);
        }
        return out;
    }

    /**
     * {@link Topology#endpoints} through an index of pod labels: with thousands of services a scan
     * of every deployment per service dominated rendering the large design.
     */
    private static List<Topology.Endpoint> endpoints(Service s, Map<String, List<Deployment>> byLabel) {
        if (s.selector().isEmpty()) {
            return List.of();
        }
        Map.Entry<String, String> first = s.selector().entrySet().iterator().next();
        List<Topology.Endpoint> out = new ArrayList<>();
        for (Deployment d : byLabel.getOrDefault(s.namespace() + '\0' + first.getKey() + '=' + first.getValue(), List.of())) {
            if (d.podLabels().entrySet().containsAll(s.selector().entrySet())) {
                d.pods().forEach(p -> out.add(new Topology.Endpoint(d, p)));
            }
        }
        return out;
    }

    /** A Cluster-policy service is originated by every node when one of these holds (domain-facts §1.2-B). */
    private boolean everywhere(BgpConfiguration c, Service s, List<Topology.Endpoint> endpoints) {
        // v3.25-v3.31 looked only at spec.loadBalancerIP; v3.32 also at status (CAL PR #11917)
        List<IpAddr> lbIps = new ArrayList<>();
        if (s.loadBalancerIP() != null) {
            lbIps.add(s.loadBalancerIP());
        }
        if (calico.isAtLeast("3.32.0")) {
            lbIps.addAll(s.status());
        }
        boolean singleLb = s.isLoadBalancer() && calico.isAtLeast("3.25.0")
                && lbIps.stream().anyMatch(ip -> c.serviceLoadBalancerIPs().stream().anyMatch(p -> single(p) && p.contains(ip)));
        boolean singleExternal = calico.isAtLeast("3.30.0")
                && s.externalIPs().stream().anyMatch(ip -> c.serviceExternalIPs().stream().anyMatch(p -> single(p) && p.contains(ip)));
        boolean disaggregated = !c.effectiveAggregation() && calico.isAtLeast("3.31.0")
                && endpoints.stream().anyMatch(e -> e.pod().isReady());
        return singleLb || singleExternal || disaggregated;
    }

    /** EndpointSlice readiness: not checked by v3.31.0-v3.31.6 and v3.32.0-v3.32.1 (domain-facts §1.2). */
    private static boolean checksReadiness(Version v) {
        boolean early31 = v.isAtLeast("3.31.0") && v.isBefore("3.31.7");
        boolean early32 = v.isAtLeast("3.32.0") && v.isBefore("3.32.2");
        return !(early31 || early32);
    }

    /** The IPAM blocks this node's pods sit in (calico_aggr exports the block, nothing beneath it). */
    List<IpPrefix> blocks(Node node) {
        return blocksByNode.getOrDefault(node.name(), List.of());
    }

    /** The design places pods, not blocks, so a block goes to the first node (in file order) with a pod in it. */
    private void blocks() {
        Map<IpPrefix, String> owner = new TreeMap<>();
        Map<String, Integer> order = new HashMap<>();
        t.cluster().nodes().forEach(n -> order.put(n.name(), order.size()));
        t.workloads().deployments().forEach(d -> d.pods().forEach(p -> {
            if (p.ip() == null) {
                return;
            }
            t.calico().ipPools().stream().filter(pool -> !pool.isLoadBalancerPool() && pool.cidr().contains(p.ip()))
                    .findFirst().ifPresent(pool -> owner.merge(block(pool, p.ip()), p.node(),
                            (a, b) -> order.getOrDefault(a, Integer.MAX_VALUE) <= order.getOrDefault(b, Integer.MAX_VALUE) ? a : b));
        }));
        owner.forEach((block, node) -> blocksByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(block));
    }

    private static IpPrefix block(IpPool pool, IpAddr ip) {
        return new IpPrefix(ip.address().setPrefixLength(pool.effectiveBlockSize(), false).toPrefixBlock());
    }

    static boolean single(IpPrefix p) {
        return p.length() == (p.isIpv4() ? 32 : 128);
    }

    private static boolean inAny(List<IpPrefix> prefixes, IpAddr ip) {
        return prefixes.stream().anyMatch(p -> p.contains(ip));
    }
}
