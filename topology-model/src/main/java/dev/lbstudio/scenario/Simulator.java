package dev.lbstudio.scenario;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Version;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.routing.Conditions;
import dev.lbstudio.routing.DataPlane;
import dev.lbstudio.routing.Flow;
import dev.lbstudio.routing.Health;
import dev.lbstudio.routing.RouteChange;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Session;
import dev.lbstudio.routing.Speaker;
import dev.lbstudio.routing.Trace;
import dev.lbstudio.scenario.LabEvent.Note;
import dev.lbstudio.scenario.LabEvent.SessionState;
import dev.lbstudio.scenario.LabEvent.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Discrete-event failover simulation on a virtual clock. Timers follow the daemons: hold time is the
 * minimum both sides offer (FRR 180 s traditional / the router's {@code timers bgp}, BIRD 240 s as
 * Calico leaves it, domain-facts §1.5); BFD only where both ends run it (Calico OSS renders none);
 * graceful restart keeps a closed peer's routes stale for its restart time (120 s); kernel FIBs
 * follow BGP after the programming delay measured in lab-notes §3. The result is the
 * {@link LabEvent} stream a real lab would report, plus each probe flow's outage.
 */
public final class Simulator {

    /** bgpd → zebra → kernel, measured 70–87 ms on the lab machines (lab-notes §3). */
    static final Duration FIB_DELAY = Duration.ofMillis(75);
    /** kill -9 → FIN → "NSF peer closed the session" at the ToR: 2–3 ms (lab-notes §3). */
    static final Duration TCP_CLOSE = Duration.ofMillis(2);
    /** OPEN/KEEPALIVE exchange after BIRD's connect delay (lab-notes §5: 1.3 s with a 1 s delay). */
    static final Duration HANDSHAKE = Duration.ofMillis(300);

    private Simulator() {
    }

    public static SimulationResult run(Topology topology, Scenario scenario) {
        return run(RoutingEngine.compute(topology), scenario);
    }

    /** Runs from a routing state already computed for the design (the app has one at hand). */
    public static SimulationResult run(RoutingState initial, Scenario scenario) {
        if (!initial.conditions().equals(Conditions.NONE)) {
            throw new IllegalArgumentException("a simulation starts from the design with nothing broken");
        }
        return new Run(initial, scenario).execute();
    }

    private static long nanos(Duration d) {
        return d.toNanos();
    }

    private static Duration at(long nanos) {
        return Duration.ofNanos(nanos);
    }

    /** One run's mutable world. */
    private static final class Run {
        private final Scenario scenario;
        private final long end;
        private final PriorityQueue<Pending> queue = new PriorityQueue<>();
        private final List<LabEvent> events = new ArrayList<>();
        private final Map<Conditions.SessionKey, Live> sessions = new LinkedHashMap<>();
        private final List<Snapshot> routingTimeline = new ArrayList<>();
        private final List<KubeSnapshot> kubeTimeline = new ArrayList<>();
        private final Set<String> notReadyByUs = new HashSet<>();
        private final RoutingState initial;
        private Topology topo;
        private Conditions cond = Conditions.NONE;
        private Health health = Health.ALL_UP;
        private RoutingState routing;
        private long now;
        private long seq;
        private String cause = "initial state";
        private ElementId causeSource;
        private boolean routingDirty;
        private boolean kubeDirty;

        /** A session as it runs: up or not, with the timers negotiated when it came up. */
        private static final class Live {
            Session session;
            boolean up = true;
            long hold;
            long keepalive;
            long bfd;
            int epoch;
        }

