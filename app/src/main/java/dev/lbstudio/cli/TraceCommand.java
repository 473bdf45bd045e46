package dev.lbstudio.cli;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.DataPlane;
import dev.lbstudio.routing.Flow;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio trace FILE --from CLIENT --to IP:PORT}: walk packets hop by hop. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Walk flows from a client to a service: router FIB and ECMP choice, kube-proxy DNAT/SNAT, the pod and "
                + "the source address it sees, or why the packet dies.")
final class TraceCommand implements Runnable {

    /** Above this many flows, the per-flow lines would drown the summary. */
    private static final int PER_FLOW_LINES = 32;

    @Parameters(paramLabel = "FILE", description = "A design file (YAML)")
    Path file;

    @Option(names = "--from", required = true, paramLabel = "CLIENT", description = "A client of the design, e.g. client1")
    String from;

    @Option(names = "--to", required = true, paramLabel = "IP:PORT", description = "Destination, e.g. 10.208.1.1:80")
    String to;

    @Option(names = "--flows", paramLabel = "N", defaultValue = "1",
            description = "How many flows (distinct source ports, so ECMP spreads them). Default: ${DEFAULT-VALUE}")
    int flows;

    @Mixin
    FormatOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (flows < 1 || flows > 100_000) {
            throw new UserError("--flows must be between 1 and 100000, not " + flows);
        }
        Topology t = Designs.load(file);
        Client client = t.client(from).orElseThrow(() -> new UserError("no client named '" + from + "' in " + file
                + "; clients: " + t.network().clients().stream().map(Client::name).toList()));
        int colon = to.lastIndexOf(':');
        IpAddr ip;
        int port;
        try {
            ip = IpAddr.parse(to.substring(0, Math.max(0, colon)));
            port = Integer.parseInt(to.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new UserError("--to '" + to + "' is not IP:PORT, e.g. 10.208.1.1:80");
        }
        DataPlane dp = new DataPlane(RoutingEngine.compute(t));
        List<Trace> traces = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            traces.add(dp.trace(client, Flow.probe(client, ip, port, i)));
        }
        DataPlane.Spread spread = dp.spread(from, ip, port, flows);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("flows", traces);
            root.put("summary", spread);
            out.println(JsonOutput.write(root));
        } else if (flows == 1) {
            detail(out, traces.get(0));
        } else {
            summary(out, traces, spread);
        }
        out.flush();
    }

    private static void detail(PrintWriter out, Trace tr) {
        out.println("Flow " + tr.flow());
        int n = 1;
        for (Trace.Hop h : tr.hops()) {
            out.println("  " + n++ + ". " + RoutesCommand.pad(h.at().name(), 14) + " " + h.action());
            out.println("     " + " ".repeat(14) + " src " + h.source() + " → dst "
                    + (h.destination() != null ? h.destination() : "pod") + ":" + h.destinationPort());
        }
        out.println(outcome(tr));
        if (tr.assumed()) {
            out.println("Note: a router had more equal paths than maximum-paths; the walk assumed one of them.");
        }
    }

    private static String outcome(Trace tr) {
        if (tr.delivered()) {
            boolean kept = tr.sourceSeenByPod().equals(tr.flow().source());
            return "Delivered to " + tr.pod().name() + " via " + tr.node().name() + "; the pod sees source "
                    + tr.sourceSeenByPod() + (kept ? " (the client's address)" : " (SNAT to the node's address)");
        }
        return "Dropped" + (tr.node() != null ? " at " + tr.node().name() : "") + ": " + tr.drop().description();
    }

    private static void summary(PrintWriter out, List<Trace> traces, DataPlane.Spread s) {
        Trace first = traces.get(0);
        out.println(s.flows() + " flows " + first.flow().source() + " → " + first.flow().destination() + ":"
                + first.flow().destinationPort() + ": " + s.delivered() + " delivered ("
                + Math.round(100 * s.deliveredShare()) + "%), " + (s.flows() - s.delivered()) + " dropped");
        out.println("  by node:  " + counts(s.byNode()));
        if (!s.byPod().isEmpty()) {
            out.println("  by pod:   " + counts(s.byPod()));
        }
        s.drops().forEach((drop, count) -> out.println("  dropped:  " + count + " × " + drop.description()));
        Map<String, Long> sources = traces.stream().filter(Trace::delivered).collect(Collectors.groupingBy(
                t -> t.sourceSeenByPod() + (t.sourceSeenByPod().equals(t.flow().source()) ? " (client)" : " (node, SNAT)"),
                TreeMap::new, Collectors.counting()));
        if (!sources.isEmpty()) {
            out.println("  pods see: " + sources.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (s.assumed()) {
            out.println("  note: a router had more equal paths than maximum-paths; which ones it installs depends on "
                    + "session start order, so these shares assume one choice");
        }
        if (traces.size() <= PER_FLOW_LINES) {
            out.println();
            for (Trace t : traces) {
                String path = t.hops().stream().skip(1).map(h -> h.at().name()).collect(Collectors.joining(" → "));
                out.println("  :" + t.flow().sourcePort() + "  " + path + "  " + (t.delivered()
                        ? "ok, pod sees " + t.sourceSeenByPod() : "dropped: " + t.drop().name()));
            }
        }
    }

    private static String counts(Map<ElementId, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
