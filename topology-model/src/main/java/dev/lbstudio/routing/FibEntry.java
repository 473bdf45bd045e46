package dev.lbstudio.routing;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.List;

/**
 * What a speaker forwards a prefix with.
 *
 * @param nextHops the next hops, deduplicated and sorted; when {@code undetermined}, a stand-in set
 *                 of the right size taken from {@code candidates}
 * @param candidates every next hop that could be installed (equal to nextHops unless undetermined)
 * @param undetermined which next hops get installed depends on the order sessions came up and paths arrived
 *                     (more equal next hops than maximum-paths allows, or MEDs compared without
 *                     deterministic-med), so the prediction is "any {@code nextHops.size()} of {@code candidates}";
 *                     the RIB's candidate paths carry the reason
 * @param stale at least one installed path is a graceful-restart stale path
 */
public record FibEntry(IpPrefix prefix, Source source, List<IpAddr> nextHops, List<IpAddr> candidates,
                       boolean undetermined, boolean stale) {

    public enum Source { BGP, CONNECTED }

    public FibEntry {
        nextHops = List.copyOf(nextHops);
        candidates = List.copyOf(candidates);
    }
}
