package dev.lbstudio.io;

import static dev.lbstudio.io.ImportContext.Outcome.ENTRY_SKIPPED;
import static dev.lbstudio.io.ImportContext.Outcome.IGNORED;
import static dev.lbstudio.io.ImportContext.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpFamily;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.render.Renderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes core objects of an import: Nodes, Services, the workloads that own pods
 * (Deployment, ReplicaSet, StatefulSet, DaemonSet), Pods, and the endpoints Kubernetes reports
 * for each Service (discovery.k8s.io/v1 EndpointSlice, else v1 Endpoints, else the pods its
 * selector matches when some of them belong to no Deployment of the input).
 */
final class KubernetesReader {

    /** Where a pod runs and who owns it, read from a v1 Pod. */
    private record PodInfo(String namespace, String name, Map<String, String> labels, String node, IpAddr ip, boolean ready,
                           ServiceEndpoint.Owner owner, Located at) {
    }

    /** An endpoint as read, with the document and field it came from (for warnings about it). */
    private record Read(ServiceEndpoint endpoint, Located at, String field) {
    }

    private final ImportContext cx;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    /** ReplicaSet namespace/name → the Deployment that owns it. */
    private final Map<String, String> replicaSetOwners = new HashMap<>();
    private final List<Located> pods = new ArrayList<>();
    private final List<Located> slices = new ArrayList<>();
    private final List<Located> endpointsObjects = new ArrayList<>();
    private String kubernetesVersion;

    KubernetesReader(ImportContext cx) {
        this.cx = cx;
    }

    /** Reads the document when it is one of the core kinds; false when it is not. */
    boolean read(Located at, String apiVersionAndKind, String name, String namespace, ObjectNode metadata) {
        String ns = namespace == null ? "default" : namespace;
        switch (apiVersionAndKind) {
            case "v1 Node" -> node(at, name, metadata);
            case "v1 Service" -> service(at, name, ns, metadata);
            case "apps/v1 Deployment" -> deployment(at, name, ns);
            case "apps/v1 ReplicaSet" -> replicaSet(at, name, ns, metadata);
            // pods of these are endpoints like any other; the objects themselves add nothing to the design
            case "apps/v1 StatefulSet", "apps/v1 DaemonSet" -> { }
            case "v1 Pod" -> pods.add(at);
            case "discovery.k8s.io/v1 EndpointSlice" -> slices.add(at);
            case "v1 Endpoints" -> endpointsObjects.add(at);
            default -> {
                return false;
            }
        }
        return true;
    }

    Map<String, Node> nodes() {
        return nodes;
    }

    String kubernetesVersion() {
        return kubernetesVersion;
    }

    private void node(Located at, String name, ObjectNode metadata) {
        String element = "Node " + name;
        Map<String, String> labels = cx.strings(at, element, "metadata.labels", metadata.get("labels"));
        labels.remove(Renderer.NODE_LABEL);
        labels.remove("kubernetes.io/hostname", name);
        ObjectNode status = cx.map(at, element, "status", at.doc().get("status"));
        List<IpAddr> addresses = new ArrayList<>();
        List<JsonNode> listed = cx.list(at, element, "status.addresses", status.get("addresses"));
        for (int i = 0; i < listed.size(); i++) {
            String field = "status.addresses[" + i + "]";
            ObjectNode address = cx.map(at, element, field, listed.get(i));
            if ("InternalIP".equals(cx.text(at, element, field + ".type", address.get("type")))) {
                IpAddr ip = cx.value(at, element, field + ".address", address.get("address"), IpAddr::parse, IGNORED);
                if (ip != null) {
                    addresses.add(ip);
                }
            }
        }
        if (addresses.isEmpty()) {
            cx.warn(at, element + " has no usable InternalIP address in status.addresses; skipped", Loss.OBJECT);
            return;
        }
        if (kubernetesVersion == null) {
            kubernetesVersion = cx.value(at, element, "status.nodeInfo.kubeletVersion",
                    cx.map(at, element, "status.nodeInfo", status.get("nodeInfo")).get("kubeletVersion"), ImportValues::version, IGNORED);
        }
        Boolean unschedulable = cx.value(at, element, "spec.unschedulable", cx.map(at, element, "spec", at.doc().get("spec"))
                .get("unschedulable"), ImportValues::bool, IGNORED);
        // the segment is placed later, from the routers' subnets
        cx.keep(nodes, at, element, name, new Node(name, addresses, "?", null, labels, null, null,
                Boolean.TRUE.equals(unschedulable) ? Boolean.FALSE : null));
    }

