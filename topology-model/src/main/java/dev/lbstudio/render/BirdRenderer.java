package dev.lbstudio.render;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.BlockAffinity;
import dev.lbstudio.model.BirdSettings;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.ConfdPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * BIRD configuration per node, the lab's stand-in for calico-node: what Calico's confd
 * templates (bird.cfg, bird_aggr.cfg, bird_ipam.cfg; CAL-TPL) produce for this node, in Debian
 * bird2 syntax or, when the design's {@code calico.bird.syntax} says {@code bird1}, BIRD 1.6 syntax
 * (Calico's own BIRD is a 1.6 fork). The two differ only in where options sit: BIRD 2 puts route
 * import/export and next-hop options in an {@code ipv4} channel and has no global {@code listen bgp}. Calico's pitfalls are kept on purpose (multihop sessions, export by
 * {@code net ~ cidr}, graceful restart) so the lab behaves like a real cluster (domain-facts §1.3).
 * The part that changes when endpoints move is in {@code static.conf}, which the lab rewrites before
 * {@code birdc configure}, as confd does (lab-notes §1).
 */
final class BirdRenderer {

    private BirdRenderer() {
    }

    static Map<String, String> render(Topology t) {
        Map<String, String> files = new TreeMap<>();
        CalicoRoutes routes = new CalicoRoutes(t);
        boolean bird2 = !t.calico().bird().effectiveSyntax().equals("bird1");
        ConfdPeers confd = ConfdPeers.of(t);
        for (Node node : t.cluster().nodes()) {
            if (!node.address().isIpv4()) {
                continue;
            }
            List<BirdPeers.Peer> peers = BirdPeers.of(t, confd, node, 4);
            // BIRD 2 runs both families in one daemon; BIRD 1.6 would need Calico's separate bird6 binary.
            List<BirdPeers.Peer> peers6 = bird2 && node.ipv6().isPresent() ? BirdPeers.of(t, confd, node, 6) : List.of();
            boolean six = bird2 && node.ipv6().isPresent();
            files.put("bird/" + node.name() + "/bird.conf", birdConf(t, routes, node, peers, peers6, six, confd.listenPort(node), bird2));
            files.put("bird/" + node.name() + "/static.conf", staticConf(routes, node, peers, peers6, six, bird2));
        }
        return files;
    }

    /**
     * The file the lab rewrites when endpoints move: blackhole routes and the matching export accepts, per
     * family in its own static protocol (bird_aggr.cfg's and, on a dual-stack node, bird6_aggr.cfg's).
     */
    private static String staticConf(CalicoRoutes calico, Node node, List<BirdPeers.Peer> peers, List<BirdPeers.Peer> peers6,
                                     boolean six, boolean bird2) {
        List<IpPrefix> routes = new ArrayList<>();
        List<BlockAffinity> blocks = new ArrayList<>();
        StringBuilder out = new StringBuilder(Manifest.comment("Node " + node.name()
                + ": confd's /staticroutes and IPAM blocks (bird_aggr.cfg). Rewritten by the lab, then `birdc configure`."));
        for (int family : six ? new int[] {4, 6} : new int[] {4}) {
            List<BlockAffinity> familyBlocks = calico.blocks(node).stream().filter(b -> b.cidr().isIpv4() == (family == 4)).toList();
            List<IpPrefix> familyRoutes = family(calico.staticRoutes(node), family);
            out.append(family == 4 ? "" : "\n").append("protocol static calico_static").append(family == 4 ? "" : "6").append(" {\n")
                    .append(bird2 ? "  ipv" + family + ";\n" : "");
            familyBlocks.forEach(b -> out.append("  route ").append(b.cidr()).append(" blackhole;   # IPAM block\n"));
            familyRoutes.forEach(r -> out.append("  route ").append(r).append(" blackhole;\n"));
            for (BirdPeers.Peer p : family == 4 ? peers : peers6) {
                if (p.confd().reachableBy() != null) {
                    out.append("  route ").append(p.confd().ip().hostPrefix()).append(" via ").append(p.confd().reachableBy()).append(";\n");
                }
            }
            out.append("}\n");
            blocks.addAll(familyBlocks);
            routes.addAll(familyRoutes);
        }
        // BIRD 2 matches `net ~ prefix` only within one family, so one function serves both tables.
        out.append("\n# Aggregation of routes on this host; export the block, nothing beneath it.\nfunction calico_aggr() {\n");
        blocks.stream().filter(BlockAffinity::aggregated).map(BlockAffinity::cidr)
                .forEach(b -> out.append("  if ( net = ").append(b).append(" ) then { accept; }\n  if ( net ~ ").append(b)
                .append(" ) then { reject; }\n"));
        out.append("}\n\nfunction calico_export_static_routes() {\n");
        routes.forEach(r -> out.append("  if ( net ~ ").append(r).append(" ) then { accept; }\n"));
        return out.append("}\n").toString();
    }

