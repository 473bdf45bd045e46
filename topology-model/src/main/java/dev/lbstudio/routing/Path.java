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
 */
record Path(int session, int from, int origin, IpAddr nextHop, List<Long> asPath, boolean ibgp, IpAddr originatorId,
            List<String> clusterList, boolean stale, PathReason rejected) {

    boolean local() {
        return session < 0;
    }

    boolean usable() {
        return rejected == null;
    }

    Path asStale() {
        return stale ? this : new Path(session, from, origin, nextHop, asPath, ibgp, originatorId, clusterList, true, rejected);
    }
}
