package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.frr.FrrConfig;
import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Cluster;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.MetalLbBfdProfile;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.render.ResourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a design from what an engineer already runs: Kubernetes YAML (Nodes, Services,
 * Deployments, Pods, EndpointSlices, MetalLB and Calico resources, a MetalLB Helm values file) and
 * FRR router configs. Segments come from the routers' interface subnets, and each node lands on the
 * segment its address is in. Whatever cannot be placed is a warning with file and line.
 */
public final class ManifestImporter {

    /** The imported design and everything that was skipped or guessed. */
    public record Result(Topology topology, List<ImportWarning> warnings) {
    }

    /** Inputs above this are skipped with a warning: nothing exported by hand is this big. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Pattern CALICO_VERSION = Pattern.compile("(?m)^#.*\\bCalico (v?\\d+\\.\\d+(?:\\.\\d+)?)\\b");
    private static final Pattern METALLB_VERSION = Pattern.compile("(?m)^#.*\\bMetalLB (v?\\d+\\.\\d+(?:\\.\\d+)?)\\b");

    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<String, YamlLocator> locators = new HashMap<>();
    // keyed by name (namespace/name where namespaced): a second object of the same name replaces
    // the first, as it would in the cluster after kubectl apply
    // where each kept element was read, for warnings found once the whole input is in
    private final Map<Object, Located> sources = new java.util.IdentityHashMap<>();
    private final Map<String, String> routerFiles = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, CalicoNode> calicoNodes = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final List<Located> pods = new ArrayList<>();
    private final List<Located> slices = new ArrayList<>();
    private final List<Router> routers = new ArrayList<>();
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private BgpConfiguration bgpConfiguration;
    private final Map<String, CalicoBgpPeer> calicoPeers = new LinkedHashMap<>();
    private final Map<String, BgpFilter> filters = new LinkedHashMap<>();
    private final Map<String, IpPool> ipPools = new LinkedHashMap<>();
    private final Map<String, IpAddressPool> pools = new LinkedHashMap<>();
    private final Map<String, L2Advertisement> l2 = new LinkedHashMap<>();
    private final Map<String, BgpAdvertisement> bgpAdvertisements = new LinkedHashMap<>();
    private final Map<String, MetalLbBgpPeer> metallbPeers = new LinkedHashMap<>();
    private final Map<String, MetalLbBfdProfile> bfdProfiles = new LinkedHashMap<>();
    private HelmValues helm;
    private String metallbNamespace;
    private String metallbVersion;
    private String calicoVersion;
    private String kubernetesVersion;

    /**
     * A document (or an item of a List, at {@code path} in it) and the line the document starts on: warnings
     * about the whole document point there, warnings about one of its values at the value's own line.
     */
    private record Located(String file, int line, ObjectNode doc, String text, String path) {
    }

    /** Calico's per-node BGP overrides (projectcalico.org/v3 Node spec.bgp). */
    private record CalicoNode(Long asNumber, String routeReflectorClusterId) {
    }

    private ManifestImporter() {
    }

    /**
     * Imports every {@code .yaml}/{@code .yml} file under {@code manifests} (recursively, in name
     * order) and the given FRR configs (router name → file).
     */
    public static Result importFrom(String designName, Path manifests, Map<String, Path> routerConfigs) throws IOException {
        ManifestImporter im = new ManifestImporter();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(manifests)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        Map<String, String> yaml = new LinkedHashMap<>();
        for (Path f : files) {
            String text = im.read(f);
            if (text != null) {
                yaml.put(f.toString(), text);
            }
        }
        Map<String, NamedText> routers = new LinkedHashMap<>();
        for (Map.Entry<String, Path> r : routerConfigs.entrySet()) {
            String text = im.readRouter(r.getValue());
            if (text != null) {
                routers.put(r.getKey(), new NamedText(r.getValue().toString(), text));
            }
        }
        return im.importAll(designName, yaml, routers);
    }

    /** A router's FRR config and the file name its warnings should carry. */
    public record NamedText(String file, String text) {
    }

    /**
     * Imports texts already in memory: YAML by file name (in the given order) and FRR configs by
     * router name. Used for live snapshots and by the fuzz tests.
     */
    public static Result importTexts(String designName, Map<String, String> yamlFiles, Map<String, NamedText> routers) {
        return new ManifestImporter().importAll(designName, yamlFiles, routers);
    }