        private record Pending(long time, long seq, Runnable action, String cause, ElementId source)
                implements Comparable<Pending> {
            public int compareTo(Pending o) {
                int c = Long.compare(time, o.time);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        private record Snapshot(long from, RoutingState state) {
        }

        private record KubeSnapshot(long from, Topology topology, Health health) {
        }

        Run(RoutingState initial, Scenario scenario) {
            this.scenario = scenario;
            this.end = nanos(scenario.effectiveDuration());
            this.topo = initial.topology();
            this.routing = initial;
            this.initial = routing;
            for (Session s : routing.plan().sessions()) {
                Live l = new Live();
                l.session = s;
                negotiate(l);
                sessions.put(key(s), l);
            }
            routingTimeline.add(new Snapshot(0, routing));
            kubeTimeline.add(new KubeSnapshot(0, topo, health));
        }

        SimulationResult execute() {
            describeTiming();
            int i = 0;
            for (Step step : scenario.steps()) {
                int index = i++;
                schedule(nanos(step.time()), () -> {
                    events.add(new LabEvent.StepApplied(at(now), index, step.describe()));
                    apply(step);
                }, step.describe(), step.subject());
            }
            while (!queue.isEmpty() && queue.peek().time() <= end) {
                now = queue.peek().time();
                boolean first = true;
                while (!queue.isEmpty() && queue.peek().time() == now) {
                    Pending p = queue.poll();
                    if (first) {
                        cause = p.cause();
                        causeSource = p.source();
                        first = false;
                    }
                    p.action().run();
                }
                settle();
            }
            List<SimulationResult.FlowOutage> outages = probe();
            events.sort(Comparator.comparing(LabEvent::at));
            return new SimulationResult(scenario, at(end), events, outages, initial, routing);
        }

        // ------------------------------------------------------------ bookkeeping

        private void schedule(long time, Runnable action, String why, ElementId source) {
            queue.add(new Pending(time, seq++, action, why, source));
        }

        private void after(Duration delay, String why, ElementId source, Runnable action) {
            schedule(now + nanos(delay), action, why, source);
        }

        private static Conditions.SessionKey key(Session s, RoutingState r) {
            return new Conditions.SessionKey(r.plan().speakers().get(s.a()).id(), r.plan().speakers().get(s.b()).id());
        }

        private Conditions.SessionKey key(Session s) {
            return key(s, routing);
        }

        private Speaker speaker(int index) {
            return routing.plan().speakers().get(index);
        }

        /** Recomputes routing when something changed in this instant and records the FIB changes after the delay. */
        private void settle() {
            if (routingDirty) {
                RoutingState next = RoutingEngine.update(routing, topo, cond);
                for (RouteChange c : next.changesSince(routing)) {
                    // A path turning stale keeps the kernel route as it is; only next-hop changes reach the FIB.
                    if (c.speaker().kind() == ElementKind.ROUTER && !c.nextHopsBefore().equals(c.nextHopsAfter())) {
                        events.add(new LabEvent.RouteChanged(at(now + nanos(FIB_DELAY)), c.speaker(), c.prefix(),
                                c.nextHopsBefore(), c.nextHopsAfter(), cause, causeSource));
                    }
                }
                routing = next;
                routingTimeline.add(new Snapshot(now + nanos(FIB_DELAY), routing));
                routingDirty = false;
            }
            if (kubeDirty) {
                kubeTimeline.add(new KubeSnapshot(now, topo, health));
                kubeDirty = false;
            }
        }

        private void setConditions(Conditions c) {
            cond = c;
            routingDirty = true;
        }

        private void setTopology(Topology t) {
            topo = t;
            routingDirty = true;
            kubeDirty = true;
        }

        private void setHealth(Health h) {
            health = h;
            kubeDirty = true;
        }

        private void note(Severity severity, String text, ElementId about) {
            events.add(new Note(at(now), severity, text, about));
        }

        // ------------------------------------------------------------ timers

        /**
         * Hold = the smaller offer (BIRD packets.c bgp_rx_open; FRR likewise); keepalive = configured
         * or hold/3. BFD needs both ends: FRR bfdd on the router, and on a node only the lab's
         * hand-written BIRD (Calico OSS has no BFD, domain-facts §1.4).
         */
        private void negotiate(Live l) {
            Session s = l.session;
            int hold = Math.min(s.endA().holdTime(), s.endB().holdTime());
            l.hold = hold == 0 ? Long.MAX_VALUE : nanos(Duration.ofSeconds(hold));
            int ka = Math.max(s.endA().keepaliveTime(), s.endB().keepaliveTime());
            l.keepalive = nanos(Duration.ofSeconds(ka > 0 ? Math.min(ka, Math.max(1, hold / 3)) : Math.max(1, hold / 3)));
            l.bfd = bfdDetect(s);
        }

        private long bfdDetect(Session s) {
            Speaker a = speaker(s.a());
            Speaker b = speaker(s.b());
            BfdProfile pa = bfdOf(a, s.endA(), s.endB(), b);
            BfdProfile pb = bfdOf(b, s.endB(), s.endA(), a);
            if (pa == null || pb == null) {
                return 0;
            }
            return nanos(Duration.ofMillis(Math.max(pa.detectTimeMillis(), pb.detectTimeMillis())));
        }

        /** The BFD profile an end runs, or null. A node runs BFD only under the nodeBfd assumption. */
        private BfdProfile bfdOf(Speaker self, Session.End mine, Session.End theirs, Speaker peer) {
            if (!self.isNode()) {
                return mine.bfd();
            }
            if (!scenario.assume().effectiveNodeBfd()) {
                return null;
            }
            BfdProfile router = theirs.bfd();
            if (router == null) {
                return null;
            }
            // BIRD's "multihop" makes it run multihop BFD with TTL 64; FRR runs single-hop BFD to a
            // connected neighbor unless ebgp-multihop, and drops TTL < minimum-ttl (lab-notes §3).
            if (mine.multihop() && (!theirs.multihop() || router.effectiveMinimumTtl() > 64)) {
                return null;
            }
            return router;
        }

        private void describeTiming() {
            Map<String, List<String>> byTimers = new LinkedHashMap<>();
            for (Live l : sessions.values()) {
                Speaker a = speaker(l.session.a());
                Speaker b = speaker(l.session.b());
                String timers = "hold " + seconds(l.hold) + " s, keepalive " + seconds(l.keepalive) + " s"
                        + (l.bfd > 0 ? ", BFD detect " + seconds(l.bfd) + " s" : "");
                byTimers.computeIfAbsent(timers, k -> new ArrayList<>()).add(a.name() + "↔" + b.name());
                boolean routerWantsBfd = !a.isNode() && l.session.endA().bfd() != null
                        || !b.isNode() && l.session.endB().bfd() != null;
                if (routerWantsBfd && l.bfd == 0 && (a.isNode() || b.isNode())) {
                    Speaker node = a.isNode() ? a : b;
                    note(Severity.WARNING, scenario.assume().effectiveNodeBfd()
                            ? "BFD to " + node.name() + " stays down: BIRD runs multihop BFD (Calico's 'multihop'), the "
                            + "router needs ebgp-multihop and minimum-ttl ≤ 64 in its BFD profile (lab-notes §3)"
                            : "BFD is configured towards " + node.name() + ", but open-source Calico renders no BFD "
                            + "in BIRD: failure detection falls back to the hold timer", node.id());
                }
            }
            byTimers.forEach((timers, pairs) -> note(Severity.INFO, "negotiated " + timers + " on " + pairs.size()
                    + " session(s), e.g. " + pairs.get(0), null));
            note(Severity.INFO, "a silent failure is detected at the end of the hold (or BFD detect) time, the worst "
                    + "case; a real one lands up to one keepalive (or BFD interval) earlier, depending on when the "
                    + "last keepalive arrived. Kernel FIBs follow " + FIB_DELAY.toMillis() + " ms after BGP.", null);
        }

        private static String seconds(long nanos) {
            double s = nanos / 1e9;
            return s == Math.rint(s) ? String.valueOf((long) s) : String.format(java.util.Locale.ROOT, "%.3f", s);
        }

        // ------------------------------------------------------------ BGP mechanics

        /** The speaker stops talking without closing TCP: peers keep its routes until hold/BFD expires. */
        private void silence(ElementId id) {
            Speaker sp = routing.plan().speaker(id).orElseThrow();
            Conditions c = cond.withSpeaker(id, true);
            for (Session s : routing.plan().sessionsOf(sp.index())) {
                Live l = sessions.get(key(s));
                Speaker peer = speaker(s.peerOf(sp.index()));
                if (!l.up || cond.isDown(peer.id())) {
                    continue;
                }
                c = c.withFrozen(new Conditions.Directed(peer.id(), id),
                        new Conditions.Frozen(routing.receivedFrom(peer.id(), id), false));
                boolean bfd = l.bfd > 0;
                long detect = bfd ? l.bfd : l.hold;
                int epoch = l.epoch;
                String why = bfd ? "BFD down (detect time " + seconds(detect) + " s)"
                        : "hold timer expired (" + seconds(detect) + " s)";
                if (detect != Long.MAX_VALUE) {
                    after(at(detect), why + " on " + peer.name() + " for " + sp.name(), id, () -> {
                        if (l.up && l.epoch == epoch) {
                            down(l, why, false);
                        }
                    });
                }
            }
            setConditions(c);
        }

        /**
         * The session goes down. With graceful restart (the closing side advertised it, the other side is
         * a helper) the survivor keeps the closing side's routes as stale for its restart time; a hold
         * timer expiry or a NOTIFICATION deletes them (RFC 4724; lab-notes §3 "node dies" rows).
         */
        private void down(Live l, String why, boolean gracefulFromClosingSide) {
            l.up = false;
            l.epoch++;
            Conditions.SessionKey k = key(l.session);
            Conditions c = cond.withSession(k, true);
            for (int side : new int[] {l.session.a(), l.session.b()}) {
                Speaker receiver = speaker(side);
                Speaker sender = speaker(l.session.peerOf(side));
                Conditions.Directed d = new Conditions.Directed(receiver.id(), sender.id());
                c = c.withFrozen(d, null);
                boolean keep = gracefulFromClosingSide && cond.isDown(sender.id()) && !cond.isDown(receiver.id())
                        && l.session.end(receiver.index()).gracefulRestartHelper()
                        && l.session.end(sender.index()).gracefulRestart();
                if (keep) {
                    Conditions.Frozen stale = new Conditions.Frozen(routing.receivedFrom(receiver.id(), sender.id()), true);
                    c = c.withFrozen(d, stale);
                    Duration restart = l.session.end(sender.index()).restartTime();
                    after(restart, "graceful-restart stale timer (" + restart.toSeconds() + " s) expired on "
                            + receiver.name() + " for " + sender.name(), sender.id(), () -> {
                        if (cond.frozen().get(d) == stale) {
                            setConditions(cond.withFrozen(d, null));
                        }
                    });
                }
                if (!cond.isDown(receiver.id())) {
                    events.add(new LabEvent.SessionChanged(at(now), receiver.id(), sender.id(), SessionState.ESTABLISHED,
                            SessionState.IDLE, why + (keep ? "; keeping its routes as stale (graceful restart)" : "")));
                }
            }
            setConditions(c);
        }

        /** Brings a session up after {@code delay}; stale routes are swapped for fresh ones at End-of-RIB. */
        private void reestablish(Live l, Duration delay, String why) {
            int epoch = l.epoch;
            after(delay, why, speaker(l.session.a()).id(), () -> {
                Speaker a = speaker(l.session.a());
                Speaker b = speaker(l.session.b());
                if (l.up || l.epoch != epoch || cond.isDown(a.id()) || cond.isDown(b.id())
                        || !health.reachable(a.id()) && a.isNode() || !health.reachable(b.id()) && b.isNode()) {
                    return;
                }
                l.up = true;
                l.epoch++;
                l.session = routing.plan().sessions().get(l.session.index());
                negotiate(l);
                setConditions(cond.withSession(key(l.session), false));
                for (Speaker side : List.of(a, b)) {
                    Speaker other = side == a ? b : a;
                    events.add(new LabEvent.SessionChanged(at(now), side.id(), other.id(), SessionState.IDLE,
                            SessionState.ESTABLISHED, why));
                }
                after(endOfRib(), "End-of-RIB from " + a.name() + " and " + b.name(), a.id(), () -> {
                    Conditions c = cond;
                    c = c.withFrozen(new Conditions.Directed(a.id(), b.id()), null);
                    c = c.withFrozen(new Conditions.Directed(b.id(), a.id()), null);
                    setConditions(c);
                });
            });
        }

        /** BIRD 2 sends its routes ~1.1 s after Established, BIRD 1.6 ~0.07 s (lab-notes §5). */
        private Duration endOfRib() {
            return "bird1".equals(topo.calico().bird().effectiveSyntax()) ? Duration.ofMillis(70) : Duration.ofMillis(1100);
        }

        private Duration connectDelay() {
            return Duration.ofSeconds(topo.calico().bird().effectiveConnectDelayTime()).plus(HANDSHAKE);
        }

        private List<Live> sessionsOf(ElementId id) {
            Speaker sp = routing.plan().speaker(id).orElseThrow();
            return routing.plan().sessionsOf(sp.index()).stream().map(s -> sessions.get(key(s))).toList();
        }

        /** Kubernetes marks an unreachable node NotReady after node-monitor-grace-period: 40 s, 50 s since v1.32. */
        private Duration notReadyDelay() {
            return Version.parse(topo.cluster().kubernetesVersion()).isBefore("1.32.0")
                    ? Duration.ofSeconds(40) : Duration.ofSeconds(50);
        }

        private void markNotReadyLater(String node) {
            ElementId id = ElementId.of(ElementKind.NODE, node);
            after(notReadyDelay(), "node " + node + " NotReady: its endpoints leave the EndpointSlices", id, () -> {
                if (!health.reachable(id)) {
                    note(Severity.INFO, "node " + node + " is NotReady after " + notReadyDelay().toSeconds()
                            + " s; its pods stop being endpoints (rescheduling waits for the 300 s eviction toleration)", id);
                    setTopology(withPods(topo, p -> p.node().equals(node) && p.isReady(), p -> {
                        notReadyByUs.add(p.name());
                        return new Pod(p.name(), p.node(), p.ip(), false);
                    }));
                }
            });
        }

        // ------------------------------------------------------------ steps

        private ElementId nodeId(String name) {
            if (topo.node(name).isEmpty()) {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "' names node '" + name
                        + "', which is not in the design");
            }
            return ElementId.of(ElementKind.NODE, name);
        }

        private ElementId routerId(String name) {
            if (topo.router(name).isEmpty()) {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "' names router '" + name
                        + "', which is not in the design");
            }
            return ElementId.of(ElementKind.ROUTER, name);
        }

