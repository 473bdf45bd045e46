package dev.lbstudio.routing;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.BirdSettings;
import dev.lbstudio.model.CalicoBgpPeer.NextHopMode;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.CalicoSelector;
import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who speaks BGP with whom in a design. A session exists only when both ends are configured for it,
 * as in real BGP: the node side through Calico (mesh, BGPPeer {@code peerIP}/{@code peerSelector}),
 * the router side through its {@code neighbor} lines. Half-configured peerings are kept as
 * {@link Unestablished} with the reason, because that is what a user needs to see.
 */
public final class SessionPlan {

    /** A peering one side asks for that does not come up, and why. */
    public record Unestablished(ElementId from, ElementId to, String reason) {
    }

    private final List<Speaker> speakers;
    private final List<Session> sessions;
    private final List<Unestablished> unestablished;
    private final Map<ElementId, Speaker> byId;
    private final Map<IpAddr, Speaker> byAddress;
    private final List<List<Session>> sessionsOf;

    private SessionPlan(List<Speaker> speakers, List<Session> sessions, List<Unestablished> unestablished,
                        Map<IpAddr, Speaker> byAddress) {
        this.speakers = List.copyOf(speakers);
        this.sessions = List.copyOf(sessions);
        this.unestablished = List.copyOf(unestablished);
        this.byAddress = Collections.unmodifiableMap(byAddress);
        Map<ElementId, Speaker> ids = new HashMap<>();
        List<List<Session>> of = new ArrayList<>();
        for (Speaker s : speakers) {
            ids.put(s.id(), s);
            of.add(new ArrayList<>());
        }
        for (Session s : sessions) {
            of.get(s.a()).add(s);
            of.get(s.b()).add(s);
        }
        this.byId = ids;
        this.sessionsOf = of;
    }

    public List<Speaker> speakers() {
        return speakers;
    }

    public List<Session> sessions() {
        return sessions;
    }

    public List<Unestablished> unestablished() {
        return unestablished;
    }

