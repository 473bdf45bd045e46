package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the lab's network: one namespace per ToR, node, pod and client, every L2 segment a bridge in its
 * own segment namespace, veths created inside a lab namespace with the peer placed straight into another
 * (lab-notes §1), so the root namespace never holds a lab link, route or sysctl change.
 */
public final class Fabric {

    /** Calico's pod gateway: a link-local next hop answered by proxy ARP on the host side of the veth. */
    static final String POD_GATEWAY = "169.254.1.1";
    /**
     * The IPv6 pod gateway: Calico's host-side veth has MAC ee:ee:ee:ee:ee:ee, so its link-local address, the
     * pod's IPv6 default gateway, is this one on every pod; the lab puts it on the host side explicitly.
     */
    static final String POD_GATEWAY6 = "fe80::ecee:eeff:feee:eeee";

    private final LabNames names;
    private final Journal journal;
    private final java.util.function.Supplier<Topology> design;

    /** {@code design} is the lab's current design, which triggers such as pod moves change. */
    public Fabric(LabNames names, Journal journal, java.util.function.Supplier<Topology> design) {
        this.names = names;
        this.journal = journal;
        this.design = design;
    }

    /** A pod as the lab wires it: its namespace, its node's namespace and the node-side veth name. */
    public record PodPlace(Pod pod, String namespace, String nodeNamespace, String hostInterface) {
    }

    /**
     * Every pod the lab runs: the design's deployments' pods, then the endpoints Kubernetes reported for its
     * services that are not among them (StatefulSet, DaemonSet and bare pods, selector-less services' own
     * EndpointSlices: ADR 0502), once each even when several services list them.
     * Host-side veth names come from a hash of the pod's name (Linux allows 15 characters), so they stay the same
     * when pods move and when a scale-up adds pods to a deployment before others, and in every process that
     * attaches to the lab; a position in the design would shift.
     */
    public List<PodPlace> pods() {
        Topology topology = design.get();
        Map<String, PodPlace> result = new LinkedHashMap<>();
        topology.workloads().deployments().forEach(d -> d.pods().forEach(p -> result.putIfAbsent(p.name(), place(p))));
        java.util.Set<IpAddr> wired = new java.util.HashSet<>();
        result.values().forEach(p -> wired.add(p.pod().ip()));
        for (dev.lbstudio.model.Service s : topology.workloads().services()) {
            for (Topology.Endpoint e : topology.endpoints(s)) {
                // A deployment's pod reported under its own name or address is already there.
                if (!result.containsKey(e.pod().name()) && wired.add(e.pod().ip())) {
                    result.put(e.pod().name(), place(e.pod()));
                }
            }
        }
        return List.copyOf(result.values());
    }

    private PodPlace place(Pod p) {
        return new PodPlace(p, names.pod(p.name()), names.node(p.node()), String.format("vp%08x", p.name().hashCode()));
    }

    public PodPlace pod(String name) {
        return pods().stream().filter(p -> p.pod().name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("the design has no pod named " + name));
    }

    /**
     * Unplugs a pod as the CNI does when it is deleted: its host veth goes (taking the node's route with it)
     * and nodes on the same segment forget their route to it.
     */
    public void detachPod(PodPlace place) {
        Topology topology = design.get();
        Node from = topology.node(place.pod().node()).orElseThrow();
        Netns.batch(names.node(from.name()), List.of("link del " + place.hostInterface()));
        for (Node n : topology.cluster().nodes()) {
            if (!n.equals(from) && n.segment().equals(from.segment())) {
                List<String> lines = new ArrayList<>(List.of("route del " + place.pod().ip() + "/32"));
                podIpv6(topology, place.pod()).ifPresent(ip -> lines.add("route del " + ip + "/128"));
                Netns.batch(names.node(n.name()), lines);
            }
        }
    }

    /** A pod new to the lab (a scale-up): its namespace is journalled and created, then it is plugged in. */
    public void addPod(String podName) {
        PodPlace place = pod(podName);
        if (place.pod().ip() == null) {
            throw new LabException("pod " + podName + " has no ip to wire");
        }
        journal.recordNamespace(place.namespace());
        Netns.batch(null, List.of("netns add " + place.namespace()));
        Netns.batch(place.namespace(), List.of("link set lo up"));
        attachPod(podName);
    }

    /** Plugs a pod in on the node the current design places it on (after a {@link #detachPod}). */
    public void attachPod(String podName) {
        Topology topology = design.get();
        PodPlace place = pod(podName);
        Node to = topology.node(place.pod().node()).orElseThrow();
        Netns.batch(names.node(to.name()), hostSideOfPod(topology, place));
        proxyArp(place);
        Netns.batch(place.namespace(), podSide(topology, place));
        for (Node n : topology.cluster().nodes()) {
            if (!n.equals(to) && n.segment().equals(to.segment())) {
                Netns.batch(names.node(n.name()), remotePodRoutes(topology, place.pod(), to));
            }
        }
    }

