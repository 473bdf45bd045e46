package dev.lbstudio.cli;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.PathStatus;
import dev.lbstudio.routing.RibRoute;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Session;
import dev.lbstudio.routing.SessionPlan;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.routing.UnroutedInstance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio routes FILE}: the predicted BGP sessions, RIBs with reasons, and FIBs. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Predict BGP: sessions, each router's RIB (every path with its decision and reason) and FIB.")
final class RoutesCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "A design file (YAML), e.g. samples/seed-local-policy.yaml")
    Path file;

    @Option(names = "--router", paramLabel = "NAME",
            description = "Only this router or node (nodes are Calico BGP speakers too). Default: every router.")
    String router;

    @Mixin
    FormatOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Topology t = Designs.load(file);
        RoutingState state = RoutingEngine.compute(t);
        List<Speaker> shown = speakers(state.plan());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(JsonOutput.write(json(state, shown)));
        } else {
            text(out, state, shown);
        }
        out.flush();
    }

    private List<Speaker> speakers(SessionPlan plan) {
        if (router == null) {
            return plan.speakers().stream().filter(s -> !s.isNode()).toList();
        }
        return plan.speakers().stream().filter(s -> s.name().equals(router)).findFirst().map(List::of)
                .orElseThrow(() -> new UserError("no router or node named '" + router + "' in " + file + "; routers: "
                        + plan.speakers().stream().filter(s -> !s.isNode()).map(Speaker::name).toList()));
    }

    private static void text(PrintWriter out, RoutingState state, List<Speaker> shown) {
        SessionPlan plan = state.plan();
        out.println("BGP sessions (" + plan.sessions().size() + " established)");
        for (Session s : plan.sessions()) {
            out.println("  " + plan.speakers().get(s.a()).name() + " ↔ " + plan.speakers().get(s.b()).name() + "  "
                    + (s.type() == Session.Type.EBGP ? "eBGP" : "iBGP") + "  (" + s.origin() + ")");
        }
        for (SessionPlan.Unestablished u : plan.unestablished()) {
            out.println("  not established: " + u.from().name() + " → " + u.to().name() + ": " + u.reason());
        }
        for (UnroutedInstance i : state.unroutedInstances()) {
            out.println("  not routed: " + i.router().name() + " router bgp " + i.asn() + (i.reason() == UnroutedInstance.Reason
                    .VIEW_INSTANCE ? " view " : " vrf ") + i.name() + (i.neighbors().isEmpty() ? "" : " (neighbours "
                    + String.join(", ", i.neighbors()) + ")") + ": " + i.reason().description());
        }
        for (Speaker s : shown) {
            out.println();
            out.println((s.isNode() ? "Node " : "Router ") + s.name() + " (AS" + s.asn() + ", router-id " + s.routerId() + ")");
            Map<IpPrefix, List<RibRoute>> rib = state.rib(s.id()).stream()
                    .collect(Collectors.groupingBy(RibRoute::prefix, LinkedHashMap::new, Collectors.toList()));
            out.println("  RIB" + (rib.isEmpty() ? ": no BGP routes" : ""));
            rib.forEach((prefix, paths) -> {
                out.println("    " + prefix);
                for (RibRoute r : paths) {
                    out.println("      " + marker(r.status()) + " " + pad(r.from() == null ? "(local)" : r.from().name(), 12)
                            + " via " + pad(r.nextHop().toString(), 15) + " AS path " + pad(r.asPath().isEmpty() ? "(empty)"
                            : r.asPathText(), 12) + " " + pad(r.status().name().toLowerCase(), 9)
                            + (r.stale() ? " stale" : "") + " " + r.reason().description()
                            + (r.origin() != null && r.from() != null && !r.origin().equals(r.from())
                            ? " [originated by " + r.origin().name() + "]" : ""));
                }
            });
            out.println("  FIB");
            for (FibEntry f : state.fib(s.id())) {
                out.println("    " + pad(f.prefix().toString(), 18) + fib(f));
            }
        }
    }

    private static String fib(FibEntry f) {
        if (f.source() == FibEntry.Source.CONNECTED) {
            return "connected";
        }
        String hops = f.nextHops().stream().map(IpAddr::toString).collect(Collectors.joining(", "));
        String text = "via " + hops + (f.nextHops().size() > 1 ? " (ECMP " + f.nextHops().size() + ")" : "");
        if (f.undetermined()) {
            text = "any " + f.nextHops().size() + " of " + f.candidates().stream().map(IpAddr::toString)
                    .collect(Collectors.joining(", ")) + " (FRR's choice depends on the order sessions came up and paths "
                    + "arrived; the RIB's ? paths say why)";
        }
        return text + (f.stale() ? " (stale: graceful restart)" : "");
    }

    private static String marker(PathStatus s) {
        return switch (s) {
            case BEST -> ">";
            case MULTIPATH -> "=";
            case CANDIDATE -> "?";
            case BACKUP -> " ";
            case REJECTED -> "x";
        };
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static Map<String, Object> json(RoutingState state, List<Speaker> shown) {
        SessionPlan plan = state.plan();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("design", state.topology().name());
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (Session s : plan.sessions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", plan.speakers().get(s.a()).id());
            m.put("b", plan.speakers().get(s.b()).id());
            m.put("type", s.type());
            m.put("origin", s.origin());
            sessions.add(m);
        }
        root.put("sessions", sessions);
        root.put("notEstablished", plan.unestablished());
        root.put("notRouted", state.unroutedInstances());
        List<Map<String, Object>> speakers = new ArrayList<>();
        for (Speaker s : shown) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("asn", s.asn());
            m.put("routerId", s.routerId());
            m.put("rib", state.rib(s.id()));
            m.put("fib", state.fib(s.id()));
            speakers.add(m);
        }
        root.put("speakers", speakers);
        return root;
    }
}
