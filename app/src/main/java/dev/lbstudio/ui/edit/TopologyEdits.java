package dev.lbstudio.ui.edit;

import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Software;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.SessionPlan;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The canvas's model edits: add, connect, delete, move. Each is a pure function from one design to
 * the next with a sentence for the status bar and the undo menu; a request that makes no sense
 * (connecting a pool to a router) is refused with an {@link IllegalArgumentException} saying why.
 * Everything a file needs stays consistent: an edit never leaves a name that points nowhere.
 */
public final class TopologyEdits {

    /** The kinds a user can add from the palette. */
    public enum Addable { ROUTER, SEGMENT, NODE, CLIENT, POOL, SERVICE }

    /** A new design, what changed in words, and the element to select afterwards (if any). */
    public record Change(Topology topology, String description, Optional<ElementId> created) {
    }

    private static final int MAX_HOSTS_TRIED = 65_536;

    private TopologyEdits() {
    }

    // --- add ---------------------------------------------------------------------------------------------

    /**
     * Adds an element of {@code kind} at {@code where} (canvas coordinates). {@code onto} is the element
     * it was dropped on: a node or client dropped on a segment joins that segment.
     */
    public static Change add(Topology t, Addable kind, Layout.Position where, Optional<ElementId> onto) {
        Change added = switch (kind) {
            case ROUTER -> addRouter(t);
            case SEGMENT -> addSegment(t);
            case NODE -> addNode(t, segmentFor(t, onto, true));
            case CLIENT -> addClient(t, segmentFor(t, onto, false));
            case POOL -> addPool(t);
            case SERVICE -> addService(t);
        };
        ElementId id = added.created().orElseThrow();
        return new Change(place(added.topology(), Map.of(id, where)), added.description(), added.created());
    }

    private static Change addRouter(Topology t) {
        String name = freeName("tor", names(t.network().routers().stream().map(Router::name)));
        long asn = t.network().routers().stream().mapToLong(r -> r.bgp().asn()).max().orElse(65000) + 1;
        Router router = new Router(name, RouterRole.TOR, Software.DEFAULT_FRR, List.of(),
                new RouterBgp(asn, null, null, null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null),
                null);
        return created(RecordPath.of("network", "routers").set(t, append(t.network().routers(), router)), router.id(),
                "Added router " + name + " (AS" + asn + "); connect it to a segment to give it an interface");
    }

    private static Change addSegment(Topology t) {
        String name = freeName("segment-", names(t.network().segments().stream().map(Segment::name)));
        IpPrefix cidr = freeSegmentCidr(t);
        Segment segment = new Segment(name, cidr, null, null);
        return created(RecordPath.of("network", "segments").set(t, append(t.network().segments(), segment)),
                segment.id(), "Added segment " + name + " " + cidr);
    }

    private static Change addNode(Topology t, Segment segment) {
        String name = freeName("node-", names(t.cluster().nodes().stream().map(Node::name)));
        IpAddr address = freeAddress(t, segment, 11);
        // Labels come from a rack-mate so BGPPeer nodeSelectors treat the new node like its neighbours.
        Optional<Node> mate = t.cluster().nodes().stream().filter(n -> n.segment().equals(segment.name())).findFirst();
        Node node = new Node(name, List.of(address), segment.name(), mate.map(Node::rack).orElse(segment.rack()),
                mate.map(Node::labels).orElse(Map.of()), null, null, null);
        return created(RecordPath.of("cluster", "nodes").set(t, append(t.cluster().nodes(), node)), node.id(),
                "Added node " + name + " " + address + " on " + segment.name());
    }

    private static Change addClient(Topology t, Segment segment) {
        String name = freeName("client", names(t.network().clients().stream().map(Client::name)));
        IpAddr address = freeAddress(t, segment, 10);
        IpPrefix withLength = IpPrefix.parse(address + "/" + segment.cidr().length());
        Client client = new Client(name, withLength, segment.name(), null);
        return created(RecordPath.of("network", "clients").set(t, append(t.network().clients(), client)), client.id(),
                "Added client " + name + " " + address + " on " + segment.name());
    }