        private void apply(Step step) {
            if (step instanceof Step.NodeCrash s) {
                ElementId id = nodeId(s.node());
                setHealth(new Health(plus(health.nodesDown(), id), health.nodesIsolated()));
                silence(id);
                markNotReadyLater(s.node());
            } else if (step instanceof Step.NodeShutdown s) {
                ElementId id = nodeId(s.node());
                setTopology(withPods(topo, p -> p.node().equals(s.node()) && p.isReady(),
                        p -> new Pod(p.name(), p.node(), p.ip(), false)));
                after(TCP_CLOSE, "NOTIFICATION Cease from " + s.node() + " (shutdown)", id, () -> {
                    setConditions(cond.withSpeaker(id, true));
                    sessionsOf(id).stream().filter(l -> l.up).forEach(l -> down(l, "NOTIFICATION Cease (shutdown)", false));
                    setHealth(new Health(plus(health.nodesDown(), id), health.nodesIsolated()));
                });
            } else if (step instanceof Step.BirdRestart s) {
                ElementId id = nodeId(s.node());
                boolean gr = s.gracefulRestart() != null ? s.gracefulRestart()
                        : topo.calico().bird().effectiveGracefulRestart();
                // The peers keep its routes until the FIN arrives; the stale copy is taken from that state.
                after(TCP_CLOSE, "BIRD on " + s.node() + " closed its sessions", id, () -> {
                    setConditions(cond.withSpeaker(id, true));
                    sessionsOf(id).stream().filter(l -> l.up)
                            .forEach(l -> down(l, "TCP closed by " + s.node() + " (BIRD killed)", gr));
                });
                if (s.downFor() != null) {
                    after(s.downFor().duration(), "BIRD on " + s.node() + " is back", id, () -> {
                        setConditions(cond.withSpeaker(id, false));
                        sessionsOf(id).forEach(l -> reestablish(l, connectDelay(), "BIRD on " + s.node() + " restarted"));
                    });
                }
            } else if (step instanceof Step.BirdHang s) {
                ElementId id = nodeId(s.node());
                silence(id);
                if (s.downFor() != null) {
                    after(s.downFor().duration(), "BIRD on " + s.node() + " resumes", id, () -> resume(id));
                }
            } else if (step instanceof Step.LinkDown s) {
                linkDown(s);
            } else if (step instanceof Step.LinkUp s) {
                linkUp(s);
            } else if (step instanceof Step.SessionReset s) {
                ElementId r = routerId(s.router());
                ElementId peer = topo.node(s.peer()).isPresent() ? ElementId.of(ElementKind.NODE, s.peer()) : routerId(s.peer());
                Session x = routing.plan().session(r, peer).orElseThrow(() -> new IllegalArgumentException(
                        "scenario '" + scenario.name() + "': " + s.router() + " has no BGP session with " + s.peer()));
                Live l = sessions.get(key(x));
                if (l.up) {
                    down(l, "NOTIFICATION Cease/Administrative Reset (clear bgp)", false);
                    reestablish(l, connectDelay(), "session re-established after reset");
                }
            } else if (step instanceof Step.PodRelocation s) {
                relocate(s);
            } else if (step instanceof Step.ScaleReplicas s) {
                scale(s);
            } else if (step instanceof Step.RouterTimers s) {
                routerId(s.router());
                setTopology(withRouter(s.router(), b -> new RouterBgp(b.asn(), b.routerId(), s.keepalive(), s.hold(),
                        b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(), b.ebgpRequiresPolicy(),
                        b.passive(), b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(), b.listenPort(), b.neighbors(), b.bestpath(), b.ipv6Multipath())));
                note(Severity.INFO, "FRR uses the new timers when a session next comes up; established sessions keep "
                        + "their negotiated hold until reset", ElementId.of(ElementKind.ROUTER, s.router()));
            } else if (step instanceof Step.TrafficPolicy s) {
                trafficPolicy(s);
            } else if (step instanceof Step.RouterBfd s) {
                routerId(s.router());
                setTopology(withBfd(topo, s));
                // BFD sessions come up on their own, without a BGP reset.
                RoutingState planned = RoutingEngine.update(routing, topo, cond);
                routing = planned;
                routingDirty = false;
                for (Live l : sessions.values()) {
                    l.session = planned.plan().sessions().get(l.session.index());
                    l.bfd = bfdDetect(l.session);
                }
                describeBfd(s.router());
            }
        }

