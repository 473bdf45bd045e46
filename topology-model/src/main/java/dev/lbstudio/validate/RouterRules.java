package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.FrrProfile;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.Version;
import dev.lbstudio.validate.DesignIndex.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The BGP sessions between Calico's nodes and the FRR routers, and what they mean for failover (domain-facts §1.4–1.5, §4). */
final class RouterRules {
    private RouterRules() {
    }

    static final String FRR_BGP = "https://docs.frrouting.org/en/latest/bgp.html";

    static List<Rule> all() {
        return List.of(new AsnMismatch(), new NeighborWithoutPeer(), new NeighborsMissingNode(), new NodeWithoutPeer(),
                new RouterIdDuplicate(), new Multipath(), new EbgpPolicy(), new HoldTimer(), new BfdUnsupported(),
                new GracefulRestart(), new PortMismatch(), new ClientNoRoute());
    }

    /** Sessions grouped per router, in router order. */
    static Map<Router, List<Session>> byRouter(DesignIndex d) {
        Map<Router, List<Session>> result = new LinkedHashMap<>();
        for (Session s : d.routerSessions()) {
            result.computeIfAbsent(s.router(), r -> new ArrayList<>()).add(s);
        }
        return result;
    }

    static final class AsnMismatch extends Rule {
        AsnMismatch() {
            super("PEER_ASN_MISMATCH", Severity.ERROR, "Both ends of each node-router session agree on the AS numbers",
                    "BGP refuses an OPEN whose AS differs from the configured remote AS (Bad Peer AS), so the session never comes up.",
                    FRR_BGP, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Set<String> reported = new HashSet<>();
            for (Session s : d.routerSessions()) {
                long routerAs = s.router().bgp().asn();
                if (s.peer().asNumber() == null || s.peer().asNumber() != routerAs) {
                    if (reported.add("peer " + s.peer().name() + s.router().name())) {
                        out.add("Calico BGPPeer " + s.peer().name() + " expects AS " + (s.peer().asNumber() == null ? "(none)" : s.peer().asNumber())
                                        + " at " + s.peerAddress() + ", but router " + s.router().name() + " is AS " + routerAs,
                                Fix.apply("Set asNumber: " + routerAs + " on BGPPeer " + s.peer().name() + ".",
                                        Edits.peerAsNumber(s.peer(), routerAs)), s.peer().id(), s.router().id());
                    }
                }
                if (s.neighbor() != null && !s.neighbor().accepts(routerAs, s.localAs())
                        && reported.add("neighbor " + s.router().name() + s.node().name())) {
                    out.add("router " + s.router().name() + " expects AS " + s.neighbor().remoteAsText() + " from " + s.node().name()
                                    + " (" + s.nodeAddress() + "), but the node speaks AS " + s.localAs(),
                            Fix.say("Set remote-as " + s.localAs() + " for " + s.nodeAddress() + " on " + s.router().name()
                                    + " (or align the node's AS)."), s.router().id(), s.node().id());
                }
            }
        }
    }