    private static Change addPool(Topology t) {
        MetalLb metallb = t.metallb() != null ? t.metallb()
                : new MetalLb(null, null, null, List.of(), List.of(), List.of(), List.of(), List.of());
        String name = freeName("pool-", names(metallb.ipAddressPools().stream().map(IpAddressPool::name)));
        IpPrefix cidr = freePoolCidr(t);
        IpAddressPool pool = new IpAddressPool(name, null, List.of(cidr.toString()), null, null, null);
        MetalLb withPool = (MetalLb) RecordPath.withComponent(metallb, "ipAddressPools",
                append(metallb.ipAddressPools(), pool));
        return created(RecordPath.of("metallb").set(t, withPool), pool.id(), "Added address pool " + name + " " + cidr);
    }

    private static Change addService(Topology t) {
        String namespace = t.workloads().services().stream().map(Service::namespace).findFirst().orElse("default");
        Set<String> taken = names(t.workloads().services().stream().filter(s -> s.namespace().equals(namespace))
                .map(Service::name));
        String name = freeName("service-", taken);
        Service service = new Service(namespace, name, Service.Type.LOAD_BALANCER, null, null,
                List.of(new ServicePort("http", "TCP", 80, null, null)), Map.of("app", name), null, null, null, null, null,
                null, null, null, null, null, null, null);
        return created(RecordPath.of("workloads", "services").set(t, append(t.workloads().services(), service)),
                service.id(), "Added LoadBalancer service " + namespace + "/" + name);
    }

    private static Segment segmentFor(Topology t, Optional<ElementId> onto, boolean forNode) {
        if (onto.isPresent() && onto.get().kind() == ElementKind.SEGMENT) {
            return t.segment(onto.get().name()).orElseThrow();
        }
        if (onto.isPresent() && onto.get().kind() == ElementKind.NODE && forNode) {
            return t.segment(t.node(onto.get().name()).orElseThrow().segment()).orElseThrow();
        }
        Set<String> withNodes = names(t.cluster().nodes().stream().map(Node::segment));
        Predicate<Segment> preferred = s -> s.cidr() != null && withNodes.contains(s.name()) == forNode;
        return t.network().segments().stream().filter(preferred).findFirst()
                .or(() -> t.network().segments().stream().filter(s -> s.cidr() != null).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("a " + (forNode ? "node" : "client")
                        + " sits on a segment with a CIDR: add a segment first"));
    }

    // --- connect -----------------------------------------------------------------------------------------

    /** Connects two elements the way their kinds connect in a real network; refuses pairs that do not. */
    public static Change connect(Topology t, ElementId a, ElementId b) {
        for (ElementId[] pair : List.of(new ElementId[] {a, b}, new ElementId[] {b, a})) {
            ElementId x = pair[0];
            ElementId y = pair[1];
            if (y.kind() == ElementKind.SEGMENT && x.kind() == ElementKind.ROUTER) {
                return routerToSegment(t, t.router(x.name()).orElseThrow(), t.segment(y.name()).orElseThrow());
            }
            if (y.kind() == ElementKind.SEGMENT && x.kind() == ElementKind.NODE) {
                return nodeToSegment(t, t.node(x.name()).orElseThrow(), t.segment(y.name()).orElseThrow());
            }
            if (y.kind() == ElementKind.SEGMENT && x.kind() == ElementKind.CLIENT) {
                return clientToSegment(t, t.client(x.name()).orElseThrow(), t.segment(y.name()).orElseThrow());
            }
            if (y.kind() == ElementKind.ROUTER && x.kind() == ElementKind.NODE) {
                return peer(t, t.node(x.name()).orElseThrow(), t.router(y.name()).orElseThrow());
            }
            if (y.kind() == ElementKind.ADDRESS_POOL && x.kind() == ElementKind.SERVICE) {
                return serviceToPool(t, x, y.name());
            }
        }
        throw new IllegalArgumentException("nothing connects " + a + " and " + b + ": connect routers, nodes and "
                + "clients to segments, nodes to routers (BGP), services to address pools");
    }

    private static Change routerToSegment(Topology t, Router r, Segment s) {
        if (r.interfaceOn(s.name()).isPresent()) {
            throw new IllegalArgumentException(r.name() + " already has an interface on " + s.name());
        }
        requireCidr(s);
        IpAddr address = freeAddress(t, s, 1);
        String name = freeName("eth", names(r.interfaces().stream().map(RouterInterface::name)), 0);
        RouterInterface i = new RouterInterface(name, IpPrefix.parse(address + "/" + s.cidr().length()), s.name());
        Router changed = (Router) RecordPath.withComponent(r, "interfaces", append(r.interfaces(), i));
        return changed(replace(t, r.id(), changed), "Connected " + r.name() + " " + name + " " + i.address()
                + " to " + s.name());
    }