    private static String birdConf(Topology t, CalicoRoutes routes, Node node, List<BirdPeers.Peer> peers, List<BirdPeers.Peer> peers6,
                                   boolean six, int listenPort, boolean bird2) {
        BgpConfiguration c = t.calico().bgpConfiguration();
        BirdSettings bird = t.calico().bird();
        long localAs = BirdPeers.localAs(t, node);
        StringBuilder out = new StringBuilder(Manifest.comment((bird2 ? "BIRD 2" : "BIRD 1.6") + " configuration for node " + node.name()
                + " as " + CalicoRenderer.versionLine(t.calico()) + "'s confd would generate it (bird.cfg, bird_ipam.cfg templates).\n"
                + "Check: bird -p -c bird.conf; run: bird -c bird.conf -s bird.ctl"));
        out.append("router id ").append(node.address()).append(";\n");
        if (!bird2 && (listenPort != 0 || c.bindMode() == BgpConfiguration.BindMode.NODE_IP)) {
            out.append("listen bgp").append(c.bindMode() == BgpConfiguration.BindMode.NODE_IP ? " address " + node.address() : "")
                    .append(listenPort != 0 ? " port " + listenPort : "").append(";\n");
        }
        out.append("\nfunction apply_communities() {\n");
        for (BgpConfiguration.PrefixAdvertisement pa : c.prefixAdvertisements()) {
            if (pa.cidr().isIpv4()) {
                for (String community : pa.communities()) {
                    String value = c.communities().stream().filter(k -> k.name().equals(community)).map(BgpConfiguration.Community::value)
                            .findFirst().orElse(community);
                    String[] parts = value.split(":");
                    out.append("  if ( net ~ ").append(pa.cidr()).append(" ) then { ")
                            .append(parts.length == 3 ? "bgp_large_community.add((" : "bgp_community.add((")
                            .append(String.join(",", parts)).append(")); }\n");
                }
            }
        }
        out.append("}\n\n").append("""
                function reject_tunnel_routes() {
                  # Don't export tunnel routes to other nodes, Felix programs them.
                  if ( defined(ifname) && ((ifname ~ "*.cali") || (ifname ~ "*.calico") || (ifname ~ "tunl0")) ) then { reject; }
                }

                function reject_local_routes() {
                  # Local routes learned via BPF never leave the node.
                  if ( defined(ifname) && (ifname ~ "bpf*.cali") ) then { reject; }
                }

                include "static.conf";

                function calico_export_to_bgp_peers(bool internal_peer) {
                """);
        for (IpPool pool : t.calico().ipPools()) {
            if ((pool.cidr().isIpv4() || six) && pool.effectiveDisableBgpExport()) {
                out.append("  if ( net ~ ").append(pool.cidr()).append(" ) then { reject; }   # disableBGPExport\n");
            }
        }
        out.append("  if (internal_peer) then { reject_tunnel_routes(); }\n  reject_local_routes();\n  apply_communities();\n"
                + "  calico_aggr();\n  calico_export_static_routes();\n");
        if (node.routeReflectorClusterId() != null) {
            out.append("  # Route reflector: accept any route within the LB and external service ranges (calico#8162).\n");
            families(c.serviceLoadBalancerIPs(), six).forEach(p -> out.append("  if ( net ~ ").append(p).append(" ) then { accept; }\n"));
            families(c.serviceExternalIPs(), six).forEach(p -> out.append("  if ( net ~ ").append(p).append(" ) then { accept; }\n"));
        }
        for (IpPool pool : t.calico().ipPools()) {
            if ((pool.cidr().isIpv4() || six) && !pool.effectiveDisableBgpExport()) {
                out.append("  if ( net ~ ").append(pool.cidr()).append(" ) then { accept; }\n");
            }
        }
        out.append("}\n\nfilter calico_kernel_programming {\n  # Don't program the aggregates (and what BGP learns inside them) into the kernel.\n");
        families(routes.rejectCidrs(), six).forEach(p -> out.append("  if ( net ~ ").append(p).append(" ) then { reject; }\n"));
        out.append("  accept;\n}\n\n");
        kernel(out, bird2, 4);
        if (six) {
            kernel(out, bird2, 6);
        }
        out.append("""
                protocol device {
                  scan time 2;
                }

                """);
        out.append("# lo holds the lab's LB addresses; exporting it would announce them from every node (lab-notes §1).\n")
                .append("protocol direct {\n").append(bird2 ? "  ipv4;\n" : "").append(six ? "  ipv6;\n" : "")
                .append("  interface -\"cali*\", -\"kube-ipvs*\", -\"lo\"");
        c.ignoredInterfaces().forEach(i -> out.append(", -\"").append(i).append('"'));
        out.append(", \"*\";\n}\n\n");
        bfd(out, peers, bird);
        filters(out, t, peers, 4);
        filters(out, t, peers6, 6);
        template(out, node, c, listenPort, localAs, bird, bird2, 4);
        if (six) {
            template(out, node, c, listenPort, localAs, bird, bird2, 6);
        }
        for (BirdPeers.Peer p : peers) {
            peer(out, p, node, localAs, bird, bird2, 4);
        }
        for (BirdPeers.Peer p : peers6) {
            peer(out, p, node, localAs, bird, bird2, 6);
        }
        if (peers.isEmpty() && peers6.isEmpty()) {
            out.append("# No BGP peers configured for this node\n");
        }
        return out.toString();
    }

