package dev.lbstudio.validate;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Topology.Endpoint;
import dev.lbstudio.model.Version;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything rules look up, computed once per validation run and only when a rule first asks:
 * elements by name and address, endpoints per service, parsed pools, the BGP sessions Calico's
 * peers create, and MetalLB's allocation. Keeps rules linear in the size of the design.
 */
public final class DesignIndex {

    /** A pool with its entries parsed the way MetalLB parses them; {@code bad} holds the entries that do not parse. */
    public record PoolView(IpAddressPool pool, List<PoolEntry> entries, Map<String, String> bad) {
        public boolean contains(IpAddr ip) {
            for (PoolEntry e : entries) {
                if (e.contains(ip)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One BGP session a Calico BGPPeer gives a node: from the node's address of the peer's family
     * ({@code nodeAddress}; BIRD for IPv4, BIRD6 for IPv6) to {@code peerAddress}, which may be a known
     * router (and then {@code neighbor} is the router's matching neighbour statement, if any).
     */
    public record Session(Node node, CalicoBgpPeer peer, IpAddr peerAddress, Router router, BgpNeighbor neighbor,
                          long localAs, IpAddr nodeAddress) {
        public boolean isEbgp() {
            return peer.asNumber() != null && peer.asNumber() != localAs;
        }
    }

    private final Topology t;
    private Map<String, Node> nodes;
    private Map<IpAddr, Node> nodeByAddress;
    private Map<IpAddr, Router> routerByAddress;
    private Map<String, Map<String, List<Deployment>>> deploymentsByLabel;
    private Map<Service, List<Endpoint>> endpoints = new IdentityHashMap<>();
    private Map<Service, List<Endpoint>> readyEndpoints = new IdentityHashMap<>();
    private List<PoolView> pools;
    private List<Session> sessions;
    private List<Session> routerSessions;
    private Map<CalicoBgpPeer, List<Node>> peerNodes;
    private Map<CalicoBgpPeer, String> selectorErrors;
    private Map<Node, Map<String, String>> nodeLabels;
    private MetalLbAllocation allocation;
    private long[] poolStarts;
    private long[] poolEnds;
    private PoolView[] poolOwners;
    private List<IPAddress> lbBlocks;
    private long[] lbStarts;
    private long[] lbEnds;

    DesignIndex(Topology topology) {
        this.t = topology;
    }

    /**
     * An index for an edited design that keeps whatever the previous index computed from parts the
     * edit left untouched (records are immutable, so an unchanged part is the very same object).
     */
    DesignIndex(Topology topology, DesignIndex previous) {
        this(topology);
        Topology p = previous.t;
        boolean cluster = p.cluster() == t.cluster();
        boolean calico = p.calico() == t.calico();
        boolean network = p.network() == t.network();
        boolean metallb = p.metallb() == t.metallb();
        boolean workloads = p.workloads() == t.workloads();
        if (cluster) {
            nodes = previous.nodes;
            nodeByAddress = previous.nodeByAddress;
            nodeLabels = previous.nodeLabels;
        }
        if (network) {
            routerByAddress = previous.routerByAddress;
        }
        if (workloads) {
            deploymentsByLabel = previous.deploymentsByLabel;
            // Shared, not copied: both indexes describe the same workloads, and entries are only ever added.
            endpoints = previous.endpoints;
            readyEndpoints = previous.readyEndpoints;
        }
        if (metallb) {
            pools = previous.pools;
            poolStarts = previous.poolStarts;
            poolEnds = previous.poolEnds;
            poolOwners = previous.poolOwners;
        }
        if (calico) {
            lbBlocks = previous.lbBlocks;
            lbStarts = previous.lbStarts;
            lbEnds = previous.lbEnds;
        }
        if (cluster && calico) {
            peerNodes = previous.peerNodes;
            selectorErrors = previous.selectorErrors;
        }
        if (cluster && calico && network) {
            sessions = previous.sessions;
            routerSessions = previous.routerSessions;
        }
        if (metallb && workloads) {
            allocation = previous.allocation;
        }
    }

    public Topology topology() {
        return t;
    }

    public BgpConfiguration bgp() {
        return t.calico().bgpConfiguration();
    }

    public Version calicoVersion() {
        return t.calico().parsedVersion();
    }

    public Optional<MetalLb> metallb() {
        return Optional.ofNullable(t.metallb());
    }

    public Version metallbVersion() {
        return t.metallb() == null ? Version.UNKNOWN : t.metallb().parsedVersion();
    }

    public Map<String, Node> nodes() {
        if (nodes == null) {
            nodes = Topology.byName(t.cluster().nodes(), Node::name);
        }
        return nodes;
    }

    public Optional<Node> nodeAt(IpAddr ip) {
        if (nodeByAddress == null) {
            nodeByAddress = new HashMap<>();
            for (Node n : t.cluster().nodes()) {
                n.addresses().forEach(a -> nodeByAddress.putIfAbsent(a, n));
            }
        }
        return Optional.ofNullable(nodeByAddress.get(ip));
    }

    public Optional<Router> routerAt(IpAddr ip) {
        if (routerByAddress == null) {
            routerByAddress = new HashMap<>();
            for (Router r : t.network().routers()) {
                for (RouterInterface i : r.interfaces()) {
                    i.addresses().forEach(a -> routerByAddress.putIfAbsent(a.host(), r));
                }
            }
        }
        return Optional.ofNullable(routerByAddress.get(ip));
    }

    /** The AS a node's BIRD speaks: its own override, else the BGPConfiguration's. */
    public long nodeAs(Node node) {
        return node.asNumber() != null ? node.asNumber() : bgp().effectiveAsNumber();
    }

    public List<Service> loadBalancers() {
        return t.workloads().services().stream().filter(Service::isLoadBalancer).toList();
    }

    /** Pods backing a service, found through an index of deployments by namespace and label. */
    public List<Endpoint> endpoints(Service service) {
        return endpoints.computeIfAbsent(service, this::findEndpoints);
    }

    public List<Endpoint> readyEndpoints(Service service) {
        return readyEndpoints.computeIfAbsent(service, s -> endpoints(s).stream().filter(e -> e.pod().isReady()).toList());
    }

    private List<Endpoint> findEndpoints(Service service) {
        if (service.reportsEndpoints()) {
            return Topology.reported(service, t.workloads().deployments());
        }
        if (service.selector().isEmpty()) {
            return List.of();
        }
        if (deploymentsByLabel == null) {
            deploymentsByLabel = new HashMap<>();
            for (Deployment d : t.workloads().deployments()) {
                Map<String, List<Deployment>> byLabel = deploymentsByLabel.computeIfAbsent(d.namespace(), k -> new HashMap<>());
                d.podLabels().forEach((k, v) -> byLabel.computeIfAbsent(k + "=" + v, x -> new ArrayList<>()).add(d));
            }
        }
        var first = service.selector().entrySet().iterator().next();
        List<Deployment> candidates = deploymentsByLabel.getOrDefault(service.namespace(), Map.of())
                .getOrDefault(first.getKey() + "=" + first.getValue(), List.of());
        List<Endpoint> result = new ArrayList<>();
        for (Deployment d : candidates) {
            boolean selected = service.selector().entrySet().stream()
                    .allMatch(e -> e.getValue().equals(d.podLabels().get(e.getKey())));
            if (selected) {
                d.pods().forEach(p -> result.add(new Endpoint(d, p)));
            }
        }
        return result;
    }

    public List<PoolView> pools() {
        if (pools == null) {
            pools = new ArrayList<>();
            for (IpAddressPool p : t.addressPools()) {
                List<PoolEntry> entries = new ArrayList<>();
                Map<String, String> bad = new LinkedHashMap<>();
                for (String a : p.addresses()) {
                    try {
                        entries.add(PoolEntry.parse(a));
                    } catch (IllegalArgumentException e) {
                        bad.put(a, e.getMessage());
                    }
                }
                pools.add(new PoolView(p, List.copyOf(entries), bad));
            }
        }
        return pools;
    }

    public Optional<PoolView> pool(String name) {
        return pools().stream().filter(p -> p.pool().name().equals(name)).findFirst();
    }

    /** The pool holding an address, if any (pools should not overlap; with overlaps any holder may be named). */
    public Optional<PoolView> poolOf(IpAddr ip) {
        if (ip.address() instanceof IPv4Address v4) {
            if (poolStarts == null) {
                indexPools();
            }
            long x = v4.longValue();
            int i = java.util.Arrays.binarySearch(poolStarts, x);
            for (int at = i >= 0 ? i : -i - 2; at >= 0; at--) {
                if (poolEnds[at] >= x) {
                    return Optional.of(poolOwners[at]);
                }
            }
            return Optional.empty();
        }
        for (PoolView p : pools()) {
            if (p.contains(ip)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** IPv4 pool entries as sorted numbers: 5,000 services look their pool up without scanning every pool. */
    private void indexPools() {
        record Span(long start, long end, PoolView owner) {
        }
        List<Span> spans = new ArrayList<>();
        for (PoolView p : pools()) {
            for (PoolEntry e : p.entries()) {
                if (e.isIpv4()) {
                    spans.add(new Span(((IPv4Address) e.first()).longValue(), ((IPv4Address) e.last()).longValue(), p));
                }
            }
        }
        spans.sort(java.util.Comparator.comparingLong(Span::start));
        poolStarts = spans.stream().mapToLong(Span::start).toArray();
        poolEnds = spans.stream().mapToLong(Span::end).toArray();
        poolOwners = spans.stream().map(Span::owner).toArray(PoolView[]::new);
    }

    /** True when some L2Advertisement announces the pool (pool selectors count as matching: pools carry no labels). */
    public boolean announcedByL2(IpAddressPool pool) {
        return metallb().map(m -> m.l2Advertisements().stream().anyMatch(a -> selects(a, pool))).orElse(false);
    }

    static boolean selects(L2Advertisement a, IpAddressPool pool) {
        return selects(a.appliesToAllPools(), a.ipAddressPools(), a.ipAddressPoolSelectors(), pool);
    }

    static boolean selects(dev.lbstudio.model.BgpAdvertisement a, IpAddressPool pool) {
        return selects(a.appliesToAllPools(), a.ipAddressPools(), a.ipAddressPoolSelectors(), pool);
    }

    /**
     * True when the advertisement certainly selects the pool: all pools, or by name. Pools carry no labels in the
     * model, so a pool selector may or may not match; rules that report errors only count certain selections.
     */
    static boolean surelySelects(dev.lbstudio.model.BgpAdvertisement a, IpAddressPool pool) {
        return a.appliesToAllPools() || a.ipAddressPools().contains(pool.name());
    }

    private static boolean selects(boolean all, List<String> names, List<?> selectors, IpAddressPool pool) {
        return all || names.contains(pool.name()) || !selectors.isEmpty();
    }

    /** True when an address is inside some {@code serviceLoadBalancerIPs} CIDR, i.e. Calico may advertise it. */
    public boolean inLoadBalancerRanges(IpAddr ip) {
        if (lbBlocks == null) {
            lbBlocks = bgp().serviceLoadBalancerIPs().stream().map(p -> p.address().toPrefixBlock()).toList();
            lbStarts = lbBlocks.stream().filter(IPAddress::isIPv4).mapToLong(b -> ((IPv4Address) b.getLower()).longValue()).toArray();
            lbEnds = lbBlocks.stream().filter(IPAddress::isIPv4).mapToLong(b -> ((IPv4Address) b.getUpper()).longValue()).toArray();
        }
        if (ip.address() instanceof IPv4Address v4) {
            long x = v4.longValue();
            for (int i = 0; i < lbStarts.length; i++) {
                if (lbStarts[i] <= x && x <= lbEnds[i]) {
                    return true;
                }
            }
            return false;
        }
        for (IPAddress block : lbBlocks) {
            if (block.getIPVersion() == ip.address().getIPVersion() && block.contains(ip.address())) {
                return true;
            }
        }
        return false;
    }

    private Map<Node, Map<String, String>> nodeLabels() {
        if (nodeLabels == null) {
            nodeLabels = new LinkedHashMap<>();
            t.cluster().nodes().forEach(n -> nodeLabels.put(n, n.selectorLabels()));
        }
        return nodeLabels;
    }

    /** The nodes each Calico BGPPeer applies to (node, nodeSelector or all); peers whose selector does not parse apply to none. */
    public Map<CalicoBgpPeer, List<Node>> peerNodes() {
        if (peerNodes == null) {
            peerNodes = new LinkedHashMap<>();
            selectorErrors = new LinkedHashMap<>();
            for (CalicoBgpPeer peer : t.calico().bgpPeers()) {
                List<Node> selected = new ArrayList<>();
                if (peer.node() != null) {
                    Optional.ofNullable(nodes().get(peer.node())).ifPresent(selected::add);
                } else if (peer.nodeSelector() != null) {
                    try {
                        CalicoSelector selector = CalicoSelector.parse(peer.nodeSelector());
                        nodeLabels().forEach((n, labels) -> {
                            if (selector.matches(labels)) {
                                selected.add(n);
                            }
                        });
                    } catch (IllegalArgumentException e) {
                        selectorErrors.put(peer, e.getMessage());
                    }
                } else {
                    selected.addAll(t.cluster().nodes());
                }
                peerNodes.put(peer, List.copyOf(selected));
            }
        }
        return peerNodes;
    }

    public Map<CalicoBgpPeer, String> selectorErrors() {
        peerNodes();
        return selectorErrors;
    }

    /** Every node-to-address session Calico's BGPPeers with a {@code peerIP} create, in peer then node order. */
    public List<Session> sessions() {
        if (sessions == null) {
            sessions = new ArrayList<>();
            for (var e : peerNodes().entrySet()) {
                CalicoBgpPeer peer = e.getKey();
                if (peer.peerAddress().isEmpty()) {
                    continue;
                }
                IpAddr address = peer.peerAddress().get();
                Router router = routerAt(address).orElse(null);
                List<IPAddress> covered = router == null ? List.of() : router.bgp().neighbors().stream()
                        .map(nb -> nb.address() != null ? nb.address().address() : nb.listenRange().address().toPrefixBlock())
                        .toList();
                for (Node node : e.getValue()) {
                    // confd writes an IPv6 peer into bird6.cfg only, which exists only for a node with an IPv6 address
                    Optional<IpAddr> from = address.isIpv4() ? node.ipv4() : node.ipv6();
                    if (from.isEmpty()) {
                        continue;
                    }
                    BgpNeighbor neighbor = null;
                    for (int i = 0; i < covered.size() && neighbor == null; i++) {
                        IPAddress c = covered.get(i);
                        if (c.getIPVersion() == from.get().address().getIPVersion() && c.contains(from.get().address())) {
                            neighbor = router.bgp().neighbors().get(i);
                        }
                    }
                    long localAs = peer.localASNumber() != null ? peer.localASNumber() : nodeAs(node);
                    sessions.add(new Session(node, peer, address, router, neighbor, localAs, from.get()));
                }
            }
        }
        return sessions;
    }

    /** Sessions from nodes to known routers: the ones that carry service routes out of the cluster. */
    public List<Session> routerSessions() {
        if (routerSessions == null) {
            routerSessions = sessions().stream().filter(s -> s.router() != null).toList();
        }
        return routerSessions;
    }

    /** True when Calico's BGP carries LoadBalancer IPs: it peers with a router or has serviceLoadBalancerIPs. */
    public boolean usesCalicoBgp() {
        return !bgp().serviceLoadBalancerIPs().isEmpty() || !routerSessions().isEmpty();
    }

    /** MetalLB's allocation of LoadBalancer IPs as its controller would do it. */
    public MetalLbAllocation allocation() {
        if (allocation == null) {
            allocation = new MetalLbAllocation(this);
        }
        return allocation;
    }
}
