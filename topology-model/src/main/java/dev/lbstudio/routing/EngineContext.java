package dev.lbstudio.routing;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything a {@link PrefixRun} reads, indexed by speaker and session number. */
final class EngineContext {

    /** One frozen direction: what {@code receiver} keeps on {@code session}. */
    interface FrozenSink {
        void accept(int receiver, int session, List<Path> paths);
    }

    final SessionPlan plan;
    final boolean[] down;
    final boolean[] sessionDown;
    private final boolean[] excluded;
    private final int[] advertisingNodes;
    private final List<IpPrefix> aggregates;
    private final Map<IpPrefix, Set<Integer>> hostOriginators;
    private final Map<Long, Conditions.Frozen> frozen = new HashMap<>();
    private final List<IpPrefix> lbRanges;
    private final List<IpPrefix> externalRanges;
    private final boolean reflectLb;
    private final boolean reflectExternal;
    private final Map<IpPrefix, Boolean> insideAggregate = new HashMap<>();

    EngineContext(Topology t, SessionPlan plan, CalicoOriginations originations, Map<IpPrefix, Set<Integer>> hostOriginators,
                  Conditions conditions) {
        this.plan = plan;
        int n = plan.speakers().size();
        this.down = new boolean[n];
        this.excluded = new boolean[n];
        Map<String, Node> nodes = Topology.byName(t.cluster().nodes(), Node::name);
        List<Integer> advertising = new ArrayList<>();
        for (Speaker s : plan.speakers()) {
            down[s.index()] = conditions.isDown(s.id());
            if (s.isNode()) {
                excluded[s.index()] = !originations.advertises(nodes.get(s.name()));
                if (!excluded[s.index()]) {
                    advertising.add(s.index());
                }
            }
        }
        this.advertisingNodes = advertising.stream().mapToInt(Integer::intValue).toArray();
        this.sessionDown = new boolean[plan.sessions().size()];
        for (Session x : plan.sessions()) {
            ElementId a = plan.speakers().get(x.a()).id();
            ElementId b = plan.speakers().get(x.b()).id();
            sessionDown[x.index()] = conditions.sessionsDown().contains(new Conditions.SessionKey(a, b));
            Conditions.Frozen toA = conditions.frozen().get(new Conditions.Directed(a, b));
            Conditions.Frozen toB = conditions.frozen().get(new Conditions.Directed(b, a));
            if (toA != null) {
                frozen.put(key(x.index(), x.a()), toA);
            }
            if (toB != null) {
                frozen.put(key(x.index(), x.b()), toB);
            }
        }
        this.aggregates = originations.aggregates();
        this.hostOriginators = hostOriginators;
        BgpConfiguration cfg = t.calico().bgpConfiguration();
        this.lbRanges = cfg.serviceLoadBalancerIPs();
        this.externalRanges = cfg.serviceExternalIPs();
        Version v = t.calico().parsedVersion();
        // RRs reflect clients' LB /32s without local endpoints since the calico#8162 fix (PR #8358,
        // back-ported to v3.27); external IPs only since PR #13413 (2026, newer than v3.33).
        this.reflectLb = v.isAtLeast("3.27.0");
        this.reflectExternal = v.isAtLeast("3.34.0");
    }

    private static long key(int session, int receiver) {
        return (long) session << 32 | receiver;
    }

    boolean isFrozen(int session, int receiver) {
        return frozen.containsKey(key(session, receiver));
    }

    void frozenFor(IpPrefix prefix, FrozenSink sink) {
        frozen.forEach((k, f) -> {
            List<Path> paths = f.routes().paths.get(prefix);
            if (paths != null) {
                List<Path> kept = f.stale() ? paths.stream().map(Path::asStale).toList() : paths;
                sink.accept((int) (k & 0xffffffffL), (int) (k >>> 32), kept);
            }
        });
    }

    /** Every prefix some node originates or some frozen session still carries. */
    Set<IpPrefix> allPrefixes() {
        Set<IpPrefix> all = new java.util.TreeSet<>();
        if (advertisingNodes.length > 0) {
            all.addAll(aggregates);
        }
        all.addAll(hostOriginators.keySet());
        frozen.values().forEach(f -> all.addAll(f.routes().prefixes()));
        return all;
    }

    int[] originators(IpPrefix prefix) {
        boolean aggregate = aggregates.contains(prefix);
        Set<Integer> host = hostOriginators.get(prefix);
        if (!aggregate) {
            return host == null ? new int[0] : host.stream().mapToInt(Integer::intValue).toArray();
        }
        return advertisingNodes;
    }

    boolean originates(int speaker, IpPrefix prefix) {
        Set<Integer> host = hostOriginators.get(prefix);
        return host != null && host.contains(speaker) || !excluded[speaker] && aggregates.contains(prefix);
    }

    /**
     * Calico's export filter: accept what lies inside one of the node's own static routes
     * ({@code if (net ~ <cidr>) then accept;}), so a learned more-specific inside the node's aggregate
     * passes too (domain-facts §1.3.6); route reflectors also pass anything inside the LB ranges.
     */
    boolean calicoExports(int speaker, IpPrefix prefix) {
        if (originates(speaker, prefix)) {
            return true;
        }
        if (!excluded[speaker] && insideAggregate(prefix)) {
            return true;
        }
        Speaker s = plan.speakers().get(speaker);
        return s.isRouteReflector() && (reflectLb && inside(prefix, lbRanges)
                || reflectExternal && inside(prefix, externalRanges));
    }

    /** Inside one of the aggregates, i.e. inside Calico's rejectcidrs that never reach the node kernel. */
    boolean insideAggregate(IpPrefix prefix) {
        return insideAggregate.computeIfAbsent(prefix, p -> inside(p, aggregates));
    }

    private static boolean inside(IpPrefix prefix, List<IpPrefix> ranges) {
        for (IpPrefix r : ranges) {
            if (r.contains(prefix)) {
                return true;
            }
        }
        return false;
    }
}