        private void describeBfd(String router) {
            for (Live l : sessions.values()) {
                Speaker a = speaker(l.session.a());
                Speaker b = speaker(l.session.b());
                if (a.name().equals(router) || b.name().equals(router)) {
                    Speaker other = a.name().equals(router) ? b : a;
                    note(l.bfd > 0 ? Severity.INFO : Severity.WARNING, l.bfd > 0
                            ? "BFD up between " + router + " and " + other.name() + " (detect " + seconds(l.bfd) + " s)"
                            : "no BFD between " + router + " and " + other.name() + (other.isNode()
                            ? ": open-source Calico's BIRD runs no BFD" : ""), other.id());
                }
            }
        }

        private void resume(ElementId id) {
            Conditions c = cond.withSpeaker(id, false);
            for (Live l : sessionsOf(id)) {
                Speaker peer = speaker(l.session.peerOf(routing.plan().speaker(id).orElseThrow().index()));
                if (l.up) {
                    c = c.withFrozen(new Conditions.Directed(peer.id(), id), null);
                } else {
                    reestablish(l, Duration.ofSeconds(topo.calico().bird().effectiveConnectRetryTime()),
                            "session re-established with " + id.name());
                }
            }
            setConditions(c);
        }

        private void linkDown(Step.LinkDown s) {
            if (s.node() != null) {
                ElementId id = nodeId(s.node());
                setHealth(new Health(health.nodesDown(), plus(health.nodesIsolated(), id)));
                silence(id);
                markNotReadyLater(s.node());
                return;
            }
            ElementId r = routerId(s.router());
            Segment seg = topo.segment(s.segment()).orElseThrow(() -> new IllegalArgumentException("scenario '"
                    + scenario.name() + "' names segment '" + s.segment() + "', which is not in the design"));
            for (Live l : sessionsOf(r)) {
                Speaker me = routing.plan().speaker(r).orElseThrow();
                Speaker peer = speaker(l.session.peerOf(me.index()));
                if (!l.up || seg.cidr() == null || !seg.cidr().contains(peer.address())) {
                    continue;
                }
                // FRR's fast-external-failover resets single-hop eBGP sessions when the interface drops.
                if (l.session.type() == Session.Type.EBGP && !l.session.end(me.index()).multihop()) {
                    down(l, "interface down (fast-external-failover)", false);
                } else {
                    silenceOne(l, me, peer);
                }
            }
        }

