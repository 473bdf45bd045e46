package dev.lbstudio.cli;

import dev.lbstudio.lab.kube.ClusterInspector;
import dev.lbstudio.lab.kube.ClusterPusher;
import dev.lbstudio.lab.kube.ClusterReport;
import dev.lbstudio.lab.kube.Manifests;
import dev.lbstudio.lab.kube.PushException;
import dev.lbstudio.lab.kube.PushPreflight;
import dev.lbstudio.lab.kube.PushPlan;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lbstudio push FILE}: inspect the cluster, show the field-level plan, then (after a yes)
 * server-side apply the design's MetalLB, Calico and workload objects as field manager lbstudio/DESIGN.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push a design to a cluster: check what is installed and allowed, show the plan, apply on confirmation.")
final class PushCommand implements Runnable {

    /** The rendered files that are objects to apply (expected-*.yaml describe the cluster, they are not applied). */
    private static final List<String> APPLIED = List.of("manifests/metallb.yaml", "manifests/calico.yaml",
            "manifests/workloads.yaml");

    @Parameters(paramLabel = "FILE", description = "A design file (YAML)")
    Path file;

    @Mixin
    KubeOptions kube;

    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--force-conflicts", description = "Take over fields another field manager owns (server-side apply force).")
    boolean forceConflicts;

    @Option(names = "--prune", description = "Also delete objects this design created earlier and no longer holds "
            + "(never objects it did not create, nor namespaces holding others' objects).")
    boolean prune;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Topology design = Designs.load(file);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> rendered = Renderer.render(design, Renderer.What.MANIFESTS);
        try (KubernetesClient client = kube.open()) {
            String metallbNamespace = design.metallb() != null ? design.metallb().effectiveNamespace() : "metallb-system";
            ClusterReport report = new ClusterInspector(client).inspect(metallbNamespace);
            out.print(report.describe());
            out.flush();
            if (!report.metallbInstalled()) {
                throw new UserError("MetalLB is not installed in this cluster; install it first (lbstudio render "
                        + file + " --what manifests writes its Helm values)");
            }
            List<GenericKubernetesResource> objects = new ArrayList<>();
            for (String name : APPLIED) {
                if (name.endsWith("calico.yaml") && !report.calicoApiServed()) {
                    out.println("Calico objects are not pushed (no Calico API server); apply them with calicoctl:");
                    out.print(rendered.getOrDefault("manifests/calicoctl.sh", ""));
                    continue;
                }
                if (rendered.containsKey(name)) {
                    objects.addAll(Manifests.parse(name, rendered.get(name)));
                }
            }
            ClusterPusher pusher = pusher(client, design.name());
            PushPreflight preflight = pusher.preflight(objects, prune);
            out.print(preflight.describe());
            out.flush();
            if (!preflight.ready()) {
                throw new UserError(notReady(preflight, metallbNamespace));
            }
            PushPlan plan = pusher.plan(objects, forceConflicts, prune);
            out.println(plan.describe());
            out.flush();
            if (dryRun || !plan.hasChanges()) {
                return;
            }
            plan.refusal().ifPresent(why -> {
                throw new UserError(why);
            });
            if (!yes && !confirmed(out, "Apply this plan? [y/N] ")) {
                out.println("nothing applied");
                return;
            }
            pusher.apply(plan, forceConflicts, change -> {
                out.println("  done: " + change.action().name().toLowerCase() + " " + change.key()
                        + (change.note().isEmpty() ? "" : ": " + change.note()));
                out.flush();
            });
            out.println("pushed design " + design.name());
        } catch (PushException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static ClusterPusher pusher(KubernetesClient client, String design) {
        try {
            return new ClusterPusher(client, design);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Every gap at once, before any write: what to grant, which namespace to create. */
    private static String notReady(PushPreflight preflight, String metallbNamespace) {
        List<String> parts = new ArrayList<>();
        if (!preflight.missingPermissions().isEmpty()) {
            parts.add("the kubeconfig user lacks " + preflight.missingPermissions().size()
                    + " permission(s) this push needs (listed above)");
        }
        for (String ns : preflight.missingNamespaces()) {
            parts.add("namespace " + ns + " does not exist" + (ns.equals(metallbNamespace)
                    ? " (MetalLB's namespace: install MetalLB there, or set metallb.namespace in the design to where it runs)"
                    : ""));
        }
        return String.join("; ", parts) + "; nothing was changed";
    }

    /** Asks on standard input; no answer (not a terminal, closed input) is a clear error, never a yes. */
    static boolean confirmed(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                throw new UserError("no answer on standard input; re-run with --yes to apply or --dry-run to only look");
            }
            return answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes");
        } catch (IOException e) {
            throw new UserError("cannot read the answer: " + e.getMessage());
        }
    }
}
