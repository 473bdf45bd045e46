package dev.lbstudio.routing;

import dev.lbstudio.model.ElementId;
import java.util.Set;

/**
 * The data-plane side of a failure: nodes whose kernel is gone (crash, power off) and nodes cut off
 * from their segment (link down). Their pods stay listed as endpoints until Kubernetes notices.
 */
public record Health(Set<ElementId> nodesDown, Set<ElementId> nodesIsolated) {

    public static final Health ALL_UP = new Health(Set.of(), Set.of());

    public Health {
        nodesDown = Set.copyOf(nodesDown);
        nodesIsolated = Set.copyOf(nodesIsolated);
    }

    public boolean reachable(ElementId node) {
        return !nodesDown.contains(node) && !nodesIsolated.contains(node);
    }
}