    private static Change nodeToSegment(Topology t, Node n, Segment s) {
        if (n.segment().equals(s.name())) {
            throw new IllegalArgumentException(n.name() + " is already on " + s.name());
        }
        requireCidr(s);
        IpAddr address = freeAddress(t, s, 11);
        List<IpAddr> addresses = new ArrayList<>(n.addresses());
        addresses.set(addresses.indexOf(n.address()), address);
        Node moved = new Node(n.name(), addresses, s.name(), s.rack() != null ? s.rack() : n.rack(), n.labels(),
                n.asNumber(), n.routeReflectorClusterId(), n.schedulable());
        return changed(replace(t, n.id(), moved), "Moved " + n.name() + " to " + s.name() + " as " + address);
    }

    private static Change clientToSegment(Topology t, Client c, Segment s) {
        if (c.segment().equals(s.name())) {
            throw new IllegalArgumentException(c.name() + " is already on " + s.name());
        }
        requireCidr(s);
        IpAddr address = freeAddress(t, s, 10);
        Client moved = new Client(c.name(), IpPrefix.parse(address + "/" + s.cidr().length()), s.name(),
                c.description());
        return changed(replace(t, c.id(), moved), "Moved " + c.name() + " to " + s.name() + " as " + address);
    }

    /**
     * A BGP session needs both ends configured: a Calico BGPPeer that selects the node and points at
     * the router's address on the node's segment, and a router neighbor covering the node's address.
     */
    private static Change peer(Topology t, Node n, Router r) {
        RouterInterface gateway = r.interfaceOn(n.segment()).orElseThrow(() -> new IllegalArgumentException(
                r.name() + " has no interface on " + n.segment() + ": connect " + r.name() + " to " + n.segment()
                        + " first"));
        IpAddr routerIp = gateway.address().host();
        long nodeAs = n.asNumber() != null ? n.asNumber() : t.calico().bgpConfiguration().effectiveAsNumber();
        List<String> did = new ArrayList<>();
        Topology next = t;
        boolean routerSide = r.bgp().neighbors().stream().anyMatch(nb -> nb.covers(n.address()));
        if (!routerSide) {
            next = replace(next, r.id(), r.withNeighborFor(n, nodeAs));
            did.add("neighbor " + n.address() + " remote-as " + nodeAs + " on " + r.name());
        }
        // Whether Calico already asks for this session is the routing engine's call (selectors, mesh, RRs).
        SessionPlan plan = SessionPlan.of(t);
        boolean nodeSide = plan.session(n.id(), r.id()).isPresent() || plan.unestablished().stream()
                .anyMatch(u -> u.from().equals(n.id()) && u.to().equals(r.id()));
        if (!nodeSide) {
            Set<String> taken = names(t.calico().bgpPeers().stream().map(CalicoBgpPeer::name));
            String base = r.name() + "-" + n.name();
            String name = taken.contains(base) ? freeName(base + "-", taken) : base;
            CalicoBgpPeer p = new CalicoBgpPeer(name, n.name(), null, routerIp.toString(), null, r.bgp().asn(), null,
                    null, null, null, null, null, null, null, null, List.of(), null);
            next = RecordPath.of("calico", "bgpPeers").set(next, append(next.calico().bgpPeers(), p));
            did.add("Calico BGPPeer " + name + " (node " + n.name() + " → " + routerIp + ")");
        }
        if (did.isEmpty()) {
            throw new IllegalArgumentException(n.name() + " and " + r.name() + " already peer");
        }
        return changed(next, "Peered " + n.name() + " with " + r.name() + ": " + String.join(", ", did));
    }

    private static Change serviceToPool(Topology t, ElementId serviceId, String pool) {
        RecordPath path = ElementPaths.of(t, serviceId).orElseThrow();
        Service s = (Service) path.get(t);
        Map<String, String> annotations = new LinkedHashMap<>(s.annotations());
        annotations.put(Service.ADDRESS_POOL, pool);
        return changed(path.then("annotations").set(t, annotations), "Service " + s.namespace() + "/" + s.name()
                + " now asks for pool " + pool + " (" + Service.ADDRESS_POOL + ")");
    }

