package dev.lbstudio.routing;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.BirdSettings;
import dev.lbstudio.model.CalicoBgpPeer.NextHopMode;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who speaks BGP with whom in a design. A session exists only when both ends are configured for it
 * and one of them can open the TCP connection, as in real BGP: the node side through the protocols
 * calico-node's confd writes ({@link ConfdPeers}: mesh, BGPPeers in both directions, passive side,
 * ports), the router side through its {@code neighbor} lines. Half-configured peerings are kept as
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

    /** Every session between two elements: one per family they peer in. */
    public List<Session> sessions(ElementId x, ElementId y) {
        Speaker sx = byId.get(x);
        Speaker sy = byId.get(y);
        if (sx == null || sy == null) {
            return List.of();
        }
        return sessionsOf(sx.index()).stream().filter(s -> s.peerOf(sx.index()) == sy.index()).toList();
    }

    /** The session between two elements, if they peer (the IPv4 one where they peer in both families). */
    public Optional<Session> session(ElementId x, ElementId y) {
        return sessions(x, y).stream().min(java.util.Comparator.comparingInt(Session::family));
    }

    /**
     * The address of an interface written as a prefix. IpPrefix.host() widens an all-zero host part
     * into the whole block (10.255.0.0/31 → 10.255.0.0-1), but on a /31 link that is a real address.
     */
    static IpAddr interfaceAddress(IpPrefix p) {
        return new IpAddr(p.address().getLower().withoutPrefixLength());
    }

    /** The family a neighbour's session runs over: its address's or listen range's; unnumbered neighbours peer for IPv4. */
    static int family(BgpNeighbor nb) {
        if (nb.address() != null) {
            return nb.address().isIpv4() ? 4 : 6;
        }
        return nb.listenRange() != null && !nb.listenRange().isIpv4() ? 6 : 4;
    }

    private static Speaker.Med med(Router r) {
        RouterBgp.Bestpath b = r.bgp().bestpath();
        return new Speaker.Med(b.effectiveAlwaysCompareMed(), b.effectiveDeterministicMed(r.software().effectiveProfile()),
                b.effectiveMedMissingAsWorst());
    }

    public static SessionPlan of(Topology t) {
        return new Builder(t).build();
    }

    /**
     * What one side configured towards another before the two sides are paired: the AS it speaks and
     * expects, whether it waits for the other to connect, the port it dials and the port it listens on.
     * A node's side is one protocol confd writes ({@code confd}); a router's one neighbour line, whose
     * expected AS may be external/internal/auto rather than a number ({@code expectedRemoteAs} null).
     */
    private record Intent(int from, int to, int family, String origin, long localAs, Long expectedRemoteAs,
                          boolean passive, int dialPort, int listenPort, ConfdPeers.Peer confd, BgpNeighbor neighbor) {

        /** Whether the other end speaking {@code peerAs} is who this end expects. */
        boolean expects(long peerAs) {
            return neighbor != null ? neighbor.accepts(localAs, peerAs) : expectedRemoteAs == peerAs;
        }

        String expected() {
            return neighbor != null && expectedRemoteAs == null ? neighbor.remoteAsText() : "AS" + expectedRemoteAs;
        }
    }

    private static final class Builder {
        private final Topology t;
        private final BirdSettings bird;
        private final List<Speaker> speakers = new ArrayList<>();
        private final Map<IpAddr, Speaker> byAddress = new HashMap<>();
        private final Map<String, Router> routers = new HashMap<>();
        private final Map<String, Node> nodes = new HashMap<>();
        private final Map<Long, List<Intent>> intents = new LinkedHashMap<>();
        private final ConfdPeers confd;
        private final List<Unestablished> unestablished = new ArrayList<>();
        /** Each router's policy compiled once, shared by all its sessions. */
        private final Map<String, CompiledPolicy> compiled = new HashMap<>();

        Builder(Topology t) {
            this.t = t;
            this.bird = t.calico().bird();
            this.confd = ConfdPeers.of(t);
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
                List<IpPrefix> connected = r.interfaces().stream().flatMap(i -> i.addresses().stream()).map(IpPrefix::network).toList();
                IpAddr address = r.interfaces().isEmpty() ? r.bgp().routerId() : interfaceAddress(r.interfaces().get(0).address());
                IpAddr routerId = r.bgp().routerId() != null ? r.bgp().routerId() : address;
                if (address == null) {
                    continue;
                }
                IpAddr address6 = r.interfaces().stream().flatMap(i -> i.addressOf(IpFamily.IPV6).stream())
                        .map(SessionPlan::interfaceAddress).findFirst().orElse(null);
                Speaker s = new Speaker(speakers.size(), r.id(), Speaker.Kind.ROUTER, r.bgp().asn(), routerId, address,
                        connected, null, r.bgp().effectiveMaximumPaths(), r.bgp().effectiveMaximumPathsIbgp(),
                        r.bgp().effectiveMultipathRelax(), address6, r.bgp().effectiveMaximumPaths(IpFamily.IPV6),
                        r.bgp().effectiveMaximumPathsIbgp(IpFamily.IPV6), med(r));
                speakers.add(s);
                routers.put(r.name(), r);
                for (RouterInterface i : r.interfaces()) {
                    i.addresses().forEach(a -> byAddress.putIfAbsent(interfaceAddress(a), s));
                }
            }
            for (Node n : t.cluster().nodes()) {
                Segment seg = segments.get(n.segment());
                List<IpPrefix> connected = seg == null || seg.cidr() == null ? List.of() : seg.cidr6() == null
                        ? List.of(seg.cidr().network()) : List.of(seg.cidr().network(), seg.cidr6().network());
                // BIRD picks one route per prefix (merge paths only affects the kernel), so no multipath knobs.
                Speaker s = new Speaker(speakers.size(), n.id(), Speaker.Kind.NODE, nodeAs(n), n.address(), n.address(),
                        connected, n.routeReflectorClusterId(), 1, 1, false, n.ipv6().orElse(null), 1, 1, Speaker.Med.BIRD);
                speakers.add(s);
                nodes.put(n.name(), n);
                for (IpAddr a : n.addresses()) {
                    byAddress.putIfAbsent(a, s);
                }
            }
        }

        private long nodeAs(Node n) {
            return confd.nodeAs(n);
        }

        private void addRouterIntents() {
            for (Speaker s : speakers) {
                if (s.isNode()) {
                    continue;
                }
                Router r = routers.get(s.name());
                for (BgpNeighbor nb : r.bgp().neighbors()) {
                    int family = family(nb);
                    if (!nb.carries(family == 4 ? IpFamily.IPV4 : IpFamily.IPV6)) {
                        unestablished.add(new Unestablished(s.id(), s.id(), "neighbor " + nb.label() + (Boolean.TRUE.equals(nb.shutdown())
                                ? " is shut down (neighbor shutdown): no session"
                                : " is not activated for IPv" + family + " unicast: no IPv" + family + " routes")));
                        continue;
                    }
                    String origin = (nb.listenRange() != null ? "listen range " : nb.interfaceName() != null ? "neighbor interface "
                            : "neighbor ") + nb.label();
                    List<Speaker> targets = targets(s, r, nb);
                    targets.forEach(target -> intent(routerIntent(s, r, nb, target, origin)));
                    if (targets.isEmpty() && nb.listenRange() == null) {
                        unestablished.add(new Unestablished(s.id(), s.id(), origin + " is no router or node of this design"));
                    }
                }
            }
        }

        /**
         * FRR listens on 179; a neighbour line dials its port unless it (or the router) is passive, and
         * speaks its local-as where it has one (bgpd/bgp_vty.c "neighbor local-as").
         */
        private Intent routerIntent(Speaker s, Router r, BgpNeighbor nb, Speaker target, String origin) {
            boolean passive = nb.passive() != null ? nb.passive() : r.bgp().effectivePassive();
            long localAs = nb.localAs() != null ? nb.localAs() : r.bgp().asn();
            return new Intent(s.index(), target.index(), family(nb), origin, localAs, nb.remoteAs(),
                    passive, nb.effectivePort(), 179, null, nb);
        }

        /** Who a router neighbour can be: the owner of its address, everyone in its listen range, or who is on its interface's link. */
        private List<Speaker> targets(Speaker s, Router r, BgpNeighbor nb) {
            if (nb.address() != null) {
                Speaker target = byAddress.get(nb.address());
                if (target != null && !target.speaks(family(nb))) {
                    return List.of();
                }
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
                int family = range.isIPv4() ? 4 : 6;
                if (target != s && target.speaks(family) && range.contains(target.address(family).address())) {
                    in.add(target);
                }
            }
            return in;
        }

        /**
         * The node side, protocol by protocol as confd writes it (ConfdPeers, ADR 0601): mesh and
         * BGPPeers in both directions as confd resolves them, with its passive side and ports.
         */
        private void addCalicoIntents() {
            for (Speaker s : speakers) {
                if (!s.isNode()) {
                    continue;
                }
                Node n = nodes.get(s.name());
                int listen = confd.listenPort(n) == 0 ? 179 : confd.listenPort(n);
                for (int family : new int[] {4, 6}) {
                    for (ConfdPeers.Peer p : confd.peers(n, family)) {
                        Speaker target = byAddress.get(p.ip());
                        if (target == null) {
                            unestablished.add(new Unestablished(s.id(), s.id(), p.origin() + " points at " + p.ip()
                                    + ", which is no router or node of this design"));
                        } else if (target != s) {
                            intent(new Intent(s.index(), target.index(), family, p.origin(), p.localAs(s.asn()), p.asNumber(),
                                    p.passive(), p.dialPort(), listen, p, null));
                        }
                    }
                }
            }
        }

        private void intent(Intent i) {
            long key = (Math.min(i.from, i.to) * 1_000_003L + Math.max(i.from, i.to)) * 2 + (i.family == 6 ? 1 : 0);
            intents.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }

        /**
         * Pairs one side's protocols towards the other with the other's. confd may write several
         * protocols between two speakers (two ports, a mesh protocol beside a BGPPeer); BIRD runs them
         * all, LB Studio models the first pair that can connect as the session and reports the ones
         * that cannot connect.
         */
        private void pairUp(List<Intent> pair, List<Session> sessions) {
            Intent first = pair.get(0);
            int x = Math.min(first.from, first.to);
            int y = Math.max(first.from, first.to);
            List<Intent> xs = pair.stream().filter(i -> i.from == x).toList();
            List<Intent> ys = pair.stream().filter(i -> i.from == y).toList();
            Speaker sx = speakers.get(x);
            Speaker sy = speakers.get(y);
            if (xs.isEmpty() || ys.isEmpty()) {
                Intent only = xs.isEmpty() ? ys.get(0) : xs.get(0);
                Speaker missing = speakers.get(only.to);
                unestablished.add(new Unestablished(speakers.get(only.from).id(), missing.id(), only.origin
                        + " is configured, but " + missing.name() + " has no matching "
                        + (missing.isNode() ? "Calico BGPPeer" : "neighbor") + " for " + speakers.get(only.from).address(only.family)));
                return;
            }
            Intent fromX = null;
            Intent fromY = null;
            for (Intent a : xs) {
                for (Intent b : ys) {
                    if (fromX == null && unreachable(a, b).isEmpty()) {
                        fromX = a;
                        fromY = b;
                    }
                }
            }
            if (fromX == null) {
                unestablished.add(new Unestablished(sx.id(), sy.id(), xs.get(0).origin + ": " + unreachable(xs.get(0), ys.get(0)).orElseThrow()));
                return;
            }
            for (Intent extra : pair) {
                Optional<String> closed = extra == fromX || extra == fromY ? Optional.empty()
                        : extra.from == x ? unreachable(extra, fromY) : unreachable(fromX, extra);
                closed.ifPresent(reason -> unestablished.add(new Unestablished(speakers.get(extra.from).id(),
                        speakers.get(extra.to).id(), extra.origin + ": " + reason)));
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
            sessions.add(new Session(sessions.size(), x, y, type, origin, end(fromX, sy, type), end(fromY, sx, type), first.family));
        }

        /**
         * Why neither end can open the TCP connection, if so: an end connects when it is not passive
         * and dials the port the other listens on (BIRD's {@code passive on}, {@code neighbor … port},
         * {@code listen bgp port}).
         */
        private Optional<String> unreachable(Intent x, Intent y) {
            if (!x.passive && x.dialPort == y.listenPort || !y.passive && y.dialPort == x.listenPort) {
                return Optional.empty();
            }
            return Optional.of("neither end opens the session: " + side(x, y) + "; " + side(y, x));
        }

        private String side(Intent i, Intent other) {
            String name = speakers.get(i.from).name();
            return i.passive ? name + " waits (passive)" : name + " dials port " + i.dialPort + " but "
                    + speakers.get(other.from).name() + " listens on " + other.listenPort;
        }

        /** The router's address on the subnet it shares with {@code peer}, or null; runs once per session end, so no streams. */
        private static IpAddr facing(Router r, IpAddr peer) {
            for (RouterInterface x : r.interfaces()) {
                IpPrefix a = peer.isIpv4() || x.address6() == null ? x.address() : x.address6();
                if (a.contains(peer)) {
                    return interfaceAddress(a);
                }
            }
            return null;
        }

        private Session.End end(Intent i, Speaker peer, Session.Type type) {
            Speaker self = speakers.get(i.from);
            if (self.isNode()) {
                ConfdPeers.Peer p = i.confd;
                NextHopMode mode = p.nextHopKeep() ? NextHopMode.KEEP : p.nextHopSelf() ? NextHopMode.SELF : NextHopMode.AUTO;
                Map<String, BgpFilter> all = Topology.byName(t.calico().bgpFilters(), BgpFilter::name);
                List<BgpFilter> filters = p.filters().stream().map(all::get).filter(f -> f != null).toList();
                // confd writes a restart time per session kind (mesh: nodeMeshMaxRestartTime, BGPPeer:
                // maxRestartTime); without one BIRD announces the template's.
                Duration restart = p.restartTime() != null ? Duration.ofSeconds(p.restartTime())
                        : Duration.ofSeconds(bird.effectiveGracefulRestartTime());
                int keepalive = p.keepaliveTime() != null ? p.keepaliveTime().intValue()
                        : bird.keepaliveTime() != null ? bird.keepaliveTime() : 0;
                return new Session.End(i.localAs, self.address(i.family), mode, filters, p.rrClusterId() != null, false, true,
                        p.allowLocalAs(), bird.effectiveHoldTime(), keepalive, null, bird.effectiveGracefulRestart(), restart, true,
                        bird.effectiveMultihop(), null);
            }
            Router r = routers.get(self.name());
            RouterBgp bgp = r.bgp();
            var profile = r.software().effectiveProfile();
            BgpNeighbor nb = i.neighbor;
            boolean bfdOn = nb.bfd() != null ? nb.bfd() : bgp.bfd() != null;
            BfdProfile bfd = !bfdOn ? null : nb.bfdProfile() != null ? nb.bfdProfile() : bgp.bfd() != null ? bgp.bfd()
                    : new BfdProfile("default", null, null, null, null, null, null, null);
            IpAddr address = facing(r, peer.address(i.family));
            if (address == null) {
                address = self.address(i.family);
            }
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
                    bgp.effectiveGracefulRestartHelper(), multihop != null && multihop > 1,
                    SessionPolicy.of(compiled.computeIfAbsent(r.name(), k -> new CompiledPolicy(r.policy())), nb));
        }
    }
}