        /** A multihop or iBGP session over a dead interface: both ends go quiet until their hold timer. */
        private void silenceOne(Live l, Speaker a, Speaker b) {
            Conditions c = cond;
            c = c.withFrozen(new Conditions.Directed(a.id(), b.id()), new Conditions.Frozen(routing.receivedFrom(a.id(), b.id()), false));
            c = c.withFrozen(new Conditions.Directed(b.id(), a.id()), new Conditions.Frozen(routing.receivedFrom(b.id(), a.id()), false));
            setConditions(c);
            int epoch = l.epoch;
            after(at(l.hold), "hold timer expired (" + seconds(l.hold) + " s)", a.id(), () -> {
                if (l.up && l.epoch == epoch) {
                    down(l, "hold timer expired (" + seconds(l.hold) + " s)", false);
                }
            });
        }

        private void linkUp(Step.LinkUp s) {
            if (s.node() != null) {
                ElementId id = nodeId(s.node());
                Set<ElementId> isolated = new HashSet<>(health.nodesIsolated());
                isolated.remove(id);
                setHealth(new Health(health.nodesDown(), isolated));
                setTopology(withPods(topo, p -> p.node().equals(s.node()) && notReadyByUs.remove(p.name()),
                        p -> new Pod(p.name(), p.node(), p.ip(), true)));
                resume(id);
                return;
            }
            ElementId r = routerId(s.router());
            for (Live l : sessionsOf(r)) {
                if (!l.up) {
                    reestablish(l, Duration.ofSeconds(topo.calico().bird().effectiveConnectRetryTime()),
                            "interface of " + s.router() + " on " + s.segment() + " is back");
                } else {
                    Speaker a = speaker(l.session.a());
                    Speaker b = speaker(l.session.b());
                    setConditions(cond.withFrozen(new Conditions.Directed(a.id(), b.id()), null)
                            .withFrozen(new Conditions.Directed(b.id(), a.id()), null));
                }
            }
        }

