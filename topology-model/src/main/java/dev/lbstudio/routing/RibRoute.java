package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.List;

/**
 * One path in a speaker's RIB with its decision, in model terms (element ids, addresses).
 *
 * @param from the peer it was learned from, or null when originated here
 * @param origin the node that originated the prefix
 * @param localPreference the path's LOCAL_PREF, and {@code weight} FRR's local weight
 * @param med the path's MED (MULTI_EXIT_DISC), or null when it carries none
 * @param note what routing policy did to the path, naming the route-map or prefix-list entry; null when none
 */
public record RibRoute(IpPrefix prefix, ElementId from, ElementId origin, IpAddr nextHop, List<Long> asPath,
                       boolean ibgp, boolean stale, PathStatus status, PathReason reason, long localPreference, int weight,
                       Long med, String note) {

    /** The AS path as FRR prints it, e.g. {@code 64513} or {@code 65001 64513}; empty for local routes. */
    public String asPathText() {
        StringBuilder b = new StringBuilder();
        for (Long as : asPath) {
            b.append(b.length() == 0 ? "" : " ").append(as);
        }
        return b.toString();
    }
}
