package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;
import static dev.lbstudio.validate.Rule.Section.WORKLOADS;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology.Endpoint;
import dev.lbstudio.validate.DesignIndex.PoolView;
import dev.lbstudio.validate.DesignIndex.Session;
import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Calico's service-IP advertisement (domain-facts §1) and how it meets MetalLB's pools and the services. */
final class CalicoRules {
    private CalicoRules() {
    }

    static final String CAL_ROUTES = "https://github.com/projectcalico/calico/blob/v3.32.1/confd/pkg/backends/calico/routes.go";
    static final String CAL_ADVERTISE = "https://docs.tigera.io/calico/latest/networking/configuring/advertise-service-ips";
    static final String CAL_BGPPEER = "https://github.com/projectcalico/calico/blob/v3.32.1/api/pkg/apis/projectcalico/v3/bgppeer.go";

    static List<Rule> all() {
        return List.of(new OutsideRange(), new RangeWiderThanPool(), new NoAllocator(), new L2AndBgp(), new MeshPlusEbgp(),
                new SingleReplica(), new UnevenSpread(), new ClusterNo32(), new ExcludedOnly(), new AggregateOnly(),
                new LoopPrevention(), new ExclusiveFields(), new SelectorSyntax());
    }

    /** True when MetalLB's own speaker announces the pool (L2 or a BGPAdvertisement), so Calico need not. */
    static boolean announcedByMetalLb(DesignIndex d, PoolView p) {
        return d.announcedByL2(p.pool()) || d.metallb().map(m -> m.bgpAdvertisements().stream()
                .anyMatch(a -> DesignIndex.selects(a, p.pool()))).orElse(false);
    }

    static final class OutsideRange extends Rule {
        OutsideRange() {
            super("LB_IP_OUTSIDE_CALICO_RANGE", Severity.ERROR, "Pools Calico should advertise are inside serviceLoadBalancerIPs",
                    "Calico advertises a LoadBalancer IP only when it lies inside a serviceLoadBalancerIPs CIDR (\"Cannot"
                            + " advertise LoadBalancer IP - not in allow list\"); anything else gets no route.",
                    "https://github.com/projectcalico/calico/issues/3564", CALICO, METALLB, NETWORK, CLUSTER, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.usesCalicoBgp()) {
                return;
            }
            List<IpPrefix> ranges = d.bgp().serviceLoadBalancerIPs();
            for (PoolView p : d.pools()) {
                if (announcedByMetalLb(d, p)) {
                    continue;
                }
                List<IpPrefix> missing = new ArrayList<>();
                for (PoolEntry e : p.entries()) {
                    for (IpPrefix block : e.blocks()) {
                        if (ranges.stream().noneMatch(r -> r.contains(block))) {
                            missing.add(block);
                        }
                    }
                }
                if (missing.isEmpty()) {
                    continue;
                }
                List<ElementId> ids = new ArrayList<>(List.of(p.pool().id(), BgpConfiguration.DEFAULT.id()));
                List<String> services = new ArrayList<>();
                for (Service s : d.loadBalancers()) {
                    for (IpAddr ip : s.status()) {
                        if (p.contains(ip) && !d.inLoadBalancerRanges(ip)) {
                            ids.add(s.id());
                            services.add(s.id().name() + " (" + ip + ")");
                        }
                    }
                }
                List<IpPrefix> fixed = new ArrayList<>(ranges);
                fixed.addAll(missing);
                out.add("pool " + p.pool().name() + " (" + Text.list(missing, 3) + ") is not inside serviceLoadBalancerIPs "
                                + (ranges.isEmpty() ? "(which is empty)" : Text.list(ranges, 3))
                                + ": Calico never advertises its IPs" + (services.isEmpty() ? "" : "; unreachable: " + Text.list(services, 3)),
                        Fix.apply("Add " + Text.list(missing, 3) + " to serviceLoadBalancerIPs.", Edits.serviceLoadBalancerIPs(fixed)),
                        ids);
            }
        }
    }