        private void relocate(Step.PodRelocation s) {
            nodeId(s.to());
            Deployment owner = topo.workloads().deployments().stream()
                    .filter(d -> d.pods().stream().anyMatch(p -> p.name().equals(s.pod()))).findFirst().orElse(null);
            Duration delay = s.delay() != null ? s.delay().duration() : Scenarios.DEFAULT_RESCHEDULE.duration();
            if (owner == null) {
                // a StatefulSet's or DaemonSet's pod, or a bare one: it comes back under its own name, not yet ready
                Pod old = reportedPod(topo, s.pod()).orElseThrow(() -> new IllegalArgumentException("scenario '" + scenario.name()
                        + "' names pod '" + s.pod() + "', which is not in the design"));
                setTopology(withPods(topo, p -> p.name().equals(s.pod()), p -> new Pod(p.name(), s.to(), p.ip(), false)));
                after(delay, "pod " + s.pod() + " ready on " + s.to(), ElementId.of(ElementKind.NODE, s.to()),
                        () -> setTopology(withPods(topo, p -> p.name().equals(old.name()), p -> new Pod(p.name(), p.node(), p.ip(), true))));
                return;
            }
            Pod old = owner.pods().stream().filter(p -> p.name().equals(s.pod())).findFirst().orElseThrow();
            setTopology(withoutPod(topo, s.pod()));
            // A ReplicaSet replaces the pod under a new name; a counter keeps repeated moves distinct.
            String newName = s.pod().replaceFirst("-[a-z0-9]{5}$", "") + "-moved" + seq;
            after(delay, "pod " + newName + " ready on " + s.to(), ElementId.of(ElementKind.NODE, s.to()),
                    () -> setTopology(withPodAdded(topo, owner.id(), new Pod(newName, s.to(), old.ip(), true))));
        }

        private void scale(Step.ScaleReplicas s) {
            Deployment d = topo.workloads().deployments().stream().filter(x -> x.id().name().equals(s.deployment()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("scenario '" + scenario.name()
                            + "' names deployment '" + s.deployment() + "' (write namespace/name), which is not in the design"));
            // spec.replicas changes at once; the pods follow (at once when going, after the delay when coming)
            setTopology(withReplicas(topo, d.id(), s.replicas()));
            int have = d.pods().size();
            if (s.replicas() < have) {
                for (Pod p : d.pods().subList(s.replicas(), have)) {
                    setTopology(withoutPod(topo, p.name()));
                }
                return;
            }
            Duration delay = s.delay() != null ? s.delay().duration() : Scenarios.DEFAULT_RESCHEDULE.duration();
            List<Pod> added = scaledUp(topo, d, s.replicas());
            after(delay, "deployment " + s.deployment() + " scaled to " + s.replicas(), d.id(), () -> {
                for (Pod p : added) {
                    setTopology(withPodAdded(topo, d.id(), p));
                }
            });
        }

        private void trafficPolicy(Step.TrafficPolicy s) {
            if (topo.workloads().services().stream().noneMatch(x -> x.id().name().equals(s.service()))) {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "' names service '" + s.service()
                        + "' (write namespace/name), which is not in the design");
            }
            List<Service> services = topo.workloads().services().stream()
                    .map(x -> x.id().name().equals(s.service()) ? x.withExternalTrafficPolicy(s.policy()) : x).toList();
            setTopology(new Topology(topo.apiVersion(), topo.kind(), topo.name(), topo.description(), topo.network(),
                    topo.cluster(), topo.calico(), topo.metallb(), new Workloads(services, topo.workloads().deployments()),
                    topo.validation(), topo.layout()));
        }

        private Topology withRouter(String name, java.util.function.UnaryOperator<RouterBgp> change) {
            return Simulator.withRouter(topo, name, change);
        }

        private static <T> Set<T> plus(Set<T> set, T item) {
            Set<T> s = new HashSet<>(set);
            s.add(item);
            return s;
        }

        // ------------------------------------------------------------ probes

        /** Walks every probe flow over the piecewise-constant data plane and records its outages. */
        private List<SimulationResult.FlowOutage> probe() {
            Optional<ProbeTarget> target = target();
            if (target.isEmpty()) {
                note(Severity.WARNING, "no probe traffic: the design has no client or no LoadBalancer service with an IP", null);
                return List.of();
            }
            ProbeTarget pt = target.get();
            Scenario.Probe probe = scenario.probe() != null ? scenario.probe()
                    : new Scenario.Probe(null, null, null, null, null);
            long interval = nanos(probe.effectiveInterval());
            long timeout = nanos(probe.effectiveTimeout());
            List<Long> cuts = new ArrayList<>();
            routingTimeline.forEach(s -> cuts.add(s.from()));
            kubeTimeline.forEach(s -> cuts.add(s.from()));
            List<Long> starts = cuts.stream().distinct().sorted().filter(x -> x <= end).toList();
            List<Plane> planes = new ArrayList<>();
            for (long start : starts) {
                KubeSnapshot kube = latest(kubeTimeline, KubeSnapshot::from, start);
                planes.add(new Plane(new DataPlane(latest(routingTimeline, Snapshot::from, start).state(), kube.topology(),
                        kube.health()), kube.topology()));
            }
            FailureCauses causes = new FailureCauses(initial.topology(), pt.ip());
            List<SimulationResult.FlowOutage> outages = new ArrayList<>();
            for (int f = 0; f < probe.effectiveFlows(); f++) {
                Flow flow = Flow.probe(pt.client(), pt.ip(), pt.port(), f);
                String name = pt.client().name() + ":" + flow.sourcePort() + "→" + pt.ip() + ":" + pt.port();
                outages.add(walk(name, flow, pt.client(), starts, planes, causes, interval, timeout));
            }
            return outages;
        }

