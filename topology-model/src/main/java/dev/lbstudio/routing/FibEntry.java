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
 * @param undetermined more equal next hops than maximum-paths allows: which ones get installed
 *                     depends on session start order, so the prediction is "any {@code nextHops.size()}
 *                     of {@code candidates}"
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