    static final class RangeWiderThanPool extends Rule {
        RangeWiderThanPool() {
            super("CALICO_RANGE_WIDER_THAN_POOL", Severity.WARN, "serviceLoadBalancerIPs CIDRs cover only pool addresses",
                    "Every node advertises each serviceLoadBalancerIPs CIDR; addresses in it that no allocator hands out"
                            + " still attract traffic, which is dropped (or loops when loop prevention is off).",
                    "https://github.com/projectcalico/calico/issues/5039", CALICO, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            List<IPAddressSeqRange> owned = new ArrayList<>();
            d.pools().forEach(p -> p.entries().forEach(e -> owned.add(e.range())));
            d.topology().calico().ipPools().stream().filter(IpPool::isLoadBalancerPool)
                    .forEach(p -> owned.add(p.cidr().network().address().toSequentialRange()));
            for (IpPrefix range : d.bgp().serviceLoadBalancerIPs()) {
                if (range.length() == range.address().getBitCount()) {
                    continue;
                }
                IPAddressSeqRange whole = range.network().address().toSequentialRange();
                List<IPAddressSeqRange> inside = owned.stream().map(whole::intersect).filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparing(IPAddressSeqRange::getLower)).toList();
                BigInteger covered = BigInteger.ZERO;
                IPAddressSeqRange current = null;
                for (IPAddressSeqRange r : inside) {
                    if (current != null && r.getLower().compareTo(current.getUpper().increment(1)) <= 0) {
                        current = current.getUpper().compareTo(r.getUpper()) >= 0 ? current : current.getLower().spanWithRange(r.getUpper());
                    } else {
                        if (current != null) {
                            covered = covered.add(current.getCount());
                        }
                        current = r;
                    }
                }
                if (current != null) {
                    covered = covered.add(current.getCount());
                }
                if (covered.compareTo(whole.getCount()) < 0) {
                    List<IpPrefix> blocks = new ArrayList<>();
                    d.pools().forEach(p -> p.entries().forEach(e -> e.blocks().stream().filter(range::contains).forEach(blocks::add)));
                    List<IpPrefix> fixed = new ArrayList<>();
                    for (IpPrefix r : d.bgp().serviceLoadBalancerIPs()) {
                        if (r.equals(range)) {
                            fixed.addAll(blocks);
                        } else {
                            fixed.add(r);
                        }
                    }
                    out.add("serviceLoadBalancerIPs " + range + " spans " + whole.getCount() + " addresses but pools hand out only "
                                    + covered + " of them; every node still advertises the whole CIDR",
                            blocks.isEmpty() ? Fix.say("Remove " + range + " or add a pool for it.")
                                    : Fix.apply("Replace " + range + " with the pool CIDRs " + Text.list(blocks, 4) + ".",
                                    Edits.serviceLoadBalancerIPs(fixed)),
                            BgpConfiguration.DEFAULT.id());
                }
            }
        }
    }

    static final class NoAllocator extends Rule {
        NoAllocator() {
            super("NO_LB_ALLOCATOR", Severity.ERROR, "Something hands out the LoadBalancer IPs Calico advertises",
                    "Calico advertises only status.loadBalancer.ingress IPs, which an allocator (MetalLB's controller or a"
                            + " Calico LoadBalancer IPPool) must fill in; without one every service stays pending.",
                    "https://github.com/projectcalico/calico/issues/7921", CALICO, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.bgp().serviceLoadBalancerIPs().isEmpty()
                    || d.topology().calico().ipPools().stream().anyMatch(IpPool::isLoadBalancerPool)) {
                return;
            }
            if (d.topology().metallb() == null) {
                out.add("serviceLoadBalancerIPs is set but neither MetalLB nor a Calico LoadBalancer IPPool assigns IPs",
                        Fix.say("Install MetalLB's controller (controller only), or add a Calico IPPool with allowedUses: [LoadBalancer]."),
                        BgpConfiguration.DEFAULT.id());
            } else if (!d.topology().metallb().effectiveHelm().effectiveControllerEnabled()) {
                out.add("serviceLoadBalancerIPs is set but MetalLB's controller is disabled, so no service gets an IP",
                        Fix.apply("Enable MetalLB's controller.", Edits.controllerEnabled(true)),
                        BgpConfiguration.DEFAULT.id(), d.topology().metallb().effectiveHelm().id());
            }
        }
    }

