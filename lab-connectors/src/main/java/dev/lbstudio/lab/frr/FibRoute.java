package dev.lbstudio.lab.frr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A selected route of `show ip route json` with the next hops actually in the kernel FIB
 * ({@code fib: true}), which is what readiness compares with the prediction.
 */
public record FibRoute(String prefix, String protocol, boolean installed, List<String> nextHops) {

    /** The next hops that are addresses (not "dev IF" for connected routes), sorted. */
    public List<dev.lbstudio.model.IpAddr> gateways() {
        return nextHops.stream().filter(h -> !h.startsWith("dev ")).map(dev.lbstudio.model.IpAddr::parse).sorted().toList();
    }

    static List<FibRoute> fromRouteJson(JsonNode table) {
        List<FibRoute> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : Vtysh.fields(table)) {
            for (Iterator<JsonNode> it = Vtysh.elements(e.getValue()); it.hasNext(); ) {
                JsonNode r = it.next();
                if (!r.path("selected").asBoolean()) {
                    continue;
                }
                List<String> hops = new ArrayList<>();
                for (Iterator<JsonNode> h = Vtysh.elements(r.path("nexthops")); h.hasNext(); ) {
                    JsonNode hop = h.next();
                    if (hop.path("fib").asBoolean()) {
                        hops.add(hop.has("ip") ? hop.path("ip").asText() : "dev " + hop.path("interfaceName").asText());
                    }
                }
                routes.add(new FibRoute(e.getKey(), r.path("protocol").asText(), r.path("installed").asBoolean(),
                        List.copyOf(hops)));
            }
        }
        return routes;
    }
}