    public void build() {
        Topology topology = design.get();
        List<String> all = new ArrayList<>();
        topology.network().segments().forEach(s -> all.add(names.segment(s.name())));
        topology.network().routers().forEach(r -> all.add(names.router(r.name())));
        topology.cluster().nodes().forEach(n -> all.add(names.node(n.name())));
        topology.network().clients().forEach(c -> all.add(names.client(c.name())));
        List<PodPlace> pods = pods();
        pods.forEach(p -> {
            if (p.pod().ip() == null) {
                throw new LabException("pod " + p.pod().name() + " has no ip; give it one in the design (workloads"
                        + " > deployments > pods > ip) so the lab can wire it");
            }
            all.add(p.namespace());
        });
        all.forEach(journal::recordNamespace);
        Netns.batch(null, all.stream().map(ns -> "netns add " + ns).toList());
        if (dualStack(topology)) {
            skipDuplicateAddressDetection(all);
        }

        Map<String, List<String>> segmentPorts = new LinkedHashMap<>();
        for (Segment s : topology.network().segments()) {
            Netns.batch(names.segment(s.name()), List.of("link set lo up", "link add br0 type bridge",
                    "link set br0 up"));
            segmentPorts.put(s.name(), new ArrayList<>());
        }
        for (Router r : topology.network().routers()) {
            List<String> lines = new ArrayList<>(List.of("link set lo up"));
            for (RouterInterface i : r.interfaces()) {
                String port = attach(segmentPorts, i.segment(), r.name());
                lines.add("link add " + i.name() + " type veth peer name " + port + " netns " + names.segment(i.segment()));
                for (dev.lbstudio.model.IpPrefix a : i.addresses()) {
                    lines.add("addr add " + a + " dev " + i.name() + (a.isIpv4() ? "" : " nodad"));
                }
                lines.add("link set " + i.name() + " up");
            }
            Netns.batch(names.router(r.name()), lines);
            enableForwarding(names.router(r.name()));
        }
        for (Router r : topology.network().routers()) {
            Netns.batch(names.router(r.name()), underlayRoutes(topology, r));
        }
        for (Node n : topology.cluster().nodes()) {
            String ns = names.node(n.name());
            List<String> lines = hostLines(segmentPorts, n.segment(), n.name(), n.addresses());
            for (PodPlace p : pods) {
                if (p.nodeNamespace().equals(ns)) {
                    lines.addAll(hostSideOfPod(topology, p));
                } else if (sameSegment(p, n)) {
                    lines.addAll(remotePodRoutes(topology, p.pod(), topology.node(p.pod().node()).orElseThrow()));
                }
            }
            Netns.batch(ns, lines);
            enableForwarding(ns);
            pods.stream().filter(p -> p.nodeNamespace().equals(ns)).forEach(Fabric::proxyArp);
        }
        for (Client c : topology.network().clients()) {
            List<String> lines = hostLines(segmentPorts, c.segment(), c.name(), c.addresses().stream().map(dev.lbstudio.model.IpPrefix::host).toList());
            Netns.batch(names.client(c.name()), lines);
        }
        for (PodPlace p : pods) {
            List<String> lines = new ArrayList<>(List.of("link set lo up"));
            lines.addAll(podSide(topology, p));
            Netns.batch(p.namespace(), lines);
        }
        segmentPorts.forEach((segment, ports) -> Netns.batch(names.segment(segment), ports.stream()
                .flatMap(p -> List.of("link set " + p + " master br0", "link set " + p + " up").stream()).toList()));
    }