    /** Kernel sync for one family's table; bird.cfg and bird6.cfg each have one. */
    private static void kernel(StringBuilder out, boolean bird2, int family) {
        out.append("protocol kernel {\n").append(channel(bird2, family, "import all;\nexport filter calico_kernel_programming;\n")).append("""
                  learn;             # Learn all alien routes from the kernel
                  persist;           # Don't remove routes on bird shutdown
                  scan time 2;
                  graceful restart;
                  merge paths on;    # ECMP into the kernel
                }

                """);
    }

    /**
     * BIRD 2 has no global {@code listen bgp}: Calico's listenPort and bindMode go on the {@code local} line. The
     * IPv6 protocols get their own template ({@code bgp_template6}, bird6.cfg's), so they inherit no ipv4 channel:
     * one session per family, as Calico's separate bird and bird6 daemons run them.
     */
    private static void template(StringBuilder out, Node node, BgpConfiguration c, int listenPort, long localAs, BirdSettings bird,
                                 boolean bird2, int family) {
        String bind = bird2 && c.bindMode() == BgpConfiguration.BindMode.NODE_IP ? self(node, family) + " " : "";
        String port = bird2 && listenPort != 0 ? "port " + listenPort + " " : "";
        out.append("template bgp ").append(templateName(family)).append(" {\n  description \"Connection to BGP peer\";\n  local ")
                .append(bind).append(port).append("as ").append(localAs).append(";\n")
                .append(channel(bird2, family, "gateway recursive;\nadd paths on;\n"))
                .append(bird.effectiveGracefulRestart() ? "  graceful restart;\n" : "  graceful restart off;\n");
        if (bird.gracefulRestartTime() != null) {
            out.append("  graceful restart time ").append(bird.gracefulRestartTime()).append(";\n");
        }
        if (bird.holdTime() != null) {
            out.append("  hold time ").append(bird.holdTime()).append(";\n");
        }
        if (bird.keepaliveTime() != null) {
            out.append("  keepalive time ").append(bird.keepaliveTime()).append(";\n");
        }
        out.append("  connect delay time ").append(bird.effectiveConnectDelayTime()).append(";\n")
                .append("  connect retry time ").append(bird.effectiveConnectRetryTime()).append(";\n")
                .append("  error wait time 5,30;\n}\n\n");
    }

