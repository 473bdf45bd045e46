package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbstudio.scenario.LabEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One neighbor line of `show bgp summary json` (`.ipv4Unicast.peers[ip]`). */
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

    static List<BgpPeer> fromSummary(JsonNode summary) {
        List<BgpPeer> peers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : Vtysh.fields(summary.path("ipv4Unicast").path("peers"))) {
            JsonNode p = e.getValue();
            peers.add(new BgpPeer(e.getKey(), p.path("remoteAs").asLong(), p.path("state").asText(),
                    p.path("pfxRcd").asLong(), p.path("peerUptimeMsec").asLong()));
        }
        return peers;
    }
}