    private void service(Located at, String name, String namespace, ObjectNode metadata) {
        String element = "Service " + namespace + "/" + name;
        ObjectNode spec = cx.map(at, element, "spec", at.doc().get("spec"));
        List<ServicePort> ports = new ArrayList<>();
        List<JsonNode> listed = cx.list(at, element, "spec.ports", spec.get("ports"));
        for (int i = 0; i < listed.size(); i++) {
            String field = "spec.ports[" + i + "]";
            ObjectNode p = cx.map(at, element, field, listed.get(i));
            if (!present(p.get("port"))) {
                cx.warn(at, field, element + ": " + field + " has no port; skipped", Loss.FIELD);
                continue;
            }
            Integer port = cx.value(at, element, field + ".port", p.get("port"), ImportValues::port, ENTRY_SKIPPED);
            String protocol = cx.value(at, element, field + ".protocol", p.get("protocol"), KubernetesReader::protocol, ENTRY_SKIPPED);
            if (port == null || protocol == null && present(p.get("protocol"))) {
                continue;
            }
            Integer target = null;
            if (p.path("targetPort").isTextual()) {
                cx.warn(at, field + ".targetPort", element + ": named targetPort '" + p.path("targetPort").asText() + "' is not modelled",
                        Loss.FIELD);
            } else {
                target = cx.value(at, element, field + ".targetPort", p.get("targetPort"), ImportValues::port, IGNORED);
            }
            ports.add(new ServicePort(cx.text(at, element, field + ".name", p.get("name")), protocol, port, target,
                    cx.value(at, element, field + ".nodePort", p.get("nodePort"), ImportValues::port, IGNORED)));
        }
        Map<String, String> annotations = cx.strings(at, element, "metadata.annotations", metadata.get("annotations"));
        annotations.keySet().removeIf(k -> k.startsWith("kubectl.kubernetes.io/"));
        IpAddr clusterIP = "None".equals(cx.text(at, element, "spec.clusterIP", spec.get("clusterIP"))) ? null
                : cx.value(at, element, "spec.clusterIP", spec.get("clusterIP"), IpAddr::parse, IGNORED);
        JsonNode loadBalancer = cx.map(at, element, "status", at.doc().get("status")).get("loadBalancer");
        List<IpAddr> status = ips(at, element, "status.loadBalancer.ingress",
                cx.map(at, element, "status.loadBalancer", loadBalancer).get("ingress"), ".ip");
        List<IpAddr> externalIPs = ips(at, element, "spec.externalIPs", spec.get("externalIPs"), "");
        // a headless service's clusterIPs are ["None"]: no address, as for clusterIP
        List<IpAddr> clusterIPs = clusterIP == null ? List.of() : ips(at, element, "spec.clusterIPs", spec.get("clusterIPs"), "");
        Service.IpFamilyPolicy policy = cx.value(at, element, "spec.ipFamilyPolicy", spec.get("ipFamilyPolicy"),
                Service.IpFamilyPolicy::fromWord, IGNORED);
        List<IpFamily> families = new ArrayList<>();
        List<JsonNode> listedFamilies = cx.list(at, element, "spec.ipFamilies", spec.get("ipFamilies"));
        for (int i = 0; i < listedFamilies.size(); i++) {
            IpFamily f = cx.value(at, element, "spec.ipFamilies[" + i + "]", listedFamilies.get(i), IpFamily::fromWord, IGNORED);
            if (f != null) {
                families.add(f);
            }
        }
        Service.Type type = cx.value(at, element, "spec.type", spec.get("type"), Service.Type::fromWord, IGNORED);
        Service.TrafficPolicy external = cx.value(at, element, "spec.externalTrafficPolicy", spec.get("externalTrafficPolicy"),
                Service.TrafficPolicy::fromWord, IGNORED);
        Service.TrafficPolicy internal = cx.value(at, element, "spec.internalTrafficPolicy", spec.get("internalTrafficPolicy"),
                Service.TrafficPolicy::fromWord, IGNORED);
        Map<String, String> selector = cx.strings(at, element, "spec.selector", spec.get("selector"));
        Map<String, String> labels = cx.strings(at, element, "metadata.labels", metadata.get("labels"));
        IpAddr loadBalancerIP = cx.value(at, element, "spec.loadBalancerIP", spec.get("loadBalancerIP"), IpAddr::parse, IGNORED);
        String loadBalancerClass = cx.text(at, element, "spec.loadBalancerClass", spec.get("loadBalancerClass"));
        Integer healthCheckNodePort = cx.value(at, element, "spec.healthCheckNodePort", spec.get("healthCheckNodePort"),
                ImportValues::port, IGNORED);
        Service service;
        try {
            service = new Service(namespace, name, type, external, internal, ports, selector, labels, annotations, clusterIP,
                    clusterIPs, policy, families, externalIPs, loadBalancerIP, loadBalancerClass, healthCheckNodePort, status, null);
        } catch (IllegalArgumentException e) {
            // the API server never stores such a pair; a hand-edited manifest can hold one
            cx.warn(at, "spec.clusterIPs", element + ": " + e.getMessage() + "; spec.clusterIPs and spec.ipFamilies ignored", Loss.FIELD);
            service = new Service(namespace, name, type, external, internal, ports, selector, labels, annotations, clusterIP,
                    List.of(), policy, List.of(), externalIPs, loadBalancerIP, loadBalancerClass, healthCheckNodePort, status, null);
        }
        cx.keep(services, at, element, namespace + "/" + name, service);
    }

