package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Pattern CALICO_VERSION = Pattern.compile("(?m)^#.*\\bCalico (v?\\d+\\.\\d+(?:\\.\\d+)?)\\b");
    private static final Pattern METALLB_VERSION = Pattern.compile("(?m)^#.*\\bMetalLB (v?\\d+\\.\\d+(?:\\.\\d+)?)\\b");

    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, ObjectNode> calicoNodes = new LinkedHashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final List<Located> pods = new ArrayList<>();
    private final List<Located> slices = new ArrayList<>();
    private final List<Router> routers = new ArrayList<>();
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private BgpConfiguration bgpConfiguration;
    private final List<CalicoBgpPeer> calicoPeers = new ArrayList<>();
    private final List<BgpFilter> filters = new ArrayList<>();
    private final List<IpPool> ipPools = new ArrayList<>();
    private final List<IpAddressPool> pools = new ArrayList<>();
    private final List<L2Advertisement> l2 = new ArrayList<>();
    private final List<BgpAdvertisement> bgpAdvertisements = new ArrayList<>();
    private final List<MetalLbBgpPeer> metallbPeers = new ArrayList<>();
    private final List<MetalLbBfdProfile> bfdProfiles = new ArrayList<>();
    private HelmValues helm;
    private String metallbNamespace;
    private String metallbVersion;
    private String calicoVersion;
    private String kubernetesVersion;

    /** A document and where it starts. */
    private record Located(String file, int line, ObjectNode doc) {
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
            String text = im.read(r.getValue());
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
            while (docs.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode doc = docs.nextValue();
                if (doc instanceof ObjectNode o) {
                    document(file, line, o);
                } else if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    warn(file, line, "a YAML document that is not a mapping; skipped");
                }
            }
        } catch (IOException | RuntimeException e) {
            int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
            warn(file, line, "not readable YAML, rest of the file skipped: " + TopologyReader.readable(
                    e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private void document(String file, int line, ObjectNode doc) {
        String kind = doc.path("kind").asText("");
        String apiVersion = doc.path("apiVersion").asText("");
        String name = doc.path("metadata").path("name").asText(null);
        String namespace = doc.path("metadata").path("namespace").asText(null);
        try {
            if (kind.isEmpty() && (doc.has("controller") || doc.has("speaker") || doc.has("frrk8s"))) {
                helm(file, line, doc);
                return;
            }
            if (kind.endsWith("List") && doc.has("items")) {
                doc.path("items").forEach(item -> {
                    if (item instanceof ObjectNode o) {
                        document(file, line, o);
                    }
                });
                return;
            }
            if (name == null && !kind.isEmpty()) {
                warn(file, line, kind + " without metadata.name; skipped");
                return;
            }
            var resource = ResourceKind.of(apiVersion, kind);
            if (resource.isPresent()) {
                custom(file, line, resource.get(), doc, name, namespace);
                return;
            }
            switch (apiVersion + " " + kind) {
                case "v1 Namespace" -> { }
                case "v1 Node" -> node(doc, name);
                case "projectcalico.org/v3 Node" -> calicoNodes.put(name, doc);
                case "v1 Service" -> services.add(service(file, line, doc, name, namespace));
                case "apps/v1 Deployment" -> deployments.put(namespace + "/" + name, deployment(doc, name, namespace));
                case "v1 Pod" -> pods.add(new Located(file, line, doc));
                case "discovery.k8s.io/v1 EndpointSlice" -> slices.add(new Located(file, line, doc));
                default -> warn(file, line, (kind.isEmpty() ? "a document without kind" : apiVersion + " " + kind)
                        + " is not part of a design; skipped");
            }
        } catch (RuntimeException e) {
            warn(file, line, kind + " " + name + ": " + e.getMessage() + "; skipped");
        }
    }

    private void custom(String file, int line, ResourceKind kind, ObjectNode doc, String name, String namespace) {
        ObjectNode spec = doc.get("spec") instanceof ObjectNode s ? s : TopologyMapper.json().createObjectNode();
        if (kind.namespaced()) {
            if (metallbNamespace == null) {
                metallbNamespace = namespace;
            } else if (namespace != null && !namespace.equals(metallbNamespace)) {
                warn(file, line, kind.kind() + " " + name + " is in namespace " + namespace + ", not " + metallbNamespace
                        + " like the other MetalLB resources; MetalLB's webhook refuses that");
            }
        }
        String ns = namespace != null && namespace.equals(metallbNamespace) ? null : namespace;
        Record value = kind.toModel(spec, name, ns, field -> warn(file, line, kind.kind() + " " + name + ": spec." + field
                + " is not modelled; ignored"));
        switch (kind) {
            case IP_ADDRESS_POOL -> pools.add((IpAddressPool) value);
            case L2_ADVERTISEMENT -> l2.add((L2Advertisement) value);
            case BGP_ADVERTISEMENT -> bgpAdvertisements.add((BgpAdvertisement) value);
            case METALLB_BGP_PEER -> metallbPeers.add((MetalLbBgpPeer) value);
            case METALLB_BFD_PROFILE -> bfdProfiles.add((MetalLbBfdProfile) value);
            case CALICO_BGP_PEER -> calicoPeers.add((CalicoBgpPeer) value);
            case IP_POOL -> ipPools.add((IpPool) value);
            case BGP_FILTER -> filters.add((BgpFilter) value);
            case BGP_CONFIGURATION -> {
                if (name.equals("default")) {
                    bgpConfiguration = (BgpConfiguration) value;
                } else {
                    warn(file, line, "BGPConfiguration " + name + ": only 'default' is modelled (per-node overrides are not); skipped");
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void helm(String file, int line, ObjectNode doc) {
        List<String> known = List.of("controller", "speaker", "frrk8s", "loadBalancerClass");
        doc.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                warn(file, line, "MetalLB Helm value '" + f + "' is not modelled; ignored");
            }
        });
        helm = new HelmValues(bool(doc.path("controller").path("enabled")), bool(doc.path("speaker").path("enabled")),
                bool(doc.path("speaker").path("frr").path("enabled")), bool(doc.path("frrk8s").path("enabled")),
                doc.path("loadBalancerClass").asText(null), bool(doc.path("speaker").path("ignoreExcludeLB")));
    }

    private void node(ObjectNode doc, String name) {
        Map<String, String> labels = strings(doc.path("metadata").path("labels"));
        labels.remove(Renderer.NODE_LABEL);
        labels.remove("kubernetes.io/hostname", name);
        List<IpAddr> addresses = new ArrayList<>();
        doc.path("status").path("addresses").forEach(a -> {
            if (a.path("type").asText().equals("InternalIP")) {
                addresses.add(IpAddr.parse(a.path("address").asText()));
            }
        });
        if (kubernetesVersion == null) {
            kubernetesVersion = doc.path("status").path("nodeInfo").path("kubeletVersion").asText(null);
        }
        Boolean schedulable = doc.path("spec").path("unschedulable").asBoolean(false) ? Boolean.FALSE : null;
        // the segment is placed later, from the routers' subnets
        nodes.put(name, new Node(name, addresses, "?", null, labels, null, null, schedulable));
    }

    private Service service(String file, int line, ObjectNode doc, String name, String namespace) {
        JsonNode spec = doc.path("spec");
        List<ServicePort> ports = new ArrayList<>();
        spec.path("ports").forEach(p -> {
            Integer target = p.path("targetPort").isInt() ? p.path("targetPort").asInt() : null;
            if (p.has("targetPort") && target == null) {
                warn(file, line, "Service " + name + ": named targetPort '" + p.path("targetPort").asText() + "' is not modelled");
            }
            ports.add(new ServicePort(p.path("name").asText(null), p.path("protocol").asText(null), p.path("port").asInt(),
                    target, p.has("nodePort") ? p.path("nodePort").asInt() : null));
        });
        Map<String, String> annotations = strings(doc.path("metadata").path("annotations"));
        annotations.keySet().removeIf(k -> k.startsWith("kubectl.kubernetes.io/"));
        String clusterIP = spec.path("clusterIP").asText(null);
        List<IpAddr> status = new ArrayList<>();
        doc.path("status").path("loadBalancer").path("ingress").forEach(i -> {
            if (i.has("ip")) {
                status.add(IpAddr.parse(i.path("ip").asText()));
            }
        });
        return new Service(namespace == null ? "default" : namespace, name,
                spec.has("type") ? Service.Type.fromWord(spec.path("type").asText()) : null,
                spec.has("externalTrafficPolicy") ? Service.TrafficPolicy.fromWord(spec.path("externalTrafficPolicy").asText()) : null,
                spec.has("internalTrafficPolicy") ? Service.TrafficPolicy.fromWord(spec.path("internalTrafficPolicy").asText()) : null,
                ports, strings(spec.path("selector")), strings(doc.path("metadata").path("labels")), annotations,
                clusterIP == null || clusterIP.equals("None") ? null : IpAddr.parse(clusterIP), ips(spec.path("externalIPs")),
                spec.has("loadBalancerIP") ? IpAddr.parse(spec.path("loadBalancerIP").asText()) : null,
                spec.path("loadBalancerClass").asText(null),
                spec.has("healthCheckNodePort") ? spec.path("healthCheckNodePort").asInt() : null, status);
    }

    private static Deployment deployment(ObjectNode doc, String name, String namespace) {
        JsonNode template = doc.path("spec").path("template");
        Map<String, String> labels = strings(template.path("metadata").path("labels"));
        if (labels.isEmpty()) {
            labels = strings(doc.path("spec").path("selector").path("matchLabels"));
        }
        JsonNode port = template.path("spec").path("containers").path(0).path("ports").path(0).path("containerPort");
        return new Deployment(namespace == null ? "default" : namespace, name, labels, port.isInt() ? port.asInt() : null, List.of());
    }

    private void router(String name, String file, String text) {
        FrrConfigParser.Parsed parsed = FrrConfigParser.parse(file, text, warnings::add);
        if (parsed.bgp() == null) {
            warn(file, 0, "no 'router bgp' section: router " + name + " skipped");
            return;
        }
        List<RouterInterface> interfaces = new ArrayList<>();
        for (FrrConfigParser.Iface i : parsed.interfaces()) {
            IpPrefix net = i.address().network();
            Segment segment = segments.values().stream().filter(s -> net.equals(s.cidr())).findFirst().orElseGet(() -> {
                Segment s = new Segment(i.description() != null ? i.description() : name + "-" + i.name(), net, null, null);
                segments.put(s.name(), s);
                return s;
            });
            interfaces.add(new RouterInterface(i.name(), i.address(), segment.name()));
        }
        routers.add(new Router(name, null, parsed.software(), interfaces, parsed.bgp(), null));
    }

    private Topology topology(String designName) {
        List<Node> placed = new ArrayList<>();
        for (Node n : nodes.values()) {
            ObjectNode calico = calicoNodes.remove(n.name());
            Long as = calico == null || !calico.path("spec").path("bgp").has("asNumber") ? null
                    : calico.path("spec").path("bgp").path("asNumber").asLong();
            String rr = calico == null ? null : calico.path("spec").path("bgp").path("routeReflectorClusterID").asText(null);
            placed.add(new Node(n.name(), n.addresses(), segmentOf(n), null, n.labels(), as, rr, n.schedulable()));
        }
        calicoNodes.keySet().forEach(n -> warn("calico Node " + n, 0, "no Kubernetes Node " + n + " in the input; its BGP overrides are dropped"));
        placePods();
        dropDangling();
        checkPeerings(placed);
        // a router that peers with nodes is their ToR; the others sit above it
        routers.replaceAll(r -> new Router(r.name(), r.bgp().neighbors().stream().anyMatch(n -> placed.stream().anyMatch(x -> n.covers(x.address())))
                ? RouterRole.TOR : RouterRole.SPINE, r.software(), r.interfaces(), r.bgp(), r.rack()));
        Calico calico = new Calico(calicoVersion, bgpConfiguration, calicoPeers, filters, ipPools, null, null);
        boolean anyMetallb = helm != null || !pools.isEmpty() || !l2.isEmpty() || !bgpAdvertisements.isEmpty() || !metallbPeers.isEmpty()
                || !bfdProfiles.isEmpty();
        MetalLb metallb = anyMetallb ? new MetalLb(metallbVersion, metallbNamespace, helm, pools, l2, bgpAdvertisements, metallbPeers,
                bfdProfiles) : null;
        return new Topology(null, null, designName, null,
                new Network(routers, List.copyOf(segments.values()), List.of()),
                new Cluster(null, kubernetesVersion, List.of(), null, null, placed),
                calico, metallb, new Workloads(services, List.copyOf(deployments.values())), null, null);
    }

    private String segmentOf(Node n) {
        for (Segment s : segments.values()) {
            if (s.cidr() != null && n.addresses().stream().anyMatch(s.cidr()::contains)) {
                return s.name();
            }
        }
        Segment unplaced = segments.computeIfAbsent("unplaced", k -> new Segment(k, null, null,
                "nodes whose address is on no router's subnet"));
        warn("node " + n.name(), 0, "address " + n.address() + " is on no router interface's subnet; put on segment '"
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
            String ns = p.doc().path("metadata").path("namespace").asText("default");
            String name = p.doc().path("metadata").path("name").asText();
            Map<String, String> labels = strings(p.doc().path("metadata").path("labels"));
            Deployment owner = labels.entrySet().stream()
                    .flatMap(e -> byFirstLabel.getOrDefault(ns + '\0' + e.getKey() + '=' + e.getValue(), List.of()).stream())
                    .filter(d -> labels.entrySet().containsAll(d.podLabels().entrySet())).findFirst().orElse(null);
            String node = p.doc().path("spec").path("nodeName").asText(null);
            if (node != null && !nodes.containsKey(node)) {
                warn(p.file(), p.line(), "Pod " + ns + "/" + name + " runs on node " + node + ", which is not among the input's Nodes; skipped");
                continue;
            }
            if (owner == null || node == null) {
                warn(p.file(), p.line(), "Pod " + ns + "/" + name + (owner == null ? " belongs to no Deployment in the input" : " is not scheduled")
                        + "; skipped");
                continue;
            }
            boolean ready = true;
            for (JsonNode c : p.doc().path("status").path("conditions")) {
                if (c.path("type").asText().equals("Ready")) {
                    ready = c.path("status").asText().equals("True");
                }
            }
            String ip = p.doc().path("status").path("podIP").asText(null);
            byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                    .add(new Pod(name, node, ip == null ? null : IpAddr.parse(ip), ready));
            known.add(ns + "/" + name);
        }
        for (Located s : slices) {
            String ns = s.doc().path("metadata").path("namespace").asText("default");
            String serviceName = s.doc().path("metadata").path("labels").path("kubernetes.io/service-name").asText(null);
            Service service = services.stream().filter(x -> x.namespace().equals(ns) && x.name().equals(serviceName)).findFirst().orElse(null);
            Deployment owner = service == null || service.selector().isEmpty() ? null : deployments.values().stream()
                    .filter(d -> d.namespace().equals(ns) && d.podLabels().entrySet().containsAll(service.selector().entrySet()))
                    .findFirst().orElse(null);
            for (JsonNode e : s.doc().path("endpoints")) {
                String pod = e.path("targetRef").path("name").asText(null);
                if (pod == null || known.contains(ns + "/" + pod)) {
                    continue;
                }
                if (owner == null || !nodes.containsKey(e.path("nodeName").asText())) {
                    warn(s.file(), s.line(), "EndpointSlice endpoint " + pod + (owner == null ? ": no Service/Deployment in the input selects it"
                            : ": node " + e.path("nodeName").asText() + " is not among the input's Nodes") + "; skipped");
                    continue;
                }
                JsonNode ready = e.path("conditions").path("ready");
                byDeployment.computeIfAbsent(owner.namespace() + "/" + owner.name(), k -> new ArrayList<>())
                        .add(new Pod(pod, e.path("nodeName").asText(), IpAddr.parse(e.path("addresses").path(0).asText()),
                                ready.isBoolean() ? ready.asBoolean() : null));
                known.add(ns + "/" + pod);
            }
        }
        deployments.replaceAll((key, d) -> new Deployment(d.namespace(), d.name(), d.podLabels(), d.containerPort(),
                byDeployment.getOrDefault(key, List.of())));
    }

    /** A design names only what it holds: elements that point at something absent from the input are left out. */
    private void dropDangling() {
        java.util.Set<String> filterNames = new java.util.HashSet<>();
        filters.forEach(f -> filterNames.add(f.name()));
        calicoPeers.removeIf(p -> dangling("Calico BGPPeer " + p.name(), p.node() != null && !nodes.containsKey(p.node()), "node " + p.node())
                || dangling("Calico BGPPeer " + p.name(), !filterNames.containsAll(p.filters()), "BGPFilter among " + p.filters()));
        java.util.Set<String> poolNames = new java.util.HashSet<>();
        pools.forEach(p -> poolNames.add(p.name()));
        java.util.Set<String> peerNames = new java.util.HashSet<>();
        metallbPeers.forEach(p -> peerNames.add(p.name()));
        java.util.Set<String> profiles = new java.util.HashSet<>();
        bfdProfiles.forEach(p -> profiles.add(p.name()));
        l2.removeIf(a -> dangling("L2Advertisement " + a.name(), !poolNames.containsAll(a.ipAddressPools()), "IPAddressPool among " + a.ipAddressPools()));
        bgpAdvertisements.removeIf(a -> dangling("BGPAdvertisement " + a.name(), !poolNames.containsAll(a.ipAddressPools()),
                "IPAddressPool among " + a.ipAddressPools()) || dangling("BGPAdvertisement " + a.name(), !peerNames.containsAll(a.peers()),
                "BGPPeer among " + a.peers()));
        metallbPeers.removeIf(p -> dangling("MetalLB BGPPeer " + p.name(), p.bfdProfile() != null && !profiles.contains(p.bfdProfile()),
                "BFDProfile " + p.bfdProfile()));
    }

    private boolean dangling(String element, boolean missing, String what) {
        if (missing) {
            warn(element, 0, "refers to a " + what + " that is not in the input; skipped");
        }
        return missing;
    }

    /** Which node peers with which router: every session must have both ends in the input. */
    private void checkPeerings(List<Node> placed) {
        for (Router r : routers) {
            for (BgpNeighbor n : r.bgp().neighbors()) {
                boolean node = placed.stream().anyMatch(x -> n.covers(x.address()));
                boolean router = n.address() != null && routers.stream().anyMatch(o -> o.hasAddress(n.address()));
                if (!node && !router) {
                    warn("router " + r.name(), 0, "neighbour " + (n.address() != null ? n.address() : n.listenRange())
                            + " matches no node and no router in the input");
                }
            }
        }
        for (CalicoBgpPeer p : calicoPeers) {
            p.peerAddress().filter(ip -> routers.stream().noneMatch(r -> r.hasAddress(ip))
                    && placed.stream().noneMatch(x -> x.address().equals(ip)) && !routers.isEmpty())
                    .ifPresent(ip -> warn("Calico BGPPeer " + p.name(), 0, "peerIP " + ip + " is no router's interface in the input"));
        }
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new TreeMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<IpAddr> ips(JsonNode list) {
        List<IpAddr> out = new ArrayList<>();
        list.forEach(i -> out.add(IpAddr.parse(i.asText())));
        return out;
    }

    private static Boolean bool(JsonNode n) {
        return n.isBoolean() ? n.asBoolean() : null;
    }

    private void warn(String file, int line, String message) {
        warnings.add(new ImportWarning(file, line, message));
    }
}
