package dev.lbstudio.validate;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Cluster;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Felix;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.KubeProxy;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The model edits fixes apply. Each returns an {@link Edit} that names the element, field and new
 * value and rebuilds only the records on the path to the change, so everything else stays shared.
 */
final class Edits {
    private Edits() {
    }

    // --- Calico BGPConfiguration -------------------------------------------------------------

    static Edit serviceLoadBalancerIPs(List<IpPrefix> cidrs) {
        return bgpConfiguration("serviceLoadBalancerIPs", cidrs.toString(), c -> new BgpConfiguration(c.asNumber(),
                c.nodeToNodeMeshEnabled(), cidrs, c.serviceExternalIPs(), c.serviceClusterIPs(),
                c.serviceLoadBalancerAggregation(), c.listenPort(), c.bindMode(), c.communities(),
                c.prefixAdvertisements(), c.nodeMeshMaxRestartTime(), c.nodeMeshPassword(), c.logSeverityScreen(),
                c.ignoredInterfaces()));
    }

    static Edit nodeToNodeMesh(boolean enabled) {
        return bgpConfiguration("nodeToNodeMeshEnabled", String.valueOf(enabled), c -> new BgpConfiguration(c.asNumber(),
                enabled, c.serviceLoadBalancerIPs(), c.serviceExternalIPs(), c.serviceClusterIPs(),
                c.serviceLoadBalancerAggregation(), c.listenPort(), c.bindMode(), c.communities(),
                c.prefixAdvertisements(), enabled ? c.nodeMeshMaxRestartTime() : null,
                enabled ? c.nodeMeshPassword() : null, c.logSeverityScreen(), c.ignoredInterfaces()));
    }

    static Edit unsetAggregation() {
        return bgpConfiguration("serviceLoadBalancerAggregation", null, c -> new BgpConfiguration(c.asNumber(),
                c.nodeToNodeMeshEnabled(), c.serviceLoadBalancerIPs(), c.serviceExternalIPs(), c.serviceClusterIPs(),
                null, c.listenPort(), c.bindMode(), c.communities(), c.prefixAdvertisements(),
                c.nodeMeshMaxRestartTime(), c.nodeMeshPassword(), c.logSeverityScreen(), c.ignoredInterfaces()));
    }

    private static Edit bgpConfiguration(String field, String value, UnaryOperator<BgpConfiguration> change) {
        return new Edit(BgpConfiguration.DEFAULT.id(), field, value, t -> calico(t, c -> c.withBgpConfiguration(change.apply(c.bgpConfiguration()))));
    }

    static Edit serviceLoopPrevention(String value) {
        return new Edit(Felix.DEFAULT.id(), "serviceLoopPrevention", value, t -> calico(t, c -> c.withFelix(new Felix(value, c.felix().bpfEnabled()))));
    }

    static Edit calicoPeer(CalicoBgpPeer peer, String field, String value, UnaryOperator<CalicoBgpPeer> change) {
        return new Edit(peer.id(), field, value, t -> calico(t, c -> c.withBgpPeers(
                replace(c.bgpPeers(), p -> p.name().equals(peer.name()), change))));
    }

    static Edit peerAsNumber(CalicoBgpPeer peer, long asn) {
        return calicoPeer(peer, "asNumber", String.valueOf(asn), p -> new CalicoBgpPeer(p.name(), p.node(),
                p.nodeSelector(), p.peerIP(), p.peerSelector(), asn, p.localASNumber(), p.keepOriginalNextHop(),
                p.nextHopMode(), p.maxRestartTime(), p.keepaliveTime(), p.password(), p.sourceAddress(),
                p.ttlSecurity(), p.reachableBy(), p.filters(), p.numAllowedLocalASNumbers()));
    }

    static Edit unsetPeerKeepalive(CalicoBgpPeer peer) {
        return calicoPeer(peer, "keepaliveTime", null, p -> new CalicoBgpPeer(p.name(), p.node(), p.nodeSelector(),
                p.peerIP(), p.peerSelector(), p.asNumber(), p.localASNumber(), p.keepOriginalNextHop(),
                p.nextHopMode(), p.maxRestartTime(), null, p.password(), p.sourceAddress(), p.ttlSecurity(),
                p.reachableBy(), p.filters(), p.numAllowedLocalASNumbers()));
    }