    /** The addresses in a list, each the item itself ({@code key} "") or the item's {@code key} field (".ip"). */
    private List<IpAddr> ips(Located at, String element, String field, JsonNode value, String key) {
        List<IpAddr> out = new ArrayList<>();
        List<JsonNode> items = cx.list(at, element, field, value);
        for (int i = 0; i < items.size(); i++) {
            String item = field + "[" + i + "]";
            JsonNode v = key.isEmpty() ? items.get(i) : cx.map(at, element, item, items.get(i)).get(key.substring(1));
            IpAddr ip = cx.value(at, element, item + key, v, IpAddr::parse, IGNORED);
            if (ip != null) {
                out.add(ip);
            }
        }
        return out;
    }

    private static String protocol(String text) {
        if (!List.of("TCP", "UDP", "SCTP").contains(text)) {
            throw new IllegalArgumentException("'" + text + "' is not TCP, UDP or SCTP");
        }
        return text;
    }

    private void deployment(Located at, String name, String namespace) {
        String element = "Deployment " + namespace + "/" + name;
        ObjectNode spec = cx.map(at, element, "spec", at.doc().get("spec"));
        ObjectNode template = cx.map(at, element, "spec.template", spec.get("template"));
        Map<String, String> labels = cx.strings(at, element, "spec.template.metadata.labels",
                cx.map(at, element, "spec.template.metadata", template.get("metadata")).get("labels"));
        if (labels.isEmpty()) {
            labels = cx.strings(at, element, "spec.selector.matchLabels",
                    cx.map(at, element, "spec.selector", spec.get("selector")).get("matchLabels"));
        }
        // the model keeps one port: the first container's first one
        JsonNode port = template.path("spec").path("containers").path(0).path("ports").path(0).path("containerPort");
        cx.keep(deployments, at, element, namespace + "/" + name, new Deployment(namespace, name, labels,
                cx.value(at, element, "spec.template.spec.containers[0].ports[0].containerPort", port, ImportValues::port, IGNORED),
                replicas(at, element, spec.get("replicas")), List.of()));
    }

