package dev.lbstudio.cli;

import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio show FILE}: a readable summary of a design. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a readable summary: routers, nodes, pools with sizes, services with policy.")
final class ShowCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "A design file (YAML), e.g. samples/seed-calico-metallb.yaml")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Topology t = Designs.load(file);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Design " + t.name() + (t.description() != null ? " — " + t.description() : ""));
        routers(out, t);
        table(out, "Segments", t.network().segments().stream().map(s -> List.of(s.name(), s.cidr() == null ? "-"
                : s.cidr().toString(), s.rack() != null ? "rack " + s.rack() : "")).toList());
        table(out, "Clients", t.network().clients().stream().map(c -> List.of(c.name(), c.address().toString(),
                "on " + c.segment())).toList());
        nodes(out, t);
        calico(out, t.calico());
        metallb(out, t.metallb());
        services(out, t);
        out.flush();
    }

    private static void routers(PrintWriter out, Topology t) {
        table(out, "Routers", t.network().routers().stream().map(r -> List.of(r.name(), r.role().word(),
                "AS" + r.bgp().asn(), software(r), r.interfaces().stream().map(ShowCommand::iface)
                        .collect(Collectors.joining(", ")),
                neighbors(r))).toList());
    }

    private static String software(Router r) {
        return r.software().name().toUpperCase() + (r.software().version() != null ? " " + r.software().version() : "");
    }

    private static String iface(RouterInterface i) {
        return i.name() + " " + i.address() + " (" + i.segment() + ")";
    }

    private static String neighbors(Router r) {
        List<BgpNeighbor> n = r.bgp().neighbors();
        return n.size() + (n.size() == 1 ? " neighbor" : " neighbors");
    }

    private static void nodes(PrintWriter out, Topology t) {
        table(out, "Nodes", t.cluster().nodes().stream().map(n -> List.of(n.name(),
                n.addresses().stream().map(IpAddr::toString).collect(Collectors.joining(",")), n.segment(),
                n.rack() != null ? "rack " + n.rack() : "", nodeNotes(n))).toList());
    }

    private static String nodeNotes(Node n) {
        List<String> notes = new java.util.ArrayList<>();
        if (n.asNumber() != null) {
            notes.add("AS" + n.asNumber());
        }
        if (n.routeReflectorClusterId() != null) {
            notes.add("route reflector " + n.routeReflectorClusterId());
        }
        if (n.excludedFromLoadBalancers()) {
            notes.add("excluded from LBs");
        }
        if (!n.isSchedulable()) {
            notes.add("cordoned");
        }
        return String.join(", ", notes);
    }

    private static void calico(PrintWriter out, Calico c) {
        var cfg = c.bgpConfiguration();
        out.println();
        out.println("Calico " + (c.version() != null ? c.version() : "(version not set)") + ": AS"
                + cfg.effectiveAsNumber() + ", node-to-node mesh " + (cfg.effectiveMesh() ? "on" : "off")
                + ", serviceLoadBalancerIPs " + prefixes(cfg.serviceLoadBalancerIPs())
                + (cfg.effectiveAggregation() ? "" : " (aggregation Disabled)"));
        for (CalicoBgpPeer p : c.bgpPeers()) {
            out.println("  BGPPeer " + p.name() + " → " + (p.peerIP() != null ? p.peerIP() : p.peerSelector())
                    + (p.asNumber() != null ? " AS" + p.asNumber() : "")
                    + (p.isGlobal() ? " (all nodes)" : p.node() != null ? " (node " + p.node() + ")"
                    : " (nodes " + p.nodeSelector() + ")"));
        }
        for (var pool : c.ipPools()) {
            out.println("  IPPool " + pool.name() + " " + pool.cidr() + " /" + pool.effectiveBlockSize() + " blocks"
                    + (pool.isLoadBalancerPool() ? " (LoadBalancer)" : ""));
        }
    }

    private static String prefixes(List<IpPrefix> list) {
        return list.isEmpty() ? "(none)" : list.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
    }

    private static void metallb(PrintWriter out, MetalLb m) {
        out.println();
        if (m == null) {
            out.println("MetalLB: not installed");
            return;
        }
        var version = m.parsedVersion();
        var helm = m.helm();
        String speaker = helm == null ? "install unknown (no Helm values)"
                : !helm.effectiveSpeakerEnabled() ? "controller only (speaker off)"
                : m.speakerBgpBackend().isEmpty() ? "speaker on (backend: chart default of an unknown version)"
                : "speaker on (" + (helm.effectiveFrrk8sEnabled(version) ? "FRR-K8s"
                : helm.effectiveSpeakerFrrEnabled(version) ? "FRR mode" : "native, FRR off") + ")";
        out.println("MetalLB " + (m.version() != null ? m.version() : "(version not set)") + " in "
                + m.effectiveNamespace() + ": " + speaker + ", " + m.l2Advertisements().size() + " L2Advertisement(s), "
                + m.bgpAdvertisements().size() + " BGPAdvertisement(s)");
        table(out, "Address pools", m.ipAddressPools().stream().map(ShowCommand::pool).toList());
    }

    private static List<String> pool(IpAddressPool p) {
        var entries = p.parsedEntries();
        var total = entries.stream().map(e -> e.size()).reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add);
        List<String> flags = new java.util.ArrayList<>();
        if (p.effectiveAvoidBuggyIPs()) {
            flags.add("avoidBuggyIPs");
        }
        if (!p.effectiveAutoAssign()) {
            flags.add("autoAssign off");
        }
        return List.of(p.name(), String.join(", ", p.addresses()), total + " addresses, " + p.usableAddresses()
                + " usable", String.join(", ", flags));
    }

    private static void services(PrintWriter out, Topology t) {
        table(out, "Services", t.workloads().services().stream().map(s -> {
            var endpoints = t.endpoints(s);
            var onNodes = endpoints.stream().map(e -> e.pod().node()).collect(Collectors.toCollection(TreeSet::new));
            return List.of(s.namespace() + "/" + s.name(), s.type().word(),
                    s.isLoadBalancer() || s.type() == Service.Type.NODE_PORT ? s.effectiveExternalTrafficPolicy().word() : "",
                    s.ports().stream().map(ShowCommand::port).collect(Collectors.joining(", ")),
                    s.status().isEmpty() ? (s.isLoadBalancer() ? "IP pending" : "")
                            : "IP " + s.status().stream().map(IpAddr::toString).collect(Collectors.joining(",")),
                    endpoints.size() + " endpoint" + (endpoints.size() == 1 ? "" : "s")
                            + (onNodes.isEmpty() ? "" : " on " + String.join(", ", onNodes)));
        }).toList());
    }

    private static String port(ServicePort p) {
        return p.port() + "→" + p.effectiveTargetPort() + "/" + p.effectiveProtocol();
    }

    /** Prints rows as left-aligned columns under a heading with a count. */
    static void table(PrintWriter out, String heading, List<List<String>> rows) {
        out.println();
        out.println(heading + " (" + rows.size() + ")");
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (width[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
