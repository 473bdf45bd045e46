package dev.lbstudio.render;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.ConfdPeers;
import java.util.List;
import java.util.Optional;

/**
 * The lab's BGP sessions on one node: the IPv4 protocols confd writes ({@link ConfdPeers}, the same
 * resolution as {@code render --what calico-bird} and the routing engine), each with the BFD the
 * router at the other end asks for.
 */
final class BirdPeers {

    record Peer(ConfdPeers.Peer confd, Optional<BfdProfile> bfd) {
    }

    private BirdPeers() {
    }

    static long localAs(Topology t, Node node) {
        return node.asNumber() != null ? node.asNumber() : t.calico().bgpConfiguration().effectiveAsNumber();
    }

    static List<Peer> of(Topology t, ConfdPeers confd, Node node) {
        return confd.peers(node, 4).stream().map(p -> new Peer(p, bfdTowards(t, node, p.ip()))).toList();
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