    private static Topology calico(Topology t, UnaryOperator<Calico> change) {
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(),
                change.apply(t.calico()), t.metallb(), t.workloads(), t.validation(), t.layout());
    }

    // --- MetalLB -------------------------------------------------------------------------------

    static Edit poolAddresses(IpAddressPool pool, List<String> addresses) {
        return pool(pool, "addresses", addresses.toString(), p -> new IpAddressPool(p.name(), p.namespace(), addresses,
                p.autoAssign(), p.avoidBuggyIPs(), p.serviceAllocation()));
    }

    static Edit avoidBuggyIPs(IpAddressPool pool) {
        return pool(pool, "avoidBuggyIPs", "true", p -> new IpAddressPool(p.name(), p.namespace(), p.addresses(),
                p.autoAssign(), true, p.serviceAllocation()));
    }

    static Edit poolNamespace(IpAddressPool pool, String namespace) {
        return pool(pool, "namespace", namespace, p -> new IpAddressPool(p.name(), namespace, p.addresses(),
                p.autoAssign(), p.avoidBuggyIPs(), p.serviceAllocation()));
    }

    private static Edit pool(IpAddressPool pool, String field, String value, UnaryOperator<IpAddressPool> change) {
        return new Edit(pool.id(), field, value, t -> metallb(t, m -> new MetalLb(m.version(), m.namespace(), m.helm(),
                replace(m.ipAddressPools(), p -> p.name().equals(pool.name()), change), m.l2Advertisements(),
                m.bgpAdvertisements(), m.bgpPeers(), m.bfdProfiles(), m.communities())));
    }

    /** Sets the IPv4 (or IPv6) aggregation length of a BGPAdvertisement. */
    static Edit aggregationLength(BgpAdvertisement adv, boolean ipv4, int length) {
        return new Edit(adv.id(), ipv4 ? "aggregationLength" : "aggregationLengthV6", String.valueOf(length), t -> metallb(t,
                m -> new MetalLb(m.version(), m.namespace(), m.helm(), m.ipAddressPools(), m.l2Advertisements(),
                        replace(m.bgpAdvertisements(), a -> a.name().equals(adv.name()), a -> new BgpAdvertisement(a.name(),
                                a.namespace(), ipv4 ? Integer.valueOf(length) : a.aggregationLength(),
                                ipv4 ? a.aggregationLengthV6() : Integer.valueOf(length), a.localPref(), a.communities(),
                                a.ipAddressPools(), a.ipAddressPoolSelectors(), a.nodeSelectors(), a.peers(),
                                a.serviceSelectors())),
                        m.bgpPeers(), m.bfdProfiles(), m.communities())));
    }

    static Edit speakerEnabled(boolean enabled) {
        return helm("speakerEnabled", enabled, h -> new HelmValues(h.controllerEnabled(), enabled, h.speakerFrrEnabled(),
                h.frrk8sEnabled(), h.loadBalancerClass(), h.speakerIgnoreExcludeLB()));
    }

    static Edit controllerEnabled(boolean enabled) {
        return helm("controllerEnabled", enabled, h -> new HelmValues(enabled, h.speakerEnabled(), h.speakerFrrEnabled(),
                h.frrk8sEnabled(), h.loadBalancerClass(), h.speakerIgnoreExcludeLB()));
    }

    static Edit frrk8sEnabled(boolean enabled) {
        return helm("frrk8sEnabled", enabled, h -> new HelmValues(h.controllerEnabled(), h.speakerEnabled(),
                h.speakerFrrEnabled(), enabled, h.loadBalancerClass(), h.speakerIgnoreExcludeLB()));
    }

    private static Edit helm(String field, boolean value, UnaryOperator<HelmValues> change) {
        return new Edit(HelmValues.CHART_DEFAULTS.id(), field, String.valueOf(value), t -> metallb(t, m -> new MetalLb(
                m.version(), m.namespace(), change.apply(m.effectiveHelm()), m.ipAddressPools(), m.l2Advertisements(),
                m.bgpAdvertisements(), m.bgpPeers(), m.bfdProfiles(), m.communities())));
    }

    private static Topology metallb(Topology t, UnaryOperator<MetalLb> change) {
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                change.apply(t.metallb()), t.workloads(), t.validation(), t.layout());
    }

    // --- Cluster and services -------------------------------------------------------------------

    static Edit strictArp() {
        return new Edit(ElementId.of(dev.lbstudio.model.ElementKind.KUBE_PROXY, "kube-proxy"), "strictARP", "true",
                t -> {
                    Cluster c = t.cluster();
                    Cluster changed = new Cluster(c.name(), c.kubernetesVersion(), c.serviceCidrs(), c.nodePortRange(),
                            new KubeProxy(c.kubeProxy().mode(), true), c.nodes());
                    return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), changed,
                            t.calico(), t.metallb(), t.workloads(), t.validation(), t.layout());
                });
    }

    /** Replaces the service's requested-IP fields and annotations. */
    static Edit serviceRequest(Service s, String field, String value, IpAddr loadBalancerIP, Map<String, String> annotations) {
        return new Edit(s.id(), field, value, t -> {
            Workloads w = t.workloads();
            Workloads changed = new Workloads(replace(w.services(), x -> x.id().equals(s.id()),
                    x -> new Service(x.namespace(), x.name(), x.type(), x.externalTrafficPolicy(),
                            x.internalTrafficPolicy(), x.ports(), x.selector(), x.labels(), annotations, x.clusterIP(),
                            x.clusterIPs(), x.ipFamilyPolicy(), x.ipFamilies(),
                            x.externalIPs(), loadBalancerIP, x.loadBalancerClass(), x.healthCheckNodePort(), x.status(), x.endpoints())),
                    w.deployments());
            return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(),
                    t.calico(), t.metallb(), changed, t.validation(), t.layout());
        });
    }

    // --- Routers -------------------------------------------------------------------------------

    static Edit routerBgp(Router router, String field, String value, UnaryOperator<RouterBgp> change) {
        return new Edit(router.id(), "bgp." + field, value, t -> {
            Network n = t.network();
            Network changed = new Network(replace(n.routers(), r -> r.name().equals(router.name()),
                    r -> r.withBgp(change.apply(r.bgp()))),
                    n.segments(), n.clients());
            return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), changed, t.cluster(), t.calico(),
                    t.metallb(), t.workloads(), t.validation(), t.layout());
        });
    }

    /**
     * A neighbour statement on {@code router} for each session's node, with the AS the node speaks on it: what
     * connecting the node to the router on the canvas adds on the router side.
     */
    static Edit neighbors(Router router, List<DesignIndex.Session> sessions) {
        String value = sessions.stream().map(s -> "+ " + s.node().address() + " remote-as " + s.localAs() + " ("
                + s.node().name() + ")").collect(java.util.stream.Collectors.joining(", "));
        return new Edit(router.id(), "bgp.neighbors", value, t -> {
            Network n = t.network();
            Network changed = new Network(replace(n.routers(), r -> r.name().equals(router.name()), r -> {
                Router with = r;
                for (DesignIndex.Session s : sessions) {
                    with = with.withNeighborFor(s.node(), s.localAs());
                }
                return with;
            }), n.segments(), n.clients());
            return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), changed, t.cluster(), t.calico(),
                    t.metallb(), t.workloads(), t.validation(), t.layout());
        });
    }

    static Edit maximumPaths(Router router, int paths) {
        return routerBgp(router, "maximumPaths", String.valueOf(paths), b -> new RouterBgp(b.asn(), b.routerId(),
                b.keepalive(), b.hold(), b.connectRetry(), paths, b.maximumPathsIbgp(), b.multipathRelax(),
                b.ebgpRequiresPolicy(), b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(),
                b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath()));
    }

    static Edit multipathRelax(Router router) {
        return routerBgp(router, "multipathRelax", "true", b -> new RouterBgp(b.asn(), b.routerId(), b.keepalive(),
                b.hold(), b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), true, b.ebgpRequiresPolicy(),
                b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(), b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath()));
    }

    static Edit ebgpRequiresPolicy(Router router, boolean required) {
        return routerBgp(router, "ebgpRequiresPolicy", String.valueOf(required), b -> new RouterBgp(b.asn(),
                b.routerId(), b.keepalive(), b.hold(), b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(),
                b.multipathRelax(), required, b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(),
                b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath()));
    }

    static Edit timers(Router router, int keepalive, int hold) {
        return routerBgp(router, "timers", keepalive + "/" + hold, b -> new RouterBgp(b.asn(), b.routerId(), keepalive,
                hold, b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(),
                b.ebgpRequiresPolicy(), b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(),
                b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath()));
    }

    private static <T> List<T> replace(List<T> items, java.util.function.Predicate<T> which, UnaryOperator<T> change) {
        return items.stream().map(i -> which.test(i) ? change.apply(i) : i).toList();
    }
}