    static final class NeighborWithoutPeer extends Rule {
        NeighborWithoutPeer() {
            super("TOR_NEIGHBOR_WITHOUT_CALICO_PEER", Severity.WARN, "Every router neighbour that is a node has a Calico or MetalLB BGPPeer behind it",
                    "Calico (and MetalLB's speaker) only open sessions their BGPPeers ask for; a router neighbour for a node"
                            + " without one stays Active forever and usually means a BGPPeer or its selector is missing.",
                    "https://docs.tigera.io/calico/latest/networking/configuring/bgp", NETWORK, CLUSTER, CALICO, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            // per family: BIRD's IPv4 sessions do not stand behind a router's neighbour for the node's IPv6 address
            Set<String> peered = new HashSet<>();
            d.routerSessions().forEach(s -> peered.add(s.router().name() + "|" + s.node().name() + "|" + s.peerAddress().isIpv4()));
            // a neighbour MetalLB's speaker peers with is not missing a Calico BGPPeer: adding one would give the
            // router two sessions from the same node (SPEAKER_BGP_WITH_CALICO_BGP)
            d.metallb().ifPresent(m -> m.bgpPeers().forEach(p -> {
                if (p.peerAddress() != null) {
                    d.routerAt(p.peerAddress()).ifPresent(r -> MetalLbConfigRules.selectedNodes(d, p.nodeSelectors())
                            .forEach(n -> peered.add(r.name() + "|" + n + "|" + p.peerAddress().isIpv4())));
                }
            }));
            boolean metallbOnly = !d.usesCalicoBgp() && d.metallb().map(m -> !m.bgpPeers().isEmpty()).orElse(false);
            for (Router r : d.topology().network().routers()) {
                for (BgpNeighbor nb : r.bgp().neighbors()) {
                    if (nb.address() == null) {
                        continue;
                    }
                    d.nodeAt(nb.address()).filter(n -> !peered.contains(r.name() + "|" + n.name() + "|" + nb.address().isIpv4()))
                            .ifPresent(n ->
                            out.add("router " + r.name() + " has neighbor " + nb.address() + " (" + n.name()
                                            + "), but no Calico BGPPeer makes " + n.name() + " peer with " + r.name(),
                                    Fix.say(metallbOnly ? "Make a MetalLB BGPPeer for " + r.name() + " select " + n.name()
                                            + " (nodeSelectors), or remove the neighbor."
                                            : "Add a Calico BGPPeer to " + r.name() + " for " + n.name()
                                            + " (node or nodeSelector), or remove the neighbor."), r.id(), n.id()));
                }
            }
        }
    }

    static final class NeighborsMissingNode extends Rule {
        NeighborsMissingNode() {
            super("TOR_NEIGHBORS_MISSING_NODE", Severity.ERROR, "Routers have a neighbour statement for every node that peers with them",
                    "A router drops connections from addresses it has no neighbour (or listen range) for, so that node's"
                            + " routes never reach it.", FRR_BGP, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            byRouter(d).forEach((router, sessions) -> {
                Set<String> missing = new TreeSet<>();
                List<ElementId> ids = new ArrayList<>(List.of(router.id()));
                for (Session s : sessions) {
                    if (s.neighbor() == null && missing.add(s.node().name())) {
                        ids.add(s.node().id());
                    }
                }
                if (!missing.isEmpty()) {
                    out.add("router " + router.name() + " has no neighbor for " + Text.list(missing, 4)
                                    + ", which Calico makes peer with it",
                            Fix.say("Add neighbors (or a bgp listen range covering the nodes' subnet) on " + router.name() + "."), ids);
                }
            });
        }
    }

    static final class NodeWithoutPeer extends Rule {
        NodeWithoutPeer() {
            super("NODE_WITHOUT_BGP_PEER", Severity.WARN, "Every node peers with a router",
                    "A node without a router session advertises nothing upstream: its Local /32s and its share of the"
                            + " aggregate are missing from the routers.",
                    "https://docs.tigera.io/calico/latest/networking/configuring/bgp", CLUSTER, CALICO, NETWORK);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.usesCalicoBgp() || d.topology().cluster().nodes().isEmpty()) {
                return;
            }
            if (d.routerSessions().isEmpty()) {
                out.add("no node peers with any router: Calico's BGPPeers point at no router of the design",
                        Fix.say("Add a Calico BGPPeer whose peerIP is the ToR's address on the nodes' segment."),
                        BgpConfiguration.DEFAULT.id());
                return;
            }
            Set<Node> peering = new HashSet<>();
            d.sessions().forEach(s -> peering.add(s.node()));
            d.peerNodes().forEach((peer, nodes) -> {
                if (peer.peerSelector() != null) {
                    peering.addAll(nodes);
                }
            });
            for (Node n : d.topology().cluster().nodes()) {
                if (!peering.contains(n)) {
                    out.add("node " + n.name() + " has no BGP peer" + (d.bgp().effectiveMesh() ? " besides the node-to-node mesh" : ""),
                            Fix.say("Make a Calico BGPPeer select " + n.name() + " (e.g. by its rack label)."), n.id());
                }
            }
        }
    }

