package dev.lbstudio.lab.netns;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-proxy's LoadBalancer behaviour for one node as an nftables script, so the kernel really DNATs and
 * SNATs and the source address a pod sees is real. Semantics (domain-facts §3, ServiceSpec docstring):
 * Local delivers only to this node's endpoints without SNAT and drops when there are none; Cluster picks any
 * endpoint at random and masquerades, as kube-proxy's KUBE-EXT chain marks all external traffic of a
 * Cluster-policy service for masquerade.
 */
public final class KubeProxyRules {

    public static final String TABLE = "lbstudio";
    static final String MASQ_MARK = "0x4000";

    private KubeProxyRules() {
    }

    public static String render(Topology topology, Node node) {
        return render(topology, node, 4);
    }

    /**
     * The rules of one family: {@code table ip} for IPv4, {@code table ip6} for IPv6, as kube-proxy's nftables
     * proxier keeps one table per family (pkg/proxy/nftables, ipFamily); a family's LoadBalancer IPs go to the
     * endpoints of that family only (EndpointSlices are per address type).
     */
    public static String render(Topology topology, Node node, int family) {
        boolean v4 = family == 4;
        List<String> nat = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        List<String> chains = new ArrayList<>();
        int serviceIndex = 0;
        for (Service service : topology.workloads().services()) {
            if (!service.isLoadBalancer()) {
                continue;
            }
            boolean local = service.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL;
            List<Pod> endpoints = topology.endpoints(service).stream().map(Topology.Endpoint::pod)
                    .filter(Pod::isReady).filter(p -> p.ip() != null && p.ip().isIpv4() == v4)
                    .filter(p -> !local || p.node().equals(node.name())).toList();
            for (ServicePort port : service.ports()) {
                if (!"TCP".equalsIgnoreCase(port.effectiveProtocol())) {
                    continue;
                }
                for (IpAddr ip : service.status()) {
                    if (ip.isIpv4() != v4) {
                        continue;
                    }
                    String match = (v4 ? "ip" : "ip6") + " daddr " + ip + " tcp dport " + port.port();
                    if (endpoints.isEmpty()) {
                        drops.add("    " + match + " drop");
                        continue;
                    }
                    String chain = "svc" + serviceIndex + "_" + port.port();
                    nat.add("    " + match + " jump " + chain);
                    chains.add(serviceChain(chain, endpoints, port.effectiveTargetPort(), !local, v4));
                }
            }
            serviceIndex++;
        }
        StringBuilder out = new StringBuilder();
        out.append(table(family)).append(" {\n");
        // Chain names avoid nft keywords (a chain called "masquerade" is a syntax error).
        // Runs before DNAT (mangle priority) so Local traffic without local endpoints never reaches a pod.
        out.append("  chain filter_prerouting {\n    type filter hook prerouting priority mangle; policy accept;\n");
        drops.forEach(d -> out.append(d).append('\n'));
        out.append("  }\n");
        out.append("  chain nat_prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        nat.forEach(n -> out.append(n).append('\n'));
        out.append("  }\n");
        chains.forEach(out::append);
        out.append("  chain nat_postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        out.append("    meta mark & ").append(MASQ_MARK).append(" == ").append(MASQ_MARK).append(" masquerade\n");
        out.append("  }\n}\n");
        return out.toString();
    }

    /** The table's family and name as nft writes them: {@code table ip lbstudio}, {@code table ip6 lbstudio}. */
    public static String table(int family) {
        return "table " + (family == 4 ? "ip " : "ip6 ") + TABLE;
    }

    /** Whether a family has any LoadBalancer address on this design's services, so its table is worth loading. */
    public static boolean hasFamily(Topology topology, int family) {
        return topology.workloads().services().stream().filter(Service::isLoadBalancer)
                .anyMatch(s -> s.status().stream().anyMatch(ip -> ip.isIpv4() == (family == 4)));
    }

    private static String serviceChain(String chain, List<Pod> endpoints, int targetPort, boolean masquerade, boolean v4) {
        StringBuilder out = new StringBuilder();
        out.append("  chain ").append(chain).append(" {\n");
        if (masquerade) {
            out.append("    meta mark set meta mark | ").append(MASQ_MARK).append('\n');
        }
        if (endpoints.size() == 1) {
            out.append("    meta l4proto tcp dnat to ").append(target(endpoints.get(0).ip(), targetPort, v4)).append('\n');
        } else {
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < endpoints.size(); i++) {
                entries.add(i + " : jump " + chain + "_" + i);
            }
            out.append("    numgen random mod ").append(endpoints.size()).append(" vmap { ")
                    .append(String.join(", ", entries)).append(" }\n");
        }
        out.append("  }\n");
        if (endpoints.size() > 1) {
            for (int i = 0; i < endpoints.size(); i++) {
                out.append("  chain ").append(chain).append('_').append(i).append(" {\n    meta l4proto tcp dnat to ")
                        .append(target(endpoints.get(i).ip(), targetPort, v4)).append("\n  }\n");
            }
        }
        return out.toString();
    }

    /** nft writes an IPv6 DNAT target in brackets: {@code dnat to [fd00::10]:8080}. */
    private static String target(IpAddr ip, int port, boolean v4) {
        return (v4 ? ip.toString() : "[" + ip + "]") + ":" + port;
    }
}
