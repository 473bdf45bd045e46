package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One path of `show bgp ipv4 unicast json` (`.routes[prefix][]`). FRR flags the best path only with
 * {@code bestpath} and its equal-cost siblings with {@code multipath}; {@link #usedForEcmp()} joins them.
 * {@code stale}: kept for a graceful-restarting peer whose session is down.
 */
public record BgpPath(String prefix, String nextHop, String peer, boolean valid, boolean best, boolean multipath,
                      String asPath, String selectionReason, boolean stale) {

    public boolean usedForEcmp() {
        return valid && (best || multipath);
    }

    static List<BgpPath> fromTableJson(JsonNode table) {
        List<BgpPath> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : Vtysh.fields(table.path("routes"))) {
            for (Iterator<JsonNode> it = Vtysh.elements(e.getValue()); it.hasNext(); ) {
                JsonNode p = it.next();
                JsonNode firstHop = p.path("nexthops").path(0);
                paths.add(new BgpPath(e.getKey(), firstHop.path("ip").asText(), p.path("peerId").asText(),
                        p.path("valid").asBoolean(), p.path("bestpath").asBoolean(), p.path("multipath").asBoolean(),
                        p.path("path").asText(), p.path("selectionReason").asText(),
                        p.path("stale").asBoolean()));
            }
        }
        return paths;
    }
}
