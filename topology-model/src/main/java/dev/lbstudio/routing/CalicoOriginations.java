package dev.lbstudio.routing;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which service routes calico-node puts under {@code /calico/staticroutes} on each node, i.e. what
 * BIRD originates as {@code route <cidr> blackhole;} (domain-facts §1.2, CAL-RG
 * {@code advertiseThisService}/{@code getAllRoutesForService}, CAL-CL {@code updateGlobalRoutes}).
 */
public final class CalicoOriginations {

    private final Topology topology;
    private final BgpConfiguration cfg;
    private final Version version;
    private final boolean aggregation;
    private final List<IpPrefix> aggregates;
    private final Map<String, Node> nodes;
    private Map<String, Map<String, Map<String, List<Deployment>>>> deploymentsByLabel;
    private int scans;
    // Version checks and allow-list blocks are precomputed: they run for every service and pod.
    private final boolean readinessUnchecked;
    private final boolean statusCountsForSingleEntry;
    private final boolean externalSingleEntries;
    private final List<IPAddress> clusterBlocks;
    private final List<IPAddress> externalBlocks;
    private final List<IPAddress> lbBlocks;

    public CalicoOriginations(Topology topology) {
        this.topology = topology;
        this.cfg = topology.calico().bgpConfiguration();
        this.version = topology.calico().parsedVersion();
        // serviceLoadBalancerAggregation exists since v3.31.0; older calico-node ignores it (CAL PR #10719).
        this.aggregation = cfg.effectiveAggregation() || version.isBefore("3.31.0");
        List<IpPrefix> global = new ArrayList<>();
        cfg.serviceClusterIPs().forEach(p -> global.add(p.network()));
        cfg.serviceExternalIPs().stream().filter(p -> !single(p)).forEach(p -> global.add(p.network()));
        if (aggregation) {
            cfg.serviceLoadBalancerIPs().stream().filter(p -> !single(p)).forEach(p -> global.add(p.network()));
        }
        this.aggregates = List.copyOf(new LinkedHashSet<>(global));
        this.nodes = Topology.byName(topology.cluster().nodes(), Node::name);
        this.readinessUnchecked = version.isAtLeast("3.31.0") && version.isBefore("3.31.7")
                || version.isAtLeast("3.32.0") && version.isBefore("3.32.2");
        this.statusCountsForSingleEntry = version.isAtLeast("3.32.0");
        this.externalSingleEntries = version.isAtLeast("3.30.0");
        this.clusterBlocks = blocks(cfg.serviceClusterIPs());
        this.externalBlocks = blocks(cfg.serviceExternalIPs());
        this.lbBlocks = blocks(cfg.serviceLoadBalancerIPs());
    }

    private static List<IPAddress> blocks(List<IpPrefix> prefixes) {
        return prefixes.stream().map(p -> p.address().toPrefixBlock()).toList();
    }

    /** The §1.2-A aggregate routes every non-excluded node originates, whatever the services. */
    public List<IpPrefix> aggregates() {
        return aggregates;
    }

    /** True when the node originates the aggregates (it is not labelled exclude-from-external-load-balancers). */
    public boolean advertises(Node node) {
        return !node.excludedFromLoadBalancers();
    }

    /** True when LB aggregation is in effect (the default, and always before v3.31). */
    public boolean aggregation() {
        return aggregation;
    }

    /**
     * The §1.2-B host routes of one service: each /32 (/128) and the nodes that originate it.
     * Empty when the service gets no host route (e.g. Cluster policy covered by the aggregate).
     */
    public Map<IpPrefix, Set<String>> hostRoutes(Service s) {
        if (s.type() == Service.Type.EXTERNAL_NAME) {
            return Map.of();
        }
        List<IpAddr> candidates = candidates(s);
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Set<String> advertisers = new LinkedHashSet<>();
        boolean external = s.isLoadBalancer() || s.type() == Service.Type.NODE_PORT;
        List<Topology.Endpoint> endpoints = endpoints(s);
        if (external && s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL) {
            for (Topology.Endpoint e : endpoints) {
                Node n = nodes.get(e.pod().node());
                if (n != null && advertises(n) && countsForCalico(e.pod())) {
                    advertisers.add(n.name());
                }
            }
        } else if (singleEntryService(s)
                || !aggregation && endpoints.stream().anyMatch(e -> e.pod().isReady())) {
            nodes.values().stream().filter(this::advertises).forEach(n -> advertisers.add(n.name()));
        }
        if (advertisers.isEmpty()) {
            return Map.of();
        }
        Map<IpPrefix, Set<String>> routes = new TreeMap<>();
        for (IpAddr ip : candidates) {
            routes.put(ip.hostPrefix(), advertisers);
        }
        return routes;
    }

    /**
     * Every origination of a node with the elements that cause it (the aggregate's BGPConfiguration,
     * or the services behind a host route), for the RIB view and the "why" of a route.
     */
    public Map<IpPrefix, List<ElementId>> originations(Node node) {
        Map<IpPrefix, List<ElementId>> result = new TreeMap<>();
        if (!advertises(node)) {
            return result;
        }
        aggregates.forEach(p -> result.put(p, List.of(cfg.id())));
        for (Service s : topology.workloads().services()) {
            hostRoutes(s).forEach((prefix, advertisers) -> {
                if (advertisers.contains(node.name())) {
                    result.computeIfAbsent(prefix, k -> new ArrayList<>()).add(s.id());
                }
            });
        }
        return result;
    }

