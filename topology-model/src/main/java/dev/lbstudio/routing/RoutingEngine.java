package dev.lbstudio.routing;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.PrefixRun.PrefixOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Predicts the BGP control plane of a design: Calico's originations on every node (domain-facts
 * §1.2), propagation over the sessions both sides configure (BIRD as Calico configures it, FRR on
 * routers), best path and ECMP with a typed reason per path. Pure functions; {@link #update} reuses
 * a previous state and recomputes only the prefixes a change can touch.
 */
public final class RoutingEngine {

    private RoutingEngine() {
    }

    public static RoutingState compute(Topology topology) {
        return compute(topology, Conditions.NONE);
    }

    public static RoutingState compute(Topology topology, Conditions conditions) {
        SessionPlan plan = SessionPlan.of(topology);
        CalicoOriginations originations = new CalicoOriginations(topology);
        Map<ElementId, Map<IpPrefix, Set<String>>> byService =
                CalicoOriginations.byService(originations, topology.workloads().services());
        Map<IpPrefix, Set<Integer>> hostOriginators = new HashMap<>();
        byService.values().forEach(routes -> add(plan, hostOriginators, routes));
        EngineContext ctx = new EngineContext(topology, plan, originations, hostOriginators, conditions);
        Map<IpPrefix, PrefixOutcome> outcomes = new HashMap<>();
        for (IpPrefix prefix : ctx.allPrefixes()) {
            store(outcomes, PrefixRun.run(ctx, prefix));
        }
        return new RoutingState(topology, plan, conditions, originations, byService, hostOriginators, outcomes, ctx, -1,
                outcomes.keySet(), null);
    }

    /**
     * The state after a change of workloads (pods moving, replicas, readiness) and/or conditions.
     * Changes to the network, the nodes or Calico's configuration fall back to a full computation.
     */
    public static RoutingState update(RoutingState before, Topology topology, Conditions conditions) {
        Topology old = before.topology();
        if (!same(old.network(), topology.network()) || !same(old.cluster(), topology.cluster())
                || !same(old.calico(), topology.calico())) {
            RoutingState full = compute(topology, conditions);
            return new RoutingState(topology, full.plan(), conditions, full.originations, full.hostRoutesByService,
                    full.hostOriginators, full.outcomes, full.context, before.generation(), full.outcomes.keySet(), null);
        }
        SessionPlan plan = before.plan();
        Set<IpPrefix> affected = new TreeSet<>();
        CalicoOriginations originations = before.originations;
        Map<ElementId, Map<IpPrefix, Set<String>>> byService = before.hostRoutesByService;
        Map<IpPrefix, Set<Integer>> hostOriginators = before.hostOriginators;
        if (!same(old.workloads(), topology.workloads())) {
            originations = new CalicoOriginations(topology);
            byService = new HashMap<>(byService);
            for (Service s : changedServices(before, topology)) {
                Map<IpPrefix, Set<String>> was = byService.getOrDefault(s.id(), Map.of());
                Map<IpPrefix, Set<String>> now = topology.service(s.namespace(), s.name())
                        .map(originations::hostRoutes).orElse(Map.of());
                if (!was.equals(now)) {
                    affected.addAll(was.keySet());
                    affected.addAll(now.keySet());
                    if (now.isEmpty()) {
                        byService.remove(s.id());
                    } else {
                        byService.put(s.id(), now);
                    }
                }
            }
            if (!affected.isEmpty()) {
                hostOriginators = new HashMap<>(hostOriginators);
                Set<IpPrefix> touched = new HashSet<>(affected);
                for (IpPrefix p : touched) {
                    hostOriginators.remove(p);
                }
                for (Map<IpPrefix, Set<String>> routes : byService.values()) {
                    for (IpPrefix p : routes.keySet()) {
                        if (touched.contains(p)) {
                            add(plan, hostOriginators, Map.of(p, routes.get(p)));
                        }
                    }
                }
            }
        }
        affected.addAll(conditionChanges(before, conditions));
        EngineContext ctx = before.context.next(hostOriginators, conditions);
        Map<IpPrefix, PrefixOutcome> outcomes = before.outcomes;
        if (!affected.isEmpty()) {
            EngineContext.Delta delta = ctx.deltaFrom(before.context);
            outcomes = new HashMap<>(before.outcomes);
            for (IpPrefix prefix : affected) {
                PrefixOutcome previous = outcomes.remove(prefix);
                store(outcomes, previous == null ? PrefixRun.run(ctx, prefix)
                        : PrefixRun.rerun(ctx, prefix, previous, delta));
            }
        }
        boolean sameServices = old.workloads().services() == topology.workloads().services();
        return new RoutingState(topology, plan, conditions, originations, byService, hostOriginators, outcomes, ctx,
                before.generation(), affected, sameServices ? before.servicesBySelector() : null);
    }

    private static void store(Map<IpPrefix, PrefixOutcome> outcomes, PrefixOutcome o) {
        if (!o.routes().isEmpty()) {
            outcomes.put(o.prefix(), o);
        }
    }

    private static boolean same(Object a, Object b) {
        return a == b || Objects.equals(a, b);
    }

    private static void add(SessionPlan plan, Map<IpPrefix, Set<Integer>> into, Map<IpPrefix, Set<String>> routes) {
        routes.forEach((prefix, nodes) -> {
            Set<Integer> set = into.computeIfAbsent(prefix, k -> new HashSet<>());
            for (String n : nodes) {
                plan.speaker(ElementId.of(dev.lbstudio.model.ElementKind.NODE, n)).ifPresent(s -> set.add(s.index()));
            }
        });
    }

    /** Services whose record changed, appeared or went, or whose selected deployments changed. */
    private static Set<Service> changedServices(RoutingState before, Topology now) {
        Topology old = before.topology();
        List<Service> a = old.workloads().services();
        List<Service> b = now.workloads().services();
        Set<Service> changed = new HashSet<>();
        if (a != b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) {
                    changed.add(a.get(i));
                    changed.add(b.get(i));
                }
            }
        } else if (a != b) {
            changed.addAll(a);
            changed.addAll(b);
        }
        List<Deployment> da = old.workloads().deployments();
        List<Deployment> db = now.workloads().deployments();
        Set<Deployment> touched = new HashSet<>();
        if (da.size() == db.size()) {
            for (int i = 0; i < da.size(); i++) {
                if (da.get(i) != db.get(i) && !da.get(i).equals(db.get(i))) {
                    touched.add(da.get(i));
                    touched.add(db.get(i));
                }
            }
        } else {
            touched.addAll(da);
            touched.addAll(db);
        }
        Map<String, List<Service>> index = before.servicesBySelector();
        for (Deployment d : touched) {
            d.podLabels().forEach((k, v) -> {
                for (Service s : index.getOrDefault(d.namespace() + "/" + k + "=" + v, List.of())) {
                    if (CalicoOriginations.selects(s, d)) {
                        changed.add(s);
                    }
                }
            });
        }
        return changed;
    }

    /** Prefixes a change of conditions can touch: everything either end of a changed session holds. */
    private static Set<IpPrefix> conditionChanges(RoutingState before, Conditions now) {
        Conditions was = before.conditions();
        SessionPlan plan = before.plan();
        Set<Integer> speakers = new HashSet<>();
        Set<IpPrefix> prefixes = new HashSet<>();
        for (ElementId id : symmetricDifference(was.speakersDown(), now.speakersDown())) {
            plan.speaker(id).ifPresent(s -> speakers.add(s.index()));
        }
        for (Conditions.SessionKey k : symmetricDifference(was.sessionsDown(), now.sessionsDown())) {
            plan.speaker(k.x()).ifPresent(s -> speakers.add(s.index()));
            plan.speaker(k.y()).ifPresent(s -> speakers.add(s.index()));
        }
        Set<Conditions.Directed> directions = new HashSet<>(was.frozen().keySet());
        directions.addAll(now.frozen().keySet());
        for (Conditions.Directed d : directions) {
            Conditions.Frozen a = was.frozen().get(d);
            Conditions.Frozen b = now.frozen().get(d);
            if (a != b) {
                plan.speaker(d.receiver()).ifPresent(s -> speakers.add(s.index()));
                plan.speaker(d.sender()).ifPresent(s -> speakers.add(s.index()));
                if (a != null) {
                    prefixes.addAll(a.routes().prefixes());
                }
                if (b != null) {
                    prefixes.addAll(b.routes().prefixes());
                }
            }
        }
        for (int s : speakers) {
            prefixes.addAll(before.prefixesOf(s));
            before.hostOriginators.forEach((prefix, nodes) -> {
                if (nodes.contains(s)) {
                    prefixes.add(prefix);
                }
            });
            prefixes.addAll(before.originations.aggregates());
        }
        return prefixes;
    }

    private static <T> Set<T> symmetricDifference(Set<T> a, Set<T> b) {
        Set<T> result = new HashSet<>(a);
        result.addAll(b);
        Set<T> both = new HashSet<>(a);
        both.retainAll(b);
        result.removeAll(both);
        return result;
    }
}
