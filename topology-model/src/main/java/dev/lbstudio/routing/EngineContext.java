package dev.lbstudio.routing;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import inet.ipaddr.IPAddress;
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
    private final Fabric fabric;
    private final Conditions conditions;
    private final Map<IpPrefix, Set<Integer>> hostOriginators;
    private final Map<Long, Conditions.Frozen> frozen = new HashMap<>();

    /**
     * What follows from the plan and Calico's configuration alone, shared by every state of one design
     * (the simulator's many small updates build only the condition-dependent part).
     */
    private static final class Fabric {
        final SessionPlan plan;
        final boolean[] excluded;
        final int[] advertisingNodes;
        final List<IpPrefix> aggregates;
        final List<IpPrefix> lbRanges;
        final List<IpPrefix> externalRanges;
        final boolean reflectLb;
        final boolean reflectExternal;
        final Map<IpPrefix, Boolean> insideAggregate = new java.util.concurrent.ConcurrentHashMap<>();
        /** Connected subnets as address blocks, built once: the containment checks run per path. */
        final IPAddress[][] connected;

        Fabric(Topology t, SessionPlan plan, CalicoOriginations originations) {
            this.plan = plan;
            int n = plan.speakers().size();
            this.excluded = new boolean[n];
            this.connected = new IPAddress[n][];
            Map<String, Node> nodes = Topology.byName(t.cluster().nodes(), Node::name);
            List<Integer> advertising = new ArrayList<>();
            for (Speaker s : plan.speakers()) {
                connected[s.index()] = s.connected().stream().map(p -> p.address().toPrefixBlock())
                        .toArray(IPAddress[]::new);
                if (s.isNode()) {
                    excluded[s.index()] = !originations.advertises(nodes.get(s.name()));
                    if (!excluded[s.index()]) {
                        advertising.add(s.index());
                    }
                }
            }
            this.advertisingNodes = advertising.stream().mapToInt(Integer::intValue).toArray();
            this.aggregates = originations.aggregates();
            BgpConfiguration cfg = t.calico().bgpConfiguration();
            this.lbRanges = cfg.serviceLoadBalancerIPs();
            this.externalRanges = cfg.serviceExternalIPs();
            Version v = t.calico().parsedVersion();
            // RRs reflect clients' LB /32s without local endpoints since the calico#8162 fix (PR #8358,
            // back-ported to v3.27); external IPs only since PR #13413 (2026, newer than v3.33).
            this.reflectLb = v.isAtLeast("3.27.0");
            this.reflectExternal = v.isAtLeast("3.34.0");
        }
    }

    EngineContext(Topology t, SessionPlan plan, CalicoOriginations originations, Map<IpPrefix, Set<Integer>> hostOriginators,
                  Conditions conditions) {
        this(new Fabric(t, plan, originations), hostOriginators, conditions, null);
    }

    private EngineContext(Fabric fabric, Map<IpPrefix, Set<Integer>> hostOriginators, Conditions conditions,
                          EngineContext sameConditions) {
        this.fabric = fabric;
        this.plan = fabric.plan;
        this.hostOriginators = hostOriginators;
        this.conditions = conditions;
        if (sameConditions != null) {
            this.down = sameConditions.down;
            this.sessionDown = sameConditions.sessionDown;
            this.frozen.putAll(sameConditions.frozen);
            return;
        }
        this.down = new boolean[plan.speakers().size()];
        for (Speaker s : plan.speakers()) {
            down[s.index()] = conditions.isDown(s.id());
        }
        this.sessionDown = new boolean[plan.sessions().size()];
        if (conditions.sessionsDown().isEmpty() && conditions.frozen().isEmpty()) {
            return;
        }
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
    }

    /** Speakers and sessions whose state differs between two contexts of the same plan. */
    record Delta(Set<Integer> speakers, Set<Integer> sessions) {
    }

    Delta deltaFrom(EngineContext before) {
        Set<Integer> speakers = new java.util.HashSet<>();
        for (int i = 0; i < down.length; i++) {
            if (down[i] != before.down[i]) {
                speakers.add(i);
            }
        }
        Set<Integer> sessions = new java.util.HashSet<>();
        for (int i = 0; i < sessionDown.length; i++) {
            if (sessionDown[i] != before.sessionDown[i]) {
                sessions.add(i);
            }
        }
        Set<Long> keys = new java.util.HashSet<>(frozen.keySet());
        keys.addAll(before.frozen.keySet());
        for (Long k : keys) {
            if (frozen.get(k) != before.frozen.get(k)) {
                sessions.add((int) (k >>> 32));
            }
        }
        return new Delta(speakers, sessions);
    }

    /** The same design with other originations and conditions: reuses whatever did not change. */
    EngineContext next(Map<IpPrefix, Set<Integer>> hostOriginators, Conditions conditions) {
        return new EngineContext(fabric, hostOriginators, conditions, conditions.equals(this.conditions) ? this : null);
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
            // the snapshot is per peer: a dual-stack pair's IPv4 and IPv6 sessions each keep their family's part
            if (paths != null && plan.sessions().get((int) (k >>> 32)).carries(prefix)) {
                List<Path> kept = f.stale() ? paths.stream().map(Path::asStale).toList() : paths;
                sink.accept((int) (k & 0xffffffffL), (int) (k >>> 32), kept);
            }
        });
    }

    /** Every prefix some node originates or some frozen session still carries. */
    Set<IpPrefix> allPrefixes() {
        Set<IpPrefix> all = new java.util.TreeSet<>();
        if (fabric.advertisingNodes.length > 0) {
            all.addAll(fabric.aggregates);
        }
        all.addAll(hostOriginators.keySet());
        frozen.values().forEach(f -> all.addAll(f.routes().prefixes()));
        return all;
    }

    /** What a run needs to know about its prefix, looked up once rather than per path. */
    final class PrefixFacts {
        final int[] originators;
        private final Set<Integer> host;
        private final boolean aggregate;
        private final boolean insideAggregate;
        private final boolean reflected;

        private PrefixFacts(IpPrefix prefix) {
            this.host = hostOriginators.get(prefix);
            this.aggregate = fabric.aggregates.contains(prefix);
            int[] all = aggregate ? fabric.advertisingNodes
                    : host == null ? new int[0] : host.stream().mapToInt(Integer::intValue).toArray();
            // calico-node runs bird6 only where the node has an IPv6 address: others originate no IPv6 route.
            this.originators = prefix.isIpv4() ? all
                    : java.util.Arrays.stream(all).filter(o -> plan.speakers().get(o).speaks(6)).toArray();
            this.insideAggregate = EngineContext.this.insideAggregate(prefix);
            this.reflected = fabric.reflectLb && inside(prefix, fabric.lbRanges)
                    || fabric.reflectExternal && inside(prefix, fabric.externalRanges);
        }

        /**
         * Calico's export filter: accept what lies inside one of the node's own static routes
         * ({@code if (net ~ <cidr>) then accept;}), so a learned more-specific inside the node's
         * aggregate passes too (domain-facts §1.3.6); route reflectors also pass anything inside
         * the LB ranges.
         */
        boolean calicoExports(int speaker) {
            if (host != null && host.contains(speaker)) {
                return true;
            }
            if (!fabric.excluded[speaker] && (aggregate || insideAggregate)) {
                return true;
            }
            return reflected && plan.speakers().get(speaker).isRouteReflector();
        }

        /** Inside Calico's rejectcidrs, so never programmed into a node's kernel. */
        boolean insideAggregate() {
            return insideAggregate;
        }
    }

    PrefixFacts facts(IpPrefix prefix) {
        return new PrefixFacts(prefix);
    }

    /** True when the address is on one of the speaker's connected subnets. */
    boolean connected(int speaker, IpAddr ip) {
        for (IPAddress block : fabric.connected[speaker]) {
            if (block.getIPVersion() == ip.address().getIPVersion() && block.contains(ip.address())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 4271 5.1.3: a next hop on a subnet shared with the peer may be passed on unchanged. */
    boolean sharesSubnet(int speaker, IpAddr nextHop, IpAddr peer) {
        for (IPAddress block : fabric.connected[speaker]) {
            if (block.getIPVersion() == nextHop.address().getIPVersion() && block.contains(nextHop.address())
                    && block.getIPVersion() == peer.address().getIPVersion() && block.contains(peer.address())) {
                return true;
            }
        }
        return false;
    }

    /** Inside one of the aggregates, i.e. inside Calico's rejectcidrs that never reach the node kernel. */
    boolean insideAggregate(IpPrefix prefix) {
        return fabric.insideAggregate.computeIfAbsent(prefix, p -> inside(p, fabric.aggregates));
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
