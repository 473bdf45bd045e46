package dev.lbstudio.render;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.CalicoSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BGP sessions confd configures on one node (CAL-BP {@code buildPeerFromData}): the mesh, then
 * every BGPPeer that selects the node, one session per peer address. Names follow Calico
 * ({@code Mesh_}, {@code Global_}, {@code Node_} + the IP with underscores, {@code _port_N}).
 */
final class BirdPeers {

    record Peer(String name, IpAddr ip, int port, long as, boolean passive, CalicoBgpPeer source, String rrClusterId,
                Optional<BfdProfile> bfd) {
    }

    private BirdPeers() {
    }

    static long localAs(Topology t, Node node) {
        return node.asNumber() != null ? node.asNumber() : t.calico().bgpConfiguration().effectiveAsNumber();
    }

    static List<Peer> of(Topology t, Node node) {
        Map<IpAddr, Peer> peers = new LinkedHashMap<>();
        IpAddr self = node.address();
        List<Node> others = t.cluster().nodes().stream().filter(n -> !n.name().equals(node.name())).toList();
        if (t.calico().bgpConfiguration().effectiveMesh()) {
            others.forEach(o -> peers.putIfAbsent(o.address(), nodePeer("Mesh", node, o, t, null)));
        }
        for (CalicoBgpPeer p : t.calico().bgpPeers()) {
            if (!appliesTo(p, node)) {
                continue;
            }
            String kind = p.isGlobal() ? "Global" : "Node";
            if (p.peerIP() != null) {
                IpAddr ip = p.peerAddress().orElseThrow();
                if (!ip.equals(self)) {
                    long as = p.asNumber() != null ? p.asNumber() : localAs(t, node);
                    peers.putIfAbsent(ip, new Peer(name(kind, ip, p.peerPort()), ip, p.peerPort(), as, false, p, null,
                            bfdTowards(t, node, ip)));
                }
            } else if (p.peerSelector() != null) {
                var selector = CalicoSelector.parse(p.peerSelector());
                others.stream().filter(o -> selector.matches(o.selectorLabels()))
                        .forEach(o -> peers.putIfAbsent(o.address(), nodePeer(kind, node, o, t, p)));
            }
        }
        return List.copyOf(peers.values());
    }

    static boolean appliesTo(CalicoBgpPeer p, Node node) {
        if (p.node() != null) {
            return p.node().equals(node.name());
        }
        return p.nodeSelector() == null || CalicoSelector.parse(p.nodeSelector()).matches(node.selectorLabels());
    }

    /** Between two Calico nodes the side with the lexically greater IP waits (CAL-BP). */
    private static Peer nodePeer(String kind, Node self, Node other, Topology t, CalicoBgpPeer source) {
        long as = localAs(t, other);
        boolean ibgp = as == localAs(t, self);
        String rr = ibgp && self.routeReflectorClusterId() != null
                && !self.routeReflectorClusterId().equals(other.routeReflectorClusterId()) ? self.routeReflectorClusterId() : null;
        return new Peer(name(kind, other.address(), 179), other.address(), 179, as,
                self.address().toString().compareTo(other.address().toString()) > 0, source, rr, Optional.empty());
    }

    private static String name(String kind, IpAddr ip, int port) {
        return kind + "_" + ip.toString().replaceAll("[.:]", "_") + (port != 179 ? "_port_" + port : "");
    }

    /** The BFD profile of the router at {@code ip} when its neighbour entry for this node asks for BFD. */
    private static Optional<BfdProfile> bfdTowards(Topology t, Node node, IpAddr ip) {
        for (Router r : t.network().routers()) {
            if (r.hasAddress(ip)) {
                return r.bgp().neighbors().stream().filter(n -> n.covers(node.address())).findFirst()
                        .filter(n -> FrrRenderer.bfd(r, n))
                        .map(n -> r.bgp().bfd() != null ? r.bgp().bfd() : new BfdProfile("default", null, null, null, null, null, null, null));
            }
        }
        return Optional.empty();
    }

    static List<Peer> withBfd(List<Peer> peers) {
        return peers.stream().filter(p -> p.bfd().isPresent()).toList();
    }
}
