package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.io.ImportWarning;
import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.lab.kube.ClusterSnapshot;
import dev.lbstudio.lab.kube.KubeConnection;
import dev.lbstudio.lab.kube.PushException;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;

/**
 * The import dialog's state: files (Kubernetes/MetalLB/Calico YAML, a MetalLB Helm values file,
 * FRR configs) or a live cluster become a {@link Preview} in a background {@link Task}; the user
 * looks at what was found and what was skipped, then opens it as a new design. The same importer
 * as {@code lbstudio import}, so the warnings are the CLI's. FX thread only.
 */
public final class ImportViewModel {

    /** An imported design before it replaces the open one, with every warning (file:line: message). */
    public record Preview(String source, Topology topology, List<ImportWarning> warnings) {

        /** Each warning as file:line: message. */
        public List<String> warningLines() {
            return warnings.stream().map(ImportWarning::toString).toList();
        }

        /** What was found, one line per kind that is present, e.g. "3 nodes". */
        public List<String> found() {
            List<String> lines = new ArrayList<>();
            count(lines, topology.network().routers().size(), "router");
            count(lines, topology.network().segments().size(), "segment");
            count(lines, topology.cluster().nodes().size(), "node");
            count(lines, topology.workloads().services().size(), "service");
            count(lines, topology.workloads().deployments().size(), "deployment");
            count(lines, topology.workloads().deployments().stream().mapToInt(d -> d.pods().size()).sum(), "pod");
            count(lines, topology.calico().bgpPeers().size(), "Calico BGPPeer");
            count(lines, topology.calico().bgpFilters().size(), "Calico BGPFilter");
            count(lines, topology.calico().ipPools().size(), "Calico IPPool");
            if (topology.metallb() != null) {
                count(lines, topology.metallb().ipAddressPools().size(), "MetalLB IPAddressPool");
                count(lines, topology.metallb().bgpAdvertisements().size(), "MetalLB BGPAdvertisement");
                count(lines, topology.metallb().l2Advertisements().size(), "MetalLB L2Advertisement");
                count(lines, topology.metallb().bgpPeers().size(), "MetalLB BGPPeer");
                count(lines, topology.metallb().bfdProfiles().size(), "MetalLB BFDProfile");
            }
            return lines;
        }

        private static void count(List<String> lines, int n, String what) {
            if (n > 0) {
                lines.add(n + " " + what + (n == 1 ? "" : "s"));
            }
        }
    }

    /** FRR's {@code hostname} line names the router (vtysh's show running-config and frr.conf both have it). */
    private static final Pattern HOSTNAME = Pattern.compile("(?m)^hostname\\s+(\\S+)");

    private final DesignViewModel document;
    private final Executor executor;
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private Consumer<FilesViewModel.Problem> problems = p -> { };
    private Task<Preview> current;

    public ImportViewModel(DesignViewModel document, Executor executor) {
        this.document = document;
        this.executor = executor;
    }

    /** Where failures go (the view shows a dialog naming the thing and the fix). */
    public void onProblem(Consumer<FilesViewModel.Problem> sink) {
        this.problems = sink;
    }

