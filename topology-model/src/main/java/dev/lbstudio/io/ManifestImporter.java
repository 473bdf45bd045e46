package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.frr.FrrConfig;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.Calico;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Cluster;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.render.ResourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a design from what an engineer already runs: Kubernetes YAML and FRR router configs. This
 * is the one entry point; it splits the YAML into documents and hands each to the reader of its
 * source — {@link KubernetesReader} (Nodes, Services, workloads, Pods, EndpointSlices, Endpoints),
 * {@link MetalLbReader}, {@link CalicoReader}, {@link HelmValuesReader} (values file, speaker
 * DaemonSet) — each of which reports its own objects' field-level problems. Segments come from the
 * routers' interface subnets, and each node lands on the segment its address is in. What cannot be
 * read is a warning with file, line and column, typed by what it cost ({@link ImportWarning.Loss}).
 */
public final class ManifestImporter {

    /** The imported design and everything that was skipped, kept dangling or guessed. */
    public record Result(Topology topology, List<ImportWarning> warnings) {

        /** The warnings that cost the design something: a dropped value or object, or a dangling reference. */
        public List<ImportWarning> losses() {
            return warnings.stream().filter(ImportWarning::lost).toList();
        }

        public long count(Loss loss) {
            return warnings.stream().filter(w -> w.loss() == loss).count();
        }
    }