    /** One protocol with confd's options for it, in the lab's dialect. */
    private static void peer(StringBuilder out, BirdPeers.Peer peer, Node node, long localAs, BirdSettings bird, boolean bird2,
                             int family) {
        ConfdPeers.Peer p = peer.confd();
        out.append("protocol bgp ").append(p.name()).append(" from ").append(templateName(family)).append(" {\n");
        if (p.localAsNumber() != null) {
            out.append("  local as ").append(p.localAsNumber()).append(";\n");
        }
        out.append("  neighbor ").append(p.ip()).append(p.port() != 0 ? " port " + p.port() : "").append(" as ").append(p.asNumber()).append(";\n");
        if (p.sourceNodeIp()) {
            out.append("  source address ").append(self(node, family)).append(";\n");
        }
        if (p.ttlSecurity() > 0) {
            out.append("  ttl security on;\n  multihop ").append(p.ttlSecurity()).append(";\n");
        } else if (bird.effectiveMultihop()) {
            out.append("  multihop;\n");
        }
        String importFilter = p.filters().stream().map(f -> "  " + ConfdRenderer.filterFunction(f, "import", family) + "();\n")
                .collect(Collectors.joining());
        String exportFilter = p.filters().stream().map(f -> "  " + ConfdRenderer.filterFunction(f, "export", family) + "();\n")
                .collect(Collectors.joining());
        StringBuilder routes = new StringBuilder(importFilter.isEmpty() ? "import all;\n" : "import filter {\n" + importFilter + "  accept;\n};\n");
        routes.append("export filter {\n").append(exportFilter).append("  calico_export_to_bgp_peers(").append(p.internal(localAs))
                .append(");\n  reject;\n};\n");
        if (p.nextHopKeep()) {
            routes.append("next hop keep;\n");
        } else if (p.nextHopSelf()) {
            routes.append("next hop self;\n");
        }
        out.append(channel(bird2, family, routes.toString()));
        ConfdRenderer.sessionTimers(out, p);
        if (p.rrClusterId() != null) {
            out.append("  rr client;\n  rr cluster id ").append(p.rrClusterId()).append(";\n");
        }
        if (p.password() != null) {
            out.append("  password \"").append(p.password().name()).append('/').append(p.password().key())
                    .append("\";   # placeholder: put the Secret's value here\n");
        }
        if (p.allowLocalAs() > 0) {
            out.append("  allow local as ").append(p.allowLocalAs()).append(";\n");
        }
        if (peer.bfd().isPresent()) {
            out.append("  bfd on;\n");
        }
        out.append("}\n\n");
    }

    /** Route options: inside BIRD 2's {@code ipv4} or {@code ipv6} channel, directly in the protocol for BIRD 1.6. */
    private static String channel(boolean bird2, int family, String options) {
        return bird2 ? "  ipv" + family + " {\n" + options.indent(4) + "  };\n" : options.indent(2);
    }

    private static String templateName(int family) {
        return family == 4 ? "bgp_template" : "bgp_template6";
    }

    /** The node's address of a family: bird.cfg's {@code $node_ip}, bird6.cfg's {@code $node_ip6}. */
    private static String self(Node node, int family) {
        return ConfdPeers.address(node, family).orElse(node.address()).toString();
    }

    /**
     * BFD is not what calico-node does (open-source Calico has no BFD, domain-facts §1.4); it is added
     * only towards routers that ask for it, so the lab can measure the ToR's BFD design (lab-notes §3).
     * BIRD's multihop sessions run multihop BFD, hence the multihop block.
     */
    private static void bfd(StringBuilder out, List<BirdPeers.Peer> peers, BirdSettings bird) {
        List<BirdPeers.Peer> withBfd = BirdPeers.withBfd(peers);
        if (withBfd.isEmpty()) {
            return;
        }
        BfdProfile profile = withBfd.get(0).bfd().orElseThrow();
        out.append("# Not in calico-node (no BFD in open-source Calico): added because the router asks for BFD.\n")
                .append("protocol bfd {\n  ").append(bird.effectiveMultihop() ? "multihop" : "interface \"*\"").append(" {\n")
                .append("    min rx interval ").append(profile.effectiveReceiveInterval()).append(" ms;\n")
                .append("    min tx interval ").append(profile.effectiveTransmitInterval()).append(" ms;\n")
                .append("    multiplier ").append(profile.effectiveDetectMultiplier()).append(";\n  };\n}\n\n");
    }

    /** Calico's BGPFilter rules as BIRD functions, one per filter and direction, named and written as confd writes them. */
    private static void filters(StringBuilder out, Topology t, List<BirdPeers.Peer> peers, int family) {
        List<String> used = peers.stream().flatMap(p -> p.confd().filters().stream()).distinct().toList();
        for (BgpFilter f : t.calico().bgpFilters()) {
            if (!used.contains(f.name())) {
                continue;
            }
            for (var direction : List.of(Map.entry("import", family == 4 ? f.importV4() : f.importV6()),
                    Map.entry("export", family == 4 ? f.exportV4() : f.exportV6()))) {
                out.append("function ").append(ConfdRenderer.filterFunction(f.name(), direction.getKey(), family)).append("() {\n");
                direction.getValue().forEach(r -> out.append("  ").append(ConfdRenderer.filterStatement(r)).append('\n'));
                out.append("}\n\n");
            }
        }
    }

    private static List<IpPrefix> family(List<IpPrefix> prefixes, int family) {
        return prefixes.stream().filter(p -> p.isIpv4() == (family == 4)).toList();
    }

    /** IPv4 prefixes, and IPv6 ones too on a node whose BIRD also runs IPv6. */
    private static List<IpPrefix> families(List<IpPrefix> prefixes, boolean six) {
        return six ? prefixes : family(prefixes, 4);
    }
}