    public Optional<Speaker> speaker(ElementId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The router or node that owns an address (an interface or node address). */
    public Optional<Speaker> owner(IpAddr address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public List<Session> sessionsOf(int speaker) {
        return sessionsOf.get(speaker);
    }

    /** The session between two elements, if they peer. */
    public Optional<Session> session(ElementId x, ElementId y) {
        Speaker sx = byId.get(x);
        Speaker sy = byId.get(y);
        if (sx == null || sy == null) {
            return Optional.empty();
        }
        return sessionsOf(sx.index()).stream().filter(s -> s.peerOf(sx.index()) == sy.index()).findFirst();
    }

    /**
     * The address of an interface written as a prefix. IpPrefix.host() widens an all-zero host part
     * into the whole block (10.255.0.0/31 → 10.255.0.0-1), but on a /31 link that is a real address.
     */
    static IpAddr interfaceAddress(IpPrefix p) {
        return new IpAddr(p.address().getLower().withoutPrefixLength());
    }

    public static SessionPlan of(Topology t) {
        return new Builder(t).build();
    }

    /** What one side configured towards another before the two sides are paired. */
    private record Intent(int from, int to, String origin, long localAs, Long expectedRemoteAs, CalicoBgpPeer peer,
                          BgpNeighbor neighbor) {

        /** Whether the other end speaking {@code peerAs} is who this end expects; a router neighbour may say external/internal/auto. */
        boolean expects(long peerAs) {
            return neighbor != null ? neighbor.accepts(localAs, peerAs) : expectedRemoteAs == peerAs;
        }

        String expected() {
            return neighbor != null && expectedRemoteAs == null ? neighbor.remoteAsText() : "AS" + expectedRemoteAs;
        }
    }

    private static final class Builder {
        private final Topology t;
        private final BgpConfiguration cfg;
        private final BirdSettings bird;
        private final List<Speaker> speakers = new ArrayList<>();
        private final Map<IpAddr, Speaker> byAddress = new HashMap<>();
        private final Map<String, Router> routers = new HashMap<>();
        private final Map<String, Node> nodes = new HashMap<>();
        private final Map<Long, List<Intent>> intents = new LinkedHashMap<>();
        private final List<Unestablished> unestablished = new ArrayList<>();

        Builder(Topology t) {
            this.t = t;
            this.cfg = t.calico().bgpConfiguration();
            this.bird = t.calico().bird();
        }

        SessionPlan build() {
            addSpeakers();
            addRouterIntents();
            addCalicoIntents();
            List<Session> sessions = new ArrayList<>();
            for (List<Intent> pair : intents.values()) {
                pairUp(pair, sessions);
            }
            return new SessionPlan(speakers, sessions, unestablished, byAddress);
        }

        private void addSpeakers() {
            Map<String, Segment> segments = Topology.byName(t.network().segments(), Segment::name);
            for (Router r : t.network().routers()) {
                List<IpPrefix> connected = r.interfaces().stream().map(i -> i.address().network()).toList();
                IpAddr address = r.interfaces().isEmpty() ? r.bgp().routerId() : interfaceAddress(r.interfaces().get(0).address());
                IpAddr routerId = r.bgp().routerId() != null ? r.bgp().routerId() : address;
                if (address == null) {
                    continue;
                }
                Speaker s = new Speaker(speakers.size(), r.id(), Speaker.Kind.ROUTER, r.bgp().asn(), routerId, address,
                        connected, null, r.bgp().effectiveMaximumPaths(), r.bgp().effectiveMaximumPathsIbgp(),
                        r.bgp().effectiveMultipathRelax());
                speakers.add(s);
                routers.put(r.name(), r);
                for (RouterInterface i : r.interfaces()) {
                    byAddress.putIfAbsent(interfaceAddress(i.address()), s);
                }
            }
            for (Node n : t.cluster().nodes()) {
                Segment seg = segments.get(n.segment());
                List<IpPrefix> connected = seg != null && seg.cidr() != null ? List.of(seg.cidr().network()) : List.of();
                // BIRD picks one route per prefix (merge paths only affects the kernel), so no multipath knobs.
                Speaker s = new Speaker(speakers.size(), n.id(), Speaker.Kind.NODE, nodeAs(n), n.address(), n.address(),
                        connected, n.routeReflectorClusterId(), 1, 1, false);
                speakers.add(s);
                nodes.put(n.name(), n);
                for (IpAddr a : n.addresses()) {
                    byAddress.putIfAbsent(a, s);
                }
            }
        }

        private long nodeAs(Node n) {
            return n.asNumber() != null ? n.asNumber() : cfg.effectiveAsNumber();
        }

        private void addRouterIntents() {
            for (Speaker s : speakers) {
                if (s.isNode()) {
                    continue;
                }
                Router r = routers.get(s.name());
                for (BgpNeighbor nb : r.bgp().neighbors()) {
                    if (!nb.carriesRoutes()) {
                        unestablished.add(new Unestablished(s.id(), s.id(), "neighbor " + nb.label() + (Boolean.TRUE.equals(nb.shutdown())
                                ? " is shut down (neighbor shutdown): no session" : " is not activated for IPv4 unicast: no IPv4 routes")));
                        continue;
                    }
                    // neighbor X local-as: the AS this end speaks as on the session (bgpd/bgp_vty.c "neighbor local-as")
                    long localAs = nb.localAs() != null ? nb.localAs() : r.bgp().asn();
                    String origin = (nb.listenRange() != null ? "listen range " : nb.interfaceName() != null ? "neighbor interface "
                            : "neighbor ") + nb.label();
                    List<Speaker> targets = targets(s, r, nb);
                    targets.forEach(target -> intent(new Intent(s.index(), target.index(), origin, localAs, nb.remoteAs(), null, nb)));
                    if (targets.isEmpty() && nb.listenRange() == null) {
                        unestablished.add(new Unestablished(s.id(), s.id(), origin + " is no router or node of this design"));
                    }
                }
            }
        }

        /** Who a router neighbour can be: the owner of its address, everyone in its listen range, or who is on its interface's link. */
        private List<Speaker> targets(Speaker s, Router r, BgpNeighbor nb) {
            if (nb.address() != null) {
                Speaker target = byAddress.get(nb.address());
                return target != null && target != s ? List.of(target) : List.of();
            }
            IPAddress range;
            if (nb.listenRange() != null) {
                range = nb.listenRange().address().toPrefixBlock();
            } else {
                RouterInterface link = r.interfaces().stream().filter(i -> i.name().equals(nb.interfaceName())).findFirst().orElse(null);
                if (link == null) {
                    return List.of();
                }
                range = link.address().network().address().toPrefixBlock();
            }
            List<Speaker> in = new ArrayList<>();
            for (Speaker target : speakers) {
                if (target != s && target.address().isIpv4() == range.isIPv4() && range.contains(target.address().address())) {
                    in.add(target);
                }
            }
            return in;
        }

        private void addCalicoIntents() {
            List<Speaker> nodeSpeakers = speakers.stream().filter(Speaker::isNode).toList();
            if (cfg.effectiveMesh()) {
                for (int i = 0; i < nodeSpeakers.size(); i++) {
                    for (int j = i + 1; j < nodeSpeakers.size(); j++) {
                        Speaker x = nodeSpeakers.get(i);
                        Speaker y = nodeSpeakers.get(j);
                        intent(new Intent(x.index(), y.index(), "node-to-node mesh", x.asn(), y.asn(), null, null));
                    }
                }
            }
            Map<String, Map<String, String>> labels = new HashMap<>();
            nodes.values().forEach(n -> labels.put(n.name(), n.selectorLabels()));
            for (CalicoBgpPeer peer : t.calico().bgpPeers()) {
                Predicate<Map<String, String>> nodeSel = selector(peer.nodeSelector());
                Predicate<Map<String, String>> peerSel = selector(peer.peerSelector());
                for (Speaker s : nodeSpeakers) {
                    Node n = nodes.get(s.name());
                    boolean applies = peer.isGlobal() || n.name().equals(peer.node())
                            || nodeSel != null && nodeSel.test(labels.get(n.name()));
                    if (!applies) {
                        continue;
                    }
                    long localAs = peer.localASNumber() != null ? peer.localASNumber() : s.asn();
                    if (peerSel != null) {
                        for (Speaker other : nodeSpeakers) {
                            if (other != s && peerSel.test(labels.get(other.name()))) {
                                intent(new Intent(s.index(), other.index(), "BGPPeer " + peer.name(), localAs,
                                        other.asn(), peer, null));
                            }
                        }
                        continue;
                    }
                    Optional<IpAddr> ip = peer.peerAddress();
                    Speaker target = ip.map(byAddress::get).orElse(null);
                    if (target == null) {
                        unestablished.add(new Unestablished(s.id(), s.id(), "BGPPeer " + peer.name() + " points at "
                                + peer.peerIP() + ", which is no router or node of this design"));
                    } else if (target != s) {
                        long remote = peer.asNumber() != null ? peer.asNumber() : target.asn();
                        intent(new Intent(s.index(), target.index(), "BGPPeer " + peer.name(), localAs, remote, peer, null));
                    }
                }
            }
        }

        /**
         * A BGPPeer selector as a predicate; one the validator cannot read selects nothing, so no
         * peering is invented from a guess (the validator reports the selector).
         */
        private static Predicate<Map<String, String>> selector(String text) {
            if (text == null) {
                return null;
            }
            try {
                return CalicoSelector.parse(text)::matches;
            } catch (IllegalArgumentException unreadable) {
                return labels -> false;
            }
        }

        private void intent(Intent i) {
            long key = Math.min(i.from, i.to) * 1_000_003L + Math.max(i.from, i.to);
            intents.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }

        private void pairUp(List<Intent> pair, List<Session> sessions) {
            Intent first = pair.get(0);
            int x = Math.min(first.from, first.to);
            int y = Math.max(first.from, first.to);
            Intent fromX = pair.stream().filter(i -> i.from == x).findFirst().orElse(null);
            Intent fromY = pair.stream().filter(i -> i.from == y).findFirst().orElse(null);
            Speaker sx = speakers.get(x);
            Speaker sy = speakers.get(y);
            // Calico renders node-to-node peerings on both nodes from one mesh setting or selector BGPPeer.
            if (sx.isNode() && sy.isNode()) {
                Intent one = fromX != null ? fromX : fromY;
                fromX = fromX != null ? fromX : mirror(one, x);
                fromY = fromY != null ? fromY : mirror(one, y);
            }
            if (fromX == null || fromY == null) {
                Intent only = fromX != null ? fromX : fromY;
                Speaker missing = speakers.get(only.to);
                unestablished.add(new Unestablished(speakers.get(only.from).id(), missing.id(), only.origin
                        + " is configured, but " + missing.name() + " has no matching "
                        + (missing.isNode() ? "Calico BGPPeer" : "neighbor") + " for " + speakers.get(only.from).address()));
                return;
            }
            for (Intent i : List.of(fromX, fromY)) {
                Intent other = i == fromX ? fromY : fromX;
                if (!i.expects(other.localAs)) {
                    unestablished.add(new Unestablished(speakers.get(i.from).id(), speakers.get(i.to).id(),
                            i.origin + " expects " + i.expected() + " but " + speakers.get(i.to).name()
                                    + " speaks as AS" + other.localAs + " (OPEN error: bad peer AS)"));
                    return;
                }
            }
            Session.Type type = fromX.localAs == fromY.localAs ? Session.Type.IBGP : Session.Type.EBGP;
            String origin = sx.isNode() ? fromX.origin : fromY.origin;
            if (!sx.isNode() && !sy.isNode()) {
                origin = fromX.origin;
            }
            sessions.add(new Session(sessions.size(), x, y, type, origin, end(fromX, sy, type), end(fromY, sx, type)));
        }

        private Intent mirror(Intent i, int from) {
            int to = i.from == from ? i.to : i.from;
            return new Intent(from, to, i.origin, speakers.get(from).asn(), speakers.get(to).asn(), null, null);
        }

        private Session.End end(Intent i, Speaker peer, Session.Type type) {
            Speaker self = speakers.get(i.from);
            if (self.isNode()) {
                CalicoBgpPeer p = i.peer;
                NextHopMode mode = NextHopMode.AUTO;
                if (p != null && p.nextHopMode() != null) {
                    mode = p.nextHopMode();
                } else if (p != null && Boolean.TRUE.equals(p.keepOriginalNextHop())) {
                    mode = NextHopMode.KEEP;
                }
                List<BgpFilter> filters = new ArrayList<>();
                if (p != null) {
                    Map<String, BgpFilter> all = Topology.byName(t.calico().bgpFilters(), BgpFilter::name);
                    p.filters().stream().map(all::get).filter(f -> f != null).forEach(filters::add);
                }
                Duration restart = Duration.ofSeconds(bird.effectiveGracefulRestartTime());
                if (p != null && p.maxRestartTime() != null) {
                    restart = p.maxRestartTime().duration();
                } else if (p == null && "node-to-node mesh".equals(i.origin) && cfg.nodeMeshMaxRestartTime() != null) {
                    restart = cfg.nodeMeshMaxRestartTime().duration();
                }
                int keepalive = p != null && p.keepaliveTime() != null
                        && t.calico().parsedVersion().isAtLeast("3.32.0")
                        ? (int) p.keepaliveTime().duration().toSeconds() : bird.keepaliveTime() != null
                        ? bird.keepaliveTime() : 0;
                // A Calico iBGP peer becomes an RR client when this node has a cluster id and the peer's differs (CAL-BP).
                boolean client = type == Session.Type.IBGP && self.clusterId() != null
                        && !self.clusterId().equals(peer.clusterId());
                return new Session.End(i.localAs, self.address(), mode, filters, client, false, true,
                        p != null && p.numAllowedLocalASNumbers() != null ? p.numAllowedLocalASNumbers() : 0,
                        bird.effectiveHoldTime(), keepalive, null, bird.effectiveGracefulRestart(), restart, true,
                        bird.effectiveMultihop(), null);
            }
            Router r = routers.get(self.name());
            RouterBgp bgp = r.bgp();
            var profile = r.software().effectiveProfile();
            BgpNeighbor nb = i.neighbor;
            boolean bfdOn = nb.bfd() != null ? nb.bfd() : bgp.bfd() != null;
            BfdProfile bfd = !bfdOn ? null : nb.bfdProfile() != null ? nb.bfdProfile() : bgp.bfd() != null ? bgp.bfd()
                    : new BfdProfile("default", null, null, null, null, null, null, null);
            IpAddr address = r.interfaces().stream().filter(x -> x.address().contains(peer.address()))
                    .map(x -> interfaceAddress(x.address())).findFirst().orElse(self.address());
            boolean requiresPolicy = type == Session.Type.EBGP && bgp.effectiveEbgpRequiresPolicy(profile);
            int keepalive = bgp.keepalive() != null || bgp.hold() != null ? bgp.effectiveKeepalive(profile) : profile.keepalive();
            int hold = bgp.effectiveHold(profile);
            if (nb.hold() != null) {
                // neighbor X timers KA HOLD overrides timers bgp for this neighbour (bgpd/bgp_vty.c "neighbor timers")
                keepalive = nb.keepalive();
                hold = nb.hold();
            }
            Integer multihop = nb.ebgpMultihop() != null ? nb.ebgpMultihop() : bgp.ebgpMultihop();
            int allowLocalAs = nb.allowasIn() != null ? nb.allowasIn() : 0;
            return new Session.End(i.localAs, address, null, List.of(), false, requiresPolicy, false, allowLocalAs,
                    hold, keepalive, bfd, false, Duration.ofSeconds(120),
                    bgp.effectiveGracefulRestartHelper(), multihop != null && multihop > 1, SessionPolicy.of(r.policy(), nb));
        }
    }
}