    private Result importAll(String designName, Map<String, String> yamlFiles, Map<String, NamedText> routers) {
        yamlFiles.forEach(this::yamlFile);
        routers.forEach((name, config) -> router(name, config.file(), config.text()));
        return new Result(topology(designName), List.copyOf(warnings));
    }

    private String read(Path f) throws IOException {
        if (Files.size(f) > MAX_FILE_BYTES) {
            warn(f.toString(), 0, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; skipped");
            return null;
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** A router config: read as bytes, as FRR does, so one byte that is not UTF-8 is a located warning and not a lost import. */
    private String readRouter(Path f) throws IOException {
        if (Files.size(f) > MAX_FILE_BYTES) {
            warn(f.toString(), 0, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; skipped");
            return null;
        }
        return RouterConfigImport.decode(f.toString(), Files.readAllBytes(f), warnings::add);
    }

    private void yamlFile(String file, String text) {
        Matcher calico = CALICO_VERSION.matcher(text);
        if (calico.find() && calicoVersion == null) {
            calicoVersion = calico.group(1);
        }
        Matcher metallb = METALLB_VERSION.matcher(text);
        if (metallb.find() && metallbVersion == null) {
            metallbVersion = metallb.group(1);
        }
        try (JsonParser parser = TopologyMapper.yaml().getFactory().createParser(text);
             MappingIterator<JsonNode> docs = TopologyMapper.yaml().readerFor(JsonNode.class).readValues(parser)) {
            while (true) {
                int line;
                JsonNode doc;
                try {
                    if (!docs.hasNextValue()) {
                        break;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    doc = docs.nextValue();
                } catch (IOException | RuntimeException e) {
                    // only the YAML parser runs in here: SnakeYAML's limits can surface unwrapped
                    unreadable(file, e);
                    break;
                }
                if (doc instanceof ObjectNode o) {
                    document(new Located(file, line, o, text, ""));
                } else if (present(doc)) {
                    warn(file, line, "a YAML document that is not a mapping; skipped");
                }
            }
        } catch (IOException e) {
            unreadable(file, e);
        }
    }

    private void unreadable(String file, Exception e) {
        int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
        warn(file, line, "not readable YAML, rest of the file skipped: " + TopologyReader.readable(
                e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }

    private void document(Located at) {
        ObjectNode doc = at.doc();
        String kind = text(at, "the document", "kind", doc.get("kind"));
        String apiVersion = Objects.requireNonNullElse(text(at, "the document", "apiVersion", doc.get("apiVersion")), "");
        if (kind == null && (doc.has("controller") || doc.has("speaker") || doc.has("frrk8s"))) {
            helm(at);
            return;
        }
        if (kind == null) {
            warn(at, "a document without kind is not part of a design; skipped");
            return;
        }
        if (kind.endsWith("List") && doc.has("items")) {
            List<JsonNode> items = list(at, kind, "items", doc.get("items"));
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof ObjectNode item) {
                    document(new Located(at.file(), at.line(), item, at.text(), at.path() + "items[" + i + "]."));
                } else {
                    warn(at, kind + ": items[" + i + "] is not a mapping; skipped");
                }
            }
            return;
        }
        ObjectNode metadata = map(at, kind, "metadata", doc.get("metadata"));
        if (!present(metadata.get("name"))) {
            warn(at, kind + " without metadata.name; skipped");
            return;
        }
        String name = value(at, kind, "metadata.name", metadata.get("name"), ImportValues::objectName, SKIPPED);
        String namespace = value(at, kind + " " + name, "metadata.namespace", metadata.get("namespace"), ImportValues::namespace,
                SKIPPED);
        if (name == null || namespace == null && present(metadata.get("namespace"))) {
            return;
        }
        var resource = ResourceKind.of(apiVersion, kind);
        if (resource.isPresent()) {
            custom(at, resource.get(), name, namespace);
            return;
        }
        switch (apiVersion + " " + kind) {
            case "v1 Namespace" -> { }
            case "v1 Node" -> node(at, name, metadata);
            case "projectcalico.org/v3 Node" -> calicoNode(at, name);
            case "v1 Service" -> service(at, name, namespace == null ? "default" : namespace, metadata);
            case "apps/v1 Deployment" -> deployment(at, name, namespace == null ? "default" : namespace);
            case "v1 Pod" -> pods.add(at);
            case "discovery.k8s.io/v1 EndpointSlice" -> slices.add(at);
            default -> warn(at, apiVersion + " " + kind + " is not part of a design; skipped");
        }
    }

    private void custom(Located at, ResourceKind kind, String name, String namespace) {
        String element = kind.kind() + " " + name;
        ObjectNode spec = map(at, element, "spec", at.doc().get("spec"));
        if (kind.namespaced()) {
            if (metallbNamespace == null) {
                metallbNamespace = namespace;
            } else if (namespace != null && !namespace.equals(metallbNamespace)) {
                warn(at, element + " is in namespace " + namespace + ", not " + metallbNamespace
                        + " like the other MetalLB resources; MetalLB's webhook refuses that");
            }
        }
        String ns = namespace != null && namespace.equals(metallbNamespace) ? null : namespace;
        // the API server refuses a custom resource with a value its schema refuses, so the whole one is skipped
        Record value = ImportValues.parse(spec, s -> kind.toModel(s, name, ns, field -> warn(at, "spec." + field, element + ": spec." + field
                + " is not modelled; ignored")), why -> warn(at, element + ": " + why + "; skipped"));
        if (value == null) {
            return;
        }
        switch (kind) {
            case IP_ADDRESS_POOL -> keep(pools, at, element, name, (IpAddressPool) value);
            case L2_ADVERTISEMENT -> keep(l2, at, element, name, (L2Advertisement) value);
            case BGP_ADVERTISEMENT -> keep(bgpAdvertisements, at, element, name, (BgpAdvertisement) value);
            case METALLB_BGP_PEER -> keep(metallbPeers, at, element, name, (MetalLbBgpPeer) value);
            case METALLB_BFD_PROFILE -> keep(bfdProfiles, at, element, name, (MetalLbBfdProfile) value);
            case CALICO_BGP_PEER -> keep(calicoPeers, at, element, name, (CalicoBgpPeer) value);
            case IP_POOL -> keep(ipPools, at, element, name, (IpPool) value);
            case BGP_FILTER -> keep(filters, at, element, name, (BgpFilter) value);
            case BGP_CONFIGURATION -> {
                if (name.equals("default")) {
                    bgpConfiguration = (BgpConfiguration) value;
                } else {
                    warn(at, "BGPConfiguration " + name + ": only 'default' is modelled (per-node overrides are not); skipped");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void helm(Located at) {
        List<String> known = List.of("controller", "speaker", "frrk8s", "loadBalancerClass");
        at.doc().fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                warn(at, f, "MetalLB Helm value '" + f + "' is not modelled; ignored");
            }
        });
        String values = "MetalLB Helm values";
        ObjectNode controller = map(at, values, "controller", at.doc().get("controller"));
        ObjectNode speaker = map(at, values, "speaker", at.doc().get("speaker"));
        ObjectNode frrk8s = map(at, values, "frrk8s", at.doc().get("frrk8s"));
        helm = new HelmValues(value(at, values, "controller.enabled", controller.get("enabled"), ImportValues::bool, IGNORED),
                value(at, values, "speaker.enabled", speaker.get("enabled"), ImportValues::bool, IGNORED),
                value(at, values, "speaker.frr.enabled", map(at, values, "speaker.frr", speaker.get("frr")).get("enabled"),
                        ImportValues::bool, IGNORED),
                value(at, values, "frrk8s.enabled", frrk8s.get("enabled"), ImportValues::bool, IGNORED),
                text(at, values, "loadBalancerClass", at.doc().get("loadBalancerClass")),
                value(at, values, "speaker.ignoreExcludeLB", speaker.get("ignoreExcludeLB"), ImportValues::bool, IGNORED));
    }

    private void node(Located at, String name, ObjectNode metadata) {
        String element = "Node " + name;
        Map<String, String> labels = strings(at, element, "metadata.labels", metadata.get("labels"));
        labels.remove(Renderer.NODE_LABEL);
        labels.remove("kubernetes.io/hostname", name);
        ObjectNode status = map(at, element, "status", at.doc().get("status"));
        List<IpAddr> addresses = new ArrayList<>();
        List<JsonNode> listed = list(at, element, "status.addresses", status.get("addresses"));
        for (int i = 0; i < listed.size(); i++) {
            String field = "status.addresses[" + i + "]";
            ObjectNode address = map(at, element, field, listed.get(i));
            if ("InternalIP".equals(text(at, element, field + ".type", address.get("type")))) {
                IpAddr ip = value(at, element, field + ".address", address.get("address"), IpAddr::parse, IGNORED);
                if (ip != null) {
                    addresses.add(ip);
                }
            }
        }
        if (addresses.isEmpty()) {
            warn(at, element + " has no usable InternalIP address in status.addresses; skipped");
            return;
        }
        if (kubernetesVersion == null) {
            kubernetesVersion = value(at, element, "status.nodeInfo.kubeletVersion",
                    map(at, element, "status.nodeInfo", status.get("nodeInfo")).get("kubeletVersion"), ImportValues::version, IGNORED);
        }
        Boolean unschedulable = value(at, element, "spec.unschedulable", map(at, element, "spec", at.doc().get("spec"))
                .get("unschedulable"), ImportValues::bool, IGNORED);
        // the segment is placed later, from the routers' subnets
        keep(nodes, at, element, name, new Node(name, addresses, "?", null, labels, null, null,
                Boolean.TRUE.equals(unschedulable) ? Boolean.FALSE : null));
    }

    private void calicoNode(Located at, String name) {
        String element = "Calico Node " + name;
        ObjectNode bgp = map(at, element, "spec.bgp", map(at, element, "spec", at.doc().get("spec")).get("bgp"));
        keep(calicoNodes, at, element, name, new CalicoNode(value(at, element, "spec.bgp.asNumber", bgp.get("asNumber"),
                ImportValues::asn, IGNORED), text(at, element, "spec.bgp.routeReflectorClusterID", bgp.get("routeReflectorClusterID"))));
    }

    private void service(Located at, String name, String namespace, ObjectNode metadata) {
        String element = "Service " + namespace + "/" + name;
        ObjectNode spec = map(at, element, "spec", at.doc().get("spec"));
        List<ServicePort> ports = new ArrayList<>();
        List<JsonNode> listed = list(at, element, "spec.ports", spec.get("ports"));
        for (int i = 0; i < listed.size(); i++) {
            String field = "spec.ports[" + i + "]";
            ObjectNode p = map(at, element, field, listed.get(i));
            if (!present(p.get("port"))) {
                warn(at, field, element + ": " + field + " has no port; skipped");
                continue;
            }
            Integer port = value(at, element, field + ".port", p.get("port"), ImportValues::port, SKIPPED);
            String protocol = value(at, element, field + ".protocol", p.get("protocol"), ManifestImporter::protocol, SKIPPED);
            if (port == null || protocol == null && present(p.get("protocol"))) {
                continue;
            }
            Integer target = null;
            if (p.path("targetPort").isTextual()) {
                warn(at, field + ".targetPort", element + ": named targetPort '" + p.path("targetPort").asText() + "' is not modelled");
            } else {
                target = value(at, element, field + ".targetPort", p.get("targetPort"), ImportValues::port, IGNORED);
            }
            ports.add(new ServicePort(text(at, element, field + ".name", p.get("name")), protocol, port, target,
                    value(at, element, field + ".nodePort", p.get("nodePort"), ImportValues::port, IGNORED)));
        }
        Map<String, String> annotations = strings(at, element, "metadata.annotations", metadata.get("annotations"));
        annotations.keySet().removeIf(k -> k.startsWith("kubectl.kubernetes.io/"));
        IpAddr clusterIP = "None".equals(text(at, element, "spec.clusterIP", spec.get("clusterIP"))) ? null
                : value(at, element, "spec.clusterIP", spec.get("clusterIP"), IpAddr::parse, IGNORED);
        List<IpAddr> status = new ArrayList<>();
        JsonNode loadBalancer = map(at, element, "status", at.doc().get("status")).get("loadBalancer");
        List<JsonNode> ingress = list(at, element, "status.loadBalancer.ingress",
                map(at, element, "status.loadBalancer", loadBalancer).get("ingress"));
        for (int i = 0; i < ingress.size(); i++) {
            String field = "status.loadBalancer.ingress[" + i + "]";
            IpAddr ip = value(at, element, field + ".ip", map(at, element, field, ingress.get(i)).get("ip"), IpAddr::parse, IGNORED);
            if (ip != null) {
                status.add(ip);
            }
        }
        List<IpAddr> externalIPs = new ArrayList<>();
        List<JsonNode> external = list(at, element, "spec.externalIPs", spec.get("externalIPs"));
        for (int i = 0; i < external.size(); i++) {
            IpAddr ip = value(at, element, "spec.externalIPs[" + i + "]", external.get(i), IpAddr::parse, IGNORED);
            if (ip != null) {
                externalIPs.add(ip);
            }
        }
        keep(services, at, element, namespace + "/" + name, new Service(namespace, name,
                value(at, element, "spec.type", spec.get("type"), Service.Type::fromWord, IGNORED),
                value(at, element, "spec.externalTrafficPolicy", spec.get("externalTrafficPolicy"), Service.TrafficPolicy::fromWord, IGNORED),
                value(at, element, "spec.internalTrafficPolicy", spec.get("internalTrafficPolicy"), Service.TrafficPolicy::fromWord, IGNORED),
                ports, strings(at, element, "spec.selector", spec.get("selector")),
                strings(at, element, "metadata.labels", metadata.get("labels")), annotations, clusterIP, externalIPs,
                value(at, element, "spec.loadBalancerIP", spec.get("loadBalancerIP"), IpAddr::parse, IGNORED),
                text(at, element, "spec.loadBalancerClass", spec.get("loadBalancerClass")),
                value(at, element, "spec.healthCheckNodePort", spec.get("healthCheckNodePort"), ImportValues::port, IGNORED), status));
    }

    private static String protocol(String text) {
        if (!List.of("TCP", "UDP", "SCTP").contains(text)) {
            throw new IllegalArgumentException("'" + text + "' is not TCP, UDP or SCTP");
        }
        return text;
    }

    private void deployment(Located at, String name, String namespace) {
        String element = "Deployment " + namespace + "/" + name;
        ObjectNode spec = map(at, element, "spec", at.doc().get("spec"));
        ObjectNode template = map(at, element, "spec.template", spec.get("template"));
        Map<String, String> labels = strings(at, element, "spec.template.metadata.labels",
                map(at, element, "spec.template.metadata", template.get("metadata")).get("labels"));
        if (labels.isEmpty()) {
            labels = strings(at, element, "spec.selector.matchLabels",
                    map(at, element, "spec.selector", spec.get("selector")).get("matchLabels"));
        }
        // the model keeps one port: the first container's first one
        JsonNode port = template.path("spec").path("containers").path(0).path("ports").path(0).path("containerPort");
        keep(deployments, at, element, namespace + "/" + name, new Deployment(namespace, name, labels,
                value(at, element, "containers[0].ports[0].containerPort", port, ImportValues::port, IGNORED), List.of()));
    }

    private void router(String name, String file, String text) {
        Router r = RouterConfigImport.router(name, file, text, warnings::add, this::segmentFor);
        if (r != null) {
            routers.add(r);
            routerFiles.put(name, file);
        }
    }

    /** The segment of an interface's subnet: one a router showed already, else a new one named after the interface's description when that name is free. */
    private String segmentFor(String file, String router, FrrConfig.Iface i, IpPrefix net) {
        Segment known = segments.values().stream().filter(s -> net.equals(s.cidr())).findFirst().orElse(null);
        if (known != null) {
            return known.name();
        }
        String name = i.description() != null ? i.description() : router + "-" + i.name();
        if (segments.containsKey(name)) {
            String taken = name;
            name = router + "-" + i.name();
            for (int n = 2; segments.containsKey(name); n++) {
                name = router + "-" + i.name() + "-" + n;
            }
            warn(file, i.line(), "segment " + taken + " is already subnet " + segments.get(taken).cidr() + "; subnet " + net
                    + " of interface " + i.name() + " becomes segment " + name);
        }
        segments.put(name, new Segment(name, net, null, null));
        return name;
    }

    private Topology topology(String designName) {
        List<Node> placed = new ArrayList<>();
        for (Node n : nodes.values()) {
            CalicoNode calico = calicoNodes.remove(n.name());
            placed.add(new Node(n.name(), n.addresses(), segmentOf(n), null, n.labels(), calico == null ? null : calico.asNumber(),
                    calico == null ? null : calico.routeReflectorClusterId(), n.schedulable()));
        }
        calicoNodes.forEach((n, c) -> warn(sources.get(c), "Calico Node " + n + ": no Kubernetes Node " + n
                + " in the input; its BGP overrides are dropped"));
        placePods();
        dropDangling();
        checkPeerings(placed);
        // a router that peers with nodes is their ToR; the others sit above it
        routers.replaceAll(r -> r.withRole(r.bgp().neighbors().stream().anyMatch(n -> placed.stream().anyMatch(x -> n.covers(x.address())))
                ? RouterRole.TOR : RouterRole.SPINE));
        Calico calico = new Calico(calicoVersion, bgpConfiguration, List.copyOf(calicoPeers.values()), List.copyOf(filters.values()),
                List.copyOf(ipPools.values()), null, null);
        boolean anyMetallb = helm != null || !pools.isEmpty() || !l2.isEmpty() || !bgpAdvertisements.isEmpty() || !metallbPeers.isEmpty()
                || !bfdProfiles.isEmpty();
        MetalLb metallb = anyMetallb ? new MetalLb(metallbVersion, metallbNamespace, helm, List.copyOf(pools.values()),
                List.copyOf(l2.values()), List.copyOf(bgpAdvertisements.values()), List.copyOf(metallbPeers.values()),
                List.copyOf(bfdProfiles.values())) : null;
        return new Topology(null, null, designName, null,
                new Network(routers, List.copyOf(segments.values()), List.of()),
                new Cluster(null, kubernetesVersion, List.of(), null, null, placed),
                calico, metallb, new Workloads(List.copyOf(services.values()), List.copyOf(deployments.values())), null, null);
    }

    private String segmentOf(Node n) {
        for (Segment s : segments.values()) {
            if (s.cidr() != null && n.addresses().stream().anyMatch(s.cidr()::contains)) {
                return s.name();
            }
        }
        Segment unplaced = segments.computeIfAbsent("unplaced", k -> new Segment(k, null, null,
                "nodes whose address is on no router's subnet"));
        warn(sources.get(n), "Node " + n.name() + ": address " + n.address() + " is on no router interface's subnet; put on segment '"
                + unplaced.name() + "' (pass the router configs with --router NAME=FILE)");
        return unplaced.name();
    }

    private void placePods() {
        Map<String, List<Pod>> byDeployment = new TreeMap<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        // deployments by namespace and first pod label: a large cluster has thousands of each
        Map<String, List<Deployment>> byFirstLabel = new java.util.HashMap<>();
        for (Deployment d : deployments.values()) {
            d.podLabels().entrySet().stream().findFirst().ifPresent(e -> byFirstLabel.computeIfAbsent(
                    d.namespace() + '\0' + e.getKey() + '=' + e.getValue(), k -> new ArrayList<>()).add(d));
        }
        for (Located p : pods) {
            ObjectNode metadata = map(p, "Pod", "metadata", p.doc().get("metadata"));
            String ns = metadata.path("namespace").asText("default");
            String name = metadata.path("name").asText();
            String element = "Pod " + ns + "/" + name;
            Map<String, String> labels = strings(p, element, "metadata.labels", metadata.get("labels"));
            Deployment owner = labels.entrySet().stream()
                    .flatMap(e -> byFirstLabel.getOrDefault(ns + '\0' + e.getKey() + '=' + e.getValue(), List.of()).stream())
                    .filter(d -> labels.entrySet().containsAll(d.podLabels().entrySet())).findFirst().orElse(null);
            ObjectNode spec = map(p, element, "spec", p.doc().get("spec"));
            String node = value(p, element, "spec.nodeName", spec.get("nodeName"), ImportValues::objectName, IGNORED);
            if (node != null && !nodes.containsKey(node)) {
                warn(p, element + " runs on node " + node + ", which is not among the input's Nodes; skipped");
                continue;
            }
            if (owner == null || node == null) {
                warn(p, element + (owner == null ? " belongs to no Deployment in the input" : " is not scheduled") + "; skipped");
                continue;
            }
            if (!known.add(ns + "/" + name)) {
                warn(p, "a second " + element + "; skipped");
                continue;
            }
            ObjectNode status = map(p, element, "status", p.doc().get("status"));
            Boolean ready = null;
            List<JsonNode> conditions = list(p, element, "status.conditions", status.get("conditions"));
            for (int i = 0; i < conditions.size(); i++) {
                String field = "status.conditions[" + i + "]";
                ObjectNode c = map(p, element, field, conditions.get(i));
                if ("Ready".equals(text(p, element, field + ".type", c.get("type")))) {
                    ready = "True".equals(text(p, element, field + ".status", c.get("status")));
                }
            }
            byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                    .add(new Pod(name, node, value(p, element, "status.podIP", status.get("podIP"), IpAddr::parse, IGNORED),
                            ready == null || ready));
        }
        for (Located s : slices) {
            ObjectNode metadata = map(s, "EndpointSlice", "metadata", s.doc().get("metadata"));
            String ns = metadata.path("namespace").asText("default");
            String element = "EndpointSlice " + ns + "/" + metadata.path("name").asText();
            String serviceName = text(s, element, "metadata.labels.kubernetes.io/service-name",
                    map(s, element, "metadata.labels", metadata.get("labels")).get("kubernetes.io/service-name"));
            Service service = services.get(ns + "/" + serviceName);
            Deployment owner = service == null || service.selector().isEmpty() ? null : deployments.values().stream()
                    .filter(d -> d.namespace().equals(ns) && d.podLabels().entrySet().containsAll(service.selector().entrySet()))
                    .findFirst().orElse(null);
            List<JsonNode> endpoints = list(s, element, "endpoints", s.doc().get("endpoints"));
            for (int i = 0; i < endpoints.size(); i++) {
                String field = "endpoints[" + i + "]";
                ObjectNode e = map(s, element, field, endpoints.get(i));
                String pod = value(s, element, field + ".targetRef.name", map(s, element, field + ".targetRef", e.get("targetRef"))
                        .get("name"), ImportValues::objectName, IGNORED);
                if (pod == null || known.contains(ns + "/" + pod)) {
                    continue;
                }
                String node = value(s, element, field + ".nodeName", e.get("nodeName"), ImportValues::objectName, IGNORED);
                if (owner == null || !nodes.containsKey(node)) {
                    warn(s, "EndpointSlice endpoint " + pod + (owner == null ? ": no Service/Deployment in the input selects it"
                            : node == null ? ": it has no nodeName" : ": node " + node + " is not among the input's Nodes") + "; skipped");
                    continue;
                }
                IpAddr ip = value(s, element, field + ".addresses[0]", e.path("addresses").path(0), IpAddr::parse, IGNORED);
                Boolean ready = value(s, element, field + ".conditions.ready", map(s, element, field + ".conditions", e.get("conditions"))
                        .get("ready"), ImportValues::bool, IGNORED);
                byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                        .add(new Pod(pod, node, ip, ready));
                known.add(ns + "/" + pod);
            }
        }
        deployments.replaceAll((key, d) -> new Deployment(d.namespace(), d.name(), d.podLabels(), d.containerPort(),
                byDeployment.getOrDefault(key, List.of())));
    }

    /** A design names only what it holds: elements that point at something absent from the input are left out. */
    private void dropDangling() {
        calicoPeers.values().removeIf(p -> dangling(p, "Calico BGPPeer " + p.name(), p.node() != null && !nodes.containsKey(p.node()),
                "node " + p.node()) || dangling(p, "Calico BGPPeer " + p.name(), !filters.keySet().containsAll(p.filters()),
                "BGPFilter among " + p.filters()));
        l2.values().removeIf(a -> dangling(a, "L2Advertisement " + a.name(), !pools.keySet().containsAll(a.ipAddressPools()),
                "IPAddressPool among " + a.ipAddressPools()));
        bgpAdvertisements.values().removeIf(a -> dangling(a, "BGPAdvertisement " + a.name(), !pools.keySet().containsAll(a.ipAddressPools()),
                "IPAddressPool among " + a.ipAddressPools()) || dangling(a, "BGPAdvertisement " + a.name(),
                !metallbPeers.keySet().containsAll(a.peers()), "BGPPeer among " + a.peers()));
        metallbPeers.values().removeIf(p -> dangling(p, "MetalLB BGPPeer " + p.name(), p.bfdProfile() != null
                && !bfdProfiles.containsKey(p.bfdProfile()), "BFDProfile " + p.bfdProfile()));
    }

    private boolean dangling(Object element, String label, boolean missing, String what) {
        if (missing) {
            warn(sources.get(element), label + " refers to a " + what + " that is not in the input; skipped");
        }
        return missing;
    }

    /** Which node peers with which router: every session must have both ends in the input. */
    private void checkPeerings(List<Node> placed) {
        for (Router r : routers) {
            for (BgpNeighbor n : r.bgp().neighbors()) {
                boolean node = placed.stream().anyMatch(x -> n.covers(x.address()));
                boolean router = n.address() != null && routers.stream().anyMatch(o -> o.hasAddress(n.address()));
                // an interface neighbour peers with whoever is at the link's other end; no address to check
                if (!node && !router && n.interfaceName() == null) {
                    warn(routerFiles.get(r.name()), 0, "router " + r.name() + ": neighbour " + n.label()
                            + " matches no node and no router in the input");
                }
            }
        }
        for (CalicoBgpPeer p : calicoPeers.values()) {
            p.peerAddress().filter(ip -> routers.stream().noneMatch(r -> r.hasAddress(ip))
                    && placed.stream().noneMatch(x -> x.address().equals(ip)) && !routers.isEmpty())
                    .ifPresent(ip -> warn(sources.get(p), "Calico BGPPeer " + p.name() + ": peerIP " + ip
                            + " is no router's interface in the input"));
        }
    }

    private static final String IGNORED = "ignored";
    private static final String SKIPPED = "skipped";

    /**
     * The scalar {@code value} made into a T by {@code parser}; null when it is absent, and null
     * with a warning at the document when it is a mapping or list or the parser refuses it. The
     * warning ends in {@code outcome}: the value is ignored, or what holds it is skipped.
     */
    private <T> T value(Located at, String element, String field, JsonNode value, Function<String, T> parser, String outcome) {
        String text = text(at, element, field, value);
        return text == null ? null : ImportValues.parse(text, parser, why -> warn(at, field, element + ": " + field + ": " + why + "; "
                + outcome));
    }

    /** A scalar as text; null when absent, empty, or a mapping or list (warned about: it is the wrong YAML type). */
    private String text(Located at, String element, String field, JsonNode value) {
        if (!present(value)) {
            return null;
        }
        if (value.isContainerNode()) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a single value belongs; ignored");
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** The mapping at {@code value}: empty when absent, and empty with a warning when it is a list or a scalar. */
    private ObjectNode map(Located at, String element, String field, JsonNode value) {
        if (value instanceof ObjectNode o) {
            return o;
        }
        if (present(value)) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a mapping belongs; ignored");
        }
        return TopologyMapper.json().createObjectNode();
    }

    /** The items of the list at {@code value}: none when absent, and none with a warning when it is a mapping or a scalar. */
    private List<JsonNode> list(Located at, String element, String field, JsonNode value) {
        if (value instanceof ArrayNode a) {
            List<JsonNode> items = new ArrayList<>();
            a.forEach(items::add);
            return items;
        }
        if (present(value)) {
            warn(at, field, element + ": " + field + " is a " + shape(value) + " where a list belongs; ignored");
        }
        return List.of();
    }

    /** Labels, annotations, selectors: a mapping of strings; an entry whose value is a mapping or list is skipped. */
    private Map<String, String> strings(Located at, String element, String field, JsonNode value) {
        Map<String, String> out = new TreeMap<>();
        map(at, element, field, value).fields().forEachRemaining(e -> {
            String text = text(at, element, field + "." + e.getKey(), e.getValue());
            if (text != null) {
                out.put(e.getKey(), text);
            } else if (e.getValue().isValueNode()) {
                out.put(e.getKey(), "");
            }
        });
        return out;
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isMissingNode() && !value.isNull();
    }

    private static String shape(JsonNode value) {
        return value.isArray() ? "list" : value.isObject() ? "mapping" : "single value";
    }

    /** Remembers an element by key; a second one of the same key replaces the first, as kubectl apply would. */
    private <T> void keep(Map<String, T> into, Located at, String element, String key, T value) {
        sources.put(value, at);
        if (into.put(key, value) != null) {
            warn(at, "a second " + element + "; it replaces the first, as kubectl apply would");
        }
    }

    private void warn(Located at, String message) {
        warn(at.file(), at.line(), message);
    }

    /** A warning about the value at {@code field} (a YAML path in the document), at that value's line. */
    private void warn(Located at, String field, String message) {
        warn(at.file(), valueLine(at, field), message);
    }

    private int valueLine(Located at, String field) {
        // Jackson's tree keeps no locations, so the document is composed again from its first line, only
        // when there is something to report; a document Jackson read composes the same way.
        YamlLocator locator = locators.computeIfAbsent(at.file() + ":" + at.line(), k -> YamlLocator.ofFirstDocument(
                at.text(), at.line()));
        if (locator == null) {
            return at.line();
        }
        int line = locator.locate(at.path() + field).line();
        return line == 0 ? at.line() : at.line() - 1 + line;
    }

    private void warn(String file, int line, String message) {
        warnings.add(new ImportWarning(file, line, message));
    }
}