        /** The data plane of one stretch of the run and the design (pods, endpoints) it walks. */
        private record Plane(DataPlane plane, Topology topology) {
        }

        private SimulationResult.FlowOutage walk(String name, Flow flow, dev.lbstudio.model.Client client, List<Long> starts,
                                                 List<Plane> planes, FailureCauses causes, long interval, long timeout) {
            List<SimulationResult.Window> windows = new ArrayList<>();
            long t = 0;
            int probes = 0;
            int failures = 0;
            long windowStart = -1;
            long lastFailEnd = 0;
            String lastShown = null;
            for (int i = 0; i < starts.size() && t < end; i++) {
                long segEnd = i + 1 < starts.size() ? starts.get(i + 1) : end;
                if (t >= segEnd) {
                    continue;
                }
                Trace tr = planes.get(i).plane().trace(client, flow);
                LabEvent.Failure failure = causes.of(tr, planes.get(i).topology());
                String shown = tr.delivered() + "|" + tr.pod() + "|" + tr.sourceSeenByPod() + "|" + failure;
                if (!shown.equals(lastShown)) {
                    events.add(new LabEvent.ProbeSample(at(t), name, tr.delivered(),
                            tr.delivered() ? Duration.ofNanos(1000L * (300 + 100L * tr.hops().size())) : null,
                            tr.sourceSeenByPod(), tr.pod(), failure));
                    lastShown = shown;
                }
                long step = tr.delivered() ? interval : timeout;
                long n = (segEnd - t + step - 1) / step;
                probes += (int) n;
                if (tr.delivered()) {
                    if (windowStart >= 0) {
                        windows.add(new SimulationResult.Window(at(windowStart), at(lastFailEnd)));
                        windowStart = -1;
                    }
                } else {
                    failures += (int) n;
                    if (windowStart < 0) {
                        windowStart = t;
                    }
                    lastFailEnd = t + n * step;
                }
                t += n * step;
            }
            if (windowStart >= 0) {
                windows.add(new SimulationResult.Window(at(windowStart), at(Math.min(lastFailEnd, end))));
            }
            return new SimulationResult.FlowOutage(name, probes, failures, windows);
        }

        private record ProbeTarget(dev.lbstudio.model.Client client, IpAddr ip, int port) {
        }

