package dev.lbstudio.render;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.FrrProfile;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
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

    private FrrRenderer() {
    }

    /** One block of the integrated config and the daemon that owns it. */
    private record Section(String daemon, String text) {
    }

    static Map<String, String> render(Topology t, RenderOptions options) {
        Map<String, String> files = new TreeMap<>();
        for (Router r : t.network().routers()) {
            if (!r.software().isFrr()) {
                continue;
            }
            List<Section> sections = sections(t, r, options);
            String dir = "frr/" + r.name() + "/";
            files.put(dir + "frr.conf", join(r, sections, null));
            for (String daemon : List.of("zebra", "bgpd", "bfdd")) {
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
            sections.add(new Section("zebra", "interface " + i.name() + "\n description " + i.segment() + "\n "
                    + (i.address().isIpv4() ? "ip" : "ipv6") + " address " + i.address() + "\nexit\n"));
        }
        sections.add(new Section("bgpd", routerBgp(t, r, options)));
        BfdProfile profile = bfdProfile(t, r);
        if (profile != null) {
            sections.add(new Section("bfdd", bfd(profile)));
        }
        return sections;
    }

    private static String routerBgp(Topology t, Router r, RenderOptions options) {
        RouterBgp bgp = r.bgp();
        FrrProfile profile = r.software().effectiveProfile();
        StringBuilder out = new StringBuilder("router bgp ").append(bgp.asn()).append('\n');
        if (bgp.routerId() != null) {
            out.append(" bgp router-id ").append(bgp.routerId()).append('\n');
        }
        boolean requiresPolicy = bgp.effectiveEbgpRequiresPolicy(profile);
        if (requiresPolicy != profile.ebgpRequiresPolicy()) {
            out.append(requiresPolicy ? " bgp ebgp-requires-policy\n" : " no bgp ebgp-requires-policy\n");
        }
        if (requiresPolicy && bgp.neighbors().stream().anyMatch(n -> n.remoteAs() != bgp.asn())) {
            out.append(" ! RFC 8212: eBGP sessions exchange no routes without route-maps, and the design has none (TOR_EBGP_POLICY)\n");
        }
        if (bgp.effectiveMultipathRelax()) {
            out.append(" bgp bestpath as-path multipath-relax\n");
        }
        if (!bgp.effectiveGracefulRestartHelper()) {
            out.append(" bgp graceful-restart-disable\n");
        }
        if (bgp.keepalive() != null || bgp.hold() != null) {
            out.append(" timers bgp ").append(bgp.effectiveKeepalive(profile)).append(' ').append(bgp.effectiveHold(profile)).append('\n');
        }
        BfdProfile bfdProfile = bfdProfile(t, r);
        List<String> members = new ArrayList<>();
        int range = 0;
        for (BgpNeighbor n : bgp.neighbors()) {
            String peer;
            if (n.listenRange() != null) {
                peer = "RANGE" + ++range;
                out.append(" neighbor ").append(peer).append(" peer-group\n");
            } else {
                peer = n.address().toString();
            }
            members.add(peer);
            out.append(" neighbor ").append(peer).append(" remote-as ").append(n.remoteAs()).append('\n');
            if (n.description() != null) {
                out.append(" neighbor ").append(peer).append(" description ").append(n.description()).append('\n');
            }
            if (n.port() != null) {
                out.append(" neighbor ").append(peer).append(" port ").append(n.port()).append('\n');
            }
            if (n.passive() != null ? n.passive() : bgp.effectivePassive()) {
                out.append(" neighbor ").append(peer).append(" passive\n");
            }
            Integer multihop = ebgpMultihop(t, r, n);
            if (multihop != null) {
                out.append(" neighbor ").append(peer).append(" ebgp-multihop ").append(multihop).append('\n');
            }
            if (bgp.connectRetry() != null) {
                out.append(" neighbor ").append(peer).append(" timers connect ").append(bgp.connectRetry()).append('\n');
            }
            if (bfd(r, n)) {
                out.append(" neighbor ").append(peer).append(" bfd").append(bfdProfile != null ? " profile " + bfdProfile.name() : "").append('\n');
            }
            if (n.listenRange() != null) {
                out.append(" bgp listen range ").append(n.listenRange()).append(" peer-group ").append(peer).append('\n');
            }
        }
        out.append(" !\n address-family ipv4 unicast\n")
                .append("  maximum-paths ").append(bgp.effectiveMaximumPaths()).append('\n')
                .append("  maximum-paths ibgp ").append(bgp.effectiveMaximumPathsIbgp()).append('\n');
        if (options.hasBmp()) {
            // without it FRR 8.4 sends pre-policy Route Monitoring as withdrawals (lab-notes §4)
            members.forEach(m -> out.append("  neighbor ").append(m).append(" soft-reconfiguration inbound\n"));
        }
        out.append(" exit-address-family\n");
        if (options.hasBmp()) {
            out.append(" !\n bmp targets lbstudio\n  bmp monitor ipv4 unicast pre-policy\n  bmp monitor ipv4 unicast post-policy\n")
                    .append("  bmp connect ").append(options.bmpHost()).append(" port ").append(options.bmpPort())
                    .append(" min-retry 100 max-retry 1000\n exit\n");
        }
        return out.append("exit\n").toString();
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