    /**
     * The declared spec.replicas, not the pods seen: pushing the design back must not scale the Deployment to
     * the pods that happened to run. Absent is 1, as the API server defaults it (kubernetes
     * pkg/apis/apps/v1/defaults.go SetDefaults_Deployment); a bad value is warned about and unknown (null:
     * as many as the pods found). The bounds are an int32 that validation keeps non-negative.
     */
    private Integer replicas(Located at, String element, JsonNode value) {
        return ImportContext.present(value) ? cx.value(at, element, "spec.replicas", value, ImportValues.wholeNumber(0, Integer.MAX_VALUE),
                IGNORED) : Integer.valueOf(1);
    }

    private void replicaSet(Located at, String name, String namespace, ObjectNode metadata) {
        ServiceEndpoint.Owner owner = controller(at, "ReplicaSet " + namespace + "/" + name, metadata);
        if (owner != null && owner.kind().equals("Deployment")) {
            replicaSetOwners.put(namespace + "/" + name, owner.name());
        }
    }

    /** The metadata.ownerReferences entry with controller: true (the first one when none says so), or null. */
    private ServiceEndpoint.Owner controller(Located at, String element, ObjectNode metadata) {
        List<JsonNode> refs = cx.list(at, element, "metadata.ownerReferences", metadata.get("ownerReferences"));
        ServiceEndpoint.Owner first = null;
        for (int i = 0; i < refs.size(); i++) {
            String field = "metadata.ownerReferences[" + i + "]";
            ObjectNode ref = cx.map(at, element, field, refs.get(i));
            String kind = cx.text(at, element, field + ".kind", ref.get("kind"));
            String name = cx.value(at, element, field + ".name", ref.get("name"), ImportValues::objectName, IGNORED);
            if (kind == null || name == null || !ServiceEndpoint.Owner.KINDS.contains(kind)) {
                continue;
            }
            ServiceEndpoint.Owner owner = new ServiceEndpoint.Owner(kind, name);
            if (Boolean.TRUE.equals(cx.value(at, element, field + ".controller", ref.get("controller"), ImportValues::bool, IGNORED))) {
                return owner;
            }
            first = first == null ? owner : first;
        }
        return first;
    }

