package dev.lbstudio.routing;

import dev.lbstudio.model.IpAddr;
import java.util.List;

/**
 * One path for one prefix as a speaker holds it after import. Indexes point into the
 * {@link SessionPlan} the path was computed with.
 *
 * @param session the session it arrived on, or -1 for a local origination
 * @param from the speaker that sent it, or -1
 * @param origin the speaker that originated it
 * @param rejected why import refused it (kept to show), or null when usable
 * @param weight FRR's local weight (never sent), from {@code neighbor X weight} or a route-map
 * @param localPreference LOCAL_PREF; 100 unless a route-map set it or an iBGP peer sent another
 * @param communities standard and large communities, as FRR writes them
 * @param note what policy did to the path, in the user's words ("local-preference 200 from route-map
 *             FROM-NODES permit 10", "denied by route-map TOR-IN deny 20"), or null
 */
record Path(int session, int from, int origin, IpAddr nextHop, List<Long> asPath, boolean ibgp, IpAddr originatorId,
            List<String> clusterList, boolean stale, PathReason rejected, int weight, long localPreference, Long med,
            List<String> communities, String note) {

    /** RFC 4271 default LOCAL_PREF, which FRR and BIRD both use ({@code bgp default local-preference 100}). */
    static final long DEFAULT_LOCAL_PREFERENCE = 100;

    Path {
        communities = communities == null ? List.of() : List.copyOf(communities);
    }

    /** A path with default attributes, as an origination or an import without policy makes it. */
    Path(int session, int from, int origin, IpAddr nextHop, List<Long> asPath, boolean ibgp, IpAddr originatorId,
         List<String> clusterList, boolean stale, PathReason rejected) {
        this(session, from, origin, nextHop, asPath, ibgp, originatorId, clusterList, stale, rejected, 0, DEFAULT_LOCAL_PREFERENCE,
                null, List.of(), null);
    }

    boolean local() {
        return session < 0;
    }

    boolean usable() {
        return rejected == null;
    }

    Path asStale() {
        return stale ? this : new Path(session, from, origin, nextHop, asPath, ibgp, originatorId, clusterList, true, rejected, weight,
                localPreference, med, communities, note);
    }

    Path withMed(Long changed) {
        return new Path(session, from, origin, nextHop, asPath, ibgp, originatorId, clusterList, stale, rejected, weight, localPreference,
                changed, communities, note);
    }

    Path rejectedFor(PathReason why, String because) {
        return new Path(session, from, origin, nextHop, asPath, ibgp, originatorId, clusterList, stale, why, weight, localPreference,
                med, communities, because);
    }
}
