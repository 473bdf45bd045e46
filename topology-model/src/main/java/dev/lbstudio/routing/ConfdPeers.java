package dev.lbstudio.routing;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.NodeBgpConfiguration;
import dev.lbstudio.model.SecretKeyRef;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.CalicoSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The BGP protocols calico-node's confd writes on each node, resolved once for the whole cluster the
 * way confd resolves them (ADR 0601), so the confd renderer and the routing engine read the same
 * sessions. It follows confd/pkg/backends/calico/client.go {@code updatePeersV1} (v3.26 … v3.32):
 * global BGPPeers first, keyed by peer IP and port; node-specific ones (node or nodeSelector) keyed by
 * node, IP and port and dropped where a global key already exists; then the automatic reverse
 * peerings (the nodes a BGPPeer's peerSelector or peerIP names get a session back to the nodes it
 * applies to); the first entry for a key wins. The mesh follows the templates' mesh section (and
 * bgp_processor.go {@code processMeshPeers} in v3.32). IPv4 and IPv6 peers are kept apart, as confd
 * keeps peer_v4 and peer_v6: a protocol only ever appears in its family's file.
 */
public final class ConfdPeers {

    /** The three protocol name prefixes of confd's peers. */
    public enum Kind {
        MESH("Mesh"), GLOBAL("Global"), NODE("Node");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /**
     * One {@code protocol bgp} block. {@code port} 0 means confd writes no port (the peer's 179);
     * {@code rrClusterId} non-null makes the peer a route-reflector client; {@code password} is set only
     * when the Secret key is known to exist (confd writes no password line otherwise);
     * {@code localAsNumber} is the peer's localASNumber when the release writes it.
     */
    public record Peer(Kind kind, String name, IpAddr ip, int port, long asNumber, Long localAsNumber,
                       boolean sourceNodeIp, boolean passive, String rrClusterId, SecretKeyRef password,
                       Long restartTime, Long keepaliveTime, int ttlSecurity, boolean nextHopKeep,
                       boolean nextHopSelf, int allowLocalAs, List<String> filters, IpAddr reachableBy,
                       String origin) {

        /** The AS this node speaks on the session. */
        public long localAs(long nodeAs) {
            return localAsNumber != null ? localAsNumber : nodeAs;
        }

        public boolean internal(long nodeAs) {
            return asNumber == localAs(nodeAs);
        }

        /** The TCP port this node dials. */
        public int dialPort() {
            return port == 0 ? 179 : port;
        }
    }

    /** What confd keeps per peer key before the template turns it into a protocol (its bgpPeer JSON). */
    private record Entry(IpAddr ip, int port, long as, Long localAs, String sourceAddress, boolean calicoNode,
                         String rrClusterId, CalicoBgpPeer source, boolean nodeAsPeer) {
    }

    private final Calico calico;
    private final ConfdRelease release;
    private final BgpConfiguration cfg;
    private final List<Node> nodes;
    private final List<Node> byNameOrder;
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final Map<String, Entry> global = new LinkedHashMap<>();
    private final Map<String, Map<String, Entry>> perNode = new HashMap<>();
    private final Map<String, Predicate<Map<String, String>>> selectors = new HashMap<>();

    private ConfdPeers(Topology t) {
        this.calico = t.calico();
        this.release = ConfdRelease.of(calico);
        this.cfg = calico.bgpConfiguration();
        this.nodes = t.cluster().nodes();
        nodes.forEach(n -> byName.put(n.name(), n));
        this.byNameOrder = nodes.stream().sorted(Comparator.comparing(Node::name)).toList();
        resolve();
    }

    public static ConfdPeers of(Topology t) {
        return new ConfdPeers(t);
    }

    public ConfdRelease release() {
        return release;
    }

    /** A node's AS: its Calico Node asNumber, else the default BGPConfiguration's (64512 when unset). */
    public long nodeAs(Node n) {
        return n.asNumber() != null ? n.asNumber() : cfg.effectiveAsNumber();
    }

    /** The port a node's BIRD listens on: node.NAME's listenPort, else the default's, else 0 (none written, 179). */
    public int listenPort(Node n) {
        Integer own = calico.nodeBgpConfiguration(n.name()).map(NodeBgpConfiguration::listenPort).orElse(null);
        if (own != null && own != 0) {
            return own;
        }
        return cfg.listenPort() != null ? cfg.listenPort() : 0;
    }

    /** The node's address of a family (4 or 6): what Calico's Node bgp.ipv4Address / ipv6Address holds. */
    public static Optional<IpAddr> address(Node n, int family) {
        return family == 4 ? n.ipv4() : n.ipv6();
    }