    /**
     * Imports chosen files: {@code .yaml}/{@code .yml}/{@code .json} are manifests or Helm values,
     * anything else an FRR config named by its {@code hostname} line (else by its file name).
     */
    public Task<Preview> importFiles(List<Path> files) {
        String name = files.size() == 1 ? stem(files.get(0)) : parentName(files.get(0));
        return run("Importing " + files.size() + " file" + (files.size() == 1 ? "" : "s"), "Cannot import", () -> {
            Map<String, String> yaml = new LinkedHashMap<>();
            Map<String, ManifestImporter.NamedText> routers = new LinkedHashMap<>();
            List<ImportWarning> skipped = new ArrayList<>();
            for (Path f : files) {
                if (Files.size(f) > ManifestImporter.MAX_FILE_BYTES) {
                    skipped.add(new ImportWarning(f.toString(), 0, 0, "larger than " + ManifestImporter.MAX_FILE_BYTES / (1024 * 1024)
                            + " MiB; skipped (is it really a manifest or a router config?)", ImportWarning.Loss.OBJECT));
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (isYaml(f)) {
                    yaml.put(f.toString(), text);
                } else {
                    routers.put(routerName(f, text), new ManifestImporter.NamedText(f.toString(), text));
                }
            }
            ManifestImporter.Result result = ManifestImporter.importTexts("imported-" + name, yaml, routers);
            skipped.addAll(result.warnings());
            return new Preview(files.size() + " file" + (files.size() == 1 ? "" : "s"), result.topology(), skipped);
        });
    }

    /** Reads the live cluster like {@code lbstudio import --kubeconfig}; cancellable. */
    public Task<Preview> importCluster(Path kubeconfig, String context) {
        String where = (kubeconfig != null ? kubeconfig.toString() : "the default kubeconfig")
                + (context != null && !context.isBlank() ? " (context " + context + ")" : "");
        return run("Reading the cluster from " + where, "Cannot import from the cluster", () -> {
            try (var client = KubeConnection.open(kubeconfig, context == null || context.isBlank() ? null : context)) {
                ManifestImporter.Result result = new ClusterSnapshot(client).importDesign("imported-cluster", Map.of());
                return new Preview("cluster " + client.getMasterUrl(), result.topology(), result.warnings());
            }
        });
    }

    /** A fresh dialog starts empty: no running import, no earlier preview to open by mistake. */
    public void reset() {
        cancel();
        preview.set(null);
    }

    public void cancel() {
        if (current != null && current.isRunning()) {
            current.cancel(true);
        }
    }

    /** Replaces the open document with the preview, unsaved (the caller has asked about unsaved changes). */
    public void openAsNewDesign() {
        Preview p = Optional.ofNullable(preview.get()).orElseThrow(() -> new IllegalStateException("nothing imported"));
        document.load(p.topology(), null);
        document.say("Imported " + p.source() + " with " + p.warnings().size() + " warning"
                + (p.warnings().size() == 1 ? "" : "s") + " (Save As to keep it)");
        preview.set(null);
    }

    /** The kubeconfig kubectl would use: the first file in $KUBECONFIG, else ~/.kube/config. */
    public static Path defaultKubeconfig(Map<String, String> env, Path home) {
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            return Path.of(list.split(java.io.File.pathSeparator)[0]);
        }
        return home.resolve(".kube").resolve("config");
    }

    /** The contexts in a kubeconfig (for the chooser); empty when it cannot be read. */
    public static List<String> contexts(Path kubeconfig) {
        try {
            return KubeConnection.contexts(Files.readString(kubeconfig), kubeconfig);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private Task<Preview> run(String what, String failure, Callable<Preview> work) {
        cancel();
        Task<Preview> task = new Task<>() {
            @Override
            protected Preview call() throws Exception {
                updateMessage(what + " …");
                return work.call();
            }
        };
        progress.bind(task.messageProperty());
        running.set(true);
        preview.set(null);
        task.setOnSucceeded(e -> finish(task, () -> preview.set(task.getValue())));
        task.setOnCancelled(e -> finish(task, () -> document.say("Import cancelled")));
        task.setOnFailed(e -> finish(task, () -> problems.accept(new FilesViewModel.Problem(failure,
                List.of(explain(task.getException()))))));
        current = task;
        executor.execute(task);
        return task;
    }

    private void finish(Task<Preview> task, Runnable then) {
        if (current == task) {
            progress.unbind();
            progress.set("");
            running.set(false);
            current = null;
        }
        then.run();
    }

    /**
     * The CLI's messages: KubeConnection names the kubeconfig and context, PushException the status
     * (401, 403, unreachable) and the fix; only plain I/O needs words here.
     */
    static String explain(Throwable e) {
        if (e instanceof PushException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof InterruptedIOException) {
            return "the import was cancelled";
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "cannot read " + missing.getFile() + ": no such file";
        }
        if (e instanceof IOException) {
            return "cannot read the input: " + e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static boolean isYaml(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /** tor1.frr.conf → tor1; frr.conf in tor1/ → tor1; a hostname line wins over both. */
    static String routerName(Path f, String config) {
        Matcher m = HOSTNAME.matcher(config);
        if (m.find()) {
            return m.group(1);
        }
        String stem = stem(f);
        return stem.equals("frr") && f.toAbsolutePath().getParent() != null ? parentName(f) : stem;
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String parentName(Path f) {
        Path parent = f.toAbsolutePath().getParent();
        return parent != null && parent.getFileName() != null ? parent.getFileName().toString() : "files";
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
