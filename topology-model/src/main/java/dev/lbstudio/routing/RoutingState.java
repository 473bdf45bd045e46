package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.PrefixRun.PrefixOutcome;
import dev.lbstudio.routing.PrefixRun.RibEntryPath;
import dev.lbstudio.routing.PrefixRun.SpeakerRoute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The converged control plane of a design under some {@link Conditions}: every speaker's RIB (all
 * paths with status and reason) and FIB. Immutable. Made by {@link RoutingEngine}; compare two with
 * {@link #changesSince(RoutingState)}.
 */
public final class RoutingState {

    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final Topology topology;
    private final SessionPlan plan;
    private final Conditions conditions;
    final CalicoOriginations originations;
    final Map<ElementId, Map<IpPrefix, Set<String>>> hostRoutesByService;
    final Map<IpPrefix, Set<Integer>> hostOriginators;
    final Map<IpPrefix, PrefixOutcome> outcomes;
    final EngineContext context;
    // Built on first use; volatile so a state handed to another thread (the GUI) publishes them safely.
    private volatile Map<String, List<dev.lbstudio.model.Service>> servicesBySelector;
    private volatile List<PrefixOutcome> aggregates;
    private final long generation = GENERATIONS.incrementAndGet();
    private final long previousGeneration;
    private final Set<IpPrefix> recomputed;

    RoutingState(Topology topology, SessionPlan plan, Conditions conditions, CalicoOriginations originations,
                 Map<ElementId, Map<IpPrefix, Set<String>>> hostRoutesByService,
                 Map<IpPrefix, Set<Integer>> hostOriginators, Map<IpPrefix, PrefixOutcome> outcomes,
                 EngineContext context, long previousGeneration, Set<IpPrefix> recomputed,
                 Map<String, List<dev.lbstudio.model.Service>> servicesBySelector) {
        this.topology = topology;
        this.plan = plan;
        this.conditions = conditions;
        this.originations = originations;
        this.hostRoutesByService = hostRoutesByService;
        this.hostOriginators = hostOriginators;
        this.outcomes = outcomes;
        this.context = context;
        this.servicesBySelector = servicesBySelector;
        this.previousGeneration = previousGeneration;
        this.recomputed = recomputed;
    }

    public Topology topology() {
        return topology;
    }

    /** The routers' VRF and view BGP instances, which this state does not route (the reason says why). */
    public List<UnroutedInstance> unroutedInstances() {
        return UnroutedInstance.of(topology);
    }

    public SessionPlan plan() {
        return plan;
    }

    public Conditions conditions() {
        return conditions;
    }

    long generation() {
        return generation;
    }

    /**
     * Services by namespace and first selector label ({@code ns/key=value}), to find the services a
     * changed deployment can back without scanning all of them. Built once per services list.
     */
    Map<String, List<dev.lbstudio.model.Service>> servicesBySelector() {
        if (servicesBySelector == null) {
            Map<String, List<dev.lbstudio.model.Service>> index = new HashMap<>();
            for (dev.lbstudio.model.Service s : topology.workloads().services()) {
                if (!s.selector().isEmpty()) {
                    Map.Entry<String, String> first = s.selector().entrySet().iterator().next();
                    index.computeIfAbsent(s.namespace() + "/" + first.getKey() + "=" + first.getValue(),
                            k -> new ArrayList<>()).add(s);
                }
            }
            servicesBySelector = index;
        }
        return servicesBySelector;
    }

    /** Orders prefixes as routers print them: by network address, then shorter first. */
    public static final Comparator<IpPrefix> PREFIX_ORDER = Comparator.comparing((IpPrefix p) ->
            SessionPlan.interfaceAddress(p.network())).thenComparingInt(IpPrefix::length);

    /** Every prefix some speaker holds, sorted. */
    public Set<IpPrefix> prefixes() {
        Set<IpPrefix> sorted = new TreeSet<>(PREFIX_ORDER);
        sorted.addAll(outcomes.keySet());
        return sorted;
    }

    /** False when some prefix hit the engine's oscillation bound (a policy loop); its routes are then partial. */
    public boolean converged() {
        return outcomes.values().stream().allMatch(PrefixOutcome::converged);
    }

    /** A speaker's RIB: every path of every prefix with its decision, sorted by prefix. */
    public List<RibRoute> rib(ElementId speaker) {
        List<RibRoute> result = new ArrayList<>();
        int s = index(speaker);
        for (IpPrefix prefix : prefixes()) {
            result.addAll(routes(s, prefix));
        }
        return result;
    }

    /** A speaker's paths for one prefix. */
    public List<RibRoute> rib(ElementId speaker, IpPrefix prefix) {
        return routes(index(speaker), prefix);
    }

    private List<RibRoute> routes(int s, IpPrefix prefix) {
        PrefixOutcome o = outcomes.get(prefix);
        SpeakerRoute r = o == null ? null : o.routes().get(s);
        if (r == null) {
            return List.of();
        }
        List<RibRoute> list = new ArrayList<>();
        for (RibEntryPath e : r.paths()) {
            Path p = e.path();
            list.add(new RibRoute(prefix, p.local() ? null : plan.speakers().get(p.from()).id(),
                    plan.speakers().get(p.origin()).id(), p.nextHop(), p.asPath(), p.ibgp(), p.stale(), e.status(),
                    e.reason(), p.localPreference(), p.weight(), p.med(), p.note()));
        }
        return list;
    }

    /**
     * A speaker's FIB: the BGP prefixes it installs and, for routers, the connected subnets, sorted by
     * prefix. For nodes only BGP routes outside Calico's rejectcidrs reach the kernel.
     */
    public List<FibEntry> fib(ElementId speaker) {
        int s = index(speaker);
        Map<IpPrefix, FibEntry> fib = new TreeMap<>(PREFIX_ORDER);
        Speaker sp = plan.speakers().get(s);
        if (!sp.isNode()) {
            for (IpPrefix c : sp.connected()) {
                fib.put(c, new FibEntry(c, FibEntry.Source.CONNECTED, List.of(), List.of(), false, false));
            }
        }
        outcomes.forEach((prefix, o) -> {
            SpeakerRoute r = o.routes().get(s);
            if (r != null && r.fib() != null) {
                fib.put(prefix, r.fib());
            }
        });
        return List.copyOf(fib.values());
    }

    /** Longest-prefix match in a speaker's FIB, as the kernel does it. */
    public Optional<FibEntry> lookup(ElementId speaker, IpAddr destination) {
        int s = index(speaker);
        FibEntry best = null;
        PrefixOutcome host = outcomes.get(destination.hostPrefix());
        if (host != null && host.routes().get(s) != null && host.routes().get(s).fib() != null) {
            return Optional.of(host.routes().get(s).fib());
        }
        for (PrefixOutcome o : aggregates()) {
            SpeakerRoute r = o.routes().get(s);
            if (r != null && r.fib() != null && o.prefix().contains(destination)
                    && (best == null || o.prefix().length() > best.prefix().length())) {
                best = r.fib();
            }
        }
        Speaker sp = plan.speakers().get(s);
        if (!sp.isNode()) {
            for (IpPrefix c : sp.connected()) {
                if (c.contains(destination) && (best == null || c.length() > best.prefix().length())) {
                    best = new FibEntry(c, FibEntry.Source.CONNECTED, List.of(), List.of(), false, false);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The outcomes of prefixes shorter than a host route: the few a longest-prefix match must scan. */
    private List<PrefixOutcome> aggregates() {
        if (aggregates == null) {
            List<PrefixOutcome> list = new ArrayList<>();
            for (PrefixOutcome o : outcomes.values()) {
                if (o.prefix().length() < (o.prefix().isIpv4() ? 32 : 128)) {
                    list.add(o);
                }
            }
            aggregates = list;
        }
        return aggregates;
    }

    /** The node's own originations (Calico static routes) with the elements behind each. */
    public Map<IpPrefix, List<ElementId>> originations(ElementId node) {
        return topology.node(node.name()).map(originations::originations).orElse(Map.of());
    }

    /** What {@code receiver} currently holds from {@code sender}, to freeze it when the sender goes silent. */
    public ReceivedRoutes receivedFrom(ElementId receiver, ElementId sender) {
        Map<IpPrefix, List<Path>> held = new HashMap<>();
        // a dual-stack pair has a session per family; each prefix arrived on its family's
        for (Session session : plan.sessions(receiver, sender)) {
            int r = index(receiver);
            int x = session.index();
            outcomes.forEach((prefix, o) -> {
                SpeakerRoute route = o.routes().get(r);
                List<Path> paths = route == null ? null : route.received().get(x);
                if (paths != null && !paths.isEmpty()) {
                    held.put(prefix, paths);
                }
            });
        }
        return new ReceivedRoutes(held);
    }

    /** Prefixes the speaker holds any path for. */
    Set<IpPrefix> prefixesOf(int speaker) {
        Set<IpPrefix> result = new java.util.HashSet<>();
        outcomes.forEach((prefix, o) -> {
            if (o.routes().containsKey(speaker)) {
                result.add(prefix);
            }
        });
        return result;
    }

    /**
     * FIB changes from {@code before} to this state, per speaker and prefix, sorted. Cheap when this
     * state was made by updating {@code before}: only the recomputed prefixes are compared.
     */
    public List<RouteChange> changesSince(RoutingState before) {
        Set<IpPrefix> candidates = new TreeSet<>(PREFIX_ORDER);
        if (previousGeneration == before.generation) {
            candidates.addAll(recomputed);
        } else {
            candidates.addAll(outcomes.keySet());
            candidates.addAll(before.outcomes.keySet());
        }
        List<RouteChange> changes = new ArrayList<>();
        for (IpPrefix prefix : candidates) {
            PrefixOutcome a = before.outcomes.get(prefix);
            PrefixOutcome b = outcomes.get(prefix);
            Set<ElementId> speakers = new TreeSet<>();
            if (a != null) {
                a.routes().keySet().forEach(i -> speakers.add(before.plan.speakers().get(i).id()));
            }
            if (b != null) {
                b.routes().keySet().forEach(i -> speakers.add(plan.speakers().get(i).id()));
            }
            for (ElementId id : speakers) {
                FibEntry was = fibOf(before, a, id);
                FibEntry is = fibOf(this, b, id);
                if (!java.util.Objects.equals(was, is)) {
                    changes.add(new RouteChange(id, prefix, was, is));
                }
            }
        }
        changes.sort(Comparator.comparing(RouteChange::speaker).thenComparing(RouteChange::prefix, PREFIX_ORDER));
        return changes;
    }

    private static FibEntry fibOf(RoutingState state, PrefixOutcome o, ElementId id) {
        if (o == null) {
            return null;
        }
        Optional<Speaker> s = state.plan.speaker(id);
        SpeakerRoute r = s.isEmpty() ? null : o.routes().get(s.get().index());
        return r == null ? null : r.fib();
    }

    private int index(ElementId speaker) {
        return plan.speaker(speaker).orElseThrow(() -> new IllegalArgumentException(speaker
                + " is not a BGP speaker of this design (routers and nodes are)")).index();
    }
}
