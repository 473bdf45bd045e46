package dev.lbstudio.render;

import dev.lbstudio.model.BlockAffinity;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.CalicoOriginations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys calico-node's confd turns into BIRD config for one node (domain-facts §1.3):
 * {@code /staticroutes} and {@code /rejectcidrs} as the routing engine's {@link CalicoOriginations}
 * works them out, so the lab's BIRD originates exactly what the prediction says, plus the node's
 * IPAM blocks. Each service's host routes are worked out once for all nodes.
 */
final class CalicoRoutes {

    private final CalicoOriginations originations;
    private final Map<String, Set<IpPrefix>> hostRoutesByNode = new HashMap<>();
    private final Map<String, List<BlockAffinity>> blocksByNode = new HashMap<>();

    CalicoRoutes(Topology t) {
        this.originations = new CalicoOriginations(t);
        for (Service s : t.workloads().services()) {
            originations.hostRoutes(s).forEach((prefix, nodes) ->
                    nodes.forEach(n -> hostRoutesByNode.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(prefix)));
        }
        blocks(t);
    }

    /** §1.2-A: the aggregates, also what the kernel filter rejects on every node, excluded ones included. */
    List<IpPrefix> rejectCidrs() {
        return originations.aggregates();
    }

    /** §1.2 A and B for this node: what it originates as blackhole static routes. */
    List<IpPrefix> staticRoutes(Node node) {
        if (!originations.advertises(node)) {
            return List.of();
        }
        Set<IpPrefix> routes = new LinkedHashSet<>(originations.aggregates());
        routes.addAll(hostRoutesByNode.getOrDefault(node.name(), Set.of()));
        return List.copyOf(routes);
    }

    /**
     * The node's IPAM blocks as confd's bird_aggr.cfg sees them (pending affinities dropped): a blackhole
     * each, and calico_aggr exports a confirmed block and nothing beneath it.
     */
    List<BlockAffinity> blocks(Node node) {
        return blocksByNode.getOrDefault(node.name(), List.of());
    }

    /**
     * The design's block affinities; without any, the blocks its pods sit in, each given to the first
     * node (in file order) with a pod in it, confirmed.
     */
    private void blocks(Topology t) {
        if (!t.calico().blockAffinities().isEmpty()) {
            t.calico().blockAffinities().stream().filter(BlockAffinity::seenByConfd)
                    .forEach(a -> blocksByNode.computeIfAbsent(a.node(), k -> new ArrayList<>()).add(a));
            return;
        }
        Map<IpPrefix, String> owner = new TreeMap<>();
        Map<String, Integer> order = new HashMap<>();
        t.cluster().nodes().forEach(n -> order.put(n.name(), order.size()));
        t.workloads().deployments().forEach(d -> d.pods().forEach(p -> {
            if (p.ip() == null) {
                return;
            }
            t.calico().ipPools().stream().filter(pool -> !pool.isLoadBalancerPool() && pool.cidr().contains(p.ip()))
                    .findFirst().ifPresent(pool -> owner.merge(block(pool, p.ip()), p.node(),
                            (a, b) -> order.getOrDefault(a, Integer.MAX_VALUE) <= order.getOrDefault(b, Integer.MAX_VALUE) ? a : b));
        }));
        owner.forEach((block, node) -> blocksByNode.computeIfAbsent(node, k -> new ArrayList<>())
                .add(new BlockAffinity(node, block, BlockAffinity.State.CONFIRMED)));
    }

    private static IpPrefix block(IpPool pool, dev.lbstudio.model.IpAddr ip) {
        return new IpPrefix(ip.address().setPrefixLength(pool.effectiveBlockSize(), false).toPrefixBlock());
    }
}
