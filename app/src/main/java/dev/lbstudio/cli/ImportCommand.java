package dev.lbstudio.cli;

import dev.lbstudio.io.ImportWarning;
import dev.lbstudio.io.ManifestImporter;
import dev.lbstudio.io.TopologyWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lbstudio import --manifests DIR [--router NAME=FRR_CONFIG ...]}: a design from what already runs. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Build a design from Kubernetes/MetalLB/Calico YAML and FRR router configs; warnings name file:line.")
final class ImportCommand implements Runnable {

    @Option(names = "--manifests", required = true, paramLabel = "DIR",
            description = "Directory of YAML files (multi-document; kubectl get -o yaml output, Helm values).")
    Path manifests;

    @Option(names = "--router", paramLabel = "NAME=FRR_CONFIG", description = "A router's FRR config (frr.conf or show running-config).")
    List<String> routers = List.of();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the design here (default: print it).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The design's name (default: the manifests directory's name).")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!Files.isDirectory(manifests)) {
            throw new UserError("--manifests " + manifests + " is not a directory of YAML files");
        }
        Map<String, Path> configs = new LinkedHashMap<>();
        for (String r : routers) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new UserError("--router " + r + ": write NAME=FILE, e.g. --router tor1=tor1/frr.conf");
            }
            Path file = Path.of(r.substring(eq + 1));
            if (!Files.isRegularFile(file)) {
                throw new UserError("--router " + r + ": " + file + " is not a file");
            }
            configs.put(r.substring(0, eq), file);
        }
        String designName = name != null ? name : "imported-" + manifests.toAbsolutePath().normalize().getFileName();
        ManifestImporter.Result result;
        try {
            result = ManifestImporter.importFrom(designName, manifests, configs);
        } catch (IOException e) {
            throw new UserError("cannot read " + manifests + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (ImportWarning w : result.warnings()) {
            err.println("warning: " + w);
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
                    + result.topology().network().routers().size() + " routers, " + result.warnings().size() + " warnings)");
        }
        o.flush();
    }
}