    /**
     * The protocols in a node's bird.cfg (family 4) or bird6.cfg (family 6), mesh first, then global,
     * then node-specific, each group in key order; v3.32 sorts them all by name, as bgp_processor.go does.
     */
    public List<Peer> peers(Node node, int family) {
        Optional<IpAddr> self = address(node, family);
        if (self.isEmpty()) {
            return List.of();
        }
        List<Peer> out = new ArrayList<>(mesh(node, family, self.get()));
        for (Entry e : global.values()) {
            if (family(e.ip) == family && !e.ip.equals(self.get())) {
                out.add(peer(Kind.GLOBAL, node, self.get(), e));
            }
        }
        for (Entry e : perNode.getOrDefault(node.name(), Map.of()).values()) {
            if (family(e.ip) == family && !e.ip.equals(self.get())) {
                out.add(peer(Kind.NODE, node, self.get(), e));
            }
        }
        if (release.processor()) {
            out.sort(Comparator.comparing(Peer::name));
        }
        return List.copyOf(out);
    }

    /**
     * The global (or node-specific) peer keys of a family that hold the node's own address: the
     * templates write "Skipping ourselves" for them instead of a protocol, and they still count as
     * peers configured.
     */
    public List<String> ownKeys(Node node, int family, Kind kind) {
        Optional<IpAddr> self = address(node, family);
        java.util.Collection<Entry> entries = kind == Kind.GLOBAL ? global.values()
                : perNode.getOrDefault(node.name(), Map.of()).values();
        return self.isEmpty() ? List.of() : entries.stream().filter(e -> e.ip.equals(self.get())).map(ConfdPeers::key).toList();
    }

    private List<Peer> mesh(Node node, int family, IpAddr self) {
        if (!cfg.effectiveMesh() || node.routeReflectorClusterId() != null) {
            return List.of();
        }
        List<Peer> out = new ArrayList<>();
        SecretKeyRef password = calico.secretKnown(cfg.nodeMeshPassword()) ? cfg.nodeMeshPassword() : null;
        Long restart = cfg.nodeMeshMaxRestartTime() == null ? null : seconds(cfg.nodeMeshMaxRestartTime().duration());
        // confd's lsdir lists the hosts by name
        for (Node other : byNameOrder) {
            Optional<IpAddr> ip = address(other, family);
            if (ip.isEmpty() || ip.get().equals(self) || other.routeReflectorClusterId() != null) {
                continue;
            }
            // The templates compare the addresses as strings: the node with the lower string waits.
            boolean passive = ip.get().toString().compareTo(self.toString()) > 0;
            out.add(new Peer(Kind.MESH, name(Kind.MESH, ip.get(), 0), ip.get(), listenPort(other), nodeAs(other), null, true,
                    passive, null, password, restart, null, 0, false, false, 0, List.of(), null, "node-to-node mesh"));
        }
        return out;
    }

    /** One global or node-specific protocol as the bird.cfg template (or buildPeerFromData) writes it. */
    private Peer peer(Kind kind, Node node, IpAddr self, Entry e) {
        CalicoBgpPeer p = e.source;
        long nodeAs = nodeAs(node);
        Long localAs = release.peerLocalAs() ? e.localAs : null;
        long effectiveAs = localAs != null ? localAs : nodeAs;
        boolean ebgp = e.as != effectiveAs;
        boolean modeSet = release.nextHopMode() && p.nextHopMode() != null;
        boolean keep = modeSet ? p.nextHopMode() == CalicoBgpPeer.NextHopMode.KEEP : ebgp && Boolean.TRUE.equals(p.keepOriginalNextHop());
        boolean nextHopSelf = modeSet && p.nextHopMode() == CalicoBgpPeer.NextHopMode.SELF;
        String cluster = node.routeReflectorClusterId();
        String rr = !ebgp && cluster != null && !cluster.equals(e.rrClusterId) ? cluster : null;
        boolean passive = kind == Kind.GLOBAL && e.calicoNode && e.ip.toString().compareTo(self.toString()) > 0;
        Long keepalive = release.processor() && p.keepaliveTime() != null ? seconds(p.keepaliveTime().duration()) : null;
        int allowLocal = !e.nodeAsPeer && p.numAllowedLocalASNumbers() != null ? p.numAllowedLocalASNumbers() : 0;
        IpAddr reachable = p.reachableBy() == null ? null : IpAddr.parse(p.reachableBy());
        return new Peer(kind, name(kind, e.ip, e.port), e.ip, e.port, e.as, localAs, "UseNodeIP".equals(e.sourceAddress), passive, rr,
                calico.secretKnown(p.password()) ? p.password() : null,
                p.maxRestartTime() == null ? null : seconds(p.maxRestartTime().duration()), keepalive,
                p.ttlSecurity() != null ? p.ttlSecurity() : 0, keep, nextHopSelf, allowLocal, p.filters(), reachable,
                "BGPPeer " + p.name());
    }