    /**
     * Fills in what needs the whole input: the deployments' pods and each service's endpoints.
     * Returns the services, with their endpoints, and the deployments, with their pods.
     */
    dev.lbstudio.model.Workloads finish() {
        Map<String, PodInfo> podsByName = new LinkedHashMap<>();
        for (Located p : pods) {
            PodInfo info = pod(p);
            if (info != null && podsByName.putIfAbsent(info.namespace() + "/" + info.name(), info) != null) {
                cx.warn(p, "a second Pod " + info.namespace() + "/" + info.name() + "; skipped", Loss.NONE);
            }
        }
        Map<String, List<Pod>> byDeployment = new TreeMap<>();
        Set<String> placed = new java.util.HashSet<>();
        Map<String, List<Deployment>> byFirstLabel = new HashMap<>();
        // deployments by namespace and first pod label: a large cluster has thousands of each
        for (Deployment d : deployments.values()) {
            d.podLabels().entrySet().stream().findFirst().ifPresent(e -> byFirstLabel.computeIfAbsent(
                    d.namespace() + '\0' + e.getKey() + '=' + e.getValue(), k -> new ArrayList<>()).add(d));
        }
        for (PodInfo p : podsByName.values()) {
            Deployment owner = owningDeployment(p, byFirstLabel);
            if (owner == null) {
                continue;
            }
            if (p.node() == null || !nodes.containsKey(p.node())) {
                cx.warn(p.at(), "Pod " + p.namespace() + "/" + p.name() + (p.node() == null ? " is not scheduled"
                        : " runs on node " + p.node() + ", which is not among the input's Nodes") + "; not a pod of Deployment "
                        + owner.name() + " in the design", Loss.OBJECT);
                continue;
            }
            byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                    .add(new Pod(p.name(), p.node(), p.ip(), p.ready()));
            placed.add(p.namespace() + "/" + p.name());
        }
        Map<String, List<Read>> reported = new HashMap<>();
        for (Located s : slices) {
            slice(s, podsByName, reported);
        }
        for (Located e : endpointsObjects) {
            endpoints(e, podsByName, reported);
        }
        List<Service> result = new ArrayList<>();
        // pods by namespace and one label: a selector then looks at the pods of its first label only, not at all
        // pods (5,000 services × 10,000 pods made the large import quadratic)
        Map<String, List<PodInfo>> podsByLabel = new HashMap<>();
        for (PodInfo p : podsByName.values()) {
            p.labels().forEach((k, v) -> podsByLabel.computeIfAbsent(labelKey(p.namespace(), k, v), x -> new ArrayList<>()).add(p));
        }
        for (Service service : services.values()) {
            String key = service.namespace() + "/" + service.name();
            List<Read> endpoints = reported.get(key);
            if (endpoints == null) {
                endpoints = selected(service, podsByLabel, podsByName, byFirstLabel);
            }
            if (endpoints != null) {
                addSlicePods(service, endpoints, placed, byDeployment);
                result.add(service.withEndpoints(endpoints.stream().map(Read::endpoint).toList()));
            } else {
                result.add(service);
            }
        }
        Set<String> used = new java.util.HashSet<>(placed);
        result.stream().filter(Service::reportsEndpoints).forEach(svc -> svc.endpoints().stream().filter(e -> e.pod() != null)
                .forEach(e -> used.add(svc.namespace() + "/" + e.pod())));
        podsByName.values().stream().filter(p -> !used.contains(p.namespace() + "/" + p.name()) && services.values().stream()
                .noneMatch(svc -> svc.namespace().equals(p.namespace()) && !svc.selector().isEmpty()
                        && p.labels().entrySet().containsAll(svc.selector().entrySet())))
                .forEach(p -> cx.warn(p.at(), "Pod " + p.namespace() + "/" + p.name() + " backs no Service and belongs to no Deployment"
                        + " in the input; not part of the design", Loss.NONE));
        reported.keySet().stream().filter(k -> !services.containsKey(k)).sorted().forEach(k -> {
            Read first = reported.get(k).get(0);
            cx.warn(first.at(), "endpoints of Service " + k + ", which is not in the input; skipped", Loss.OBJECT);
        });
        List<Deployment> ds = deployments.entrySet().stream().map(e -> e.getValue().withPods(byDeployment.getOrDefault(e.getKey(),
                List.of()))).toList();
        return new dev.lbstudio.model.Workloads(result, ds);
    }

    private PodInfo pod(Located p) {
        ObjectNode metadata = cx.map(p, "Pod", "metadata", p.doc().get("metadata"));
        String ns = metadata.path("namespace").asText("default");
        String name = metadata.path("name").asText();
        String element = "Pod " + ns + "/" + name;
        Map<String, String> labels = cx.strings(p, element, "metadata.labels", metadata.get("labels"));
        ObjectNode spec = cx.map(p, element, "spec", p.doc().get("spec"));
        String node = cx.value(p, element, "spec.nodeName", spec.get("nodeName"), ImportValues::objectName, IGNORED);
        ObjectNode status = cx.map(p, element, "status", p.doc().get("status"));
        Boolean ready = null;
        List<JsonNode> conditions = cx.list(p, element, "status.conditions", status.get("conditions"));
        for (int i = 0; i < conditions.size(); i++) {
            String field = "status.conditions[" + i + "]";
            ObjectNode c = cx.map(p, element, field, conditions.get(i));
            if ("Ready".equals(cx.text(p, element, field + ".type", c.get("type")))) {
                ready = "True".equals(cx.text(p, element, field + ".status", c.get("status")));
            }
        }
        ServiceEndpoint.Owner owner = controller(p, element, metadata);
        if (owner == null || !List.of("ReplicaSet", "StatefulSet", "DaemonSet", "Job").contains(owner.kind())) {
            owner = new ServiceEndpoint.Owner("Pod", name);
        } else if (owner.kind().equals("ReplicaSet")) {
            owner = deploymentOf(ns, owner.name(), labels.get("pod-template-hash"), owner);
        }
        return new PodInfo(ns, name, labels, node, cx.value(p, element, "status.podIP", status.get("podIP"), IpAddr::parse, IGNORED),
                ready == null || ready, owner, p);
    }