    /**
     * The fabric's underlay, which BGP service routes ride on but the design does not spell out: a router reaches
     * every segment it is not on through the neighbouring router on the shortest router-to-router path (a real
     * fabric learns these connected subnets from its underlay routing). Without them a ToR behind a spine had no
     * way back to the clients, and a reply to a masqueraded node address in another rack none either. Static
     * kernel routes: never BGP, so they are outside every FIB comparison with the routing engine's prediction.
     */
    static List<String> underlayRoutes(Topology topology, Router from) {
        Map<String, RouterInterface> via = new LinkedHashMap<>();
        Map<String, Router> firstHop = new LinkedHashMap<>();
        java.util.Deque<Router> queue = new java.util.ArrayDeque<>(List.of(from));
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(from.name()));
        java.util.Set<String> connected = new java.util.HashSet<>();
        from.interfaces().forEach(i -> connected.add(i.segment()));
        while (!queue.isEmpty()) {
            Router r = queue.poll();
            for (RouterInterface i : r.interfaces()) {
                for (Router next : topology.routersOn(i.segment())) {
                    if (!seen.add(next.name())) {
                        continue;
                    }
                    Router hop = r == from ? next : firstHop.get(r.name());
                    firstHop.put(next.name(), hop);
                    RouterInterface gateway = hop.interfaceOn(hop == next ? i.segment() : sharedSegment(from, hop)).orElseThrow();
                    next.interfaces().stream().filter(n -> !connected.contains(n.segment()))
                            .forEach(n -> via.putIfAbsent(n.segment(), gateway));
                    queue.add(next);
                }
            }
        }
        List<String> routes = new ArrayList<>();
        // per family: an IPv6 subnet goes via the neighbour's IPv6 address on the shared link, where it has one
        via.forEach((segment, gateway) -> topology.segment(segment).ifPresent(seg -> seg.cidrs().forEach(cidr ->
                gateway.addressOf(dev.lbstudio.model.IpFamily.of(cidr)).ifPresent(a ->
                        routes.add("route add " + cidr + " via " + a.host() + " proto static")))));
        return routes;
    }

    private static String sharedSegment(Router a, Router b) {
        return a.interfaces().stream().map(RouterInterface::segment).filter(seg -> b.interfaceOn(seg).isPresent())
                .findFirst().orElseThrow();
    }

    /**
     * A node's route to a pod on another node of its segment, so Cluster traffic reaches remote endpoints even
     * without Calico's mesh. `proto kernel` keeps BIRD's `learn` from importing it: BIRD would otherwise
     * export it (it is inside the pod pool), which real Calico never does.
     */
    private static List<String> remotePodRoutes(Topology topology, Pod pod, Node node) {
        List<String> lines = new ArrayList<>(List.of("route add " + pod.ip() + "/32 via " + node.address() + " proto kernel"));
        podIpv6(topology, pod).ifPresent(ip -> node.ipv6().ifPresent(via -> lines.add("route add " + ip + "/128 via " + via
                + " proto kernel")));
        return lines;
    }

    private static List<String> hostSideOfPod(Topology topology, PodPlace p) {
        List<String> lines = new ArrayList<>(List.of("link add " + p.hostInterface() + " type veth peer name eth0 netns " + p.namespace(),
                "link set " + p.hostInterface() + " up", "route add " + p.pod().ip() + "/32 dev " + p.hostInterface()));
        podIpv6(topology, p.pod()).ifPresent(ip -> {
            lines.add("addr add " + POD_GATEWAY6 + "/64 dev " + p.hostInterface() + " nodad");
            lines.add("route add " + ip + "/128 dev " + p.hostInterface());
        });
        return lines;
    }

    /**
     * Calico's pod side: the /32 on eth0 and a default route via the proxy-ARP'd link-local gateway; a pod with
     * an IPv6 address gets it as a /128 with the host side's link-local as its IPv6 gateway.
     */
    private static List<String> podSide(Topology topology, PodPlace p) {
        List<String> lines = new ArrayList<>(List.of("addr add " + p.pod().ip() + "/32 dev eth0", "link set eth0 up",
                "route add " + POD_GATEWAY + " dev eth0 scope link", "route add default via " + POD_GATEWAY + " dev eth0"));
        podIpv6(topology, p.pod()).ifPresent(ip -> {
            lines.add("addr add " + ip + "/128 dev eth0 nodad");
            lines.add("route add default via " + POD_GATEWAY6 + " dev eth0");
        });
        return lines;
    }

    /**
     * A pod's IPv6 address: the IPv6 endpoint a dual-stack service reports for it (an EndpointSlice of
     * addressType IPv6 names the pod). A design's pods carry one address; without such an endpoint the pod
     * is IPv4 only, as nothing says otherwise.
     */
    public static java.util.Optional<IpAddr> podIpv6(Topology topology, Pod pod) {
        for (dev.lbstudio.model.Service s : topology.workloads().services()) {
            if (s.reportsEndpoints()) {
                for (dev.lbstudio.model.ServiceEndpoint e : s.endpoints()) {
                    if (!e.address().isIpv4() && pod.name().equals(e.pod()) && pod.node().equals(e.node())) {
                        return java.util.Optional.of(e.address());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether any element of the design has an IPv6 address: only then does the lab touch IPv6 settings. */
    static boolean dualStack(Topology topology) {
        return topology.cluster().nodes().stream().anyMatch(n -> n.ipv6().isPresent());
    }

    /**
     * Addresses in the lab are known unique, and DAD holds a new IPv6 address tentative for about a second
     * (link-local ones too, which FRR and the kernel use for neighbour discovery): off inside the lab's own
     * namespaces, before any link exists there, so every later link inherits it. Global addresses are also
     * added with {@code nodad}.
     */
    private static void skipDuplicateAddressDetection(List<String> namespaces) {
        // one shell for all of them: a JVM process start per namespace cost 50-100 ms each on a loaded machine
        StringBuilder script = new StringBuilder("set -e");
        for (String ns : namespaces) {
            script.append("; ").append(String.join(" ", Netns.execPrefix(ns)))
                    .append(" sysctl -q -w net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0");
        }
        Commands.run(List.of("sh", "-c", script.toString()), Duration.ofSeconds(10)).orThrow();
    }

    /**
     * Proxy ARP answers the pod's gateway; Linux delays proxy replies by up to proxy_delay (0.8 s by default),
     * which made a pod's first answers time out, so Calico sets it to 0 on its interfaces and so does the lab.
     */
    private static void proxyArp(PodPlace p) {
        Netns.exec(p.nodeNamespace(), Duration.ofSeconds(5), "sysctl", "-q", "-w",
                "net.ipv4.conf." + p.hostInterface() + ".proxy_arp=1",
                "net.ipv4.neigh." + p.hostInterface() + ".proxy_delay=0").orThrow();
    }

    private boolean sameSegment(PodPlace p, Node n) {
        Topology topology = design.get();
        return topology.node(p.pod().node()).map(other -> other.segment().equals(n.segment())).orElse(false);
    }

    /** A node or client: eth0 on its segment, default route via the first router on that segment. */
    private List<String> hostLines(Map<String, List<String>> segmentPorts, String segment, String owner,
            List<IpAddr> addresses) {
        Topology topology = design.get();
        Segment s = topology.segment(segment).orElseThrow(() -> new LabException(owner + " is on segment '" + segment
                + "', which the design does not define"));
        if (s.cidr() == null) {
            throw new LabException("segment " + segment + " has no cidr; the lab needs it to address " + owner);
        }
        String port = attach(segmentPorts, segment, owner);
        List<String> lines = new ArrayList<>(List.of("link set lo up",
                "link add eth0 type veth peer name " + port + " netns " + names.segment(segment)));
        for (IpAddr a : addresses) {
            for (dev.lbstudio.model.IpPrefix cidr : s.cidrs()) {
                if (a.isIpv4() == cidr.isIpv4()) {
                    lines.add("addr add " + a + "/" + cidr.length() + " dev eth0" + (a.isIpv4() ? "" : " nodad"));
                }
            }
        }
        lines.add("link set eth0 up");
        topology.routersOn(segment).stream().findFirst()
                .flatMap(r -> r.interfaceOn(segment))
                .ifPresent(i -> {
                    for (dev.lbstudio.model.IpPrefix a : i.addresses()) {
                        if (a.isIpv4() || addresses.stream().anyMatch(x -> !x.isIpv4())) {
                            lines.add("route add default via " + a.host());
                        }
                    }
                });
        return lines;
    }

    /** Bridge port names are short and per segment: Linux limits interface names to 15 characters. */
    private static String attach(Map<String, List<String>> segmentPorts, String segment, String owner) {
        List<String> ports = segmentPorts.get(segment);
        if (ports == null) {
            throw new LabException(owner + " is on segment '" + segment + "', which the design does not define");
        }
        String port = "p" + (ports.size() + 1);
        ports.add(port);
        return port;
    }

    /**
     * Forwarding on only where the real network forwards (ToRs, and nodes because they route to their pods),
     * with per-flow ECMP as on real fabrics (lab-notes §1). Policy 3 hashing on the 5-tuple (fields 0x37),
     * not lab-notes' policy 1: a veth hands the next namespace the sender socket's random per-connection
     * hash, which policy 1 reuses, so one 5-tuple would land on different next hops from one connection to
     * the next. Policy 3 always hashes the headers, as a real ToR must (Linux 5.12+, see Capabilities).
     */
    private void enableForwarding(String namespace) {
        List<String> settings = new ArrayList<>(List.of("net.ipv4.ip_forward=1", "net.ipv4.fib_multipath_hash_policy=3",
                "net.ipv4.fib_multipath_hash_fields=0x0037"));
        if (dualStack(design.get())) {
            // the same per-flow ECMP for IPv6, and forwarding, in this lab namespace only
            settings.addAll(List.of("net.ipv6.conf.all.forwarding=1", "net.ipv6.fib_multipath_hash_policy=3",
                    "net.ipv6.fib_multipath_hash_fields=0x0037"));
        }
        List<String> cmd = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        cmd.addAll(settings);
        Netns.exec(namespace, Duration.ofSeconds(5), cmd.toArray(String[]::new)).orThrow();
    }

}
