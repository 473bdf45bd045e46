package dev.lbstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.api.Lab;
import dev.lbstudio.lab.api.LabTimeouts;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.netns.LabException;
import dev.lbstudio.lab.netns.LabNames;
import dev.lbstudio.lab.netns.Labs;
import dev.lbstudio.lab.frr.FrrPoller;
import dev.lbstudio.lab.kube.ClusterLab;
import dev.lbstudio.lab.netns.NetnsBackend;
import dev.lbstudio.lab.netns.RenderConfigs;
import dev.lbstudio.lab.netns.Teardown;
import dev.lbstudio.lab.sim.SimLab;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Step;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio lab up|trigger|status|down|run}: the real routing lab in network namespaces (issue 6). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the design as a real routing lab in network namespaces: FRR ToRs, BIRD nodes configured "
                + "as Calico does, kube-proxy NAT, pods and clients; or as the simulated lab with --backend sim.",
        footer = {"", "Timeouts: every call to FRR (vtysh) or BIRD (birdc) gives up after "
                + LabTimeouts.DAEMON_CALL_SECONDS + " s and every other command of a trigger after "
                + LabTimeouts.STEP_COMMAND_SECONDS + " s, naming what did not answer; `lab status` spends at most "
                + LabTimeouts.STATUS_PER_ROUTER_SECONDS + " s per ToR; `lab down` gives processes "
                + LabTimeouts.TEARDOWN_GRACE_SECONDS + " s after SIGTERM, then SIGKILLs them (hung ones too)."},
        subcommands = {LabCommand.Up.class, LabCommand.Trigger.class, LabCommand.Status.class, LabCommand.Down.class,
                LabCommand.Run.class})
final class LabCommand implements Runnable {

