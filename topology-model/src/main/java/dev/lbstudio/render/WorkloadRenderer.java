package dev.lbstudio.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The demo workloads (Namespaces, Services, Deployments) to apply, and the cluster state the design
 * assumes (Nodes, Pods with their placement) to compare with {@code kubectl get -o yaml}.
 */
final class WorkloadRenderer {

    static final String WORKLOADS = "manifests/workloads.yaml";
    static final String EXPECTED_NODES = "manifests/expected-nodes.yaml";
    static final String EXPECTED_PODS = "manifests/expected-pods.yaml";
    /** agnhost netexec answers /hostname and /clientip, which shows which pod served and the source it saw. */
    static final String IMAGE = "registry.k8s.io/e2e-test-images/agnhost:2.52";
    static final int DEFAULT_PORT = 8080;

    private WorkloadRenderer() {
    }

    static Map<String, String> render(Topology t) {
        Map<String, String> files = new TreeMap<>();
        List<ObjectNode> objects = new ArrayList<>();
        TreeSet<String> namespaces = new TreeSet<>();
        t.workloads().services().forEach(s -> namespaces.add(s.namespace()));
        t.workloads().deployments().forEach(d -> namespaces.add(d.namespace()));
        namespaces.forEach(ns -> objects.add(Manifest.object("v1", "Namespace", ns, null)));
        t.workloads().services().forEach(s -> objects.add(service(s)));
        t.workloads().deployments().forEach(d -> objects.add(deployment(d)));
        StringBuilder labelCommands = new StringBuilder();
        t.workloads().deployments().stream().flatMap(d -> d.pods().stream()).map(Pod::node).distinct().sorted()
                .forEach(n -> labelCommands.append("  kubectl label node ").append(n).append(' ').append(Renderer.NODE_LABEL).append('=')
                        .append(n).append('\n'));
        files.put(WORKLOADS, Manifest.yaml("Demo workloads: kubectl apply -f workloads.yaml\n"
                + "Pods are pinned to the design's nodes through the " + Renderer.NODE_LABEL + " node label; until the nodes carry it\n"
                + "they stay Pending (the kind lab sets it). On a real cluster:\n" + labelCommands
                + "Service status (the LoadBalancer IPs the design expects MetalLB to assign) is ignored by kubectl apply.",
                objects));
        if (!t.cluster().nodes().isEmpty()) {
            files.put(EXPECTED_NODES, Manifest.yaml("Expected state, not for kubectl apply: the nodes the design assumes.\n"
                    + "Label real nodes so the workloads land where designed: kubectl label node NAME " + Renderer.NODE_LABEL + "=NAME",
                    t.cluster().nodes().stream().map(n -> node(t, n)).toList()));
        }
        List<ObjectNode> pods = t.workloads().deployments().stream().flatMap(d -> d.pods().stream().map(p -> pod(d, p))).toList();
        if (!pods.isEmpty()) {
            files.put(EXPECTED_PODS, Manifest.yaml("Expected state, not for kubectl apply: where the design places each pod.", pods));
        }
        return files;
    }

    private static ObjectNode service(Service s) {
        ObjectNode o = Manifest.object("v1", "Service", s.name(), s.namespace());
        ObjectNode meta = (ObjectNode) o.get("metadata");
        Manifest.put(meta, "labels", s.labels());
        Manifest.put(meta, "annotations", s.annotations());
        ObjectNode spec = o.putObject("spec");
        spec.put("type", s.type().word());
        Manifest.put(spec, "selector", s.selector());
        Manifest.put(spec, "ports", s.ports());
        Manifest.put(spec, "clusterIP", s.clusterIP());
        // as written: the API server fills in what a design leaves out (ADR 1100), so nothing is made up here
        Manifest.put(spec, "clusterIPs", s.clusterIPs());
        Manifest.put(spec, "ipFamilyPolicy", s.ipFamilyPolicy() == null ? null : s.ipFamilyPolicy().word());
        Manifest.put(spec, "ipFamilies", s.ipFamilies());
        Manifest.put(spec, "externalIPs", s.externalIPs());
        Manifest.put(spec, "externalTrafficPolicy", s.externalTrafficPolicy() == null ? null : s.externalTrafficPolicy().word());
        Manifest.put(spec, "internalTrafficPolicy", s.internalTrafficPolicy() == null ? null : s.internalTrafficPolicy().word());
        Manifest.put(spec, "loadBalancerIP", s.loadBalancerIP());
        Manifest.put(spec, "loadBalancerClass", s.loadBalancerClass());
        Manifest.put(spec, "healthCheckNodePort", s.healthCheckNodePort());
        if (!s.status().isEmpty()) {
            ArrayNode ingress = o.putObject("status").putObject("loadBalancer").putArray("ingress");
            s.status().forEach(ip -> ingress.addObject().put("ip", ip.toString()));
        }
        return o;
    }