    static final class RouterIdDuplicate extends Rule {
        RouterIdDuplicate() {
            super("ROUTER_ID_DUPLICATE", Severity.ERROR, "Router ids are unique",
                    "BGP speakers with the same router id refuse each other's OPEN and confuse best-path tie-breaks.",
                    FRR_BGP, NETWORK);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<IpAddr, List<Router>> byId = new LinkedHashMap<>();
            for (Router r : d.topology().network().routers()) {
                if (r.bgp().routerId() != null) {
                    byId.computeIfAbsent(r.bgp().routerId(), k -> new ArrayList<>()).add(r);
                }
            }
            byId.forEach((id, routers) -> {
                if (routers.size() > 1) {
                    out.add("routers " + Text.list(routers.stream().map(Router::name).toList()) + " share router-id " + id,
                            Fix.say("Give each router its own router-id, e.g. its loopback address."),
                            routers.stream().map(Router::id).toList());
                }
            });
        }
    }

    static final class Multipath extends Rule {
        Multipath() {
            super("TOR_MULTIPATH", Severity.WARN, "ToRs spread service traffic over every node (ECMP)",
                    "Without maximum-paths > 1 a router uses one node for each prefix; with per-node AS numbers it also needs"
                            + " bgp bestpath as-path multipath-relax, otherwise paths with different AS paths are never equal.",
                    FRR_BGP + "#multipath", NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            byRouter(d).forEach((router, sessions) -> {
                Set<String> nodes = new TreeSet<>();
                Set<Long> asns = new TreeSet<>();
                for (Session s : sessions) {
                    nodes.add(s.node().name());
                    asns.add(s.localAs());
                }
                if (nodes.size() < 2) {
                    return;
                }
                int paths = router.bgp().effectiveMaximumPaths();
                if (paths <= 1) {
                    out.add("router " + router.name() + " has maximum-paths " + paths + " but " + nodes.size()
                                    + " nodes advertise the same service prefixes: all traffic goes to one node",
                            Fix.apply("Set maximum-paths " + Math.min(nodes.size(), 64) + " on " + router.name() + ".",
                                    Edits.maximumPaths(router, Math.min(nodes.size(), 64))), router.id());
                }
                if (asns.size() > 1 && !router.bgp().effectiveMultipathRelax()) {
                    out.add("router " + router.name() + " peers with nodes in " + asns.size() + " AS numbers (" + Text.list(asns, 4)
                                    + ") without bgp bestpath as-path multipath-relax: no ECMP across them",
                            Fix.apply("Enable bgp bestpath as-path multipath-relax on " + router.name() + ".",
                                    Edits.multipathRelax(router)), router.id());
                }
            });
        }
    }

    static final class EbgpPolicy extends Rule {
        EbgpPolicy() {
            super("TOR_EBGP_POLICY", Severity.ERROR, "FRR eBGP sessions to nodes can exchange routes",
                    "FRR's traditional profile (since 7.4) enforces RFC 8212: an eBGP neighbour without policy gets and sends"
                            + " no routes (\"(Policy)\" in show bgp summary) in the direction that has no route-map or prefix-list.",
                    FRR_BGP + "#require-policy-on-ebgp", NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            byRouter(d).forEach((router, sessions) -> {
                if (!router.software().isFrr() || Version.parse(router.software().version()).isBefore("7.4")) {
                    return;
                }
                FrrProfile profile = router.software().effectiveProfile();
                // bgpd/bgp_route.c bgp_{in,out}bound_policy_exists: any route-map or prefix-list in that direction will do
                boolean unpoliced = sessions.stream().anyMatch(s -> s.localAs() != router.bgp().asn()
                        && (s.neighbor() == null || !s.neighbor().hasInboundPolicy() || !s.neighbor().hasOutboundPolicy()));
                if (unpoliced && router.bgp().effectiveEbgpRequiresPolicy(profile)) {
                    out.add("router " + router.name() + " (FRR " + profile.word() + " profile) requires policy on eBGP sessions to nodes;"
                                    + " a neighbour without an inbound and an outbound route-map or prefix-list accepts and announces nothing",
                            Fix.apply("Add import/export route-maps, or set no bgp ebgp-requires-policy on " + router.name() + ".",
                                    Edits.ebgpRequiresPolicy(router, false)), router.id());
                }
            });
        }
    }