    static final Path STATE_ROOT = LabNames.DEFAULT_STATE_ROOT;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Refuses with what is missing and how to get it, before anything is created. */
    static void requireNetns() {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            throw new UserError("the namespace lab cannot run here (use --backend sim instead):\n" + report.describe());
        }
    }

    /** A namespace lab that reports its bring-up on stderr, so stdout keeps only the result. */
    static NetnsBackend netns(picocli.CommandLine.Model.CommandSpec spec) {
        requireNetns();
        PrintWriter err = spec.commandLine().getErr();
        return new NetnsBackend(new RenderConfigs(), STATE_ROOT, p -> {
            err.println("lab: " + p + " …");
            err.flush();
        });
    }

    /** The design file and the backend, shared by `lab up` and `lab run`. */
    static final class DesignAndBackend {
        @Parameters(paramLabel = "FILE", description = "A design file (YAML)")
        Path file;

        @Option(names = "--backend", defaultValue = "netns", description = "netns (default), sim, or cluster")
        String backend;

        @Mixin
        KubeOptions kube;

        @Mixin
        RouterOptions routers;

        @Option(names = "--allow-router-triggers", description = "cluster backend: let scenario steps reset BGP sessions "
                + "on the --router routers (off by default: it changes a live router)")
        boolean routerTriggers;

        @Option(names = "--yes", description = "cluster backend: apply the scenario's steps without asking")
        boolean yes;

        /** The cluster backend; {@code opened} collects the connections to close afterwards. */
        ClusterLab cluster(List<AutoCloseable> opened) {
            var client = kube.open();
            opened.add(client);
            return new ClusterLab(client, routers.liveRouters(opened), routerTriggers, FrrPoller.DEFAULT_INTERVAL);
        }
    }

    static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a connection cannot fail in a way the user could act on
            }
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start the design as a namespace lab and leave it running; `lbstudio lab down` removes it.")
    static final class Up implements Runnable {
        @Mixin
        DesignAndBackend target;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Topology t = Designs.load(target.file);
            if (target.backend.equals("cluster")) {
                attachToCluster(t);
                return;
            }
            if (!target.backend.equals("netns")) {
                throw new UserError("the simulated lab keeps nothing running; use `lbstudio lab run FILE --scenario NAME"
                        + " --backend sim` or `lbstudio simulate`");
            }
            long t0 = System.nanoTime();
            NetnsBackend lab = netns(spec);
            try {
                lab.start(t);
            } catch (LabException e) {
                lab.stop();
                throw new UserError("the lab did not come up: " + e.getMessage());
            }
            LabNames names = lab.detach();
            PrintWriter out = spec.commandLine().getOut();
            out.println("Lab " + names.labId() + " of " + t.name() + " is up after "
                    + SimulateCommand.seconds(Duration.ofNanos(System.nanoTime() - t0)) + " s: every BGP session"
                    + " Established and every ToR FIB as predicted.");
            out.println("Trigger failures with `lbstudio lab trigger ACTION key=value…`; remove it with `lbstudio lab down`.");
            out.flush();
        }

        @Option(names = "--for", paramLabel = "SECONDS", description = "cluster backend: stop after this many seconds")
        Long seconds;

        /** A cluster lab has nothing to leave running: it attaches and prints events until Ctrl-C or --for. */
        private void attachToCluster(Topology t) {
            PrintWriter out = spec.commandLine().getOut();
            List<AutoCloseable> opened = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ClusterLab lab = target.cluster(opened);
                opened.add(0, lab);
                lab.events().consume(e -> {
                    synchronized (out) {
                        out.println(String.format("%9s", SimulateCommand.seconds(e.at())) + "  " + SimulateCommand.line(e));
                        out.flush();
                    }
                });
                lab.start(t);
                if (seconds != null) {
                    stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (dev.lbstudio.lab.kube.PushException | dev.lbstudio.lab.netns.LabException e) {
                throw new UserError(e.getMessage());
            } finally {
                closeAll(opened);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook already ran
                }
            }
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Apply a scenario step to the running lab now, e.g. `lab trigger node-crash node=node-1` or "
                    + "`lab trigger pod-relocation pod=web-1 to=node-3 delay=5s`. Each FRR/BIRD call gives up after "
                    + LabTimeouts.DAEMON_CALL_SECONDS + " s, each other command after " + LabTimeouts.STEP_COMMAND_SECONDS
                    + " s; the trigger then fails naming it.")
    static final class Trigger implements Runnable {
        @Parameters(index = "0", paramLabel = "ACTION", description = "node-crash, node-shutdown, bird-restart, "
                + "bird-hang, link-down, link-up, session-reset, pod-relocation, router-timers")
        String action;

        @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "the step's fields, as in a scenario file")
        List<String> fields = List.of();

        @Option(names = "--lab", paramLabel = "ID", description = "which lab (default: the only one running)")
        String labId;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            requireNetns();
            Step step = step(action, fields);
            LabNames names = only(labId);
            try {
                NetnsBackend lab = NetnsBackend.attach(names, new RenderConfigs());
                lab.apply(step);
                // A step with a follow-up (a pod ready after its delay, BIRD back after downFor) finishes here: this
                // JVM is the only one that would run it.
                lab.finishFollowUps();
                lab.saveDesign();
            } catch (LabException e) {
                throw new UserError(e.getMessage());
            }
            spec.commandLine().getOut().println("Lab " + names.labId() + ": " + step.describe());
            spec.commandLine().getOut().flush();
        }
    }

    /** A step from the command line, through the same JSON binding as scenario files. */
    static Step step(String action, List<String> fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action);
        map.put("at", "0s");
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new UserError("'" + f + "' is not KEY=VALUE, e.g. node=node-1");
            }
            map.put(f.substring(0, eq), f.substring(eq + 1));
        }
        try {
            return new ObjectMapper().convertValue(map, Step.class);
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot make a '" + action + "' step of " + fields + ": "
                    + e.getMessage().split("\n")[0]);
        }
    }

    /** The detached lab meant: --lab ID, or the only one (labs driven by a running lbstudio are not ours to touch). */
    static LabNames only(String labId) {
        List<Labs.Info> labs = Labs.list(STATE_ROOT).stream().filter(Labs.Info::detached).toList();
        if (labId != null) {
            return labs.stream().map(Labs.Info::names).filter(n -> n.labId().equals(labId)).findFirst()
                    .orElseThrow(() -> new UserError("no lab " + labId + " is running; `lbstudio lab status` lists them"));
        }
        if (labs.size() != 1) {
            throw new UserError(labs.isEmpty() ? "no lab is running; start one with `lbstudio lab up FILE`"
                    : "several labs are running; pick one with --lab ID (see `lbstudio lab status`)");
        }
        return labs.get(0).names();
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List the running labs, their sessions and "
            + "routes. A ToR whose FRR does not answer within " + LabTimeouts.STATUS_PER_ROUTER_SECONDS
            + " s is shown as such and the next one follows.")
    static final class Status implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            List<Labs.Info> labs = Labs.list(STATE_ROOT);
            if (labs.isEmpty()) {
                out.println("No lab is running.");
            }
            for (Labs.Info info : labs) {
                out.println("Lab " + info.names().labId() + (info.detached() ? " (running on its own)"
                        : info.ownerAlive() ? " (driven by a running lbstudio)" : " (abandoned: the next start removes it)"));
                if (!info.detached()) {
                    continue;
                }
                NetnsBackend lab;
                try {
                    lab = NetnsBackend.attach(info.names(), new RenderConfigs());
                } catch (LabException e) {
                    out.println("  " + e.getMessage());
                    continue;
                }
                out.println("  design " + lab.topology().name());
                var dead = lab.deadDaemons();
                dead.forEach(d -> out.println("  WARNING: " + d.describe()));
                for (String router : info.routers()) {
                    // vtysh has nothing to ask on a ToR whose FRR died; asking would only fail after its timeout.
                    if (dead.stream().anyMatch(d -> d.where().kind() == dev.lbstudio.model.ElementKind.ROUTER
                            && d.where().name().equals(router) && !d.daemon().equals("bfdd"))) {
                        out.println("  " + router + ": no sessions or routes to show (FRR is not running)");
                        continue;
                    }
                    dev.lbstudio.lab.api.RouterSnapshot snapshot;
                    try {
                        snapshot = lab.snapshot(router);
                    } catch (LabException e) {
                        // A hung FRR (SIGSTOP, a blocked vty) costs one bounded call, then the next ToR is shown.
                        out.println("  " + router + ": FRR did not answer: " + e.getMessage());
                        continue;
                    }
                    long up = snapshot.sessions().values().stream().filter(s -> s == LabEvent.SessionState.ESTABLISHED).count();
                    out.println("  " + router + ": " + up + "/" + snapshot.sessions().size() + " sessions Established");
                    snapshot.bgpFib().forEach((prefix, hops) -> out.println("    " + prefix + " via " + hops.stream()
                            .map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("-")));
                }
            }
            out.flush();
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove labs started with `lab up` (all, or --lab ID) and leftovers of crashed runs: SIGTERM, "
                    + LabTimeouts.TEARDOWN_GRACE_SECONDS + " s grace, SIGKILL, then the namespaces and state.")
    static final class Down implements Runnable {
        @Option(names = "--lab", paramLabel = "ID", description = "only this lab")
        String labId;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            requireNetns();
            PrintWriter out = spec.commandLine().getOut();
            List<Labs.Info> labs = Labs.list(STATE_ROOT).stream().filter(Labs.Info::detached)
                    .filter(i -> labId == null || i.names().labId().equals(labId)).toList();
            if (labId != null && labs.isEmpty()) {
                throw new UserError("no lab " + labId + "; `lbstudio lab status` lists them");
            }
            List<String> failed = new java.util.ArrayList<>();
            for (Labs.Info info : labs) {
                try {
                    Teardown.run(info.names());
                    out.println("Lab " + info.names().labId() + " removed.");
                } catch (LabException e) {
                    failed.add(e.getMessage());
                }
            }
            if (!failed.isEmpty()) {
                out.flush();
                throw new UserError(String.join("; ", failed) + " (run `lbstudio lab down` again, as root)");
            }
            List<String> swept = Teardown.sweep(STATE_ROOT);
            swept.forEach(id -> out.println("Leftovers of lab " + id + " removed."));
            if (labs.isEmpty() && swept.isEmpty()) {
                out.println("No lab to remove.");
            }
            out.flush();
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Bring the lab up, run a scenario with probe traffic, print the measured timeline and outage per "
                    + "flow next to the simulator's prediction, and remove the lab.")
    static final class Run implements Runnable {
        @Mixin
        DesignAndBackend target;

        @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "see `lbstudio simulate FILE`")
        String scenario;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            Path file = target.file;
            String backend = target.backend;
            Topology t = Designs.load(file);
            Scenario chosen;
            try {
                chosen = Optional.ofNullable(Scenarios.forDesign(file, t).get(scenario)).orElseThrow(() -> new UserError(
                        "no scenario '" + scenario + "' for " + file + "; `lbstudio simulate " + file + "` lists them"));
            } catch (TopologyLoadException e) {
                throw new UserError(e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            SimLab sim = new SimLab();
            sim.start(t);
            RunResult predicted = sim.run(chosen);
            RunResult measured = predicted;
            if (backend.equals("netns")) {
                try (Lab lab = netns(spec)) {
                    lab.start(t);
                    err.println("lab: running " + chosen.name() + " for "
                            + SimulateCommand.seconds(chosen.effectiveDuration()) + " s …");
                    err.flush();
                    measured = lab.run(chosen);
                } catch (LabException e) {
                    throw new UserError("the lab run failed: " + e.getMessage());
                }
            } else if (backend.equals("cluster")) {
                measured = runOnCluster(spec.commandLine().getOut(), target, t, chosen);
            } else if (!backend.equals("sim")) {
                throw new UserError("unknown backend '" + backend + "'; use netns, sim or cluster");
            }
            print(spec.commandLine().getOut(), chosen, measured, predicted, backend);
        }
    }

    /** Each step changes a real cluster, so the user sees them all and says yes first (or passed --yes). */
    static RunResult runOnCluster(PrintWriter out, DesignAndBackend target, Topology t, Scenario chosen) {
        out.println("On the real cluster this run will:");
        chosen.steps().forEach(s -> out.println("  at " + SimulateCommand.seconds(s.time()) + " s: " + s.describe()));
        out.flush();
        if (!target.yes && !PushCommand.confirmed(out, "Run these steps on the cluster? [y/N] ")) {
            throw new UserError("nothing was done");
        }
        List<AutoCloseable> opened = new java.util.ArrayList<>();
        try {
            ClusterLab lab = target.cluster(opened);
            opened.add(0, lab);
            lab.start(t);
            return lab.run(chosen);
        } catch (IllegalArgumentException | dev.lbstudio.lab.kube.PushException | dev.lbstudio.lab.netns.LabException e) {
            throw new UserError("the cluster run stopped: " + e.getMessage());
        } finally {
            closeAll(opened);
        }
    }

    static void print(PrintWriter out, Scenario s, RunResult measured, RunResult predicted, String backend) {
        out.println("Scenario " + s.name() + (s.description() != null ? ": " + s.description() : "")
                + (backend.equals("sim") ? " (simulated)" : backend.equals("cluster")
                ? " (applied to the real cluster; it sends no probe traffic, so no outage is measured)"
                : " (measured in the namespace lab)"));
        out.println();
        out.println("Timeline");
        measured.events().stream().filter(e -> !(e instanceof LabEvent.ProbeSample p) || !p.ok())
                .limit(200).forEach(e -> out.println("  " + String.format("%9s", SimulateCommand.seconds(e.at())) + "  "
                        + SimulateCommand.line(e)));
        out.println();
        boolean sim = backend.equals("sim");
        out.println(sim ? "Outage per probe flow (simulated)" : "Outage per probe flow: measured | simulated");
        Map<String, SimulationResult.FlowOutage> simulated = new LinkedHashMap<>();
        predicted.outages().forEach(o -> simulated.put(o.flow(), o));
        for (SimulationResult.FlowOutage o : measured.outages()) {
            SimulationResult.FlowOutage p = simulated.get(o.flow());
            out.println("  " + RoutesCommand.pad(o.flow(), 34) + " " + SimulateCommand.seconds(o.total()) + " s ("
                    + o.failures() + "/" + o.probes() + " failed)"
                    + (sim ? "" : " | " + (p == null ? "-" : SimulateCommand.seconds(p.total()) + " s")));
        }
        out.println(sim ? "Worst outage " + SimulateCommand.seconds(predicted.worstOutage()) + " s."
                : "Worst outage: measured " + SimulateCommand.seconds(measured.worstOutage()) + " s, simulated "
                + SimulateCommand.seconds(predicted.worstOutage()) + " s.");
        out.flush();
    }
}