    // --- delete ------------------------------------------------------------------------------------------

    /**
     * Deletes elements and what cannot exist without them: a segment takes its router interfaces,
     * nodes and clients; a node takes its pods and the Calico peers pinned to it.
     */
    public static Change delete(Topology t, Collection<ElementId> ids) {
        Set<ElementId> gone = new HashSet<>();
        Topology next = t;
        for (ElementId id : ids) {
            next = deleteOne(next, id, gone);
        }
        Set<String> keys = new HashSet<>();
        gone.forEach(id -> keys.add(id.toString()));
        Map<String, Layout.Position> positions = new LinkedHashMap<>(next.layout().positions());
        positions.keySet().removeAll(keys);
        next = RecordPath.of("layout").set(next, new Layout(positions));
        List<String> names = gone.stream().sorted().map(ElementId::toString).toList();
        return changed(next, "Deleted " + (names.size() <= 4 ? String.join(", ", names) : names.size() + " elements"));
    }

    private static Topology deleteOne(Topology t, ElementId id, Set<ElementId> gone) {
        Optional<RecordPath> path = ElementPaths.of(t, id);
        if (path.isEmpty()) {
            return t;
        }
        Topology next = t;
        switch (id.kind()) {
            case SEGMENT -> {
                for (Node n : t.cluster().nodes()) {
                    if (n.segment().equals(id.name())) {
                        next = deleteOne(next, n.id(), gone);
                    }
                }
                for (Client c : t.network().clients()) {
                    if (c.segment().equals(id.name())) {
                        next = deleteOne(next, c.id(), gone);
                    }
                }
                List<Router> routers = new ArrayList<>();
                for (Router r : next.network().routers()) {
                    routers.add((Router) RecordPath.withComponent(r, "interfaces",
                            r.interfaces().stream().filter(i -> !i.segment().equals(id.name())).toList()));
                }
                next = RecordPath.of("network", "routers").set(next, routers);
            }
            case NODE -> {
                for (Deployment d : t.workloads().deployments()) {
                    for (Pod p : d.pods()) {
                        if (p.node().equals(id.name())) {
                            next = deleteOne(next, ElementPaths.podId(d, p), gone);
                        }
                    }
                }
                next = RecordPath.of("calico", "bgpPeers").set(next, next.calico().bgpPeers().stream()
                        .filter(p -> !id.name().equals(p.node())).toList());
            }
            case ADDRESS_POOL -> {
                MetalLb m = t.metallb();
                Stream<String> users = Stream.concat(
                        m.l2Advertisements().stream().filter(a -> a.ipAddressPools().contains(id.name()))
                                .map(a -> a.id().toString()),
                        m.bgpAdvertisements().stream().filter(a -> a.ipAddressPools().contains(id.name()))
                                .map(a -> a.id().toString()));
                List<String> named = users.toList();
                if (!named.isEmpty()) {
                    throw new IllegalArgumentException(id + " is named by " + String.join(", ", named)
                            + "; take it out of those advertisements first");
                }
            }
            default -> {
            }
        }
        RecordPath at = ElementPaths.of(next, id).orElseThrow();
        RecordPath list = new RecordPath(at.steps().subList(0, at.steps().size() - 1));
        int index = (Integer) at.steps().get(at.steps().size() - 1);
        List<Object> items = new ArrayList<>((List<?>) list.get(next));
        items.remove(index);
        gone.add(id);
        return list.set(next, List.copyOf(items));
    }

    // --- move --------------------------------------------------------------------------------------------