    static final class HoldTimer extends Rule {
        HoldTimer() {
            super("HOLD_TIMER_FAILOVER", Severity.INFO, "A dead node is detected within seconds, not minutes",
                    "Calico's BIRD has no BFD, so a node that dies silently is noticed only when the negotiated hold time"
                            + " expires: min(BIRD 240 s, router hold), 180 s with FRR defaults (175 s measured in the lab).",
                    "https://github.com/projectcalico/bird/blob/1e2ff99db42b/proto/bgp/packets.c", NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            int bird = d.topology().calico().bird().effectiveHoldTime();
            byRouter(d).keySet().forEach(router -> {
                FrrProfile profile = router.software().effectiveProfile();
                int hold = Math.min(bird, router.bgp().effectiveHold(profile));
                if (hold >= 90) {
                    out.add("router " + router.name() + " and the nodes settle on a " + hold + " s hold time (router "
                                    + router.bgp().effectiveHold(profile) + " s, BIRD " + bird
                                    + " s) and BFD is not possible with Calico: a dead node blackholes its share for up to " + hold + " s",
                            Fix.apply("Lower the timers on " + router.name() + " to 3/9 (timers bgp 3 9); BIRD accepts the lower hold time.",
                                    Edits.timers(router, 3, 9)), router.id());
                }
            });
        }
    }

    static final class BfdUnsupported extends Rule {
        BfdUnsupported() {
            super("CALICO_BFD_UNSUPPORTED", Severity.ERROR, "Routers do not expect BFD from Calico nodes",
                    "Open-source Calico has no BFD (no such field in BGPPeer or BGPConfiguration); a router waiting for BFD"
                            + " from a node never gets it, and with bfd strict the session never comes up.",
                    CalicoRules.CAL_BGPPEER, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            byRouter(d).forEach((router, sessions) -> {
                Set<String> nodes = new TreeSet<>();
                for (Session s : sessions) {
                    BgpNeighbor nb = s.neighbor();
                    boolean bfd = nb != null && (nb.bfd() != null ? nb.bfd() : router.bgp().bfd() != null);
                    if (bfd) {
                        nodes.add(s.node().name());
                    }
                }
                if (!nodes.isEmpty()) {
                    out.add("router " + router.name() + " enables BFD towards " + Text.list(nodes, 4)
                                    + ", but Calico's BIRD runs no BFD: the sessions stay Down/Init",
                            Fix.say("Turn BFD off for the node neighbours and rely on short BGP timers (3/9), or use Calico Enterprise."),
                            router.id());
                }
            });
        }
    }

    static final class GracefulRestart extends Rule {
        GracefulRestart() {
            super("GRACEFUL_RESTART_STALE", Severity.INFO, "Routers do not keep a dead node's routes as stale",
                    "Calico enables graceful restart (120 s restart time) and FRR is a GR helper by default: when a node dies"
                            + " but its TCP session closes first, the router keeps its routes for 120 s (measured: 120.08 s).",
                    "https://github.com/projectcalico/calico/blob/v3.32.1/node/filesystem/etc/calico/confd/templates/bird.cfg.template",
                    NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            var bird = d.topology().calico().bird();
            if (!bird.effectiveGracefulRestart()) {
                return;
            }
            List<Router> helpers = byRouter(d).keySet().stream().filter(r -> r.bgp().effectiveGracefulRestartHelper()).toList();
            if (!helpers.isEmpty()) {
                String names = Text.list(helpers.stream().map(Router::name).toList(), 4);
                out.add((helpers.size() == 1 ? "router " + names + " keeps" : "routers " + names + " keep")
                                + " a restarting node's routes for " + bird.effectiveGracefulRestartTime()
                                + " s; if the node is really gone, its share is blackholed that long",
                        Fix.say("Accept it (it protects calico-node restarts), or set a lower maxRestartTime on the BGPPeers,"
                                + " or disable the GR helper on the routers."), helpers.stream().map(Router::id).toList());
            }
        }
    }

