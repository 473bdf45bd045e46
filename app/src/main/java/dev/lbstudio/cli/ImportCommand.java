package dev.lbstudio.cli;

import dev.lbstudio.io.ImportWarning;
import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.io.TopologyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.lbstudio.lab.kube.ClusterSnapshot;
import dev.lbstudio.lab.kube.PushException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lbstudio import --manifests DIR | --kubeconfig K [--router NAME=SOURCE ...]}: a design from
 * what already runs, read from exported YAML or live from a cluster and its routers.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Build a design from Kubernetes/MetalLB/Calico YAML (or a live cluster) and FRR router configs; "
                + "warnings name file:line:column.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the design holds everything the input gave (or --allow-lossy)",
                "1:the design was written, but a value or object was left out or a reference left dangling",
                "2:unusable input (no such directory, unreadable cluster, bad arguments)"})
final class ImportCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--manifests", paramLabel = "DIR",
            description = "Directory of YAML files (multi-document; kubectl get -o yaml output, Helm values).")
    Path manifests;

    @Mixin
    KubeOptions kube;

    @Mixin
    RouterOptions routerOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the design here (default: print it).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The design's name (default: the manifests directory's "
            + "name; from a cluster, the design that pushed its objects, else imported-cluster).")
    String name;

    @Option(names = "--allow-lossy",
            description = "Exit 0 even when the import left out values or objects or kept dangling references (they are still warned about).")
    boolean allowLossy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private ManifestImporter.Result live(String designName, Map<String, Path> configs) throws IOException {
        try (var client = kube.open()) {
            return new ClusterSnapshot(client).importDesign(designName, configs);
        } catch (PushException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    @Override
    public Integer call() {
        boolean live = kube.kubeconfig != null || kube.context != null;
        if (live == (manifests != null)) {
            throw new UserError("give either --manifests DIR (exported YAML) or --kubeconfig/--context (a live cluster)");
        }
        if (manifests != null && !Files.isDirectory(manifests)) {
            throw new UserError("--manifests " + manifests + " is not a directory of YAML files");
        }
        ManifestImporter.Result result;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("lbstudio-import-");
            Map<String, Path> configs = routerOptions.configs(scratch);
            // a live cluster names the design from the label our push left, when there is one
            String designName = name != null ? name
                    : live ? null : "imported-" + manifests.toAbsolutePath().normalize().getFileName();
            result = live ? live(designName, configs) : ManifestImporter.importFrom(designName, manifests, configs);
        } catch (IOException e) {
            throw new UserError("cannot read " + (manifests != null ? manifests : "the cluster snapshot") + ": " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (ImportWarning w : result.warnings()) {
            err.println("warning: " + w);
        }
        String lost = lossSummary(result);
        if (!lost.isEmpty()) {
            err.println("import lost " + lost + (allowLossy ? " (accepted: --allow-lossy)" : "; exit code 1 (--allow-lossy accepts this)"));
        }
        err.flush();
        String yaml = TopologyWriter.toYaml(result.topology());
        PrintWriter o = spec.commandLine().getOut();
        if (out == null) {
            o.print(yaml);
        } else {
            try {
                TopologyWriter.writeAtomically(out, yaml);
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
            o.println("wrote " + out + " (" + result.topology().cluster().nodes().size() + " nodes, "
                    + result.topology().network().routers().size() + " routers, " + result.warnings().size() + " warnings"
                    + (lost.isEmpty() ? "" : "; lost " + lost) + ")");
        }
        o.flush();
        return lost.isEmpty() || allowLossy ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** "2 values, 1 object, 1 dangling reference", or empty when nothing was lost. */
    static String lossSummary(ManifestImporter.Result result) {
        List<String> parts = new java.util.ArrayList<>();
        count(parts, result.count(ImportWarning.Loss.FIELD), "value");
        count(parts, result.count(ImportWarning.Loss.OBJECT), "object");
        count(parts, result.count(ImportWarning.Loss.DANGLING), "dangling reference");
        return String.join(", ", parts);
    }

    private static void count(List<String> parts, long n, String what) {
        if (n > 0) {
            parts.add(n + " " + what + (n == 1 ? "" : "s"));
        }
    }
}
