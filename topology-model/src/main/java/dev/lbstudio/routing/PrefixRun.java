package dev.lbstudio.routing;

import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer.NextHopMode;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Converges one prefix over the session graph. BGP decides each prefix on its own (next hops are
 * resolved against connected subnets, not other BGP routes), which is what makes incremental
 * updates exact: a change touches only the prefixes it touches.
 */
final class PrefixRun {

    /** Bounds a pathological policy loop; real designs converge in a few rounds per speaker. */
    private static final int MAX_ROUNDS_PER_SPEAKER = 64;

    private final EngineContext ctx;
    private final IpPrefix prefix;
    /** The prefix as policy evaluates it, computed once per run rather than per path. */
    private final CompiledPolicy.Target target;
    private final EngineContext.PrefixFacts facts;
    /** 4 or 6: the prefix travels only over sessions of its family. */
    private final int family;
    private final Map<Integer, Work> work = new HashMap<>();

    /** What one speaker holds for the prefix while the run converges. */
    static final class Work {
        final Map<Integer, List<Path>> in = new HashMap<>();
        Path local;
        Decision decision;
        boolean queued;
        int rounds;
    }

    private PrefixRun(EngineContext ctx, IpPrefix prefix) {
        this.ctx = ctx;
        this.prefix = prefix;
        this.target = CompiledPolicy.Target.of(prefix);
        this.facts = ctx.facts(prefix);
        this.family = prefix.isIpv4() ? 4 : 6;
    }

    static PrefixOutcome run(EngineContext ctx, IpPrefix prefix) {
        return new PrefixRun(ctx, prefix).converge();
    }

    /**
     * Re-converges a prefix from its previous outcome: only speakers whose inputs changed (their
     * origination, a session, a frozen snapshot, their own or a neighbour's state) are decided again,
     * and propagation stops where exports come out the same. Same result as {@link #run}, which the
     * incremental tests check; much cheaper for an aggregate originated by a thousand nodes.
     */
    static PrefixOutcome rerun(EngineContext ctx, IpPrefix prefix, PrefixOutcome previous, EngineContext.Delta delta) {
        return new PrefixRun(ctx, prefix).warm(previous, delta);
    }

