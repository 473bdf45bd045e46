package dev.lbstudio.routing;

import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.RoutingPolicy.CommunityList;
import dev.lbstudio.model.RoutingPolicy.Entry;
import dev.lbstudio.model.RoutingPolicy.PrefixEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FRR's prefix-lists and route-maps applied to a path: lib/plist.c prefix_list_apply (first matching
 * entry by sequence decides; no match, or a list that does not exist, denies) and lib/routemap.c
 * route_map_apply (entries by sequence; a matching permit applies its sets and stops unless it says
 * on-match/continue; a matching deny denies; no matching entry, or a map that does not exist, denies
 * — bgpd/bgp_route.c bgp_input_modifier). The result says which entry decided, for the path's reason.
 */
final class PolicyEval {

    private PolicyEval() {
    }

    /** A permitted path (possibly changed) or a denial, with the words saying why. */
    record Outcome(Path path, PathReason denied, String note) {
        boolean permitted() {
            return denied == null;
        }
    }

    static Outcome apply(CompiledPolicy policy, String prefixList, String routeMap, CompiledPolicy.Target prefix, Path p) {
        if (prefixList != null) {
            PrefixEntry hit = policy.firstMatch(prefixList, prefix);
            if (hit == null || !hit.permit()) {
                return new Outcome(p, PathReason.PREFIX_LIST_DENY, "denied by prefix-list " + prefixList
                        + (!policy.hasPrefixList(prefixList) ? " (not defined)" : hit == null ? " (no entry matches)"
                        : " seq " + hit.sequence()));
            }
        }
        return routeMap == null ? new Outcome(p, null, p.note()) : routeMap(policy, routeMap, prefix, p);
    }

    private static Outcome routeMap(CompiledPolicy policy, String name, CompiledPolicy.Target prefix, Path p) {
        RoutingPolicy.RouteMap map = policy.routeMap(name);
        if (map == null) {
            return new Outcome(p, PathReason.ROUTE_MAP_DENY, "denied by route-map " + name + " (not defined)");
        }
        List<Entry> entries = map.entries();
        Path current = p;
        List<String> notes = new ArrayList<>();
        int i = 0;
        boolean permitted = false;
        while (i < entries.size()) {
            Entry e = entries.get(i);
            if (!matches(policy, e, prefix, current)) {
                i++;
                continue;
            }
            if (!e.permit()) {
                return new Outcome(p, PathReason.ROUTE_MAP_DENY, "denied by " + e.label(name));
            }
            permitted = true;
            current = set(e, current, name, notes);
            if (e.continueAt() == null) {
                break;
            }
            int target = e.continueAt() == 0 ? e.sequence() + 1 : e.continueAt();
            int next = i + 1;
            while (next < entries.size() && entries.get(next).sequence() < target) {
                next++;
            }
            i = next;
        }
        if (!permitted) {
            return new Outcome(p, PathReason.ROUTE_MAP_DENY, "denied by route-map " + name + " (no entry matches)");
        }
        String note = notes.isEmpty() ? "permitted by route-map " + name : String.join("; ", notes);
        return new Outcome(withNote(current, note), null, note);
    }

    private static boolean matches(CompiledPolicy policy, Entry e, CompiledPolicy.Target prefix, Path p) {
        if (!e.unmodelled().isEmpty() && e.unmodelled().stream().anyMatch(u -> u.startsWith("match "))) {
            return false; // a match the engine cannot evaluate: the import warned that such an entry never matches here
        }
        if (e.matchPrefixList() != null) {
            PrefixEntry hit = policy.firstMatch(e.matchPrefixList(), prefix);
            if (hit == null || !hit.permit()) {
                return false;
            }
        }
        if (e.matchCommunity() != null && !communities(policy, policy.communityList(e.matchCommunity()), p.communities())) {
            return false;
        }
        if (e.matchLargeCommunity() != null && !communities(policy, policy.communityList(e.matchLargeCommunity()), p.communities())) {
            return false;
        }
        return e.matchAsPath() == null || asPath(policy, e.matchAsPath(), p.asPath());
    }

    /** bgpd/bgp_clist.c: the first entry that matches decides; a standard entry needs all its communities. */
    private static boolean communities(CompiledPolicy policy, CommunityList list, List<String> have) {
        if (list == null) {
            return false;
        }
        String text = String.join(" ", have);
        for (RoutingPolicy.CommunityEntry e : list.entries()) {
            boolean hit = e.regex() != null ? policy.regex(e.regex()).matcher(text).find() : have.containsAll(e.communities());
            if (hit) {
                return e.permit();
            }
        }
        return false;
    }

    /** bgpd/bgp_filter.c as_list_apply: the first entry whose regex finds the AS path (as FRR prints it) decides. */
    private static boolean asPath(CompiledPolicy policy, String name, List<Long> path) {
        RoutingPolicy.AsPathList list = policy.asPathList(name);
        if (list == null) {
            return false;
        }
        String text = path.stream().map(String::valueOf).collect(Collectors.joining(" "));
        for (RoutingPolicy.AsPathEntry e : list.entries()) {
            if (policy.regex(e.regex()).matcher(text).find()) {
                return e.permit();
            }
        }
        return false;
    }

    private static Path set(Entry e, Path p, String map, List<String> notes) {
        String from = " from " + e.label(map);
        int weight = p.weight();
        long localPreference = p.localPreference();
        Long med = p.med();
        List<String> communities = p.communities();
        List<Long> asPath = p.asPath();
        if (e.setWeight() != null) {
            weight = e.setWeight();
            notes.add("weight " + weight + from);
        }
        if (e.setLocalPreference() != null) {
            localPreference = e.setLocalPreference();
            notes.add("local-preference " + localPreference + from);
        }
        if (e.setMetric() != null) {
            med = e.setMetric();
            notes.add("metric " + med + from);
        }
        if (e.setCommunity() != null) {
            Set<String> next = new LinkedHashSet<>(Boolean.TRUE.equals(e.setCommunityAdditive()) ? communities : List.of());
            next.addAll(e.setCommunity());
            communities = List.copyOf(next);
            notes.add("community " + (communities.isEmpty() ? "none" : String.join(" ", communities)) + from);
        }
        if (!e.setAsPathPrepend().isEmpty()) {
            List<Long> longer = new ArrayList<>(e.setAsPathPrepend());
            longer.addAll(asPath);
            asPath = longer;
            notes.add("as-path prepend " + e.setAsPathPrepend().stream().map(String::valueOf).collect(Collectors.joining(" ")) + from);
        }
        return new Path(p.session(), p.from(), p.origin(), p.nextHop(), asPath, p.ibgp(), p.originatorId(), p.clusterList(), p.stale(),
                p.rejected(), weight, localPreference, med, communities, p.note());
    }

    private static Path withNote(Path p, String note) {
        return new Path(p.session(), p.from(), p.origin(), p.nextHop(), p.asPath(), p.ibgp(), p.originatorId(), p.clusterList(), p.stale(),
                p.rejected(), p.weight(), p.localPreference(), p.med(), p.communities(), note);
    }
}