    /**
     * The Deployment behind a ReplicaSet: the ReplicaSet's own owner when the input has it, else the
     * name Kubernetes gives a Deployment's ReplicaSets (deployment name, '-', the pod-template-hash).
     */
    private ServiceEndpoint.Owner deploymentOf(String ns, String replicaSet, String templateHash, ServiceEndpoint.Owner asIs) {
        String deployment = replicaSetOwners.get(ns + "/" + replicaSet);
        if (deployment == null && templateHash != null && replicaSet.endsWith("-" + templateHash)) {
            deployment = replicaSet.substring(0, replicaSet.length() - templateHash.length() - 1);
        }
        return deployment == null ? asIs : new ServiceEndpoint.Owner("Deployment", deployment);
    }

    /** The input's Deployment a pod belongs to: the one its owner names, else one whose pod labels it carries. */
    private Deployment owningDeployment(PodInfo p, Map<String, List<Deployment>> byFirstLabel) {
        if (p.owner().kind().equals("Deployment")) {
            return deployments.get(p.namespace() + "/" + p.owner().name());
        }
        // a StatefulSet's or DaemonSet's pod is never a Deployment's; a bare pod or an unresolved ReplicaSet's may be
        if (!p.owner().kind().equals("Pod") && !p.owner().kind().equals("ReplicaSet")) {
            return null;
        }
        return p.labels().entrySet().stream()
                .flatMap(e -> byFirstLabel.getOrDefault(p.namespace() + '\0' + e.getKey() + '=' + e.getValue(), List.<Deployment>of())
                        .stream())
                .filter(d -> p.labels().entrySet().containsAll(d.podLabels().entrySet())).findFirst().orElse(null);
    }

