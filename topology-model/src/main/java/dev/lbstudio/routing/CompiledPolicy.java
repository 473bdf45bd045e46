package dev.lbstudio.routing;

import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RoutingPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A router's {@link RoutingPolicy} made ready for evaluation once per design rather than once per path: lists and
 * maps by name, community and AS-path regexes compiled, IPv4 prefix-list entries as integers (the IP library's prefix
 * blocks, built for every entry of every path, were what route-maps cost the engine).
 */
final class CompiledPolicy {

    private final Map<String, RoutingPolicy.RouteMap> routeMaps = new HashMap<>();
    private final Map<String, Entries> prefixLists = new HashMap<>();
    private final Map<String, RoutingPolicy.CommunityList> communityLists = new HashMap<>();
    private final Map<String, RoutingPolicy.AsPathList> asPathLists = new HashMap<>();
    private final Map<String, Pattern> regexes = new HashMap<>();

    CompiledPolicy(RoutingPolicy policy) {
        // FRR keeps the first definition of a name in these lookups as RoutingPolicy's own finders do
        policy.routeMaps().forEach(m -> routeMaps.putIfAbsent(m.name(), m));
        policy.prefixLists().forEach(l -> prefixLists.putIfAbsent(l.name(), new Entries(l.entries())));
        policy.communityLists().forEach(l -> communityLists.putIfAbsent(l.name(), l));
        policy.asPathLists().forEach(l -> asPathLists.putIfAbsent(l.name(), l));
        policy.communityLists().forEach(l -> l.entries().stream().filter(e -> e.regex() != null).forEach(e -> compile(e.regex())));
        policy.asPathLists().forEach(l -> l.entries().forEach(e -> compile(e.regex())));
    }

    RoutingPolicy.RouteMap routeMap(String name) {
        return routeMaps.get(name);
    }

    boolean hasPrefixList(String name) {
        return prefixLists.containsKey(name);
    }

    /** The first entry of the list that matches (lib/plist.c prefix_list_apply), or null: none does or no such list. */
    RoutingPolicy.PrefixEntry firstMatch(String list, Target target) {
        Entries e = prefixLists.get(list);
        return e == null ? null : e.first(target);
    }

    RoutingPolicy.CommunityList communityList(String name) {
        return communityLists.get(name);
    }

    RoutingPolicy.AsPathList asPathList(String name) {
        return asPathLists.get(name);
    }

    /** An FRR regex of one of the lists, compiled when the policy was. */
    Pattern regex(String frrRegex) {
        return regexes.get(frrRegex);
    }

    /** FRR's '_' (bgpd/bgp_regex.c) stands for a delimiter: start, end, space, comma or brace. */
    private void compile(String frrRegex) {
        regexes.computeIfAbsent(frrRegex, r -> Pattern.compile(r.replace("_", "(^|[,{}() ]|$)")));
    }

    /** The prefix a run evaluates, with its IPv4 network as an integer when it is IPv4. */
    record Target(IpPrefix prefix, boolean ipv4, int bits, int length) {
        static Target of(IpPrefix p) {
            return new Target(p, p.isIpv4(), p.isIpv4() ? p.address().getLower().toIPv4().intValue() : 0, p.length());
        }
    }

    /** One prefix-list's entries, IPv4 ones with network and mask precomputed. */
    private static final class Entries {
        private final List<RoutingPolicy.PrefixEntry> entries;
        private final int[] network;
        private final int[] mask;
        private final boolean[] ipv4;

        Entries(List<RoutingPolicy.PrefixEntry> entries) {
            this.entries = List.copyOf(entries);
            int n = entries.size();
            network = new int[n];
            mask = new int[n];
            ipv4 = new boolean[n];
            for (int i = 0; i < n; i++) {
                IpPrefix p = entries.get(i).prefix();
                if (p != null && p.isIpv4()) {
                    ipv4[i] = true;
                    mask[i] = p.length() == 0 ? 0 : -1 << (32 - p.length());
                    network[i] = p.address().getLower().toIPv4().intValue() & mask[i];
                }
            }
        }

        RoutingPolicy.PrefixEntry first(Target t) {
            for (int i = 0; i < entries.size(); i++) {
                RoutingPolicy.PrefixEntry e = entries.get(i);
                if (ipv4[i] && t.ipv4() ? matchesIpv4(i, e, t) : e.matches(t.prefix())) {
                    return e;
                }
            }
            return null;
        }

        /** RoutingPolicy.PrefixEntry#matches for IPv4 in integers: inside the entry's network, length within ge..le. */
        private boolean matchesIpv4(int i, RoutingPolicy.PrefixEntry e, Target t) {
            int length = e.prefix().length();
            if (t.length() < length || (t.bits() & mask[i]) != network[i]) {
                return false;
            }
            int low = e.ge() != null ? e.ge() : length;
            int high = e.le() != null ? e.le() : e.ge() != null ? 32 : length;
            return t.length() >= low && t.length() <= high;
        }
    }
}
