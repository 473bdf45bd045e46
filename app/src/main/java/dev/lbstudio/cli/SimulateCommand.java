package dev.lbstudio.cli;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio simulate FILE --scenario NAME}: a failover on the virtual clock, timeline and outages. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a failover scenario on a virtual clock: BGP session and route changes with their causes, "
                + "probe results and the outage of every flow. Without --scenario, list the scenarios: built-ins plus "
                + "those in FILE's <name>.scenarios.yaml.")
final class SimulateCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "A design file (YAML)")
    Path file;

    @Option(names = "--scenario", paramLabel = "NAME", description = "e.g. node-crash, bird-restart, pod-relocation")
    String scenario;

    @Mixin
    FormatOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Topology t = Designs.load(file);
        Map<String, Scenario> all;
        try {
            all = Scenarios.forDesign(file, t);
        } catch (TopologyLoadException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (scenario == null) {
            out.println("Scenarios for " + t.name() + " (run one with --scenario NAME):");
            all.values().forEach(s -> out.println("  " + RoutesCommand.pad(s.name(), 20) + " "
                    + (s.description() != null ? s.description() : s.steps().size() + " step(s)")));
            out.flush();
            return;
        }
        Scenario chosen = all.get(scenario);
        if (chosen == null) {
            throw new UserError("no scenario '" + scenario + "' for " + file + "; available: " + String.join(", ", all.keySet()));
        }
        SimulationResult result;
        try {
            result = Simulator.run(t, chosen);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (output.json()) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("scenario", chosen.name());
            root.put("duration", result.duration());
            root.put("events", result.events().stream().map(e -> JsonOutput.tree(e, LabEvent.class)).toList());
            root.put("outages", result.outages());
            out.println(JsonOutput.write(root));
        } else {
            text(out, chosen, result);
        }
        out.flush();
    }

    private static void text(PrintWriter out, Scenario s, SimulationResult r) {
        out.println("Scenario " + s.name() + (s.description() != null ? ": " + s.description() : ""));
        out.println("Simulated " + seconds(r.duration()) + " s on a virtual clock.");
        out.println();
        out.println("Timeline");
        for (LabEvent e : r.events()) {
            out.println("  " + String.format(Locale.ROOT, "%9s", seconds(e.at())) + "  " + line(e));
        }
        out.println();
        out.println("Outage per probe flow (first failed probe to the end of the last one)");
        for (SimulationResult.FlowOutage o : r.outages()) {
            out.println("  " + RoutesCommand.pad(o.flow(), 36) + " " + (o.failures() == 0 ? "no failure"
                    : o.failures() + " of " + o.probes() + " probes failed, " + seconds(o.total()) + " s: "
                    + o.windows().stream().map(w -> seconds(w.start()) + "–" + seconds(w.end()))
                    .collect(Collectors.joining(", "))));
        }
        long clean = r.outages().stream().filter(o -> o.failures() == 0).count();
        out.println("Worst outage " + seconds(r.worstOutage()) + " s; " + clean + " of " + r.outages().size()
                + " flows never failed.");
    }

    static String line(LabEvent e) {
        if (e instanceof LabEvent.StepApplied s) {
            return "step   " + s.description();
        } else if (e instanceof LabEvent.SessionChanged s) {
            return "bgp    " + s.router().name() + " ↔ " + s.peer().name() + ": " + word(s.from()) + " → " + word(s.to())
                    + (s.reason() != null ? " (" + s.reason() + ")" : "");
        } else if (e instanceof LabEvent.RouteChanged c) {
            return "fib    " + c.router().name() + " " + c.prefix() + ": " + hops(c.before()) + " → " + hops(c.after())
                    + (c.reason() != null ? " (" + c.reason() + ")" : "");
        } else if (e instanceof LabEvent.ProbeSample p) {
            return "probe  " + p.flow() + ": " + (p.ok() ? "ok, " + p.pod().name() + " sees " + p.sourceSeenByPod() : "failing");
        } else if (e instanceof LabEvent.Note n) {
            return "note   " + (n.severity() == LabEvent.Severity.WARNING ? "warning: " : "") + n.text();
        }
        return e.toString();
    }

    private static String word(LabEvent.SessionState s) {
        String w = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String hops(List<IpAddr> hops) {
        return hops.isEmpty() ? "(no route)" : hops.stream().map(IpAddr::toString).collect(Collectors.joining(", "));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
