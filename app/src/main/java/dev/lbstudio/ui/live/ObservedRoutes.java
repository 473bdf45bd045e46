package dev.lbstudio.ui.live;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a running lab says the routers forward, beside what the routing engine predicted. It starts as the
 * prediction (a lab comes up converged, as {@code Lab.start} promises) and follows every {@code RouteChanged},
 * which reports the kernel FIB after the change; so it needs nothing from a particular backend.
 */
public final class ObservedRoutes {

    /** How an observed FIB entry differs from the predicted one. */
    public enum Difference { SAME, MISSING, EXTRA, DIFFERENT }

    /** What the last change did to an entry, for the flash of its row. */
    public enum Change {
        ADDED, WITHDRAWN;

        /** Added when any next hop is new (a replacement too), withdrawn when next hops only went away. */
        public static Optional<Change> of(List<IpAddr> before, List<IpAddr> after) {
            if (!before.containsAll(after)) {
                return Optional.of(ADDED);
            }
            return after.containsAll(before) ? Optional.empty() : Optional.of(WITHDRAWN);
        }
    }

    /**
     * One prefix of one router, predicted against observed.
     *
     * @param missing predicted next hops the lab does not use
     * @param extra next hops the lab uses that the prediction does not
     */
    public record Compared(IpPrefix prefix, List<IpAddr> predicted, List<IpAddr> observed, Difference difference,
                           List<IpAddr> missing, List<IpAddr> extra) {
    }

    private final RoutingState predicted;
    private final Map<ElementId, Map<IpPrefix, List<IpAddr>>> predictedFibs = new HashMap<>();
    private final Map<ElementId, Map<IpPrefix, List<IpAddr>>> observed = new HashMap<>();
    private int version;

    public ObservedRoutes(RoutingState predicted) {
        this.predicted = predicted;
    }

    public RoutingState predicted() {
        return predicted;
    }

    /** Takes the router's new next hops for the prefix; a speaker the design does not know is ignored. */
    public void apply(LabEvent.RouteChanged change) {
        if (predicted.plan().speaker(change.router()).isEmpty()) {
            return;
        }
        Map<IpPrefix, List<IpAddr>> fib = observedFib(change.router());
        if (change.after().isEmpty()) {
            fib.remove(change.prefix());
        } else {
            fib.put(change.prefix(), List.copyOf(new TreeSet<>(change.after())));
        }
        version++;
    }

    /** Counts applied changes, so callers can cache what they derive from the observed FIBs. */
    public int version() {
        return version;
    }

    /** The observed next hops of a speaker for a prefix, empty when it has no route. */
    public List<IpAddr> observed(ElementId speaker, IpPrefix prefix) {
        return observedFib(speaker).getOrDefault(prefix, List.of());
    }

    /** Longest-prefix match over the speaker's observed BGP routes, as the kernel does it. */
    public Optional<Map.Entry<IpPrefix, List<IpAddr>>> lookup(ElementId speaker, IpAddr destination) {
        Map.Entry<IpPrefix, List<IpAddr>> best = null;
        for (Map.Entry<IpPrefix, List<IpAddr>> e : observedFib(speaker).entrySet()) {
            if (e.getKey().contains(destination) && (best == null || e.getKey().length() > best.getKey().length())) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every prefix the router has in either FIB, in the routes panel's order, with its difference. */
    public List<Compared> compare(ElementId router) {
        if (predicted.plan().speaker(router).isEmpty()) {
            return List.of();
        }
        Map<IpPrefix, List<IpAddr>> want = predictedFib(router);
        Map<IpPrefix, List<IpAddr>> have = observedFib(router);
        TreeSet<IpPrefix> prefixes = new TreeSet<>(RoutingState.PREFIX_ORDER);
        prefixes.addAll(want.keySet());
        prefixes.addAll(have.keySet());
        List<Compared> rows = new ArrayList<>();
        for (IpPrefix p : prefixes) {
            List<IpAddr> w = want.getOrDefault(p, List.of());
            List<IpAddr> h = have.getOrDefault(p, List.of());
            List<IpAddr> missing = w.stream().filter(a -> !h.contains(a)).toList();
            List<IpAddr> extra = h.stream().filter(a -> !w.contains(a)).toList();
            Difference d = missing.isEmpty() && extra.isEmpty() ? Difference.SAME
                    : h.isEmpty() ? Difference.MISSING : w.isEmpty() ? Difference.EXTRA : Difference.DIFFERENT;
            rows.add(new Compared(p, w, h, d, missing, extra));
        }
        return rows;
    }

    private Map<IpPrefix, List<IpAddr>> observedFib(ElementId speaker) {
        return observed.computeIfAbsent(speaker, s -> new TreeMap<>(predictedFib(s)));
    }

    private Map<IpPrefix, List<IpAddr>> predictedFib(ElementId speaker) {
        return predictedFibs.computeIfAbsent(speaker, s -> {
            Map<IpPrefix, List<IpAddr>> fib = new TreeMap<>(RoutingState.PREFIX_ORDER);
            if (predicted.plan().speaker(s).isPresent()) {
                // Only BGP routes: connected subnets never change in a failover, and labs report BGP ones.
                predicted.fib(s).stream().filter(f -> f.source() == FibEntry.Source.BGP)
                        .forEach(f -> fib.put(f.prefix(), f.nextHops()));
            }
            return fib;
        });
    }
}
