package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbstudio.scenario.LabEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One neighbor line of `show bgp summary json` (`.ipv4Unicast.peers[ip]`, or `.ipv6Unicast.peers[ip]`). */
public record BgpPeer(String address, long remoteAs, String state, long prefixesReceived, long uptimeMillis) {

    public boolean established() {
        return "Established".equals(state);
    }

    /** FRR's state words ("Established", "Idle (Admin)", "OpenSent" …) as the shared enum. */
    public LabEvent.SessionState sessionState() {
        String word = state == null ? "" : state.split(" ")[0];
        return switch (word) {
            case "Established" -> LabEvent.SessionState.ESTABLISHED;
            case "Active" -> LabEvent.SessionState.ACTIVE;
            case "Connect" -> LabEvent.SessionState.CONNECT;
            case "OpenSent" -> LabEvent.SessionState.OPEN_SENT;
            case "OpenConfirm" -> LabEvent.SessionState.OPEN_CONFIRM;
            default -> LabEvent.SessionState.IDLE;
        };
    }

    /**
     * The neighbours of the IPv4 unicast table, then those only the IPv6 unicast table lists (a dual-stack
     * router's IPv6 neighbours, which FRR shows under ipv6Unicast when not activated for IPv4).
     */
    static List<BgpPeer> fromSummary(JsonNode summary) {
        List<BgpPeer> peers = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String table : List.of("ipv4Unicast", "ipv6Unicast")) {
            for (Map.Entry<String, JsonNode> e : Vtysh.fields(summary.path(table).path("peers"))) {
                JsonNode p = e.getValue();
                if (seen.add(e.getKey())) {
                    peers.add(new BgpPeer(e.getKey(), p.path("remoteAs").asLong(), p.path("state").asText(),
                            p.path("pfxRcd").asLong(), p.path("peerUptimeMsec").asLong()));
                }
            }
        }
        return peers;
    }
}
