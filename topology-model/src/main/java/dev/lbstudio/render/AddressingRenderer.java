package dev.lbstudio.render;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The design's address plan as Markdown tables: segments, who sits on them, and every range handed out. */
final class AddressingRenderer {

    static final String FILE = "addressing.md";

    private AddressingRenderer() {
    }

    static String render(Topology t) {
        StringBuilder out = new StringBuilder("# Addressing plan: " + t.name() + "\n\n");
        if (t.description() != null) {
            out.append(t.description()).append("\n\n");
        }
        table(out, "Segments", List.of("segment", "CIDR", "rack", "description"), t.network().segments().stream()
                .map(s -> List.of(s.name(), text(s.cidr()), text(s.rack()), text(s.description()))).toList());
        List<List<String>> hosts = new ArrayList<>();
        for (Segment s : t.network().segments()) {
            for (Router r : t.network().routers()) {
                for (RouterInterface i : r.interfaces()) {
                    if (i.segment().equals(s.name())) {
                        hosts.add(List.of(s.name(), "router " + r.name(), i.name(), i.address().toString(), "AS" + r.bgp().asn()));
                    }
                }
            }
            for (Node n : t.cluster().nodes()) {
                if (n.segment().equals(s.name())) {
                    hosts.add(List.of(s.name(), "node " + n.name(), "eth0",
                            n.addresses().stream().map(IpAddr::toString).collect(Collectors.joining(", ")), "AS" + BirdPeers.localAs(t, n)));
                }
            }
            for (Client c : t.network().clients()) {
                if (c.segment().equals(s.name())) {
                    hosts.add(List.of(s.name(), "client " + c.name(), "eth0", c.address().toString(), ""));
                }
            }
        }
        table(out, "Addresses", List.of("segment", "element", "interface", "address", "BGP"), hosts);
        List<List<String>> ranges = new ArrayList<>();
        t.cluster().effectiveServiceCidrs().forEach(c -> ranges.add(List.of("Kubernetes service CIDR", "", c.toString(), "")));
        for (IpPool p : t.calico().ipPools()) {
            ranges.add(List.of("Calico IPPool", p.name(), p.cidr().toString(), "block /" + p.effectiveBlockSize()
                    + (p.isLoadBalancerPool() ? ", LoadBalancer" : "")));
        }
        t.calico().bgpConfiguration().serviceLoadBalancerIPs().forEach(c -> ranges.add(List.of("Calico serviceLoadBalancerIPs", "", c.toString(),
                t.calico().bgpConfiguration().effectiveAggregation() ? "advertised as one route" : "aggregation disabled")));
        t.calico().bgpConfiguration().serviceExternalIPs().forEach(c -> ranges.add(List.of("Calico serviceExternalIPs", "", c.toString(), "")));
        t.calico().bgpConfiguration().serviceClusterIPs().forEach(c -> ranges.add(List.of("Calico serviceClusterIPs", "", c.toString(), "")));
        for (IpAddressPool p : t.addressPools()) {
            ranges.add(List.of("MetalLB IPAddressPool", p.name(), String.join(", ", p.addresses()), p.usableAddresses() + " usable"
                    + (p.effectiveAutoAssign() ? "" : ", autoAssign off") + (p.effectiveAvoidBuggyIPs() ? ", avoidBuggyIPs" : "")));
        }
        table(out, "Ranges", List.of("range", "name", "CIDR / addresses", "notes"), ranges);
        table(out, "LoadBalancer services", List.of("service", "policy", "LoadBalancer IPs", "ports"), t.workloads().services().stream()
                .filter(Service::isLoadBalancer).map(s -> List.of(s.namespace() + "/" + s.name(), s.effectiveExternalTrafficPolicy().word(),
                        s.status().isEmpty() ? "(not assigned)" : s.status().stream().map(IpAddr::toString).collect(Collectors.joining(", ")),
                        s.ports().stream().map(p -> p.port() + "/" + p.effectiveProtocol()).collect(Collectors.joining(", ")))).toList());
        return out.toString();
    }

    private static void table(StringBuilder out, String title, List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append("\n\n| ").append(String.join(" | ", header)).append(" |\n|")
                .append("---|".repeat(header.size())).append('\n');
        rows.forEach(r -> out.append("| ").append(r.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | "))).append(" |\n"));
        out.append('\n');
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