    private static ObjectNode deployment(Deployment d) {
        ObjectNode o = Manifest.object("apps/v1", "Deployment", d.name(), d.namespace());
        Manifest.put((ObjectNode) o.get("metadata"), "labels", d.podLabels());
        ObjectNode spec = o.putObject("spec");
        spec.put("replicas", d.effectiveReplicas());
        Manifest.put(spec.putObject("selector"), "matchLabels", d.podLabels());
        ObjectNode template = spec.putObject("template");
        Manifest.put(template.putObject("metadata"), "labels", d.podLabels());
        ObjectNode podSpec = template.putObject("spec");
        List<String> nodes = d.pods().stream().map(Pod::node).distinct().sorted().toList();
        if (!nodes.isEmpty()) {
            ObjectNode affinity = podSpec.putObject("affinity");
            ObjectNode term = affinity.putObject("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution")
                    .putArray("nodeSelectorTerms").addObject().putArray("matchExpressions").addObject();
            term.put("key", Renderer.NODE_LABEL).put("operator", "In");
            Manifest.put(term, "values", nodes);
            if (nodes.size() == d.pods().size() && d.effectiveReplicas() <= nodes.size()) {
                // one pod per node: anti-affinity makes the scheduler reproduce the exact placement; with more
                // replicas than the nodes pinned it would leave the rest Pending
                ObjectNode anti = affinity.putObject("podAntiAffinity").putArray("requiredDuringSchedulingIgnoredDuringExecution")
                        .addObject();
                anti.put("topologyKey", Renderer.NODE_LABEL);
                Manifest.put(anti.putObject("labelSelector"), "matchLabels", d.podLabels());
            }
        }
        int port = d.containerPort() != null ? d.containerPort() : DEFAULT_PORT;
        ObjectNode container = podSpec.putArray("containers").addObject();
        container.put("name", "echo").put("image", IMAGE);
        container.putArray("args").add("netexec").add("--http-port=" + port);
        container.putArray("ports").addObject().put("containerPort", port);
        return o;
    }

    private static ObjectNode node(Topology t, Node n) {
        ObjectNode o = Manifest.object("v1", "Node", n.name(), null);
        Map<String, String> labels = new TreeMap<>(n.selectorLabels());
        labels.put(Renderer.NODE_LABEL, n.name());
        Manifest.put((ObjectNode) o.get("metadata"), "labels", labels);
        if (!n.isSchedulable()) {
            o.putObject("spec").put("unschedulable", true);
        }
        ObjectNode status = o.putObject("status");
        ArrayNode addresses = status.putArray("addresses");
        for (IpAddr a : n.addresses()) {
            addresses.addObject().put("type", "InternalIP").put("address", a.toString());
        }
        addresses.addObject().put("type", "Hostname").put("address", n.name());
        if (t.cluster().kubernetesVersion() != null) {
            status.putObject("nodeInfo").put("kubeletVersion", t.cluster().kubernetesVersion());
        }
        return o;
    }

    private static ObjectNode pod(Deployment d, Pod p) {
        ObjectNode o = Manifest.object("v1", "Pod", p.name(), d.namespace());
        Manifest.put((ObjectNode) o.get("metadata"), "labels", d.podLabels());
        o.putObject("spec").put("nodeName", p.node());
        ObjectNode status = o.putObject("status");
        Manifest.put(status, "podIP", p.ip());
        status.putArray("conditions").addObject().put("type", "Ready").put("status", p.isReady() ? "True" : "False");
        return o;
    }
}
