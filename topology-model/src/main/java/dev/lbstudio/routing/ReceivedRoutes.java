package dev.lbstudio.routing;

import dev.lbstudio.model.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of what one speaker received from one peer (its Adj-RIB-In), taken from a
 * {@link RoutingState} so it can be frozen in {@link Conditions}. Opaque on purpose: it is only
 * meaningful to the engine that produced it.
 */
public final class ReceivedRoutes {
    final Map<IpPrefix, List<Path>> paths;

    ReceivedRoutes(Map<IpPrefix, List<Path>> paths) {
        this.paths = Map.copyOf(paths);
    }

    public Set<IpPrefix> prefixes() {
        return paths.keySet();
    }
}
