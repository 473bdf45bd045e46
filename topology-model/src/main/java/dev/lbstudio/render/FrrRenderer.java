package dev.lbstudio.render;

import dev.lbstudio.frr.FrrConfig;
import dev.lbstudio.frr.FrrReader;
import dev.lbstudio.frr.FrrWriter;
import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.FrrProfile;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterFrr;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FRR 8.4 configuration per router: the integrated {@code frr.conf} (what {@code vtysh -C -f}
 * checks) and the per-daemon files the namespace lab starts zebra, bgpd and bfdd with, each holding
 * only its daemon's commands (lab-notes §2).
 */
final class FrrRenderer {

    private static final List<String> DAEMONS = List.of("zebra", "bgpd", "bfdd");

    private FrrRenderer() {
    }

    /** One block of the integrated config and the daemon that owns it. */
    private record Section(String daemon, String text) {
    }

    private static List<String> peerNames(FrrConfig.BgpInstance i) {
        List<String> names = new ArrayList<>();
        i.peers().stream().filter(p -> p.kind() != FrrConfig.PeerKind.GROUP || i.listenRanges().stream()
                .anyMatch(l -> l.group().equals(p.name()))).forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * The BMP target the lab asks for, as lines of the default router bgp block; without soft-reconfiguration
     * inbound FRR 8.4 sends pre-policy Route Monitoring as withdrawals (lab-notes §4).
     */
    private static List<String> bmpLines(RenderOptions options, List<String> peers) {
        if (!options.hasBmp()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of("address-family ipv4 unicast"));
        lines.addAll(softReconfiguration(options, peers));
        lines.add("exit-address-family");
        lines.addAll(bmpTarget(options));
        return lines;
    }

    private static List<String> softReconfiguration(RenderOptions options, List<String> peers) {
        return options.hasBmp() ? peers.stream().map(m -> " neighbor " + m + " soft-reconfiguration inbound").toList() : List.of();
    }

    private static List<String> bmpTarget(RenderOptions options) {
        return options.hasBmp() ? List.of("!", "bmp targets lbstudio", " bmp monitor ipv4 unicast pre-policy",
                " bmp monitor ipv4 unicast post-policy", " bmp connect " + options.bmpHost() + " port " + options.bmpPort()
                        + " min-retry 100 max-retry 1000", "exit") : List.of();
    }

    static Map<String, String> render(Topology t, RenderOptions options) {
        Map<String, String> files = new TreeMap<>();
        for (Router r : t.network().routers()) {
            if (!r.software().isFrr()) {
                continue;
            }
            String dir = "frr/" + r.name() + "/";
            if (r.frr().source() != null) {
                // imported and not edited since: written from its vendor model, so what was read is what is written
                FrrConfig imported = FrrReader.read(r.frr().source(), (line, message) -> { });
                List<String> bmp = bmpLines(options, imported.defaultInstance().map(FrrRenderer::peerNames).orElse(List.of()));
                files.put(dir + "frr.conf", FrrWriter.write(imported, r.name(), null, bmp));
                for (String daemon : DAEMONS) {
                    files.put(dir + daemon + ".conf", FrrWriter.write(imported, r.name(), daemon, bmp));
                }
                continue;
            }
            List<Section> sections = sections(t, r, options);
            files.put(dir + "frr.conf", join(r, sections, null));
            for (String daemon : DAEMONS) {
                files.put(dir + daemon + ".conf", join(r, sections, daemon));
            }
        }
        return files;
    }

    private static String join(Router r, List<Section> sections, String daemon) {
        StringBuilder out = new StringBuilder();
        // FRR saves its own files this way; 'frr defaults' must come first (lab-notes §2)
        out.append("frr version ").append(r.software().version() != null ? r.software().version() : "8.4").append('\n')
                .append("frr defaults ").append(r.software().effectiveProfile().word()).append('\n')
                .append("hostname ").append(r.name()).append('\n')
                .append(daemon == null ? "! Integrated config for router " + r.name() + ". Check: vtysh -C -f frr.conf\n"
                        : "! " + daemon + " part of router " + r.name() + "'s config; frr.conf holds all of it.\n")
                .append("!\n");
        sections.stream().filter(s -> daemon == null || s.daemon().equals(daemon)).forEach(s -> out.append(s.text()).append("!\n"));
        return out.toString();
    }

    private static List<Section> sections(Topology t, Router r, RenderOptions options) {
        List<Section> sections = new ArrayList<>();
        for (RouterInterface i : r.interfaces()) {
            StringBuilder text = new StringBuilder("interface " + i.name() + "\n description " + i.segment() + "\n");
            i.addresses().forEach(a -> text.append(' ').append(a.isIpv4() ? "ip" : "ipv6").append(" address ").append(a).append('\n'));
            sections.add(new Section("zebra", text.append("exit\n").toString()));
        }
        sections.add(new Section("bgpd", routerBgp(t, r, "router bgp " + r.bgp().asn(), options)));
        // VRF and view instances as the model keeps them: written back, never merged into the default one, no BMP
        for (RouterFrr.Instance i : r.frr().otherInstances()) {
            Router instance = new Router(r.name(), r.role(), r.software(), r.interfaces(), i.bgp(), r.rack(), RouterFrr.NONE);
            sections.add(new Section("bgpd", routerBgp(t, instance, "router bgp " + i.bgp().asn() + (i.view() ? " view " : " vrf ")
                    + i.name(), RenderOptions.DEFAULT)));
        }
        String statics = staticRoutes(r.frr().staticRoutes());
        if (!statics.isEmpty()) {
            sections.add(new Section("staticd", statics));
        }
        String policy = policy(r.policy());
        if (!policy.isEmpty()) {
            sections.add(new Section("bgpd", policy));
        }
        BfdProfile profile = bfdProfile(t, r);
        if (profile != null) {
            sections.add(new Section("bfdd", bfd(profile)));
        }
        return sections;
    }

    /** {@code ip route PREFIX NEXTHOP|IFACE|blackhole [DISTANCE] [vrf NAME]} as staticd/static_vty.c reads it. */
    private static String staticRoutes(List<RouterFrr.StaticRoute> routes) {
        StringBuilder out = new StringBuilder();
        for (RouterFrr.StaticRoute s : routes) {
            out.append(s.prefix().isIpv4() ? "ip" : "ipv6").append(" route ").append(s.prefix()).append(' ').append(s.nextHop())
                    .append(s.distance() != null ? " " + s.distance() : "").append(s.vrf() != null ? " vrf " + s.vrf() : "").append('\n');
        }
        return out.toString();
    }

    private static String routerBgp(Topology t, Router r, String header, RenderOptions options) {
        RouterBgp bgp = r.bgp();
        FrrProfile profile = r.software().effectiveProfile();
        StringBuilder out = new StringBuilder(header).append('\n');
        if (bgp.routerId() != null) {
            out.append(" bgp router-id ").append(bgp.routerId()).append('\n');
        }
        boolean requiresPolicy = bgp.effectiveEbgpRequiresPolicy(profile);
        if (requiresPolicy != profile.ebgpRequiresPolicy()) {
            out.append(requiresPolicy ? " bgp ebgp-requires-policy\n" : " no bgp ebgp-requires-policy\n");
        }
        if (requiresPolicy && bgp.neighbors().stream().anyMatch(n -> n.mayBeExternal(bgp.asn()) && !(n.hasInboundPolicy() && n.hasOutboundPolicy()))) {
            out.append(" ! RFC 8212: eBGP sessions without an inbound and outbound route-map or prefix-list exchange no routes (TOR_EBGP_POLICY)\n");
        }
        if (bgp.effectiveMultipathRelax()) {
            out.append(" bgp bestpath as-path multipath-relax\n");
        }
        RouterBgp.Bestpath bestpath = bgp.bestpath();
        if (bestpath.effectiveAlwaysCompareMed()) {
            out.append(" bgp always-compare-med\n");
        }
        if (bestpath.effectiveDeterministicMed(profile) != profile.deterministicMed()) {
            out.append(bestpath.effectiveDeterministicMed(profile) ? " bgp deterministic-med\n" : " no bgp deterministic-med\n");
        }
        if (bestpath.effectiveMedMissingAsWorst()) {
            out.append(" bgp bestpath med missing-as-worst\n");
        }
        if (!bgp.effectiveGracefulRestartHelper()) {
            out.append(" bgp graceful-restart-disable\n");
        }
        if (bgp.keepalive() != null || bgp.hold() != null) {
            out.append(" timers bgp ").append(bgp.effectiveKeepalive(profile)).append(' ').append(bgp.effectiveHold(profile)).append('\n');
        }
        BfdProfile bfdProfile = bfdProfile(t, r);
        List<String> members = new ArrayList<>();
        StringBuilder af = new StringBuilder();
        int range = 0;
        for (BgpNeighbor n : bgp.neighbors()) {
            String peer;
            if (n.listenRange() != null) {
                peer = n.peerGroup() != null ? n.peerGroup() : "RANGE" + ++range;
                out.append(" neighbor ").append(peer).append(" peer-group\n");
            } else if (n.interfaceName() != null) {
                peer = n.interfaceName();
                out.append(" neighbor ").append(peer).append(" interface\n");
            } else {
                peer = n.address().toString();
            }
            members.add(peer);
            String p = " neighbor " + peer + " ";
            out.append(p).append("remote-as ").append(n.remoteAsText()).append('\n');
            line(out, p + "description ", n.description());
            line(out, p + "port ", n.port());
            if (n.passive() != null ? n.passive() : bgp.effectivePassive()) {
                out.append(p).append("passive\n");
            }
            line(out, p + "ebgp-multihop ", ebgpMultihop(t, r, n));
            line(out, p + "timers connect ", n.connectRetry() != null ? n.connectRetry() : bgp.connectRetry());
            if (n.keepalive() != null && n.hold() != null) {
                out.append(p).append("timers ").append(n.keepalive()).append(' ').append(n.hold()).append('\n');
            }
            line(out, p + "update-source ", n.updateSource());
            line(out, p + "local-as ", n.localAs());
            if (bfd(r, n)) {
                BfdProfile own = n.bfdProfile() != null ? n.bfdProfile() : bfdProfile;
                out.append(p).append("bfd").append(own != null ? " profile " + own.name() : "").append('\n');
            }
            if (Boolean.TRUE.equals(n.shutdown())) {
                out.append(p).append("shutdown\n");
            }
            if (n.listenRange() != null) {
                out.append(" bgp listen range ").append(n.listenRange()).append(" peer-group ").append(peer).append('\n');
            }
            String a = "  neighbor " + peer + " ";
            if (Boolean.FALSE.equals(n.activate())) {
                af.append("  no neighbor ").append(peer).append(" activate\n");
            }
            familySettings(af, a, new BgpNeighbor.AddressFamilySettings(null, n.routeMapIn(), n.routeMapOut(), n.prefixListIn(),
                    n.prefixListOut(), n.nextHopSelf(), n.routeReflectorClient(), n.allowasIn(), n.weight()));
        }
        out.append(" !\n address-family ipv4 unicast\n")
                .append("  maximum-paths ").append(bgp.effectiveMaximumPaths()).append('\n')
                .append("  maximum-paths ibgp ").append(bgp.effectiveMaximumPathsIbgp()).append('\n')
                .append(af);
        r.frr().networks().forEach(n -> out.append("  network ").append(n).append('\n'));
        r.frr().aggregates().forEach(n -> out.append("  aggregate-address ").append(n).append('\n'));
        r.frr().redistribute().forEach(n -> out.append("  redistribute ").append(n).append('\n'));
        softReconfiguration(options, members).forEach(l -> out.append(' ').append(l).append('\n'));
        out.append(" exit-address-family\n");
        ipv6Unicast(out, bgp, members);
        bmpTarget(options).forEach(l -> out.append(' ').append(l).append('\n'));
        return out.append("exit\n").toString();
    }

    /**
     * {@code address-family ipv6 unicast}: FRR activates only IPv4 unicast by default (bgpd.c default_af), so
     * every neighbour that carries IPv6 is activated here, with the family's multipath limits; {@code peers}
     * are the neighbours' names in FRR, in order. Nothing is written for a router without IPv6 neighbours, so
     * IPv4-only configs stay as they were.
     */
    private static void ipv6Unicast(StringBuilder out, RouterBgp bgp, List<String> peers) {
        if (bgp.neighbors().stream().noneMatch(FrrRenderer::ipv6Activated)) {
            return;
        }
        out.append(" !\n address-family ipv6 unicast\n")
                .append("  maximum-paths ").append(bgp.effectiveMaximumPaths(IpFamily.IPV6)).append('\n')
                .append("  maximum-paths ibgp ").append(bgp.effectiveMaximumPathsIbgp(IpFamily.IPV6)).append('\n');
        for (int i = 0; i < peers.size(); i++) {
            BgpNeighbor n = bgp.neighbors().get(i);
            if (ipv6Activated(n)) {
                String a = "  neighbor " + peers.get(i) + " ";
                out.append(a).append("activate\n");
                familySettings(out, a, n.ipv6Unicast());
            }
        }
        out.append(" exit-address-family\n");
    }

    /** A neighbour's lines inside one address-family block, in the order FRR saves them. */
    private static void familySettings(StringBuilder out, String a, BgpNeighbor.AddressFamilySettings f) {
        if (Boolean.TRUE.equals(f.nextHopSelf())) {
            out.append(a).append("next-hop-self\n");
        }
        if (Boolean.TRUE.equals(f.routeReflectorClient())) {
            out.append(a).append("route-reflector-client\n");
        }
        line(out, a + "allowas-in ", f.allowasIn());
        line(out, a + "weight ", f.weight());
        line(out, a + "prefix-list ", f.prefixListIn() == null ? null : f.prefixListIn() + " in");
        line(out, a + "prefix-list ", f.prefixListOut() == null ? null : f.prefixListOut() + " out");
        line(out, a + "route-map ", f.routeMapIn() == null ? null : f.routeMapIn() + " in");
        line(out, a + "route-map ", f.routeMapOut() == null ? null : f.routeMapOut() + " out");
    }

    /** Activated in address-family ipv6 unicast (a shut neighbour too: shutdown is written once, for the session). */
    private static boolean ipv6Activated(BgpNeighbor n) {
        return n.ipv6Unicast() != null && n.ipv6Unicast().activated();
    }

    /** The design's prefix-lists, community and as-path lists and route-maps, in FRR's words (lib/plist.c, lib/routemap_cli.c). */
    private static String policy(RoutingPolicy policy) {
        StringBuilder out = new StringBuilder();
        for (RoutingPolicy.PrefixList l : policy.prefixLists()) {
            for (RoutingPolicy.PrefixEntry e : l.entries()) {
                out.append(e.prefix() == null || e.prefix().isIpv4() ? "ip" : "ipv6").append(" prefix-list ").append(l.name())
                        .append(" seq ").append(e.sequence()).append(e.permit() ? " permit " : " deny ")
                        .append(e.prefix() == null ? "any" : e.prefix().toString());
                out.append(e.ge() != null ? " ge " + e.ge() : "").append(e.le() != null ? " le " + e.le() : "").append('\n');
            }
        }
        for (RoutingPolicy.CommunityList l : policy.communityLists()) {
            for (RoutingPolicy.CommunityEntry e : l.entries()) {
                out.append(l.large() ? "bgp large-community-list " : "bgp community-list ").append(e.regex() != null ? "expanded " : "standard ")
                        .append(l.name()).append(e.permit() ? " permit " : " deny ")
                        .append(e.regex() != null ? e.regex() : String.join(" ", e.communities())).append('\n');
            }
        }
        for (RoutingPolicy.AsPathList l : policy.asPathLists()) {
            l.entries().forEach(e -> out.append("bgp as-path access-list ").append(l.name()).append(e.permit() ? " permit " : " deny ")
                    .append(e.regex()).append('\n'));
        }
        for (RoutingPolicy.RouteMap m : policy.routeMaps()) {
            for (RoutingPolicy.Entry e : m.entries()) {
                out.append("route-map ").append(m.name()).append(e.permit() ? " permit " : " deny ").append(e.sequence()).append('\n');
                line(out, " match ip address prefix-list ", e.matchPrefixList());
                line(out, " match community ", e.matchCommunity());
                line(out, " match large-community ", e.matchLargeCommunity());
                line(out, " match as-path ", e.matchAsPath());
                line(out, " set local-preference ", e.setLocalPreference());
                line(out, " set metric ", e.setMetric());
                line(out, " set weight ", e.setWeight());
                if (e.setCommunity() != null) {
                    out.append(" set community ").append(e.setCommunity().isEmpty() ? "none" : String.join(" ", e.setCommunity()))
                            .append(Boolean.TRUE.equals(e.setCommunityAdditive()) ? " additive" : "").append('\n');
                }
                if (!e.setAsPathPrepend().isEmpty()) {
                    out.append(" set as-path prepend ").append(e.setAsPathPrepend().stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(" "))).append('\n');
                }
                e.unmodelled().forEach(u -> out.append(' ').append(u).append('\n'));
                if (e.continueAt() != null) {
                    out.append(e.continueAt() == 0 ? " on-match next\n" : " on-match goto " + e.continueAt() + "\n");
                }
                out.append("exit\n");
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String head, Object value) {
        if (value != null) {
            out.append(head).append(value).append('\n');
        }
    }

    private static String bfd(BfdProfile p) {
        StringBuilder out = new StringBuilder("bfd\n profile ").append(p.name()).append('\n')
                .append("  detect-multiplier ").append(p.effectiveDetectMultiplier()).append('\n')
                .append("  receive-interval ").append(p.effectiveReceiveInterval()).append('\n')
                .append("  transmit-interval ").append(p.effectiveTransmitInterval()).append('\n');
        if (p.echoInterval() != null) {
            out.append("  echo-interval ").append(p.echoInterval()).append('\n');
        }
        if (Boolean.TRUE.equals(p.echoMode())) {
            out.append("  echo-mode\n");
        }
        if (Boolean.TRUE.equals(p.passiveMode())) {
            out.append("  passive-mode\n");
        }
        out.append("  minimum-ttl ").append(p.effectiveMinimumTtl()).append('\n');
        return out.append(" exit\nexit\n").toString();
    }

    /** Whether this neighbour runs BFD: its own switch, else on when the router has a BFD profile. */
    static boolean bfd(Router r, BgpNeighbor n) {
        return n.bfd() != null ? n.bfd() : r.bgp().bfd() != null;
    }

    /**
     * The router's BFD profile. Towards Calico nodes BIRD runs multihop sessions and therefore
     * multihop BFD sent with TTL 64, which FRR's multihop default minimum-ttl 254 drops: the
     * profile then gets minimum-ttl 1 (lab-notes §3). Null when no neighbour runs BFD with a profile.
     */
    private static BfdProfile bfdProfile(Topology t, Router r) {
        BfdProfile p = r.bgp().bfd();
        if (p == null) {
            return null;
        }
        boolean multihopToNodes = r.bgp().neighbors().stream().anyMatch(n -> bfd(r, n) && towardsMultihopBird(t, r, n));
        if (p.minimumTtl() == null && multihopToNodes) {
            return new BfdProfile(p.name(), p.receiveInterval(), p.transmitInterval(), p.detectMultiplier(), 1, p.echoInterval(),
                    p.echoMode(), p.passiveMode());
        }
        return p;
    }

    /** The neighbour's ebgp-multihop; with BFD towards Calico's multihop BIRD it must be set (lab-notes §3). */
    private static Integer ebgpMultihop(Topology t, Router r, BgpNeighbor n) {
        Integer set = n.ebgpMultihop() != null ? n.ebgpMultihop() : r.bgp().ebgpMultihop();
        if (set == null && bfd(r, n) && n.remoteAs() != r.bgp().asn() && towardsMultihopBird(t, r, n)) {
            return 2;
        }
        return set;
    }

    private static boolean towardsMultihopBird(Topology t, Router r, BgpNeighbor n) {
        return t.calico().bird().effectiveMultihop() && t.cluster().nodes().stream().anyMatch(node -> n.covers(node.address()));
    }
}
