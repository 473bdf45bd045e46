package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One session of `show bfd peers json`. */
public record BfdPeer(String peer, String local, boolean multihop, String status, long receiveIntervalMillis,
                      long transmitIntervalMillis, long detectMultiplier) {

    public boolean up() {
        return "up".equals(status);
    }

    static List<BfdPeer> fromJson(JsonNode array) {
        List<BfdPeer> peers = new ArrayList<>();
        for (Iterator<JsonNode> it = Vtysh.elements(array); it.hasNext(); ) {
            JsonNode p = it.next();
            peers.add(new BfdPeer(p.path("peer").asText(), p.path("local").asText(), p.path("multihop").asBoolean(),
                    p.path("status").asText(), p.path("receive-interval").asLong(), p.path("transmit-interval").asLong(),
                    p.path("detect-multiplier").asLong()));
        }
        return peers;
    }
}
