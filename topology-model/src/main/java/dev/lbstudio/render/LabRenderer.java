package dev.lbstudio.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.KubeProxy;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab files for Docker users: a containerlab topology (a {@code k8s-kind} cluster, FRR routers as
 * {@code linux} nodes with the rendered configs mounted, clients), the kind cluster config and a
 * README with the steps. Containerlab keeps eth0 for management, so data interfaces are renumbered
 * from eth1 and the mounted frr.conf says so.
 */
final class LabRenderer {

    static final String DIR = "lab/";
    static final String FRR_IMAGE = "quay.io/frrouting/frr:";
    static final String CLIENT_IMAGE = "ghcr.io/hellt/network-multitool";
    private static final Pattern INTERFACE = Pattern.compile("(?m)^interface (\\S+)$");

    private LabRenderer() {
    }

    /** A place on a segment: the element, its lab interface and address. */
    private record Port(String container, String iface, String address) {
    }

    static Map<String, String> render(Topology t, Map<String, String> frrFiles) {
        String cluster = clusterName(t);
        Map<String, String> files = new TreeMap<>();
        Map<String, List<Port>> bySegment = new LinkedHashMap<>();
        t.network().segments().forEach(s -> bySegment.put(s.name(), new ArrayList<>()));
        ObjectNode root = FieldCodec.object();
        root.put("name", t.name());
        ObjectNode nodes = root.putObject("topology").putObject("nodes");
        nodes.putObject(cluster).put("kind", "k8s-kind").put("startup-config", "kind.yaml");
        nodes.putObject(cluster + "-control-plane").put("kind", "ext-container");
        List<Node> k8sNodes = t.cluster().nodes();
        for (int i = 0; i < k8sNodes.size(); i++) {
            Node n = k8sNodes.get(i);
            String container = workerName(cluster, i);
            String prefix = t.segment(n.segment()).map(Segment::cidr).map(c -> "/" + c.length()).orElse("/24");
            ObjectNode node = nodes.putObject(container);
            node.put("kind", "ext-container");
            ArrayNode exec = node.putArray("exec").add("ip addr add " + n.address() + prefix + " dev eth1");
            t.routersOn(n.segment()).stream().findFirst().flatMap(r -> r.interfaceOn(n.segment())).ifPresent(gw ->
                    t.network().clients().stream().map(c -> c.address().network()).distinct()
                            .forEach(net -> exec.add("ip route replace " + net + " via " + gw.address().host())));
            bySegment.computeIfAbsent(n.segment(), k -> new ArrayList<>()).add(new Port(container, "eth1", n.address().toString()));
        }
        for (Router r : t.network().routers()) {
            ObjectNode node = nodes.putObject(r.name());
            node.put("kind", "linux").put("image", FRR_IMAGE + imageTag(r.software().version()));
            node.putArray("binds").add(r.name() + "/frr.conf:/etc/frr/frr.conf").add(r.name() + "/daemons:/etc/frr/daemons");
            files.put(DIR + r.name() + "/daemons", daemons(r));
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < r.interfaces().size(); i++) {
                RouterInterface ri = r.interfaces().get(i);
                names.put(ri.name(), "eth" + (i + 1));
                bySegment.computeIfAbsent(ri.segment(), k -> new ArrayList<>()).add(new Port(r.name(), "eth" + (i + 1), ri.address().toString()));
            }
            String frr = frrFiles.get("frr/" + r.name() + "/frr.conf");
            if (frr != null) {
                files.put(DIR + r.name() + "/frr.conf", renameInterfaces(frr, names));
            }
        }
        for (Client c : t.network().clients()) {
            ObjectNode node = nodes.putObject(c.name());
            node.put("kind", "linux").put("image", CLIENT_IMAGE);
            ArrayNode exec = node.putArray("exec").add("ip addr add " + c.address() + " dev eth1");
            t.routersOn(c.segment()).stream().findFirst().flatMap(r -> r.interfaceOn(c.segment()))
                    .ifPresent(gw -> exec.add("ip route replace default via " + gw.address().host()));
            bySegment.computeIfAbsent(c.segment(), k -> new ArrayList<>()).add(new Port(c.name(), "eth1", c.address().toString()));
        }
        List<String> bridges = new ArrayList<>();
        ArrayNode links = ((ObjectNode) root.get("topology")).putArray("links");
        int b = 0;
        for (var e : bySegment.entrySet()) {
            List<Port> ports = e.getValue();
            if (ports.size() == 2) {
                links.addObject().putArray("endpoints").add(ports.get(0).container() + ":" + ports.get(0).iface())
                        .add(ports.get(1).container() + ":" + ports.get(1).iface());
            } else if (ports.size() > 2) {
                // a shared L2 segment needs a Linux bridge on the host (containerlab 'bridge' kind)
                String bridge = "lbs-br" + b++;
                bridges.add(bridge + " (" + e.getKey() + ")");
                nodes.putObject(bridge).put("kind", "bridge");
                for (int p = 0; p < ports.size(); p++) {
                    links.addObject().putArray("endpoints").add(ports.get(p).container() + ":" + ports.get(p).iface())
                            .add(bridge + ":" + bridge + "p" + p);
                }
            }
        }
        files.put(DIR + t.name() + ".clab.yml", Manifest.comment("containerlab topology for design " + t.name()
                + ". See README.md: sudo containerlab deploy -t " + t.name() + ".clab.yml") + Manifest.yaml(root));
        files.put(DIR + "kind.yaml", kind(t, cluster));
        files.put(DIR + "README.md", readme(t, cluster, bridges));
        return files;
    }

    /** FRR's daemons file; a router that listens for BGP on another port gets bgpd's -p, which is no frr.conf line. */
    private static String daemons(Router r) {
        String port = r.bgp().listenPort() != null ? " -p " + r.bgp().listenPort() : "";
        return "# FRR daemons for router " + r.name() + " (mounted as /etc/frr/daemons).\n"
                + "zebra=yes\nbgpd=yes\nbfdd=yes\nstaticd=yes\nvtysh_enable=yes\n"
                + "zebra_options=\"  -A 127.0.0.1 -s 90000000\"\n"
                + "bgpd_options=\"   -A 127.0.0.1 -M bmp" + port + "\"\n"
                + "bfdd_options=\"   -A 127.0.0.1\"\n"
                + "staticd_options=\"-A 127.0.0.1\"\n";
    }

    /** FRR publishes images per patch release: {@code 8.4} means the 8.4.1 image, a full version is used as written. */
    static String imageTag(String version) {
        String v = version == null ? "8.4" : version.replaceFirst("^v", "");
        return v.chars().filter(c -> c == '.').count() >= 2 ? v : v + ".1";
    }

    private static String renameInterfaces(String frr, Map<String, String> names) {
        Matcher m = INTERFACE.matcher(frr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("interface " + names.getOrDefault(m.group(1), m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    static String clusterName(Topology t) {
        String name = t.cluster().name() != null ? t.cluster().name() : t.name();
        return name.toLowerCase().replaceAll("[^a-z0-9-]", "-");
    }

    /** kind names workers {@code NAME-worker}, {@code NAME-worker2}, ... in config order. */
    static String workerName(String cluster, int index) {
        return cluster + "-worker" + (index == 0 ? "" : String.valueOf(index + 1));
    }

    private static String kind(Topology t, String cluster) {
        ObjectNode root = FieldCodec.object();
        root.put("kind", "Cluster").put("apiVersion", "kind.x-k8s.io/v1alpha4").put("name", cluster);
        ObjectNode net = root.putObject("networking");
        net.put("disableDefaultCNI", true);
        net.put("podSubnet", t.calico().ipPools().stream().filter(p -> !p.isLoadBalancerPool()).map(IpPool::cidr).findFirst()
                .map(Object::toString).orElse("192.168.0.0/16"));
        net.put("serviceSubnet", t.cluster().effectiveServiceCidrs().get(0).toString());
        KubeProxy proxy = t.cluster().kubeProxy();
        net.put("kubeProxyMode", proxy.mode().word());
        if (proxy.mode() == KubeProxy.Mode.IPVS && proxy.effectiveStrictArp()) {
            root.putArray("kubeadmConfigPatches").add("""
                    apiVersion: kubeproxy.config.k8s.io/v1alpha1
                    kind: KubeProxyConfiguration
                    ipvs:
                      strictARP: true
                    """);
        }
        ArrayNode nodes = root.putArray("nodes");
        nodes.addObject().put("role", "control-plane");
        for (Node n : t.cluster().nodes()) {
            ObjectNode worker = nodes.addObject().put("role", "worker");
            Map<String, String> labels = new TreeMap<>(n.labels());
            labels.put(Renderer.NODE_LABEL, n.name());
            Manifest.put(worker, "labels", labels);
        }
        return Manifest.comment("kind cluster for design " + t.name() + ": no default CNI (Calico is installed by hand, see README.md).")
                + Manifest.yaml(root);
    }

    private static String readme(Topology t, String cluster, List<String> bridges) {
        StringBuilder out = new StringBuilder("# Lab for design " + t.name() + " (Docker, kind, containerlab)\n\n");
        out.append("Needs Docker, [kind](https://kind.sigs.k8s.io) ≥ 0.20, [containerlab](https://containerlab.dev), kubectl, helm and calicoctl.\n\n");
        out.append("kind cannot rename its nodes, so the design's nodes map to kind containers as follows; the workloads are\n")
                .append("pinned through the `").append(Renderer.NODE_LABEL).append("` label the kind config sets. Calico")
                .append(" resources that name nodes (BGPPeer `node`, `calicoctl patch node`) need the kind name.\n\n")
                .append("| design node | kind node | address |\n|---|---|---|\n");
        for (int i = 0; i < t.cluster().nodes().size(); i++) {
            Node n = t.cluster().nodes().get(i);
            out.append("| ").append(n.name()).append(" | ").append(workerName(cluster, i)).append(" | ").append(n.address()).append(" |\n");
        }
        out.append("\n## Steps\n\n");
        int step = 1;
        if (!bridges.isEmpty()) {
            out.append(step++).append(". Create the host bridges for the shared segments:\n\n   ```sh\n");
            bridges.forEach(br -> {
                String name = br.substring(0, br.indexOf(' '));
                out.append("   sudo ip link add ").append(name).append(" type bridge && sudo ip link set ").append(name).append(" up   # ")
                        .append(br.substring(br.indexOf(' ') + 1)).append('\n');
            });
            out.append("   ```\n");
        }
        out.append(step++).append(". Deploy routers, clients and the kind cluster: `sudo containerlab deploy -t ").append(t.name()).append(".clab.yml`\n");
        out.append(step++).append(". Install Calico (tigera-operator) with the pod CIDR from `kind.yaml`, BGP enabled, and node address\n")
                .append("   autodetection on the lab interface (`nodeAddressAutodetectionV4: {interface: eth1}` in the Installation).\n");
        out.append(step++).append(". Configure Calico: `sh ../manifests/calicoctl.sh` (or `calicoctl apply -f ../manifests/calico.yaml`).\n");
        if (t.metallb() != null) {
            out.append(step++).append(". Install MetalLB with the rendered values (command at the top of `../manifests/metallb-values.yaml`),\n")
                    .append("   then `kubectl apply -f ../manifests/metallb.yaml`.\n");
        }
        out.append(step++).append(". Deploy the workloads: `kubectl apply -f ../manifests/workloads.yaml`.\n");
        out.append(step++).append(". Check the routers: `docker exec clab-").append(t.name()).append("-ROUTER vtysh -c 'show bgp summary'`.\n");
        if (!t.network().clients().isEmpty()) {
            out.append(step++).append(". Send traffic: `docker exec clab-").append(t.name()).append('-').append(t.network().clients().get(0).name())
                    .append(" curl -s http://LB-IP/clientip` (agnhost answers with the source address it saw).\n");
        }
        out.append(step).append(". Tear down: `sudo containerlab destroy -t ").append(t.name()).append(".clab.yml`\n");
        return out.toString();
    }
}