    static final class L2AndBgp extends Rule {
        L2AndBgp() {
            super("L2_AND_CALICO_BGP_SAME_POOL", Severity.WARN, "A pool is announced either by MetalLB L2 or by Calico BGP, not both",
                    "An IP answered by ARP on one node and routed by BGP to others takes different paths in and out,"
                            + " which breaks stateful firewalls and source-IP expectations.",
                    "https://github.com/metallb/metallb/issues/2747", CALICO, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (PoolView p : d.pools()) {
                if (!d.announcedByL2(p.pool())) {
                    continue;
                }
                List<IpPrefix> overlapping = d.bgp().serviceLoadBalancerIPs().stream()
                        .filter(r -> p.entries().stream().anyMatch(e -> e.blocks().stream().anyMatch(r::overlaps))).toList();
                if (!overlapping.isEmpty()) {
                    List<ElementId> ids = new ArrayList<>(List.of(p.pool().id(), BgpConfiguration.DEFAULT.id()));
                    d.topology().metallb().l2Advertisements().stream().filter(a -> DesignIndex.selects(a, p.pool()))
                            .forEach(a -> ids.add(a.id()));
                    out.add("pool " + p.pool().name() + " is announced by an L2Advertisement and also lies in Calico's serviceLoadBalancerIPs "
                                    + Text.list(overlapping, 3),
                            Fix.say("Choose one announcement method per pool: drop the L2Advertisement for it, or take it out of serviceLoadBalancerIPs."),
                            ids);
                }
            }
        }
    }

    static final class MeshPlusEbgp extends Rule {
        MeshPlusEbgp() {
            super("LOCAL_SVC_MESH_PLUS_EBGP_TOR", Severity.WARN, "Local services are not re-exported over the mesh to an eBGP ToR",
                    "With the node-to-node mesh on, every node learns a Local service's /32 from the endpoint nodes and, being"
                            + " a multihop eBGP speaker, re-exports it to the ToR with itself as next hop: the ToR spreads the"
                            + " flows over nodes that drop them.",
                    "https://github.com/projectcalico/calico/issues/7512", CALICO, NETWORK, CLUSTER, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.bgp().effectiveMesh() || d.topology().cluster().nodes().size() < 2) {
                return;
            }
            List<Service> local = d.localLoadBalancers();
            if (local.isEmpty()) {
                return;
            }
            Map<String, BgpFilter> filters = dev.lbstudio.model.Topology.byName(d.topology().calico().bgpFilters(), BgpFilter::name);
            Set<CalicoBgpPeer> risky = new LinkedHashSet<>();
            Set<String> routers = new java.util.TreeSet<>();
            for (Session s : d.routerSessions()) {
                if (s.isEbgp() && s.router().role() == RouterRole.TOR && !keepsNextHop(s.peer())
                        && !rejectsRemotePeers(s.peer(), filters)) {
                    risky.add(s.peer());
                    routers.add(s.router().name());
                }
            }
            if (risky.isEmpty()) {
                return;
            }
            List<ElementId> ids = new ArrayList<>(List.of(BgpConfiguration.DEFAULT.id()));
            risky.forEach(p -> ids.add(p.id()));
            local.forEach(s -> ids.add(s.id()));
            out.add("node-to-node mesh is on and nodes peer over eBGP with " + Text.list(routers, 3) + ": the /32 of "
                            + Text.plural(local.size(), "Local service") + " (" + Text.list(local.stream().map(s -> s.id().name()).toList(), 3)
                            + ") reaches the ToR from every node, not only from endpoint nodes",
                    Fix.apply("Disable the node-to-node mesh when nodes peer with ToRs (or add a BGPFilter rejecting source: RemotePeers"
                            + " on the ToR peers, or set nextHopMode: Keep).", Edits.nodeToNodeMesh(false)), ids);
        }

