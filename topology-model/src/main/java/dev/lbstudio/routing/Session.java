package dev.lbstudio.routing;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer.NextHopMode;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.time.Duration;
import java.util.List;

/**
 * A BGP session both sides are configured for, between speakers {@code a} and {@code b}
 * (indexes into {@link SessionPlan#speakers()}), with what each end does on it.
 *
 * @param origin where it comes from, in the user's words: {@code node-to-node mesh},
 *               {@code BGPPeer tor1}, {@code neighbor 10.0.0.11}
 * @param family the address family it carries, 4 or 6: Calico runs one session per family (bird and
 *               bird6), so a dual-stack pair of speakers has two sessions
 */
public record Session(int index, int a, int b, Type type, String origin, End endA, End endB, int family) {

    public enum Type { EBGP, IBGP }

    /**
     * One end's configuration of the session.
     *
     * @param localAs the AS this end speaks as on the session
     * @param address this end's address of the session's family (its next hop self)
     * @param nextHopMode Calico's nextHopMode for node ends; null for routers
     * @param filters Calico BGPFilters on this end, in order
     * @param peerIsClient this end reflects to the other (Calico RR towards a client)
     * @param requiresPolicy FRR ebgp-requires-policy is on for this eBGP session: a direction without policy exchanges nothing
     * @param addPath this end sends every path (BIRD {@code add paths on}); FRR sends its best only
     * @param allowLocalAs Calico numAllowedLocalASNumbers ({@code allow local as N})
     * @param holdTime configured hold time in seconds
     * @param keepaliveTime configured keepalive in seconds, or 0 for "hold / 3"
     * @param bfd the BFD profile this end runs on the session, or null
     * @param gracefulRestart this end advertises the graceful-restart capability as a restarting speaker
     * @param restartTime the restart time it announces
     * @param gracefulRestartHelper this end keeps a restarting peer's routes as stale
     * @param multihop this end treats the session as multihop (Calico always does)
     * @param policy an FRR end's prefix-lists, route-maps and weight on the session; null for nodes
     */
    public record End(long localAs, IpAddr address, NextHopMode nextHopMode, List<BgpFilter> filters,
                      boolean peerIsClient, boolean requiresPolicy, boolean addPath, int allowLocalAs, int holdTime,
                      int keepaliveTime, BfdProfile bfd, boolean gracefulRestart, Duration restartTime,
                      boolean gracefulRestartHelper, boolean multihop, SessionPolicy policy) {
        public End {
            filters = List.copyOf(filters);
        }
    }

    /** Whether the session carries routes of the prefix's family. */
    public boolean carries(IpPrefix prefix) {
        return prefix.isIpv4() == (family == 4);
    }

    public boolean involves(int speaker) {
        return a == speaker || b == speaker;
    }

    public int peerOf(int speaker) {
        return speaker == a ? b : a;
    }

    public End end(int speaker) {
        return speaker == a ? endA : endB;
    }
}