    private void slice(Located s, Map<String, PodInfo> podsByName, Map<String, List<Read>> reported) {
        ObjectNode metadata = cx.map(s, "EndpointSlice", "metadata", s.doc().get("metadata"));
        String ns = metadata.path("namespace").asText("default");
        String element = "EndpointSlice " + ns + "/" + metadata.path("name").asText();
        String serviceName = cx.text(s, element, "metadata.labels.kubernetes.io/service-name",
                cx.map(s, element, "metadata.labels", metadata.get("labels")).get("kubernetes.io/service-name"));
        if (serviceName == null) {
            cx.warn(s, element + " has no kubernetes.io/service-name label, so it belongs to no Service; skipped", Loss.OBJECT);
            return;
        }
        String addressType = cx.text(s, element, "addressType", s.doc().get("addressType"));
        if ("FQDN".equals(addressType)) {
            cx.warn(s, "addressType", element + ": FQDN endpoints are not modelled; skipped", Loss.OBJECT);
            return;
        }
        List<Read> into = reported.computeIfAbsent(ns + "/" + serviceName, k -> new ArrayList<>());
        List<JsonNode> endpoints = cx.list(s, element, "endpoints", s.doc().get("endpoints"));
        for (int i = 0; i < endpoints.size(); i++) {
            String field = "endpoints[" + i + "]";
            ObjectNode e = cx.map(s, element, field, endpoints.get(i));
            IpAddr ip = cx.value(s, element, field + ".addresses[0]", e.path("addresses").path(0), IpAddr::parse, ENTRY_SKIPPED);
            if (ip == null) {
                if (!present(e.path("addresses").path(0))) {
                    cx.warn(s, field, element + ": " + field + " has no address; skipped", Loss.FIELD);
                }
                continue;
            }
            if (("IPv4".equals(addressType) || "IPv6".equals(addressType)) && !IpFamily.of(ip).word().equals(addressType)) {
                // discovery/v1 validation keeps a slice's addresses of its addressType; such an endpoint is never served
                cx.warn(s, field + ".addresses[0]", element + ": " + field + " address " + ip + " is not of the slice's addressType "
                        + addressType + "; skipped", Loss.FIELD);
                continue;
            }
            ObjectNode conditions = cx.map(s, element, field + ".conditions", e.get("conditions"));
            Boolean ready = cx.value(s, element, field + ".conditions.ready", conditions.get("ready"), ImportValues::bool, IGNORED);
            Boolean serving = cx.value(s, element, field + ".conditions.serving", conditions.get("serving"), ImportValues::bool, IGNORED);
            Boolean terminating = cx.value(s, element, field + ".conditions.terminating", conditions.get("terminating"),
                    ImportValues::bool, IGNORED);
            String node = cx.value(s, element, field + ".nodeName", e.get("nodeName"), ImportValues::objectName, IGNORED);
            add(into, new Read(endpoint(ip, node, ready, serving, terminating, cx.map(s, element, field + ".targetRef",
                    e.get("targetRef")), s, element, field), s, field), podsByName);
        }
    }

    /** v1 Endpoints, read for a service only when no EndpointSlice of it is in the input (they say the same, older). */
    private void endpoints(Located at, Map<String, PodInfo> podsByName, Map<String, List<Read>> reported) {
        ObjectNode metadata = cx.map(at, "Endpoints", "metadata", at.doc().get("metadata"));
        String ns = metadata.path("namespace").asText("default");
        String name = metadata.path("name").asText();
        String element = "Endpoints " + ns + "/" + name;
        if (reported.containsKey(ns + "/" + name)) {
            return;
        }
        List<Read> into = reported.computeIfAbsent(ns + "/" + name, k -> new ArrayList<>());
        List<JsonNode> subsets = cx.list(at, element, "subsets", at.doc().get("subsets"));
        for (int s = 0; s < subsets.size(); s++) {
            ObjectNode subset = cx.map(at, element, "subsets[" + s + "]", subsets.get(s));
            for (String list : List.of("addresses", "notReadyAddresses")) {
                String listField = "subsets[" + s + "]." + list;
                List<JsonNode> addresses = cx.list(at, element, listField, subset.get(list));
                for (int i = 0; i < addresses.size(); i++) {
                    String field = listField + "[" + i + "]";
                    ObjectNode a = cx.map(at, element, field, addresses.get(i));
                    IpAddr ip = cx.value(at, element, field + ".ip", a.get("ip"), IpAddr::parse, ENTRY_SKIPPED);
                    if (ip == null) {
                        continue;
                    }
                    boolean ready = list.equals("addresses");
                    String node = cx.value(at, element, field + ".nodeName", a.get("nodeName"), ImportValues::objectName, IGNORED);
                    add(into, new Read(endpoint(ip, node, ready, ready, null, cx.map(at, element, field + ".targetRef",
                            a.get("targetRef")), at, element, field), at, field), podsByName);
                }
            }
        }
    }

    /** One endpoint; its owner from the pod it targets when the input has that pod. */
    private ServiceEndpoint endpoint(IpAddr ip, String node, Boolean ready, Boolean serving, Boolean terminating,
            ObjectNode targetRef, Located at, String element, String field) {
        String pod = null;
        if ("Pod".equals(cx.text(at, element, field + ".targetRef.kind", targetRef.get("kind")))) {
            pod = cx.value(at, element, field + ".targetRef.name", targetRef.get("name"), ImportValues::objectName, IGNORED);
        }
        return new ServiceEndpoint(ip, node, ready, serving, terminating, pod, null);
    }