    /** Records canvas positions in {@code layout.positions} (the file keeps them). */
    public static Topology place(Topology t, Map<ElementId, Layout.Position> where) {
        Map<String, Layout.Position> positions = new LinkedHashMap<>(t.layout().positions());
        where.forEach((id, p) -> positions.put(id.toString(), p));
        return RecordPath.of("layout").set(t, new Layout(positions));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** The design with the element {@code id} replaced by {@code element}. */
    public static Topology replace(Topology t, ElementId id, Object element) {
        return ElementPaths.of(t, id).orElseThrow(() -> new IllegalArgumentException("no element " + id))
                .set(t, element);
    }

    private static Change created(Topology t, ElementId id, String description) {
        return new Change(t, description, Optional.of(id));
    }

    private static Change changed(Topology t, String description) {
        return new Change(t, description, Optional.empty());
    }

    private static void requireCidr(Segment s) {
        if (s.cidr() == null) {
            throw new IllegalArgumentException("segment " + s.name() + " has no CIDR; set one in its properties first");
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    private static Set<String> names(Stream<String> names) {
        return new HashSet<>(names.toList());
    }

    static String freeName(String prefix, Set<String> taken) {
        return freeName(prefix, taken, 1);
    }

    private static String freeName(String prefix, Set<String> taken, int first) {
        for (int i = first; ; i++) {
            if (!taken.contains(prefix + i)) {
                return prefix + i;
            }
        }
    }

    /** Every address already used on the network: router interfaces, nodes, clients. */
    private static Set<IpAddr> usedAddresses(Topology t) {
        Set<IpAddr> used = new HashSet<>();
        t.network().routers().forEach(r -> r.interfaces().forEach(i -> used.add(i.address().host())));
        t.cluster().nodes().forEach(n -> used.addAll(n.addresses()));
        t.network().clients().forEach(c -> used.add(c.address().host()));
        return used;
    }

    /** The first unused host of the segment at or after offset {@code from} (.1 for routers, .11 for nodes). */
    private static IpAddr freeAddress(Topology t, Segment s, int from) {
        requireCidr(s);
        Set<IpAddr> used = usedAddresses(t);
        IPAddress block = s.cidr().network().address().toPrefixBlock();
        IPAddress start = block.getLower().increment(from);
        IPAddress end = block.getUpper();
        IPAddress at = start;
        for (int i = 0; i < MAX_HOSTS_TRIED && at != null && at.compareTo(end) < 0; i++) {
            IpAddr candidate = new IpAddr(at);
            if (!used.contains(candidate)) {
                return candidate;
            }
            at = at.increment(1);
        }
        throw new IllegalArgumentException("segment " + s.name() + " " + s.cidr() + " has no free address left");
    }

    /** Every prefix the design already gives a meaning to, so a new one overlaps none of them. */
    private static List<IpPrefix> usedPrefixes(Topology t) {
        List<IpPrefix> used = new ArrayList<>();
        t.network().segments().stream().map(Segment::cidr).filter(c -> c != null).forEach(used::add);
        used.addAll(t.cluster().effectiveServiceCidrs());
        t.calico().ipPools().forEach(p -> used.add(p.cidr()));
        t.addressPools().forEach(p -> p.parsedEntries().forEach(e -> used.addAll(prefixesOf(e.range().spanWithPrefixBlocks()))));
        return used;
    }

    private static List<IpPrefix> prefixesOf(IPAddress[] blocks) {
        return Stream.of(blocks).map(IpPrefix::new).toList();
    }

    private static IpPrefix freeSegmentCidr(Topology t) {
        return firstFree(t, "10.0.");
    }

    /** Inside Calico's serviceLoadBalancerIPs when there is room, so Calico advertises the new pool. */
    private static IpPrefix freePoolCidr(Topology t) {
        List<IpPrefix> advertised = t.calico().bgpConfiguration().serviceLoadBalancerIPs();
        for (IpPrefix range : advertised) {
            if (range.isIpv4() && range.length() <= 24) {
                IPAddress block = range.network().address().toPrefixBlock();
                var iterator = block.prefixBlockIterator(24);
                List<IpPrefix> used = usedPrefixes(t);
                for (int i = 0; i < 256 && iterator.hasNext(); i++) {
                    IpPrefix candidate = new IpPrefix(iterator.next());
                    if (used.stream().noneMatch(candidate::overlaps)) {
                        return candidate;
                    }
                }
            }
        }
        return firstFree(t, "10.209.");
    }

    private static IpPrefix firstFree(Topology t, String start) {
        List<IpPrefix> used = usedPrefixes(t);
        for (int third = 0; third < 256; third++) {
            IpPrefix candidate = IpPrefix.parse(start + third + ".0/24");
            if (used.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no free " + start + "x.0/24 prefix left");
    }
}