    private PrefixOutcome converge() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int o : facts.originators) {
            if (!ctx.down[o]) {
                work(o).local = localPath(o);
                enqueue(o, queue);
            }
        }
        applyFrozen(queue);
        return collect(loop(queue), Map.of());
    }

    private PrefixOutcome warm(PrefixOutcome previous, EngineContext.Delta delta) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        Map<Integer, SpeakerRoute> kept = new HashMap<>(previous.routes());
        previous.routes().forEach((s, r) -> {
            Work w = work(s);
            w.in.putAll(r.received());
            for (RibEntryPath e : r.paths()) {
                if (e.path().local()) {
                    w.local = e.path();
                }
            }
        });
        java.util.Set<Integer> origins = new java.util.HashSet<>();
        for (int o : facts.originators) {
            if (!ctx.down[o]) {
                origins.add(o);
                if (work(o).local == null) {
                    work.get(o).local = localPath(o);
                    enqueue(o, queue);
                }
            }
        }
        for (Map.Entry<Integer, Work> e : work.entrySet()) {
            if (e.getValue().local != null && !origins.contains(e.getKey())) {
                e.getValue().local = null;
                enqueue(e.getKey(), queue);
            }
        }
        for (int s : delta.speakers()) {
            if (ctx.down[s]) {
                work.remove(s);
                kept.remove(s);
            } else {
                enqueue(s, queue);
            }
            for (Session x : ctx.plan.sessionsOf(s)) {
                touch(x.peerOf(s), x.index(), queue);
            }
        }
        for (int x : delta.sessions()) {
            Session session = ctx.plan.sessions().get(x);
            touch(session.a(), x, queue);
            touch(session.b(), x, queue);
        }
        applyFrozen(queue);
        return collect(loop(queue), kept);
    }

    /** Forgets what a speaker held on a changed session and decides it again (unless it is down). */
    private void touch(int speaker, int session, ArrayDeque<Integer> queue) {
        if (ctx.down[speaker]) {
            return;
        }
        Work w = work.get(speaker);
        if (w != null) {
            w.in.remove(session);
        }
        enqueue(speaker, queue);
    }

    private Path localPath(int o) {
        return new Path(-1, -1, o, ctx.plan.speakers().get(o).address(family), List.of(), false, null, List.of(), false, null);
    }

    private void applyFrozen(ArrayDeque<Integer> queue) {
        ctx.frozenFor(prefix, (receiver, session, paths) -> {
            if (!ctx.down[receiver]) {
                work(receiver).in.put(session, paths);
                enqueue(receiver, queue);
            }
        });
    }

    /** Decides and delivers until nothing changes; false when a speaker hit the oscillation bound. */
    private boolean loop(ArrayDeque<Integer> queue) {
        boolean converged = true;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            Work w = work.get(s);
            if (w == null) {
                continue; // went down after it was queued
            }
            w.queued = false;
            if (++w.rounds > MAX_ROUNDS_PER_SPEAKER) {
                converged = false;
                continue;
            }
            decide(s, w);
            for (Session x : ctx.plan.sessionsOf(s)) {
                int peer = x.peerOf(s);
                if (x.family() != family || ctx.sessionDown[x.index()] || ctx.down[peer] || ctx.isFrozen(x.index(), peer)) {
                    continue;
                }
                List<Path> out = deliver(s, w, x, peer);
                Work pw = work.get(peer);
                List<Path> before = pw == null ? null : pw.in.get(x.index());
                if (out.isEmpty() ? before != null && !before.isEmpty() : !out.equals(before)) {
                    if (out.isEmpty()) {
                        pw.in.remove(x.index());
                    } else {
                        work(peer).in.put(x.index(), out);
                    }
                    enqueue(peer, queue);
                }
            }
        }
        return converged;
    }

    /** Speakers decided in this run give new routes; the others keep what they had. */
    private PrefixOutcome collect(boolean converged, Map<Integer, SpeakerRoute> kept) {
        Map<Integer, SpeakerRoute> routes = new HashMap<>();
        work.forEach((s, w) -> {
            if (w.decision == null) {
                SpeakerRoute old = kept.get(s);
                if (old != null) {
                    routes.put(s, old);
                }
            } else if (!w.decision.paths().isEmpty()) {
                routes.put(s, new SpeakerRoute(w.decision.paths(), w.decision.fib(prefix), w.in));
            }
        });
        return new PrefixOutcome(prefix, routes, converged);
    }

    private Work work(int s) {
        return work.computeIfAbsent(s, k -> new Work());
    }

    private void enqueue(int s, ArrayDeque<Integer> queue) {
        Work w = work(s);
        if (!w.queued) {
            w.queued = true;
            queue.add(s);
        }
    }

    // ---------------------------------------------------------------- decision

    private void decide(int s, Work w) {
        Speaker sp = ctx.plan.speakers().get(s);
        List<Path> all = new ArrayList<>();
        if (w.local != null) {
            all.add(w.local);
        }
        List<Integer> sessions = new ArrayList<>(w.in.keySet());
        java.util.Collections.sort(sessions);
        for (Integer k : sessions) {
            all.addAll(w.in.get(k));
        }
        w.decision = sp.isNode() ? Decision.bird(ctx, facts, all) : Decision.frr(ctx, sp, all);
    }

    // ---------------------------------------------------------------- export + import

    private List<Path> deliver(int s, Work w, Session x, int r) {
        Speaker sender = ctx.plan.speakers().get(s);
        Speaker receiver = ctx.plan.speakers().get(r);
        Session.End out = x.end(s);
        List<Path> result = new ArrayList<>();
        for (Path p : w.decision.exportable()) {
            if (x.type() == Session.Type.EBGP && loops(receiver, x.end(r), out.localAs(), p)) {
                continue; // the receiver would drop it on the AS-path loop check; skip building it
            }
            Path sent = sender.isNode() ? birdExport(sender, x, out, receiver, p) : frrExport(sender, x, out, receiver, p);
            if (sent != null) {
                Path received = receive(receiver, x, sent);
                if (received != null) {
                    result.add(received);
                }
            }
        }
        return List.copyOf(result);
    }

    private static boolean loops(Speaker r, Session.End in, long prepended, Path p) {
        int own = prepended == in.localAs() || prepended == r.asn() ? 1 : 0;
        for (Long as : p.asPath()) {
            if (as == in.localAs() || as == r.asn()) {
                own++;
            }
        }
        return own > in.allowLocalAs();
    }

    /** calico-node's BIRD: BGPFilter export rules, then calico_export_to_bgp_peers (CAL-TPL bird_ipam.cfg). */
    private Path birdExport(Speaker s, Session x, Session.End out, Speaker r, Path p) {
        if (p.session() == x.index()) {
            return null; // BIRD never sends a route back to the protocol it came from
        }
        boolean ibgpOut = x.type() == Session.Type.IBGP;
        boolean reflecting = false;
        if (ibgpOut && p.ibgp() && !p.local()) {
            // iBGP-learned routes go to iBGP peers only through a route reflector (RFC 4456).
            boolean fromClient = ctx.plan.sessions().get(p.session()).end(s.index()).peerIsClient();
            if (!s.isRouteReflector() || !fromClient && !out.peerIsClient()) {
                return null;
            }
            reflecting = true;
        }
        Boolean filtered = filter(out.filters(), p, true);
        if (Boolean.FALSE.equals(filtered)) {
            return null;
        }
        if (filtered == null && !facts.calicoExports(s.index())) {
            return null;
        }
        IpAddr nextHop;
        if (!ibgpOut) {
            NextHopMode mode = out.nextHopMode();
            // Calico always configures multihop; BIRD then uses its source address for eBGP unless
            // "next hop keep" (BIRD proto/bgp/attrs.c, domain-facts §1.3.6).
            boolean keep = mode == NextHopMode.KEEP
                    || mode == NextHopMode.AUTO && !out.multihop() && ctx.sharesSubnet(s.index(), p.nextHop(), r.address(family));
            nextHop = keep && !p.local() ? p.nextHop() : out.address();
        } else {
            nextHop = mode(out) == NextHopMode.SELF || p.local() ? out.address() : p.nextHop();
        }
        return sent(s, x, out, p, nextHop, reflecting);
    }

    private static NextHopMode mode(Session.End e) {
        return e.nextHopMode() == null ? NextHopMode.AUTO : e.nextHopMode();
    }

    /** FRR: announce the best path; never back to its sender; iBGP-learned not to iBGP peers. */
    private Path frrExport(Speaker s, Session x, Session.End out, Speaker r, Path p) {
        if (p.session() == x.index()) {
            return null;
        }
        boolean ibgpOut = x.type() == Session.Type.IBGP;
        if (ibgpOut && p.ibgp()) {
            return null;
        }
        SessionPolicy policy = out.policy();
        if (!ibgpOut && out.requiresPolicy() && !policy.hasOutbound()) {
            return null;
        }
        if (!ibgpOut && p.med() != null && !p.local()) {
            // bgpd/bgp_route.c subgroup_announce_check: a learned MED is not passed to an eBGP peer; an outbound
            // route-map may set one again
            p = p.withMed(null);
        }
        if (policy.hasOutbound()) {
            PolicyEval.Outcome o = PolicyEval.apply(policy.policy(), policy.prefixListOut(), policy.routeMapOut(), target, p);
            if (!o.permitted()) {
                return null;
            }
            p = o.path();
        }
        IpAddr nextHop = p.nextHop();
        if (!ibgpOut && !ctx.sharesSubnet(s.index(), p.nextHop(), r.address(family))) {
            nextHop = out.address();
        }
        return sent(s, x, out, p, nextHop, false);
    }

    private Path sent(Speaker s, Session x, Session.End out, Path p, IpAddr nextHop, boolean reflecting) {
        List<Long> asPath = p.asPath();
        if (x.type() == Session.Type.EBGP) {
            List<Long> longer = new ArrayList<>(asPath.size() + 1);
            longer.add(out.localAs());
            longer.addAll(asPath);
            asPath = longer;
        }
        IpAddr originator = p.originatorId();
        List<String> clusters = p.clusterList();
        if (reflecting) {
            originator = originator != null ? originator : ctx.plan.speakers().get(p.from()).routerId();
            List<String> longer = new ArrayList<>(clusters.size() + 1);
            longer.add(s.clusterId());
            longer.addAll(clusters);
            clusters = longer;
        } else if (x.type() == Session.Type.EBGP) {
            originator = null;
            clusters = List.of();
        }
        // LOCAL_PREF goes to iBGP peers only and weight never leaves the router; MED as the outbound policy left it
        boolean ibgp = x.type() == Session.Type.IBGP;
        return new Path(x.index(), s.index(), p.origin(), nextHop, asPath, ibgp, originator, clusters, false, null, 0,
                ibgp ? p.localPreference() : Path.DEFAULT_LOCAL_PREFERENCE, p.med(), p.communities(), null);
    }

    private Path receive(Speaker r, Session x, Path p) {
        Session.End in = x.end(r.index());
        if (loops(r, in, -1, p)) {
            return null; // AS-path loop: dropped before the RIB by both BIRD and FRR
        }
        if (r.routerId().equals(p.originatorId()) || r.clusterId() != null && p.clusterList().contains(r.clusterId())) {
            return null; // RFC 4456 reflection loop
        }
        PathReason rejected = null;
        if (p.nextHop().equals(r.address(family))) {
            rejected = PathReason.NEXT_HOP_SELF;
        } else if (r.isNode()) {
            if (Boolean.FALSE.equals(filter(in.filters(), p, false))) {
                rejected = PathReason.BGP_FILTER_REJECT;
            }
        } else if (x.type() == Session.Type.EBGP && in.requiresPolicy() && !in.policy().hasInbound()) {
            rejected = PathReason.EBGP_REQUIRES_POLICY;
        } else if (!ctx.connected(r.index(), p.nextHop())) {
            rejected = PathReason.NEXT_HOP_UNREACHABLE;
        }
        if (rejected != null) {
            return p.rejectedFor(rejected, null);
        }
        if (r.isNode()) {
            return p;
        }
        // bgpd/bgp_route.c bgp_update: neighbour weight first, then inbound prefix-list and route-map
        SessionPolicy policy = in.policy();
        Path weighted = policy.weight() == null ? p : new Path(p.session(), p.from(), p.origin(), p.nextHop(), p.asPath(), p.ibgp(),
                p.originatorId(), p.clusterList(), p.stale(), null, policy.weight(), p.localPreference(), p.med(), p.communities(), null);
        if (!policy.hasInbound()) {
            return weighted;
        }
        PolicyEval.Outcome o = PolicyEval.apply(policy.policy(), policy.prefixListIn(), policy.routeMapIn(), target, weighted);
        return o.permitted() ? o.path() : weighted.rejectedFor(o.denied(), o.note());
    }

    /**
     * Calico BGPFilter rules in order; the first match decides. Returns true (accept), false (reject),
     * or null when no rule matched and Calico's own filter decides.
     */
    private Boolean filter(List<BgpFilter> filters, Path p, boolean export) {
        for (BgpFilter f : filters) {
            List<BgpFilter.Rule> rules = prefix.isIpv4() ? (export ? f.exportV4() : f.importV4())
                    : (export ? f.exportV6() : f.importV6());
            for (BgpFilter.Rule rule : rules) {
                if (matches(rule, p)) {
                    return "Accept".equals(rule.action());
                }
            }
        }
        return null;
    }

    private boolean matches(BgpFilter.Rule rule, Path p) {
        if (rule.source() != null && p.local()) {
            return false; // source RemotePeers: only routes learned from BGP peers
        }
        if (rule.interfaceName() != null) {
            return false; // BGP and static blackhole routes have no interface to match
        }
        if (rule.cidr() == null) {
            return true;
        }
        IpPrefix cidr = rule.cidr().network();
        return switch (rule.matchOperator()) {
            case "Equal" -> cidr.equals(prefix);
            case "NotEqual" -> !cidr.equals(prefix);
            case "In" -> cidr.contains(prefix);
            default -> !cidr.contains(prefix);
        };
    }

    // ---------------------------------------------------------------- best path

    /** The outcome of one speaker's decision for the prefix. */
    record Decision(List<RibEntryPath> paths, List<Path> exportable, List<IpAddr> nextHops, List<IpAddr> candidates,
                    boolean undetermined) {

        FibEntry fib(IpPrefix prefix) {
            if (nextHops.isEmpty()) {
                return null;
            }
            boolean stale = paths.stream().anyMatch(p -> p.path().stale()
                    && (p.status() == PathStatus.BEST || p.status() == PathStatus.MULTIPATH));
            return new FibEntry(prefix, FibEntry.Source.BGP, nextHops, candidates, undetermined, stale);
        }

        private static final Comparator<IpAddr> ADDRESS = Comparator.naturalOrder();

        private static List<Path> usable(List<Path> all) {
            List<Path> usable = new ArrayList<>(all.size());
            for (Path p : all) {
                if (p.usable()) {
                    usable.add(p);
                }
            }
            return usable;
        }

        /** BIRD: a local static route wins; otherwise one best path, deterministic by router id. */
        static Decision bird(EngineContext ctx, EngineContext.PrefixFacts facts, List<Path> all) {
            List<RibEntryPath> out = new ArrayList<>();
            List<Path> usable = usable(all);
            Speaker.Med med = Speaker.Med.BIRD;
            Path best = null;
            for (Path p : usable) {
                if (best == null || better(ctx, med, p, best) < 0) {
                    best = p;
                }
            }
            for (Path p : all) {
                if (!p.usable()) {
                    out.add(new RibEntryPath(p, PathStatus.REJECTED, p.rejected()));
                } else if (p == best) {
                    out.add(new RibEntryPath(p, PathStatus.BEST, p.local() ? PathReason.LOCAL_ORIGIN
                            : usable.size() == 1 ? PathReason.ONLY_PATH : winReason(med, p, usable)));
                } else {
                    out.add(new RibEntryPath(p, PathStatus.BACKUP, best.local() ? PathReason.LOCAL_ROUTE_PREFERRED
                            : loseReason(med, p, best)));
                }
            }
            // The node's kernel gets no route inside Calico's rejectcidrs (calico_kernel_programming);
            // everything else BIRD exports with "merge paths on".
            List<IpAddr> hops = new ArrayList<>();
            if (best != null && !best.local() && !facts.insideAggregate()) {
                hops.add(best.nextHop());
            }
            return new Decision(out, usable, hops, hops, false);
        }

        /**
         * FRR: best path, then multipath among equal paths up to maximum-paths (bgpd/bgp_route.c bgp_best_selection,
         * bgp_mpath.c). The best path is chosen as with {@code bgp deterministic-med}: the best of each neighbour AS
         * first, then the best of those; multipaths are the paths bgp_path_info_cmp finds equal to the best, MED
         * included where it compares. Without deterministic-med FRR compares paths in arrival order, so where MED
         * differs inside one neighbour AS while another AS ties, the winner depends on that order: undetermined.
         */
        static Decision frr(EngineContext ctx, Speaker s, List<Path> all) {
            List<Path> usable = usable(all);
            List<RibEntryPath> out = new ArrayList<>();
            if (usable.isEmpty()) {
                all.forEach(p -> out.add(new RibEntryPath(p, PathStatus.REJECTED, p.rejected())));
                return new Decision(out, List.of(), List.of(), List.of(), false);
            }
            Speaker.Med med = s.med();
            boolean medDiffers = false;
            for (Path p : usable) {
                medDiffers |= med.value(p.med()) != med.value(usable.get(0).med());
            }
            List<Path> contenders = med.alwaysCompare() || !medDiffers ? usable : neighbourAsBests(med, usable);
            Path top = contenders.get(0);
            for (Path p : contenders) {
                if (coarse(med, p, top) < 0) {
                    top = p;
                }
            }
            Path best = null;
            int tied = 0;
            for (Path p : contenders) {
                if (coarse(med, p, top) == 0) {
                    tied++;
                    if (best == null || tieBreak(ctx, p, best) < 0) {
                        best = p;
                    }
                }
            }
            List<Path> equal = new ArrayList<>();
            List<Path> byArrival = new ArrayList<>();
            for (Path p : usable) {
                if (coarse(med, p, best) == 0) {
                    equal.add(p);
                }
                if (coarse(null, p, best) == 0) {
                    byArrival.add(p);
                }
            }
            boolean medByArrival = medDiffers && !med.alwaysCompare() && !med.deterministic() && medDependsOnOrder(med, byArrival);
            boolean ebgp = !top.ibgp();
            // eBGP ties go to the oldest path (no compare-routerid in FRR's defaults): unknowable ahead.
            boolean tieByAge = ebgp && tied > 1;
            List<Path> eligible = new ArrayList<>();
            for (Path p : equal) {
                if (p == best || multipathable(s, p, best)) {
                    eligible.add(p);
                }
            }
            int slots = s.maximumPaths(top.nextHop().isIpv4() ? 4 : 6, !ebgp);
            TreeSet<IpAddr> distinct = new TreeSet<>(ADDRESS);
            eligible.forEach(p -> distinct.add(p.nextHop()));
            List<IpAddr> candidates = List.copyOf(distinct);
            boolean fits = distinct.size() <= slots;
            // Without multipath-relax only the best path's neighbor AS shares ECMP; when the best path
            // itself is decided by age, so is the group that gets installed.
            boolean groupByAge = tieByAge && eligible.size() < equal.size();
            List<IpAddr> hops;
            boolean undetermined;
            if (groupByAge || medByArrival) {
                TreeSet<IpAddr> any = new TreeSet<>(ADDRESS);
                (medByArrival ? byArrival : equal).forEach(p -> any.add(p.nextHop()));
                candidates = List.copyOf(any);
                hops = List.copyOf(distinct).subList(0, Math.min(slots, distinct.size()));
                undetermined = true;
            } else if (fits) {
                hops = candidates;
                undetermined = false;
            } else if (!tieByAge && slots == 1) {
                hops = List.of(best.nextHop());
                undetermined = false;
            } else {
                hops = candidates.subList(0, slots);
                undetermined = true;
            }
            TreeSet<IpAddr> used = new TreeSet<>(ADDRESS);
            for (Path p : all) {
                if (!p.usable()) {
                    out.add(new RibEntryPath(p, PathStatus.REJECTED, p.rejected()));
                } else if (medByArrival && byArrival.contains(p)) {
                    out.add(new RibEntryPath(p, PathStatus.CANDIDATE, PathReason.MED_ARRIVAL_ORDER));
                } else if (!equal.contains(p)) {
                    out.add(new RibEntryPath(p, PathStatus.BACKUP, loseReason(med, p, best)));
                } else if (groupByAge) {
                    out.add(new RibEntryPath(p, PathStatus.CANDIDATE, PathReason.MULTIPATH_NEIGHBOR_AS_DIFFERS));
                } else if (!eligible.contains(p)) {
                    out.add(new RibEntryPath(p, PathStatus.BACKUP, PathReason.MULTIPATH_NEIGHBOR_AS_DIFFERS));
                } else if (undetermined) {
                    out.add(new RibEntryPath(p, PathStatus.CANDIDATE,
                            tieByAge ? PathReason.ARRIVAL_ORDER : PathReason.MAXIMUM_PATHS_REACHED));
                } else if (p == best) {
                    out.add(new RibEntryPath(p, PathStatus.BEST, usable.size() == 1 ? PathReason.ONLY_PATH
                            : tieByAge ? PathReason.ARRIVAL_ORDER : winReason(med, p, usable)));
                    used.add(p.nextHop());
                } else if (!hops.contains(p.nextHop())) {
                    out.add(new RibEntryPath(p, PathStatus.BACKUP, PathReason.MAXIMUM_PATHS_REACHED));
                } else {
                    out.add(new RibEntryPath(p, PathStatus.MULTIPATH, used.add(p.nextHop())
                            ? PathReason.MULTIPATH_EQUAL : PathReason.MULTIPATH_SAME_NEXT_HOP));
                }
            }
            return new Decision(out, List.of(best), hops, candidates, undetermined);
        }

        /** bgp deterministic-med's first pass: per neighbour AS (the first AS of the path; empty paths together), its best paths. */
        private static List<Path> neighbourAsBests(Speaker.Med med, List<Path> usable) {
            Map<Long, List<Path>> bests = new java.util.LinkedHashMap<>();
            for (Path p : usable) {
                List<Path> group = bests.computeIfAbsent(p.asPath().isEmpty() ? -1L : p.asPath().get(0), k -> new ArrayList<>());
                int c = group.isEmpty() ? -1 : coarse(med, p, group.get(0));
                if (c < 0) {
                    group.clear();
                }
                if (c <= 0) {
                    group.add(p);
                }
            }
            List<Path> out = new ArrayList<>(usable.size());
            bests.values().forEach(out::addAll);
            return out;
        }

        /**
         * Whether FRR's arrival-order comparison can pick another best path than the per-AS one: the paths tied up
         * to MED span more than one neighbour AS and MED differs inside one of them.
         */
        private static boolean medDependsOnOrder(Speaker.Med med, List<Path> tied) {
            boolean unequalMed = false;
            boolean otherAs = false;
            for (Path a : tied) {
                for (Path b : tied) {
                    if (!medComparable(med, a, b)) {
                        otherAs = true;
                    } else if (med.value(a.med()) != med.value(b.med())) {
                        unequalMed = true;
                    }
                }
            }
            return unequalMed && otherAs;
        }

        /**
         * FRR bestpath steps up to the multipath decision point (bgpd/bgp_route.c bgp_path_info_cmp, frr-8.4 to
         * frr-10.2): higher weight, higher local-preference, shorter AS path, lower MED where {@link #medComparable}
         * (never when {@code med} is null), then eBGP over iBGP. Origin is not compared: the paths the engine makes
         * all have origin IGP.
         */
        private static int coarse(Speaker.Med med, Path a, Path b) {
            int step = step(med, a, b);
            return step == STEPS ? 0 : stepOrder(med, a, b, step);
        }

        private static final int STEPS = 5;

        /** The first bgp_path_info_cmp step at which {@code a} and {@code b} differ, or {@link #STEPS} when none does. */
        private static int step(Speaker.Med med, Path a, Path b) {
            if (a.weight() != b.weight()) {
                return 0;
            }
            if (a.localPreference() != b.localPreference()) {
                return 1;
            }
            if (a.asPath().size() != b.asPath().size()) {
                return 2;
            }
            if (med != null && medComparable(med, a, b) && med.value(a.med()) != med.value(b.med())) {
                return 3;
            }
            return a.ibgp() != b.ibgp() ? 4 : STEPS;
        }

        /** Negative when {@code a} wins at {@code step}. */
        private static int stepOrder(Speaker.Med med, Path a, Path b, int step) {
            return switch (step) {
                case 0 -> Integer.compare(b.weight(), a.weight());
                case 1 -> Long.compare(b.localPreference(), a.localPreference());
                case 2 -> Integer.compare(a.asPath().size(), b.asPath().size());
                case 3 -> Long.compare(med.value(a.med()), med.value(b.med()));
                default -> Boolean.compare(a.ibgp(), b.ibgp());
            };
        }

        private static final PathReason[] WINS_AT = {PathReason.HIGHER_WEIGHT, PathReason.HIGHER_LOCAL_PREFERENCE,
                PathReason.SHORTER_AS_PATH, PathReason.LOWER_MED, PathReason.EBGP_OVER_IBGP, PathReason.LOWER_ROUTER_ID};
        private static final PathReason[] LOSES_AT = {PathReason.LOWER_WEIGHT, PathReason.LOWER_LOCAL_PREFERENCE,
                PathReason.LONGER_AS_PATH, PathReason.HIGHER_MED, PathReason.IBGP_LOST_TO_EBGP, PathReason.HIGHER_ROUTER_ID};

        /**
         * bgp_path_info_cmp step 6's condition: {@code bgp always-compare-med}, or both paths from the same neighbour AS
         * (bgpd/bgp_aspath.c aspath_cmp_left), or both from inside this AS (empty AS paths).
         */
        static boolean medComparable(Speaker.Med med, Path a, Path b) {
            if (med.alwaysCompare()) {
                return true;
            }
            if (a.asPath().isEmpty() || b.asPath().isEmpty()) {
                return a.asPath().isEmpty() && b.asPath().isEmpty();
            }
            return a.asPath().get(0).equals(b.asPath().get(0));
        }

        private static boolean multipathable(Speaker s, Path p, Path best) {
            if (s.multipathRelax()) {
                return true;
            }
            if (best.ibgp()) {
                return p.asPath().equals(best.asPath());
            }
            Long pn = p.asPath().isEmpty() ? null : p.asPath().get(0);
            Long bn = best.asPath().isEmpty() ? null : best.asPath().get(0);
            return java.util.Objects.equals(pn, bn);
        }

        /** After the coarse steps: lowest router id (the originator's when reflected), then peer address. */
        private static int tieBreak(EngineContext ctx, Path a, Path b) {
            int c = ADDRESS.compare(routerId(ctx, a), routerId(ctx, b));
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.clusterList().size(), b.clusterList().size());
            return c != 0 ? c : ADDRESS.compare(peerAddress(ctx, a), peerAddress(ctx, b));
        }

        private static int better(EngineContext ctx, Speaker.Med med, Path a, Path b) {
            if (a.local() != b.local()) {
                return a.local() ? -1 : 1;
            }
            int c = coarse(med, a, b);
            return c != 0 ? c : tieBreak(ctx, a, b);
        }

        private static IpAddr routerId(EngineContext ctx, Path p) {
            if (p.originatorId() != null) {
                return p.originatorId();
            }
            return ctx.plan.speakers().get(p.local() ? p.origin() : p.from()).routerId();
        }

        private static IpAddr peerAddress(EngineContext ctx, Path p) {
            return ctx.plan.speakers().get(p.local() ? p.origin() : p.from()).address(p.nextHop().isIpv4() ? 4 : 6);
        }

        /** The most significant step at which the best path beats another. */
        private static PathReason winReason(Speaker.Med med, Path best, List<Path> usable) {
            int strongest = STEPS;
            for (Path p : usable) {
                if (p != best) {
                    strongest = Math.min(strongest, step(med, best, p));
                }
            }
            return WINS_AT[strongest];
        }

        private static PathReason loseReason(Speaker.Med med, Path p, Path best) {
            return LOSES_AT[step(med, p, best)];
        }
    }

    /** A path with its decision, as stored in a {@link SpeakerRoute}. */
    record RibEntryPath(Path path, PathStatus status, PathReason reason) {
    }

    /** One speaker's converged state for the prefix. */
    record SpeakerRoute(List<RibEntryPath> paths, FibEntry fib, Map<Integer, List<Path>> received) {
        SpeakerRoute {
            paths = List.copyOf(paths);
            received = Map.copyOf(received);
        }
    }

    /** The converged prefix over all speakers that hold it. */
    record PrefixOutcome(IpPrefix prefix, Map<Integer, SpeakerRoute> routes, boolean converged) {
    }
}
