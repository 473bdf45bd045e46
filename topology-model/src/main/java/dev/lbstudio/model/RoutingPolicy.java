package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A router's routing policy as FRR holds it: route-maps, prefix-lists, community-lists and
 * as-path access-lists (lib/routemap_cli.c, lib/plist.c, bgpd/bgp_clist.c, bgpd/bgp_filter.c).
 * Neighbours refer to the maps and lists by name.
 */
public record RoutingPolicy(List<RouteMap> routeMaps, List<PrefixList> prefixLists, List<CommunityList> communityLists,
                            List<AsPathList> asPathLists) {

    public static final RoutingPolicy NONE = new RoutingPolicy(List.of(), List.of(), List.of(), List.of());

    public RoutingPolicy {
        routeMaps = Lists.copy(routeMaps);
        prefixLists = Lists.copy(prefixLists);
        communityLists = Lists.copy(communityLists);
        asPathLists = Lists.copy(asPathLists);
    }

    public Optional<RouteMap> routeMap(String name) {
        return routeMaps.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<PrefixList> prefixList(String name) {
        return prefixLists.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<CommunityList> communityList(String name) {
        return communityLists.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<AsPathList> asPathList(String name) {
        return asPathLists.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return routeMaps.isEmpty() && prefixLists.isEmpty() && communityLists.isEmpty() && asPathLists.isEmpty();
    }

    /** {@code route-map NAME permit|deny SEQ} entries in sequence order. */
    public record RouteMap(@JsonProperty(required = true) String name, List<Entry> entries) {
        public RouteMap {
            Names.require(name, "route-map");
            entries = Lists.copy(entries);
        }
    }

    /**
     * One route-map entry. Null matches and sets are "not said". {@code continueAt} is where
     * evaluation goes on after a permit match ({@code on-match next}, {@code on-match goto N},
     * {@code continue [N]}): 0 for the next entry, null to stop. {@code unmodelled} lists the
     * match/set clauses the routing engine does not evaluate; an entry with an unmodelled match
     * never matches in a prediction, and the import warns about it.
     */
    public record Entry(int sequence, boolean permit, String matchPrefixList, String matchCommunity, String matchLargeCommunity,
                        String matchAsPath, Long setLocalPreference, Long setMetric, Integer setWeight, List<String> setCommunity,
                        Boolean setCommunityAdditive, List<Long> setAsPathPrepend, Integer continueAt, List<String> unmodelled) {
        public Entry {
            setCommunity = setCommunity == null ? null : List.copyOf(setCommunity);
            setAsPathPrepend = Lists.copy(setAsPathPrepend);
            unmodelled = Lists.copy(unmodelled);
        }

        public String label(String map) {
            return "route-map " + map + " " + (permit ? "permit" : "deny") + " " + sequence;
        }
    }

    /** {@code ip prefix-list NAME seq N permit|deny PREFIX [ge G] [le L]}; a null prefix is {@code any}. */
    public record PrefixList(@JsonProperty(required = true) String name, List<PrefixEntry> entries) {
        public PrefixList {
            Names.require(name, "prefix-list");
            entries = Lists.copy(entries);
        }
    }

    public record PrefixEntry(int sequence, boolean permit, IpPrefix prefix, Integer ge, Integer le) {

        /** lib/plist.c prefix_list_entry_match: same family, inside the prefix, length within ge..le (exact when neither). */
        public boolean matches(IpPrefix p) {
            if (prefix == null) {
                return true;
            }
            if (prefix.isIpv4() != p.isIpv4() || !prefix.network().contains(p.network())) {
                return false;
            }
            int low = ge != null ? ge : prefix.length();
            int high = le != null ? le : ge != null ? (p.isIpv4() ? 32 : 128) : prefix.length();
            return p.length() >= low && p.length() <= high;
        }
    }

    /** {@code bgp community-list [standard|expanded] NAME permit|deny …} and its {@code large-community-list} twin. */
    public record CommunityList(@JsonProperty(required = true) String name, boolean large, List<CommunityEntry> entries) {
        public CommunityList {
            Names.require(name, "community-list");
            entries = Lists.copy(entries);
        }
    }

    /** A standard entry lists communities that must all be present; an expanded one has a regex over the text. */
    public record CommunityEntry(boolean permit, List<String> communities, String regex) {
        public CommunityEntry {
            communities = Lists.copy(communities);
        }
    }

    /** {@code bgp as-path access-list NAME [seq N] permit|deny REGEX}. */
    public record AsPathList(@JsonProperty(required = true) String name, List<AsPathEntry> entries) {
        public AsPathList {
            Names.require(name, "as-path access-list");
            entries = Lists.copy(entries);
        }
    }

    public record AsPathEntry(boolean permit, String regex) {
    }
}