    /** The pods that back a service: its reported endpoints, else the deployments' pods its selector matches. */
    public List<Topology.Endpoint> endpoints(Service s) {
        if (s.reportsEndpoints()) {
            return Topology.reported(s, topology.workloads().deployments());
        }
        if (s.selector().isEmpty()) {
            return List.of();
        }
        List<Topology.Endpoint> result = new ArrayList<>();
        for (Deployment d : deploymentsFor(s)) {
            if (d.namespace().equals(s.namespace()) && selects(s, d)) {
                d.pods().forEach(p -> result.add(new Topology.Endpoint(d, p)));
            }
        }
        return result;
    }

    /**
     * A few look-ups scan the deployments (an incremental update touches one service); many build an
     * index by namespace and first selector label, so a whole 5,000-service design stays linear.
     */
    private synchronized List<Deployment> deploymentsFor(Service s) {
        if (deploymentsByLabel == null && ++scans > 8) {
            deploymentsByLabel = new HashMap<>();
            for (Deployment d : topology.workloads().deployments()) {
                d.podLabels().forEach((k, v) -> deploymentsByLabel.computeIfAbsent(d.namespace(), x -> new HashMap<>())
                        .computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new ArrayList<>()).add(d));
            }
        }
        if (deploymentsByLabel == null) {
            return topology.workloads().deployments();
        }
        Map.Entry<String, String> first = s.selector().entrySet().iterator().next();
        return deploymentsByLabel.getOrDefault(s.namespace(), Map.of()).getOrDefault(first.getKey(), Map.of())
                .getOrDefault(first.getValue(), List.of());
    }

    static boolean selects(Service s, Deployment d) {
        for (Map.Entry<String, String> e : s.selector().entrySet()) {
            if (!e.getValue().equals(d.podLabels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The service's addresses Calico may advertise: each one inside the matching allow-list. */
    private List<IpAddr> candidates(Service s) {
        List<IpAddr> ips = new ArrayList<>();
        if (s.clusterIP() != null && within(s.clusterIP(), clusterBlocks)) {
            ips.add(s.clusterIP());
        }
        for (IpAddr ip : s.externalIPs()) {
            if (within(ip, externalBlocks)) {
                ips.add(ip);
            }
        }
        if (s.isLoadBalancer()) {
            // Only status.loadBalancer.ingress is advertised, never spec.loadBalancerIP (calico#7921).
            for (IpAddr ip : s.status()) {
                if (within(ip, lbBlocks)) {
                    ips.add(ip);
                }
            }
        }
        return ips;
    }

    /**
     * A Cluster service whose LB IP (or external IP) is a /32 entry of the allow-list gets its host route
     * from every node. Before v3.32.0 only spec.loadBalancerIP was checked (CAL PR #11917); external-IP
     * /32 entries since v3.30.
     */
    private boolean singleEntryService(Service s) {
        List<IpAddr> lbIps = new ArrayList<>();
        if (s.isLoadBalancer()) {
            if (s.loadBalancerIP() != null) {
                lbIps.add(s.loadBalancerIP());
            }
            if (statusCountsForSingleEntry) {
                lbIps.addAll(s.status());
            }
        }
        boolean lb = lbIps.stream().anyMatch(ip -> inSingleEntry(ip, cfg.serviceLoadBalancerIPs()));
        boolean ext = externalSingleEntries
                && s.externalIPs().stream().anyMatch(ip -> inSingleEntry(ip, cfg.serviceExternalIPs()));
        return lb || ext;
    }

    /**
     * Whether calico-node counts a pod as a local endpoint. HEAD and v3.31.7 skip EndpointSlice
     * endpoints with ready == false; v3.31.0–v3.31.6 and v3.32.0–v3.32.1 did not check readiness;
     * before v3.31 the Endpoints API listed ready addresses only (domain-facts §1.2 table).
     */
    boolean countsForCalico(Pod pod) {
        return readinessUnchecked || pod.isReady();
    }

    private static boolean within(IpAddr ip, List<IPAddress> allowList) {
        for (IPAddress block : allowList) {
            if (block.getIPVersion() == ip.address().getIPVersion() && block.contains(ip.address())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inSingleEntry(IpAddr ip, List<IpPrefix> allowList) {
        for (IpPrefix p : allowList) {
            if (single(p) && p.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static boolean single(IpPrefix p) {
        return p.length() == (p.isIpv4() ? 32 : 128);
    }

    /** Cache of the originators by prefix for a whole design, keyed per service for incremental updates. */
    static Map<ElementId, Map<IpPrefix, Set<String>>> byService(CalicoOriginations o, List<Service> services) {
        Map<ElementId, Map<IpPrefix, Set<String>>> all = new HashMap<>();
        for (Service s : services) {
            Map<IpPrefix, Set<String>> r = o.hostRoutes(s);
            if (!r.isEmpty()) {
                all.put(s.id(), r);
            }
        }
        return all;
    }
}
