package dev.lbstudio.routing;

/**
 * Why a path has its {@link PathStatus}, one decision step each, in the order FRR's and BIRD's
 * best-path code apply them (FRR doc/user/bgp.rst "Route Selection"; BIRD proto/bgp/attrs.c
 * bgp_rte_better). Typed, so the GUI and tests never parse prose.
 */
public enum PathReason {
    ONLY_PATH("the only valid path"),
    HIGHER_WEIGHT("highest weight (FRR's first best-path step, local to the router)"),
    LOWER_WEIGHT("lower weight than the best path"),
    HIGHER_LOCAL_PREFERENCE("highest local-preference"),
    LOWER_LOCAL_PREFERENCE("lower local-preference than the best path"),
    LOCAL_ORIGIN("originated here: Calico's static blackhole route, preferred over BGP (preference 200 vs 100)"),
    LOCAL_ROUTE_PREFERRED("a locally originated route for the same prefix wins (BIRD static preference 200)"),
    SHORTER_AS_PATH("shortest AS path"),
    LONGER_AS_PATH("longer AS path than the best path"),
    LOWER_MED("lowest MED among paths from the same neighbour AS (from any AS with bgp always-compare-med)"),
    HIGHER_MED("higher MED than the best path from the same neighbour AS (or any AS with bgp always-compare-med)"),
    MED_ARRIVAL_ORDER("MED differs within a neighbour AS while another AS ties: without bgp deterministic-med FRR's winner "
            + "depends on the order the paths arrived"),
    EBGP_OVER_IBGP("eBGP path preferred over iBGP"),
    IBGP_LOST_TO_EBGP("iBGP path loses to an eBGP path"),
    LOWER_ROUTER_ID("lowest router id among equal paths"),
    HIGHER_ROUTER_ID("higher router id than the best path"),
    ARRIVAL_ORDER("equal paths: FRR keeps the oldest eBGP path, so which one depends on session start order"),
    MULTIPATH_EQUAL("equal cost: installed for ECMP"),
    MULTIPATH_SAME_NEXT_HOP("equal cost, same next hop as a multipath already installed"),
    MULTIPATH_NEIGHBOR_AS_DIFFERS("equal length but from another neighbor AS; needs bgp bestpath as-path multipath-relax"),
    MAXIMUM_PATHS_REACHED("equal cost, but maximum-paths is already used up"),
    EBGP_REQUIRES_POLICY("eBGP session without policy: FRR's ebgp-requires-policy (RFC 8212) rejects it"),
    BGP_FILTER_REJECT("rejected by a Calico BGPFilter import rule"),
    ROUTE_MAP_DENY("denied by an inbound route-map (the path's note names the map and entry)"),
    PREFIX_LIST_DENY("denied by an inbound prefix-list (the path's note names the list and entry)"),
    NEXT_HOP_UNREACHABLE("next hop is not on a connected subnet"),
    NEXT_HOP_SELF("next hop is this speaker's own address");

    private final String description;

    PathReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
