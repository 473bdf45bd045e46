package dev.lbstudio.lab.kube;

import dev.lbstudio.io.ImportWarning;
import dev.lbstudio.io.ManifestImporter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes what a cluster runs — Nodes, Services, EndpointSlices, Deployments, Pods, MetalLB and
 * Calico resources — as multi-document YAML files, one per kind, so the manifest importer reads
 * live state exactly as it reads {@code kubectl get -o yaml} output, with the same warnings.
 */
public final class ClusterSnapshot {

    /** One file of the snapshot: a kind, read in every namespace or in {@code namespace} only, keeping what {@code keep} says. */
    private record Source(String file, ResourceDefinitionContext context, String namespace,
                          Predicate<HasMetadata> keep) {
        Source(String file, ResourceDefinitionContext context) {
            this(file, context, null, ClusterSnapshot::notSystem);
        }
    }

    private static final List<Source> CORE = List.of(
            new Source("nodes.yaml", context("", "v1", "Node", "nodes", false)),
            new Source("services.yaml", context("", "v1", "Service", "services", true)),
            new Source("endpointslices.yaml", context("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true)),
            new Source("deployments.yaml", context("apps", "v1", "Deployment", "deployments", true)),
            new Source("pods.yaml", context("", "v1", "Pod", "pods", true)));

    /** Where MetalLB runs unless told otherwise (its manifests and Helm chart default). */
    private static final String METALLB_NAMESPACE = "metallb-system";

    /**
     * MetalLB's speaker DaemonSet: its arguments and environment say how MetalLB announces (FRR,
     * FRR-K8s or native), which the manifest importer reads as it reads exported YAML.
     */
    private static final String HELM_VALUES = "metallb-helm-values.yaml";

    private static Source speaker(String metallbNamespace) {
        return new Source("metallb-speaker.yaml", context("apps", "v1", "DaemonSet", "daemonsets", true), metallbNamespace,
                ClusterSnapshot::isSpeaker);
    }

    private final List<HasMetadata> snapshot = new ArrayList<>();
    private final List<ImportWarning> unread = new ArrayList<>();

    private final KubernetesClient client;

    public ClusterSnapshot(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Reads the cluster (what is installed, then every kind) into a temp directory and imports it
     * with the routers' FRR configs. A null {@code designName} takes the name of the design that
     * pushed the objects (their {@value ClusterPusher#DESIGN} label) when they name one, else
     * {@code imported-cluster}. Warnings name {@code cluster/services.yaml:12}, never the temp
     * path. Stops between kinds when the calling thread is interrupted (a cancelled import).
     */
    public ManifestImporter.Result importDesign(String designName, Map<String, Path> routerConfigs) throws IOException {
        Path dir = Files.createTempDirectory("lbstudio-import-");
        try {
            writeTo(dir, new ClusterInspector(client).inspect(METALLB_NAMESPACE));
            String name = designName != null ? designName : pushedDesign(snapshot).orElse("imported-cluster");
            ManifestImporter.Result result = ManifestImporter.importFrom(name, dir, routerConfigs);
            String prefix = dir + java.io.File.separator;
            List<ImportWarning> warnings = new ArrayList<>(unread);
            result.warnings().stream().map(w -> w.file().startsWith(prefix) ? new ImportWarning("cluster/"
                    + w.file().substring(prefix.length()), w.line(), w.column(), w.message(), w.loss()) : w).forEach(warnings::add);
            return new ManifestImporter.Result(result.topology(), warnings);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes the snapshot into {@code dir}; {@code report} says which versions and APIs to read. */
    public List<Path> writeTo(Path dir, ClusterReport report) throws IOException {
        List<Source> sources = new ArrayList<>(CORE);
        if (report.metallbInstalled()) {
            sources.add(speaker(report.metallbNamespace()));
        }
        for (KindRegistry.Kind kind : KindRegistry.KINDS) {
            if (kind.group().equals("metallb.io") && report.metallbInstalled()) {
                sources.add(new Source("metallb-" + kind.plural() + ".yaml", kind.context()));
            } else if (kind.group().equals("projectcalico.org") && report.calicoInstalled()) {
                // Without the Calico API server the same objects are read from the backing v1 CRDs.
                ResourceDefinitionContext ctx = report.calicoApiServed() ? kind.context()
                        : context("crd.projectcalico.org", "v1", kind.kind(), kind.plural(), false);
                sources.add(new Source("calico-" + kind.plural() + ".yaml", ctx));
            }
        }
        List<Path> written = new ArrayList<>();
        if (report.metallbInstalled()) {
            try {
                Optional<String> values = HelmRelease.metallbValues(client, report.metallbNamespace());
                if (values.isPresent()) {
                    written.add(Files.writeString(dir.resolve(HELM_VALUES), "# values of the deployed MetalLB Helm release\n"
                            + values.get()));
                }
            } catch (PushException e) {
                // an import with a user who may not read Secrets still imports the rest, and says what it left out
                unread.add(new ImportWarning("cluster/" + HELM_VALUES, 0, "MetalLB's Helm values were not read: "
                        + e.getMessage()));
            }
        }
        for (Source source : sources) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("cluster snapshot cancelled");
            }
            List<? extends HasMetadata> items = list(source).stream().filter(source.keep()).toList();
            if (items.isEmpty()) {
                continue;
            }
            StringBuilder yaml = new StringBuilder(header(source, report));
            for (HasMetadata item : items) {
                snapshot.add(item);
                item.getMetadata().setManagedFields(null);
                yaml.append(Serialization.asYaml(item));
            }
            written.add(Files.writeString(dir.resolve(source.file()), yaml.toString()));
        }
        return written;
    }

    /** The design that created the objects, when those carrying our label all name the same one. */
    static java.util.Optional<String> pushedDesign(List<? extends HasMetadata> objects) {
        var designs = objects.stream().map(o -> o.getMetadata().getLabels()).filter(java.util.Objects::nonNull)
                .map(l -> l.get(ClusterPusher.DESIGN)).filter(java.util.Objects::nonNull).distinct().toList();
        return designs.size() == 1 ? java.util.Optional.of(designs.get(0)) : java.util.Optional.empty();
    }

    /**
     * The cluster's own objects are not part of anyone's design: the API server's
     * {@code default/kubernetes} Service and its EndpointSlice, and the workloads in kube-system,
     * kube-public and kube-node-lease. Pushing them back would change the cluster itself.
     */
    static boolean notSystem(HasMetadata item) {
        String ns = item.getMetadata().getNamespace();
        if (ns == null) {
            return true;
        }
        if (!ns.equals("default") && ClusterPusher.SYSTEM_NAMESPACES.contains(ns)) {
            return false;
        }
        Map<String, String> labels = item.getMetadata().getLabels() == null ? Map.of() : item.getMetadata().getLabels();
        boolean apiServer = item.getKind().equals("Service") && item.getMetadata().getName().equals("kubernetes")
                || "kubernetes".equals(labels.get("kubernetes.io/service-name"));
        return !(ns.equals("default") && apiServer);
    }

    private static boolean isSpeaker(HasMetadata item) {
        Map<String, String> labels = item.getMetadata().getLabels() == null ? Map.of() : item.getMetadata().getLabels();
        return "speaker".equals(labels.get("app.kubernetes.io/component")) || "speaker".equals(labels.get("component"))
                || item.getMetadata().getName().contains("speaker");
    }

    /** The importer reads versions from a comment, as it does in files people export by hand. */
    private static String header(Source source, ClusterReport report) {
        String group = source.context().getGroup();
        if (group.equals("metallb.io") && report.metallbVersion() != null) {
            return "# live state of MetalLB " + report.metallbVersion() + "\n";
        }
        if (group.endsWith("projectcalico.org") && report.calicoVersion() != null) {
            return "# live state of Calico " + report.calicoVersion() + "\n";
        }
        return "# live state\n";
    }

    private List<? extends HasMetadata> list(Source source) {
        try {
            var op = client.genericKubernetesResources(source.context());
            return (source.namespace() != null ? op.inNamespace(source.namespace()).list()
                    : source.context().isNamespaceScoped() ? op.inAnyNamespace().list() : op.list()).getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw KubeErrors.explain(e, "list", new ObjectKey(source.context().getGroup().isEmpty()
                    ? source.context().getVersion() : source.context().getGroup() + "/" + source.context().getVersion(),
                    source.context().getKind(), null, "*"));
        }
    }

    private static ResourceDefinitionContext context(String group, String version, String kind, String plural,
                                                     boolean namespaced) {
        return new KindRegistry.Kind(group, version, kind, plural, namespaced).context();
    }
}
