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
 * The lab's BGP sessions on one node: the protocols confd writes per family ({@link ConfdPeers}, the same
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

    /** The protocols of one family (4: bird.cfg's, 6: bird6.cfg's); BFD is added towards IPv4 routers only. */
    static List<Peer> of(Topology t, ConfdPeers confd, Node node, int family) {
        return confd.peers(node, family).stream().map(p -> new Peer(p, family == 4 ? bfdTowards(t, node, p.ip()) : Optional.empty()))
                .toList();
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