        private Optional<ProbeTarget> target() {
            Scenario.Probe p = scenario.probe();
            Optional<dev.lbstudio.model.Client> client = p != null && p.client() != null ? initial.topology().client(p.client())
                    : initial.topology().network().clients().stream().findFirst();
            if (p != null && p.client() != null && client.isEmpty()) {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "' probes from client '" + p.client()
                        + "', which is not in the design");
            }
            if (client.isEmpty()) {
                return Optional.empty();
            }
            if (p != null && p.target() != null) {
                int colon = p.target().lastIndexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("scenario '" + scenario.name() + "': probe target '" + p.target()
                            + "' needs IP:port, e.g. 10.208.1.1:80");
                }
                return Optional.of(new ProbeTarget(client.get(), IpAddr.parse(p.target().substring(0, colon)),
                        Integer.parseInt(p.target().substring(colon + 1))));
            }
            return initial.topology().workloads().services().stream()
                    .filter(s -> s.isLoadBalancer() && !s.status().isEmpty() && !s.ports().isEmpty()).findFirst()
                    .map(s -> new ProbeTarget(client.get(), s.status().get(0), s.ports().get(0).port()));
        }

        /** The entry of a timeline (sorted by start) in force at time t. */
        private static <T> T latest(List<T> timeline, java.util.function.ToLongFunction<T> from, long t) {
            T best = timeline.get(0);
            for (T s : timeline) {
                if (from.applyAsLong(s) <= t) {
                    best = s;
                }
            }
            return best;
        }
    }

    // ---------------------------------------------------------------- topology edits

    /**
     * The design after a router-BFD step, for the simulator and the namespace lab alike: the router's BFD profile
     * is the step's (none when it turns BFD off) and no neighbour keeps a BFD switch of its own.
     */
    public static Topology withBfd(Topology t, Step.RouterBfd s) {
        BfdProfile profile = s.profile().orElse(null);
        return withRouter(t, s.router(), b -> new RouterBgp(b.asn(), b.routerId(), b.keepalive(), b.hold(),
                b.connectRetry(), b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(), b.ebgpRequiresPolicy(),
                b.passive(), s.ebgpMultihop() != null ? s.ebgpMultihop() : b.ebgpMultihop(), profile,
                b.gracefulRestartHelper(), b.listenPort(),
                b.neighbors().stream().map(n -> n.withBfd(null)).toList(), b.bestpath(), b.ipv6Multipath()));
    }

    static Topology withRouter(Topology topo, String name, java.util.function.UnaryOperator<RouterBgp> change) {
        List<Router> routers = topo.network().routers().stream().map(r -> r.name().equals(name)
                ? r.withBgp(change.apply(r.bgp())) : r)
                .toList();
        Network n = new Network(routers, topo.network().segments(), topo.network().clients());
        return new Topology(topo.apiVersion(), topo.kind(), topo.name(), topo.description(), n, topo.cluster(),
                topo.calico(), topo.metallb(), topo.workloads(), topo.validation(), topo.layout());
    }

    /**
     * The pods a scale-up adds, placed as the simulator (and the namespace lab) places them: each on the
     * schedulable node with the fewest of the deployment's pods, ties by node name; named
     * {@code <deployment>-scaled-<i>}, without an IP (IPAM's choice), ready.
     */
    public static List<Pod> scaledUp(Topology topo, Deployment d, int replicas) {
        List<Node> nodes = topo.cluster().nodes().stream().filter(Node::isSchedulable).toList();
        Map<String, Integer> load = new HashMap<>();
        d.pods().forEach(p -> load.merge(p.node(), 1, Integer::sum));
        List<Pod> added = new ArrayList<>();
        for (int i = d.pods().size(); i < replicas && !nodes.isEmpty(); i++) {
            Node n = nodes.stream().min(Comparator.comparing((Node x) -> load.getOrDefault(x.name(), 0))
                    .thenComparing(Node::name)).orElseThrow();
            load.merge(n.name(), 1, Integer::sum);
            added.add(new Pod(d.name() + "-scaled-" + i, n.name(), null, true));
        }
        return added;
    }

    /** The design with {@code change} applied to the pods {@code which} selects, in deployments and reported endpoints alike. */
    static Topology withPods(Topology t, java.util.function.Predicate<Pod> which, java.util.function.UnaryOperator<Pod> change) {
        List<Deployment> ds = t.workloads().deployments().stream().map(d -> d.pods().stream().noneMatch(which) ? d
                : d.withPods(d.pods().stream().map(p -> which.test(p) ? change.apply(p) : p).toList())).toList();
        return withWorkloads(t, ds, (s, endpoints) -> endpoints.stream().map(e -> {
            Pod p = e.asPod();
            return p != null && which.test(p) ? e.movedTo(change.apply(p)) : e;
        }).toList());
    }

    /** The design with deployment {@code id} asking for {@code replicas}, its pods as they are (a scale step's first effect). */
    public static Topology withReplicas(Topology t, ElementId id, int replicas) {
        List<Deployment> ds = t.workloads().deployments().stream().map(d -> d.id().equals(id) ? d.withReplicas(replicas) : d).toList();
        return withWorkloads(t, ds, (s, endpoints) -> endpoints);
    }

    static Topology withoutPod(Topology t, String pod) {
        List<Deployment> ds = t.workloads().deployments().stream().map(d -> d.pods().stream().noneMatch(p -> p.name().equals(pod))
                ? d : d.withPods(d.pods().stream().filter(p -> !p.name().equals(pod)).toList())).toList();
        return withWorkloads(t, ds, (s, endpoints) -> endpoints.stream().filter(e -> !pod.equals(e.pod())).toList());
    }

    /** A new pod of a deployment; services that report their endpoints and select the deployment gain one. */
    static Topology withPodAdded(Topology t, ElementId deployment, Pod pod) {
        Deployment owner = t.workloads().deployments().stream().filter(d -> d.id().equals(deployment)).findFirst().orElseThrow();
        List<Deployment> ds = t.workloads().deployments().stream().map(d -> d != owner ? d
                : d.withPods(java.util.stream.Stream.concat(d.pods().stream(), java.util.stream.Stream.of(pod)).toList())).toList();
        return withWorkloads(t, ds, (s, endpoints) -> !Topology.selects(s, owner) ? endpoints : java.util.stream.Stream.concat(
                endpoints.stream(), java.util.stream.Stream.of(new ServiceEndpoint(pod.ip(), pod.node(), pod.isReady(), pod.isReady(), null,
                        pod.name(), new ServiceEndpoint.Owner("Deployment", owner.name())))).toList());
    }

    /** The pod of a reported endpoint that no deployment of the design owns (a StatefulSet's, a DaemonSet's, a bare pod). */
    static Optional<Pod> reportedPod(Topology t, String pod) {
        return t.workloads().services().stream().filter(Service::reportsEndpoints).flatMap(s -> s.endpoints().stream())
                .filter(e -> pod.equals(e.pod())).map(ServiceEndpoint::asPod).filter(java.util.Objects::nonNull).findFirst();
    }

    /** Deployments replaced, and each service's reported endpoints changed by {@code endpoints} (derived ones follow the deployments). */
    private static Topology withWorkloads(Topology t, List<Deployment> ds,
            java.util.function.BiFunction<Service, List<ServiceEndpoint>, List<ServiceEndpoint>> endpoints) {
        List<Service> services = t.workloads().services().stream()
                .map(s -> s.reportsEndpoints() ? s.withEndpoints(endpoints.apply(s, s.endpoints())) : s).toList();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(services, ds), t.validation(), t.layout());
    }

}