    /** Adds an endpoint once per address (one per port set and address family would repeat it), with its pod's owner. */
    private void add(List<Read> into, Read read, Map<String, PodInfo> podsByName) {
        ServiceEndpoint e = read.endpoint();
        if (into.stream().anyMatch(r -> r.endpoint().address().equals(e.address()))) {
            return;
        }
        PodInfo pod = e.pod() == null ? null : podsByName.get(namespaceOf(read) + "/" + e.pod());
        if (e.node() != null && !nodes.containsKey(e.node())) {
            cx.warn(read.at(), read.field() + ".nodeName", "endpoint " + e.address() + " runs on node " + e.node()
                    + ", which is not among the input's Nodes; kept, but it backs no node of the design", Loss.DANGLING);
        }
        into.add(new Read(new ServiceEndpoint(e.address(), e.node() != null ? e.node() : pod == null ? null : pod.node(), e.ready(),
                e.serving(), e.terminating(), e.pod(), pod == null ? null : pod.owner()), read.at(), read.field()));
    }

    private static String namespaceOf(Read r) {
        return r.at().doc().path("metadata").path("namespace").asText("default");
    }

    /**
     * Without EndpointSlices, the pods the selector matches, as Kubernetes' EndpointSlice controller
     * picks them (scheduled, with an IP) — only when some of them belong to no Deployment of the input:
     * otherwise the design derives them from its deployments, as a hand-written one does.
     */
    private static String labelKey(String namespace, String key, String value) {
        return namespace + "\u0000" + key + "=" + value;
    }

    private List<Read> selected(Service service, Map<String, List<PodInfo>> podsByLabel, Map<String, PodInfo> podsByName,
                                Map<String, List<Deployment>> byFirstLabel) {
        if (service.selector().isEmpty()) {
            return null;
        }
        Map.Entry<String, String> first = service.selector().entrySet().iterator().next();
        List<PodInfo> matched = podsByLabel.getOrDefault(labelKey(service.namespace(), first.getKey(), first.getValue()), List.of())
                .stream().filter(p -> p.labels().entrySet().containsAll(service.selector().entrySet())).toList();
        if (matched.stream().allMatch(p -> owningDeployment(p, byFirstLabel) != null)) {
            return null;
        }
        List<Read> out = new ArrayList<>();
        for (PodInfo p : matched) {
            if (p.ip() != null && p.node() != null) {
                add(out, new Read(new ServiceEndpoint(p.ip(), p.node(), p.ready(), p.ready(), null, p.name(), p.owner()), p.at(),
                        "spec.nodeName"), podsByName);
            }
        }
        return out;
    }

    /**
     * An EndpointSlice is often all an export has of a Deployment's pods: an endpoint whose pod the
     * input lacks becomes a pod of the Deployment the service selects, as the design's deployments hold them.
     */
    private void addSlicePods(Service service, List<Read> endpoints, Set<String> placed, Map<String, List<Pod>> byDeployment) {
        Deployment owner = service.selector().isEmpty() ? null : deployments.values().stream()
                .filter(d -> dev.lbstudio.model.Topology.selects(service, d)).findFirst().orElse(null);
        if (owner == null) {
            return;
        }
        for (Read r : endpoints) {
            ServiceEndpoint e = r.endpoint();
            if (e.pod() == null || e.node() == null || !nodes.containsKey(e.node()) || !placed.add(service.namespace() + "/" + e.pod())) {
                continue;
            }
            if (e.owner() != null && !(e.owner().kind().equals("Deployment") && e.owner().name().equals(owner.name()))) {
                continue;
            }
            byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                    .add(new Pod(e.pod(), e.node(), e.address(), e.ready()));
        }
    }
}
