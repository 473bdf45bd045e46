package dev.lbstudio.render;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import java.util.ArrayList;
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

    private CalicoRoutes() {
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
    static List<IpPrefix> staticRoutes(Topology t, Node node) {
        if (node.excludedFromLoadBalancers()) {
            return List.of();
        }
        BgpConfiguration c = t.calico().bgpConfiguration();
        Version calico = t.calico().parsedVersion();
        Set<IpPrefix> routes = new LinkedHashSet<>();
        rejectCidrs(c, calico).forEach(p -> routes.add(p.network()));
        for (Service s : t.workloads().services()) {
            if (s.type() == Service.Type.EXTERNAL_NAME || s.clusterIP() == null && s.status().isEmpty() && s.externalIPs().isEmpty()) {
                continue;
            }
            if (advertises(t, s, node, calico)) {
                candidates(c, s).forEach(ip -> routes.add(ip.hostPrefix()));
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

    private static boolean advertises(Topology t, Service s, Node node, Version calico) {
        if (s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL && s.type() != Service.Type.CLUSTER_IP) {
            return t.endpoints(s).stream().anyMatch(e -> e.pod().node().equals(node.name())
                    && (e.pod().isReady() || !checksReadiness(calico)));
        }
        BgpConfiguration c = t.calico().bgpConfiguration();
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
                && t.endpoints(s).stream().anyMatch(e -> e.pod().isReady());
        return singleLb || singleExternal || disaggregated;
    }

    /** EndpointSlice readiness: not checked by v3.31.0-v3.31.6 and v3.32.0-v3.32.1 (domain-facts §1.2). */
    private static boolean checksReadiness(Version v) {
        boolean early31 = v.isAtLeast("3.31.0") && v.isBefore("3.31.7");
        boolean early32 = v.isAtLeast("3.32.0") && v.isBefore("3.32.2");
        return !(early31 || early32);
    }

    /**
     * The IPAM blocks this node's pods sit in (calico_aggr exports the block, nothing beneath it).
     * The design places pods, not blocks, so a block goes to the first node (in file order) with a pod in it.
     */
    static List<IpPrefix> blocks(Topology t, Node node) {
        Map<IpPrefix, String> owner = new TreeMap<>();
        Map<String, Integer> order = new TreeMap<>();
        t.cluster().nodes().forEach(n -> order.put(n.name(), order.size()));
        t.workloads().deployments().forEach(d -> d.pods().forEach(p -> {
            if (p.ip() == null) {
                return;
            }
            t.calico().ipPools().stream().filter(pool -> !pool.isLoadBalancerPool() && pool.cidr().contains(p.ip()))
                    .findFirst().ifPresent(pool -> owner.merge(block(pool, p.ip()), p.node(),
                            (a, b) -> order.getOrDefault(a, Integer.MAX_VALUE) <= order.getOrDefault(b, Integer.MAX_VALUE) ? a : b));
        }));
        return owner.entrySet().stream().filter(e -> e.getValue().equals(node.name())).map(Map.Entry::getKey).toList();
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