        private static boolean keepsNextHop(CalicoBgpPeer p) {
            return Boolean.TRUE.equals(p.keepOriginalNextHop()) || p.nextHopMode() == CalicoBgpPeer.NextHopMode.KEEP;
        }

        private static boolean rejectsRemotePeers(CalicoBgpPeer p, Map<String, BgpFilter> filters) {
            return p.filters().stream().map(filters::get).filter(java.util.Objects::nonNull)
                    .anyMatch(f -> f.exportV4().stream().anyMatch(r -> "Reject".equals(r.action()) && "RemotePeers".equals(r.source())));
        }
    }

    static final class SingleReplica extends Rule {
        SingleReplica() {
            super("LOCAL_SVC_SINGLE_REPLICA", Severity.INFO, "Local services have more than one ready endpoint",
                    "With one endpoint only one node advertises the /32; when it fails the route falls back to the aggregate"
                            + " and every node drops the traffic until the pod is rescheduled.", CAL_ROUTES, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.localLoadBalancers()) {
                List<Endpoint> ready = d.readyEndpoints(s);
                if (ready.size() == 1) {
                    Deployment owner = ready.get(0).deployment();
                    out.add(s.id().name() + " (Local) has one ready endpoint, on " + ready.get(0).pod().node(),
                            Fix.say("Run at least two replicas with anti-affinity across nodes."),
                            owner == null ? List.of(s.id()) : List.of(s.id(), owner.id()));
                }
            }
        }
    }