    static final class PortMismatch extends Rule {
        PortMismatch() {
            super("BGP_PORT_MISMATCH", Severity.ERROR, "Nodes and routers dial each other on the port the other listens on",
                    "BIRD listens on BGPConfiguration listenPort (179 unless set) and dials the BGPPeer's peerIP port; if neither"
                            + " direction meets a listener (or a firewall), the session never comes up.",
                    "https://github.com/projectcalico/calico/issues/7893", NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            int birdPort = d.bgp().effectiveListenPort();
            Set<String> reported = new LinkedHashSet<>();
            for (Session s : d.routerSessions()) {
                if (s.neighbor() == null) {
                    continue;
                }
                int routerListens = s.router().bgp().effectiveListenPort();
                boolean nodeDialsOk = s.peer().peerPort() == routerListens;
                boolean routerDials = !(s.neighbor().passive() != null ? s.neighbor().passive() : s.router().bgp().effectivePassive());
                boolean routerDialsOk = routerDials && s.neighbor().effectivePort() == birdPort;
                if (!nodeDialsOk && !routerDialsOk && reported.add(s.router().name() + "|" + s.peer().name())) {
                    out.add("nodes dial " + s.router().name() + " on port " + s.peer().peerPort() + " but it listens on " + routerListens
                                    + (routerDials ? ", and it dials the nodes on " + s.neighbor().effectivePort() + " while BIRD listens on " + birdPort
                                    : ", and it is passive"),
                            Fix.say("Use the same port on both sides (peerIP " + s.peerAddress() + ":" + routerListens
                                    + ", or the router's listen port)."), s.peer().id(), s.router().id());
                }
            }
        }
    }

    static final class ClientNoRoute extends Rule {
        ClientNoRoute() {
            super("CLIENT_NO_ROUTE", Severity.ERROR, "Clients' gateways learn the LoadBalancer routes",
                    "A client reaches a LoadBalancer IP only if the router it sits behind learns the route, directly from the"
                            + " nodes or from another router over BGP.", CalicoRules.CAL_ADVERTISE, NETWORK, CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.usesCalicoBgp() || d.topology().network().clients().isEmpty()) {
                return;
            }
            Set<String> learning = new HashSet<>();
            for (Session s : d.routerSessions()) {
                if (s.neighbor() != null) {
                    learning.add(s.router().name());
                }
            }
            Deque<String> queue = new ArrayDeque<>(learning);
            Map<String, Router> routers = dev.lbstudio.model.Topology.byName(d.topology().network().routers(), Router::name);
            while (!queue.isEmpty()) {
                Router from = routers.get(queue.poll());
                for (BgpNeighbor nb : from.bgp().neighbors()) {
                    if (nb.address() == null) {
                        continue;
                    }
                    d.routerAt(nb.address()).filter(to -> !learning.contains(to.name()) && configuredBack(to, from))
                            .ifPresent(to -> {
                                learning.add(to.name());
                                queue.add(to.name());
                            });
                }
            }
            for (Client c : d.topology().network().clients()) {
                List<Router> gateways = d.topology().routersOn(c.segment());
                if (gateways.stream().noneMatch(g -> learning.contains(g.name()))) {
                    List<ElementId> ids = new ArrayList<>(List.of(c.id()));
                    gateways.forEach(g -> ids.add(g.id()));
                    out.add("client " + c.name() + " on " + c.segment() + " has no route to the LoadBalancer IPs: "
                                    + (gateways.isEmpty() ? "no router is on its segment"
                                    : "its gateway " + Text.list(gateways.stream().map(Router::name).toList(), 3)
                                    + " learns no service routes from the nodes or another router"),
                            Fix.say("Peer the client's gateway with the ToRs (or the nodes) over BGP."), ids);
                }
            }
        }

        private static boolean configuredBack(Router to, Router from) {
            return to.bgp().neighbors().stream().anyMatch(nb -> from.interfaces().stream().anyMatch(i -> nb.covers(i.address().host())));
        }
    }
}
