package dev.lbstudio.routing;

/** Where a path ended up in a speaker's decision, as {@code show bgp} marks it. */
public enum PathStatus {
    /** The best path ({@code >} in FRR, {@code *} in BIRD). */
    BEST,
    /** Installed next to the best path for ECMP ({@code =} in FRR). */
    MULTIPATH,
    /**
     * One of several equal paths of which only some fit: which ones are used depends on the order
     * the sessions came up (FRR keeps the oldest eBGP path), so a prediction cannot name them.
     */
    CANDIDATE,
    /** Valid, but lost the decision. */
    BACKUP,
    /** Received but not usable: policy, filter or an unreachable next hop. */
    REJECTED
}