    static final class UnevenSpread extends Rule {
        UnevenSpread() {
            super("LOCAL_UNEVEN_SPREAD", Severity.INFO, "Local services' pods are spread evenly over nodes",
                    "Routers spread flows per node (ECMP), not per pod: a node with two endpoints gets the same share as a"
                            + " node with one, so its pods each get half as much.",
                    "https://metallb.universe.tf/usage/#local-traffic-policy", WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.localLoadBalancers()) {
                List<Endpoint> ready = d.readyEndpoints(s);
                if (ready.size() < 3 || ready.stream().map(e -> e.pod().node()).distinct().count() == ready.size()) {
                    continue;
                }
                Map<String, Long> perNode = ready.stream()
                        .collect(Collectors.groupingBy(e -> e.pod().node(), TreeMap::new, Collectors.counting()));
                if (perNode.size() >= 2 && perNode.values().stream().distinct().count() > 1) {
                    out.add(s.id().name() + " (Local) has endpoints spread unevenly: " + perNode.entrySet().stream()
                                    .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", ")),
                            Fix.say("Use topology spread constraints or anti-affinity so each node runs the same number of pods."),
                            s.id());
                }
            }
        }
    }

    static final class ClusterNo32 extends Rule {
        ClusterNo32() {
            super("CLUSTER_SVC_NO_32", Severity.INFO, "Cluster services are reached through the aggregate, not a /32",
                    "With serviceLoadBalancerAggregation Enabled (the default) Calico advertises only the CIDR for Cluster"
                            + " services: every node attracts their traffic and a node failure shows only as one less ECMP path.",
                    "https://github.com/projectcalico/calico/issues/9631", CALICO, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.bgp().effectiveAggregation()) {
                return;
            }
            List<Service> affected = new ArrayList<>();
            List<IpPrefix> singles = d.bgp().serviceLoadBalancerIPs().stream()
                    .filter(r -> r.length() == r.address().getBitCount()).toList();
            for (Service s : d.loadBalancers()) {
                if (s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.CLUSTER && !s.status().isEmpty()
                        && onlyAggregated(d, s.status(), singles)) {
                    affected.add(s);
                }
            }
            if (affected.isEmpty()) {
                return;
            }
            List<ElementId> ids = new ArrayList<>(List.of(BgpConfiguration.DEFAULT.id()));
            affected.forEach(s -> ids.add(s.id()));
            out.add(Text.plural(affected.size(), "Cluster service") + " (" + Text.list(affected.stream().map(s -> s.id().name()).toList(), 3)
                            + (affected.size() == 1 ? ") gets" : ") get") + " no /32: routers see only the serviceLoadBalancerIPs CIDR from every node",
                    Fix.say("Fine for most designs. For per-service routes set serviceLoadBalancerAggregation: Disabled (Calico v3.31+)"
                            + " or list the IPs as /32 entries in serviceLoadBalancerIPs."), ids);
        }

        /** True when every IP lies in serviceLoadBalancerIPs but in none of its single-address entries. */
        private static boolean onlyAggregated(DesignIndex d, List<IpAddr> ips, List<IpPrefix> singles) {
            for (IpAddr ip : ips) {
                if (!d.inLoadBalancerRanges(ip)) {
                    return false;
                }
                for (IpPrefix single : singles) {
                    if (single.contains(ip)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    static final class ExcludedOnly extends Rule {
        ExcludedOnly() {
            super("EXCLUDED_NODE_ONLY_ENDPOINTS", Severity.WARN, "Local services have endpoints on nodes that advertise",
                    "Nodes labelled node.kubernetes.io/exclude-from-external-load-balancers never advertise service routes,"
                            + " so a Local service whose endpoints all run there has no /32 anywhere.", CAL_ROUTES, CLUSTER, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.localLoadBalancers()) {
                List<Endpoint> ready = d.readyEndpoints(s);
                if (!ready.isEmpty() && allExcluded(d, ready)) {
                    Set<String> nodes = ready.stream().map(e -> e.pod().node()).collect(Collectors.toCollection(java.util.TreeSet::new));
                    List<ElementId> ids = new ArrayList<>(List.of(s.id()));
                    nodes.forEach(n -> ids.add(d.nodes().get(n).id()));
                    out.add(s.id().name() + " (Local) runs only on " + Text.list(nodes, 3)
                                    + ", labelled exclude-from-external-load-balancers: no node advertises its /32",
                            Fix.say("Schedule its pods on other nodes, or remove the label."), ids);
                }
            }
        }

        private static boolean allExcluded(DesignIndex d, List<Endpoint> endpoints) {
            for (Endpoint e : endpoints) {
                if (!excluded(d, e)) {
                    return false;
                }
            }
            return true;
        }

        static boolean excluded(DesignIndex d, Endpoint e) {
            Node n = d.nodes().get(e.pod().node());
            return n != null && n.excludedFromLoadBalancers();
        }
    }

    static final class AggregateOnly extends Rule {
        AggregateOnly() {
            super("LOCAL_SVC_AGGREGATE_ONLY", Severity.WARN, "Local services have a /32 from a node that peers with a router",
                    "When no node with a ready endpoint peers with a router, routers know the service only through the"
                            + " aggregate CIDR and spread its flows over nodes without endpoints, which drop them.",
                    CAL_ADVERTISE, CALICO, CLUSTER, NETWORK, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.routerSessions().isEmpty() || !d.bgp().effectiveAggregation()) {
                return;
            }
            Set<String> peering = new java.util.HashSet<>();
            d.routerSessions().forEach(s -> peering.add(s.node().name()));
            for (Service s : d.localLoadBalancers()) {
                if (!anyInLoadBalancerRanges(d, s.status())) {
                    continue;
                }
                List<Endpoint> ready = d.readyEndpoints(s);
                boolean allExcluded = true;
                boolean advertised = false;
                for (Endpoint e : ready) {
                    boolean excluded = ExcludedOnly.excluded(d, e);
                    allExcluded &= excluded;
                    advertised |= !excluded && peering.contains(e.pod().node());
                }
                // all endpoints on excluded nodes is EXCLUDED_NODE_ONLY_ENDPOINTS' finding
                if (!ready.isEmpty() && allExcluded) {
                    continue;
                }
                if (!advertised) {
                    out.add(s.id().name() + " (Local, " + Text.list(s.status(), 2) + ") has "
                                    + (ready.isEmpty() ? "no ready endpoint" : "endpoints only on nodes that peer with no router ("
                                    + Text.list(ready.stream().map(e -> e.pod().node()).distinct().toList(), 3) + ")")
                                    + ": routers send its traffic by the aggregate to nodes that drop it",
                            Fix.say("Run ready pods on nodes that peer with the ToR, or use externalTrafficPolicy: Cluster."), s.id());
                }
            }
        }

        private static boolean anyInLoadBalancerRanges(DesignIndex d, List<IpAddr> ips) {
            for (IpAddr ip : ips) {
                if (d.inLoadBalancerRanges(ip)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class LoopPrevention extends Rule {
        LoopPrevention() {
            super("SERVICE_LOOP_PREVENTION_DISABLED", Severity.WARN, "Felix drops traffic to unused advertised service IPs",
                    "With serviceLoopPrevention Disabled, a packet to an advertised but unallocated service IP goes back to"
                            + " the ToR, which sends it to a node again, until the TTL runs out.",
                    "https://github.com/projectcalico/calico/issues/5039", CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            BgpConfiguration b = d.bgp();
            boolean advertises = !b.serviceLoadBalancerIPs().isEmpty() || !b.serviceExternalIPs().isEmpty() || !b.serviceClusterIPs().isEmpty();
            if (advertises && "Disabled".equals(d.topology().calico().felix().effectiveServiceLoopPrevention())) {
                out.add("Felix serviceLoopPrevention is Disabled while service CIDRs are advertised",
                        Fix.apply("Set serviceLoopPrevention: Drop.", Edits.serviceLoopPrevention("Drop")),
                        d.topology().calico().felix().id(), b.id());
            }
        }
    }

    static final class ExclusiveFields extends Rule {
        ExclusiveFields() {
            super("CALICO_PEER_EXCLUSIVE_FIELDS", Severity.ERROR, "Calico BGPPeers use no mutually exclusive fields",
                    "Calico's CRD validation rejects a BGPPeer with node and nodeSelector, peerIP and peerSelector, asNumber"
                            + " with peerSelector, keepOriginalNextHop with nextHopMode, or reachableBy without peerIP or of"
                            + " another address family than peerIP.",
                    CAL_BGPPEER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (CalicoBgpPeer p : d.topology().calico().bgpPeers()) {
                List<String> clashes = new ArrayList<>();
                if (p.node() != null && p.nodeSelector() != null) {
                    clashes.add("node and nodeSelector");
                }
                if (p.peerIP() != null && p.peerSelector() != null) {
                    clashes.add("peerIP and peerSelector");
                }
                if (p.asNumber() != null && p.peerSelector() != null) {
                    clashes.add("asNumber with peerSelector");
                }
                if (p.keepOriginalNextHop() != null && p.nextHopMode() != null) {
                    clashes.add("keepOriginalNextHop and nextHopMode");
                }
                if (p.reachableBy() != null && p.peerIP() == null) {
                    clashes.add("reachableBy without peerIP");
                }
                String reachable = CalicoSpecRules.reachableByProblem(p);
                if (reachable != null) {
                    clashes.add(reachable);
                }
                if (!clashes.isEmpty()) {
                    out.add("BGPPeer " + p.name() + " sets " + String.join("; ", clashes),
                            Fix.say("Keep one field of each pair."), p.id());
                }
            }
        }
    }

    static final class SelectorSyntax extends Rule {
        SelectorSyntax() {
            super("CALICO_SELECTOR_SYNTAX", Severity.ERROR, "Calico BGPPeer node selectors parse",
                    "Calico rejects a BGPPeer whose selector does not parse; LB Studio cannot tell which nodes it applies to either.",
                    "https://docs.tigera.io/calico/latest/reference/resources/bgppeer#selectors", CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            d.selectorErrors().forEach((peer, problem) -> out.add("BGPPeer " + peer.name() + ": " + problem,
                    Fix.say("Write the selector like rack == 'rack-1', has(label), or all()."), peer.id()));
        }
    }
}
