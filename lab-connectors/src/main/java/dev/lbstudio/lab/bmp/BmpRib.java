package dev.lbstudio.lab.bmp;

import dev.lbstudio.model.IpPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One router's routes as BMP shows them: each peer's post-policy Adj-RIB-In, folded into prefix → next hops
 * (the candidate ECMP set). Every message that changes a prefix's next hops yields a {@link RouteChange};
 * Peer Up/Down yield {@link SessionChange}s; a Peer Down for a peer never seen up is no change: FRR sends one
 * for every configured peer not yet Established when a BMP session starts (bgpd/bgp_bmp.c bmp_send_peerup and
 * bmp_peerstate, frr-8.4.4), which read as every session dropping ~0.4 s into a lab's bring-up. Pre-policy
 * messages are ignored here because post-policy is what the router can install (and FRR 8.4's pre-policy is
 * only right with soft-reconfiguration, lab-notes §4).
 * A peer that goes down takes its routes with it, except those the router keeps stale for graceful restart;
 * those go when the peer's End-of-RIB shows it did not resend them. (A helper's restart timer running out
 * without the peer's return is not reported: BMP sends nothing then.)
 */
public final class BmpRib {

    public record RouteChange(String router, IpPrefix prefix, Set<String> before, Set<String> after, String peer,
                              String cause, long receivedNanos) {
    }

    public record SessionChange(String router, String peer, boolean up, String detail, long receivedNanos) {
    }

    /** What one message changed. */
    public record Changes(List<RouteChange> routes, List<SessionChange> sessions) {
    }

    private final String router;
    private final java.util.function.Function<String, Set<IpPrefix>> keptStale;
    private final Map<String, Map<IpPrefix, String>> perPeer = new HashMap<>();
    private final Map<String, Set<IpPrefix>> stale = new HashMap<>();
    /** Peers whose session this RIB has seen come up and not yet go down. */
    private final Set<String> up = new java.util.HashSet<>();

    /**
     * {@code keptStale} answers, when a peer goes down, which of its prefixes the router keeps as stale
     * (graceful restart): BMP's Peer Down cannot say, the router's BGP table can.
     */
    public BmpRib(String router, java.util.function.Function<String, Set<IpPrefix>> keptStale) {
        this.router = router;
        this.keptStale = keptStale;
    }

    /** A router that never keeps stale routes. */
    public BmpRib(String router) {
        this(router, peer -> Set.of());
    }

    public synchronized Changes apply(BmpMessage message, long receivedNanos) {
        List<RouteChange> routes = new ArrayList<>();
        List<SessionChange> sessions = new ArrayList<>();
        if (message instanceof BmpMessage.RouteMonitoring m && m.peer().postPolicy()) {
            Map<IpPrefix, String> rib = perPeer.computeIfAbsent(m.peer().address(), p -> new HashMap<>());
            Set<IpPrefix> peerStale = stale.getOrDefault(m.peer().address(), new java.util.HashSet<>());
            if (m.endOfRib()) {
                // The restarted peer has resent everything: what it did not resend goes now (RFC 4724 §4.2).
                for (IpPrefix p : List.copyOf(peerStale)) {
                    change(p, m.peer().address(), "stale route flushed at End-of-RIB", receivedNanos, routes,
                            () -> rib.remove(p));
                }
                peerStale.clear();
            }
            m.announced().forEach(peerStale::remove);
            for (IpPrefix p : m.withdrawn()) {
                change(p, m.peer().address(), "withdrawn", receivedNanos, routes, () -> rib.remove(p));
            }
            for (IpPrefix p : m.announced()) {
                change(p, m.peer().address(), "announced", receivedNanos, routes, () -> rib.put(p, m.nextHop()));
            }
        } else if (message instanceof BmpMessage.PeerUp u) {
            up.add(u.peer().address());
            sessions.add(new SessionChange(router, u.peer().address(), true,
                    "Established from " + u.localAddress() + ":" + u.localPort(), receivedNanos));
        } else if (message instanceof BmpMessage.PeerDown d && up.remove(d.peer().address())) {
            sessions.add(new SessionChange(router, d.peer().address(), false, peerDownReason(d.reason()), receivedNanos));
            Map<IpPrefix, String> rib = perPeer.getOrDefault(d.peer().address(), new HashMap<>());
            Set<IpPrefix> kept = keptStale.apply(d.peer().address());
            for (IpPrefix p : List.copyOf(rib.keySet())) {
                if (kept.contains(p)) {
                    stale.computeIfAbsent(d.peer().address(), k -> new java.util.HashSet<>()).add(p);
                } else {
                    change(p, d.peer().address(), "peer down", receivedNanos, routes, () -> rib.remove(p));
                }
            }
        }
        return new Changes(routes, sessions);
    }

    /** prefix → next hops over all peers, sorted, for comparison with a prediction or a vtysh snapshot. */
    public synchronized Map<IpPrefix, Set<String>> routes() {
        Map<IpPrefix, Set<String>> all = new TreeMap<>();
        perPeer.values().forEach(rib -> rib.forEach((p, nh) -> all.computeIfAbsent(p, k -> new TreeSet<>()).add(nh)));
        return all;
    }

    private void change(IpPrefix prefix, String peer, String cause, long at, List<RouteChange> out, Runnable edit) {
        Set<String> before = nextHops(prefix);
        edit.run();
        Set<String> after = nextHops(prefix);
        if (!before.equals(after)) {
            out.add(new RouteChange(router, prefix, before, after, peer, cause, at));
        }
    }

    private Set<String> nextHops(IpPrefix prefix) {
        Set<String> hops = new TreeSet<>();
        perPeer.values().forEach(rib -> {
            String nh = rib.get(prefix);
            if (nh != null) {
                hops.add(nh);
            }
        });
        return Set.copyOf(hops);
    }

    /** RFC 7854 §4.9 reason codes in words. */
    static String peerDownReason(int code) {
        return switch (code) {
            case 1 -> "local system closed the session with a notification";
            case 2 -> "local system closed the session (no notification)";
            case 3 -> "remote system closed the session with a notification";
            case 4 -> "remote system closed the session without a notification";
            case 5 -> "peer de-configured";
            default -> "reason " + code;
        };
    }
}
