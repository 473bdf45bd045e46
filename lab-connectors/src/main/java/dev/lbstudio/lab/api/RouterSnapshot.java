package dev.lbstudio.lab.api;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import java.util.List;
import java.util.Map;

/**
 * A router's state at one moment, comparable across backends: BGP sessions by peer address and the BGP
 * routes in its FIB (prefix → sorted next hops).
 */
public record RouterSnapshot(String router, Map<IpAddr, LabEvent.SessionState> sessions,
                             Map<IpPrefix, List<IpAddr>> bgpFib) {
    public RouterSnapshot {
        sessions = Map.copyOf(sessions);
        bgpFib = Map.copyOf(bgpFib);
    }
}