    /** Inputs above this are skipped with a warning: nothing exported by hand is this big. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final String METALLB_CHART = "metallb";

    private final ImportContext cx = new ImportContext();
    private final KubernetesReader kubernetes = new KubernetesReader(cx);
    private final MetalLbReader metallb = new MetalLbReader(cx);
    private final CalicoReader calico = new CalicoReader(cx);
    private final HelmValuesReader helm = new HelmValuesReader(cx);
    private final Map<String, String> routerFiles = new LinkedHashMap<>();
    private final List<Router> routers = new ArrayList<>();
    private final Map<String, Segment> segments = new LinkedHashMap<>();

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
        return new Result(topology(designName), List.copyOf(cx.warnings()));
    }

    private String read(Path f) throws IOException {
        if (Files.size(f) > MAX_FILE_BYTES) {
            cx.warn(f.toString(), 0, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; skipped", Loss.OBJECT);
            return null;
        }
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    /** A router config: read as bytes, as FRR does, so one byte that is not UTF-8 is a located warning and not a lost import. */
    private String readRouter(Path f) throws IOException {
        if (Files.size(f) > MAX_FILE_BYTES) {
            cx.warn(f.toString(), 0, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; skipped", Loss.OBJECT);
            return null;
        }
        return RouterConfigImport.decode(f.toString(), Files.readAllBytes(f), cx::add);
    }

    private void yamlFile(String file, String text) {
        calico.header(text);
        metallb.header(text);
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
                } else if (ImportContext.present(doc)) {
                    cx.warn(file, line, "a YAML document that is not a mapping; skipped", Loss.OBJECT);
                }
            }
        } catch (IOException e) {
            unreadable(file, e);
        }
    }

    private void unreadable(String file, Exception e) {
        int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
        cx.warn(file, line, "not readable YAML, rest of the file skipped: " + TopologyReader.readable(
                e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), Loss.OBJECT);
    }

    private void document(Located at) {
        ObjectNode doc = at.doc();
        String kind = cx.text(at, "the document", "kind", doc.get("kind"));
        String apiVersion = Objects.requireNonNullElse(cx.text(at, "the document", "apiVersion", doc.get("apiVersion")), "");
        if (kind == null && HelmValuesReader.isValues(doc)) {
            helm.values(at);
            return;
        }
        if (kind == null) {
            cx.warn(at, "a document without kind is not part of a design; skipped", Loss.NONE);
            return;
        }
        if (kind.endsWith("List") && doc.has("items")) {
            List<JsonNode> items = cx.list(at, kind, "items", doc.get("items"));
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof ObjectNode item) {
                    document(new Located(at.file(), at.line(), item, at.text(), at.path() + "items[" + i + "]."));
                } else {
                    cx.warn(at, "items[" + i + "]", kind + ": items[" + i + "] is not a mapping; skipped", Loss.OBJECT);
                }
            }
            return;
        }
        ObjectNode metadata = cx.map(at, kind, "metadata", doc.get("metadata"));
        if (!ImportContext.present(metadata.get("name"))) {
            cx.warn(at, kind + " without metadata.name; skipped", Loss.OBJECT);
            return;
        }
        String name = cx.value(at, kind, "metadata.name", metadata.get("name"), ImportValues::objectName,
                ImportContext.Outcome.OBJECT_SKIPPED);
        String namespace = cx.value(at, kind + " " + name, "metadata.namespace", metadata.get("namespace"), ImportValues::namespace,
                ImportContext.Outcome.OBJECT_SKIPPED);
        if (name == null || namespace == null && ImportContext.present(metadata.get("namespace"))) {
            return;
        }
        var resource = ResourceKind.of(apiVersion, kind);
        if (resource.isPresent()) {
            if (resource.get().group().equals("metallb.io")) {
                metallb.read(at, resource.get(), name, namespace);
            } else {
                calico.read(at, resource.get(), name);
            }
            return;
        }
        String what = apiVersion + " " + kind;
        if (what.equals("apps/v1 DaemonSet") && helm.speakerDaemonSet(at, name)) {
            return;
        }
        if (what.equals("apps/v1 Deployment") && METALLB_CHART.equals(cx.strings(at, kind, "metadata.labels", metadata.get("labels"))
                .get("app.kubernetes.io/name"))) {
            // the chart's own controller: where the Helm release runs MetalLB, not a workload
            metallb.releaseNamespace(namespace);
            return;
        }
        if (what.equals("projectcalico.org/v3 Node")) {
            calico.node(at, name);
        } else if (what.equals("v1 Secret")) {
            calico.secret(at, name);
        } else if (!calico.ipam(at, what, name) && !what.equals("v1 Namespace")
                && !kubernetes.read(at, what, name, namespace, metadata)) {
            cx.warn(at, what + " is not part of a design; skipped", Loss.NONE);
        }
    }

    private void router(String name, String file, String text) {
        Router r = RouterConfigImport.router(name, file, text, cx::add, this::segmentFor);
        if (r != null) {
            routers.add(r);
            routerFiles.put(name, file);
        }
    }

    /**
     * The segment of an interface's subnet (and IPv6 subnet, {@code net6}): one a router showed
     * already, given the IPv6 subnet when it had none, else a new one named after the interface's
     * description when that name is free.
     */
    private String segmentFor(String file, String router, FrrConfig.Iface i, IpPrefix net, IpPrefix net6) {
        Segment known = segments.values().stream().filter(s -> net.equals(s.cidr())).findFirst().orElse(null);
        if (known != null) {
            if (net6 != null && known.cidr6() == null) {
                segments.put(known.name(), new Segment(known.name(), known.cidr(), net6, known.rack(), known.description()));
            } else if (net6 != null && !net6.equals(known.cidr6())) {
                cx.warn(file, i.line(), "interface " + i.name() + " has IPv6 subnet " + net6 + " on segment " + known.name()
                        + ", whose IPv6 subnet is " + known.cidr6() + "; the segment keeps " + known.cidr6(), Loss.FIELD);
            }
            return known.name();
        }
        String name = i.description() != null ? i.description() : router + "-" + i.name();
        if (segments.containsKey(name)) {
            String taken = name;
            name = router + "-" + i.name();
            for (int n = 2; segments.containsKey(name); n++) {
                name = router + "-" + i.name() + "-" + n;
            }
            cx.warn(file, i.line(), "segment " + taken + " is already subnet " + segments.get(taken).cidr() + "; subnet " + net
                    + " of interface " + i.name() + " becomes segment " + name, Loss.NONE);
        }
        segments.put(name, new Segment(name, net, net6, null, null));
        return name;
    }

    private Topology topology(String designName) {
        List<Node> placed = calico.withOverrides(kubernetes.nodes().values().stream()
                .map(n -> new Node(n.name(), n.addresses(), segmentOf(n), null, n.labels(), null, null, n.schedulable())).toList());
        Workloads workloads = kubernetes.finish();
        Calico calicoModel = calico.calico(kubernetes.nodes());
        checkPeerings(placed);
        // a router that peers with nodes is their ToR; the others sit above it
        routers.replaceAll(r -> r.withRole(r.bgp().neighbors().stream().anyMatch(n -> placed.stream()
                .anyMatch(x -> x.addresses().stream().anyMatch(n::covers)))
                ? RouterRole.TOR : RouterRole.SPINE));
        if (helm.speakerVersion() != null) {
            metallb.versionIfUnknown(helm.speakerVersion());
        }
        MetalLb metallbModel = metallb.metallb(helm.install());
        return new Topology(null, null, designName, null,
                new Network(routers, List.copyOf(segments.values()), List.of()),
                new Cluster(null, kubernetes.kubernetesVersion(), List.of(), null, null, placed),
                calicoModel, metallbModel, workloads, null, null);
    }

    private String segmentOf(Node n) {
        for (Segment s : segments.values()) {
            if (s.cidrs().stream().anyMatch(c -> n.addresses().stream().anyMatch(c::contains))) {
                return s.name();
            }
        }
        Segment unplaced = segments.computeIfAbsent("unplaced", k -> new Segment(k, null, null,
                "nodes whose address is on no router's subnet"));
        cx.warn(cx.source(kubernetes.nodes().get(n.name())), "Node " + n.name() + ": address " + n.address()
                + " is on no router interface's subnet; put on segment '" + unplaced.name() + "' (pass the router configs with --router NAME=FILE)",
                Loss.NONE);
        return unplaced.name();
    }

    /** Which node peers with which router: every session must have both ends in the input. */
    private void checkPeerings(List<Node> placed) {
        // every router's interface addresses once: 40 ToRs of 300 neighbours asked each router for each neighbour
        Set<IpAddr> routerAddresses = new HashSet<>();
        routers.forEach(r -> r.interfaces().forEach(i -> i.addresses().forEach(a -> routerAddresses.add(a.host()))));
        for (Router r : routers) {
            for (BgpNeighbor n : r.bgp().neighbors()) {
                boolean node = placed.stream().anyMatch(x -> x.addresses().stream().anyMatch(n::covers));
                boolean router = n.address() != null && routerAddresses.contains(n.address());
                // an interface neighbour peers with whoever is at the link's other end; no address to check
                if (!node && !router && n.interfaceName() == null) {
                    cx.warn(routerFiles.get(r.name()), 0, "router " + r.name() + ": neighbour " + n.label()
                            + " matches no node and no router in the input", Loss.NONE);
                }
            }
        }
        for (CalicoBgpPeer p : calico.peers().values()) {
            p.peerAddress().filter(ip -> routers.stream().noneMatch(r -> r.hasAddress(ip))
                    && placed.stream().noneMatch(x -> x.addresses().contains(ip)) && !routers.isEmpty())
                    .ifPresent(ip -> cx.warnAbout(p, "spec.peerIP", "Calico BGPPeer " + p.name() + ": peerIP " + ip
                            + " is no router's interface in the input", Loss.NONE));
        }
    }
}