    private void resolve() {
        for (boolean globalPass : new boolean[] {true, false}) {
            for (CalicoBgpPeer p : calico.bgpPeers()) {
                if (globalPass != p.isGlobal()) {
                    continue;
                }
                List<Entry> entries = p.peerSelector() != null
                        ? matching(p.peerSelector()).stream().flatMap(n -> nodeAsPeer(n, true, true, p).stream()).toList()
                        : ipPeer(p).stream().toList();
                for (Entry e : entries) {
                    if (globalPass) {
                        global.putIfAbsent(key(e), e);
                    } else {
                        localNodes(p).forEach(n -> emitNode(n, e));
                    }
                }
            }
        }
        for (CalicoBgpPeer p : calico.bgpPeers()) {
            List<String> locals;
            boolean v4;
            boolean v6;
            if (p.peerSelector() != null) {
                locals = matching(p.peerSelector());
                v4 = true;
                v6 = true;
            } else if (p.peerAddress().isPresent()) {
                IpAddr ip = p.peerAddress().get();
                locals = nodesWithIpPortAndAs(ip, p.asNumber(), p.writtenPort());
                v4 = ip.isIpv4();
                v6 = !v4;
            } else {
                continue;
            }
            if (locals.isEmpty()) {
                continue;
            }
            List<String> remotes = p.nodeSelector() != null ? matching(p.nodeSelector())
                    : p.node() != null ? List.of(p.node()) : List.copyOf(byName.keySet());
            for (String remote : remotes) {
                for (Entry e : nodeAsPeer(remote, v4, v6, p)) {
                    locals.forEach(local -> emitNode(local, e));
                }
            }
        }
    }

    private List<String> localNodes(CalicoBgpPeer p) {
        return p.nodeSelector() != null ? matching(p.nodeSelector()) : List.of(p.node());
    }

    /** confd's {@code emit} for a node key: skipped when the key exists, or a global peering has the same IP and port. */
    private void emitNode(String node, Entry e) {
        if (!global.containsKey(key(e))) {
            perNode.computeIfAbsent(node, k -> new LinkedHashMap<>()).putIfAbsent(key(e), e);
        }
    }

    /** A peerIP BGPPeer; with no port written, a Calico node at that IP and AS is dialled on its listen port. */
    private Optional<Entry> ipPeer(CalicoBgpPeer p) {
        Optional<IpAddr> ip = p.peerAddress();
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        int port = p.writtenPort();
        if (port == 0) {
            List<String> at = nodesWithIpPortAndAs(ip.get(), p.asNumber(), 0);
            if (!at.isEmpty()) {
                port = listenPort(byName.get(at.get(0)));
            }
        }
        boolean calicoNode = nodes.stream().anyMatch(n -> n.addresses().contains(ip.get()));
        return Optional.of(new Entry(ip.get(), port, as(p.asNumber()), p.localASNumber(), sourceAddress(p), calicoNode,
                null, p, false));
    }

    /** confd's {@code nodeAsBGPPeers}: a Calico node as the peer, with its address, AS, listen port and cluster id. */
    private List<Entry> nodeAsPeer(String name, boolean v4, boolean v6, CalicoBgpPeer p) {
        Node n = byName.get(name);
        if (n == null) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (int family : new int[] {4, 6}) {
            if (family == 4 ? v4 : v6) {
                address(n, family).ifPresent(ip -> out.add(new Entry(ip, listenPort(n), nodeAs(n), null, sourceAddress(p),
                        false, n.routeReflectorClusterId(), p, true)));
            }
        }
        return out;
    }

    /**
     * confd's {@code nodesWithIPPortAndAS}, including its port test: a node with its own listen port
     * is still skipped when a different global listen port is set.
     */
    private List<String> nodesWithIpPortAndAs(IpAddr ip, Long asNumber, int port) {
        long as = as(asNumber);
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (!n.addresses().contains(ip) || nodeAs(n) != as) {
                continue;
            }
            if (port != 0) {
                Integer own = calico.nodeBgpConfiguration(n.name()).map(NodeBgpConfiguration::listenPort).orElse(null);
                int globalPort = cfg.listenPort() != null ? cfg.listenPort() : 0;
                if (own != null && own != 0 && port != own || (globalPort != 0 && globalPort != port)) {
                    continue;
                }
            }
            out.add(n.name());
        }
        return out;
    }

    /** A BGPPeer without asNumber is read by confd as AS 0, which matches the global AS when looking for nodes. */
    private long as(Long asNumber) {
        return asNumber != null ? asNumber : cfg.effectiveAsNumber();
    }

    private static String sourceAddress(CalicoBgpPeer p) {
        return p.sourceAddress() != null ? p.sourceAddress() : "UseNodeIP";
    }

    /** Nodes a selector selects, in node order; a selector the validator cannot read selects none. */
    private List<String> matching(String selector) {
        Predicate<Map<String, String>> test = selectors.computeIfAbsent(selector, s -> {
            try {
                return CalicoSelector.parse(s)::matches;
            } catch (IllegalArgumentException unreadable) {
                return labels -> false;
            }
        });
        return nodes.stream().filter(n -> test.test(n.selectorLabels())).map(Node::name).toList();
    }

    private static String key(Entry e) {
        return e.ip + (e.port != 0 ? "-" + e.port : "");
    }

    private static int family(IpAddr ip) {
        return ip.isIpv4() ? 4 : 6;
    }

    private static long seconds(java.time.Duration d) {
        return Math.round(d.toMillis() / 1000.0);
    }

    /** {@code Mesh_10_0_0_2}, {@code Node_fd00__2_port_1790}: the address with separators as underscores. */
    public static String name(Kind kind, IpAddr ip, int port) {
        return kind.prefix() + "_" + ip.toString().replaceAll("[.:]", "_") + (port != 0 ? "_port_" + port : "");
    }
}
