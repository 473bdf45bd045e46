package dev.lbstudio.ui.scene;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.Layout.Position;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterRole;
import dev.lbstudio.model.Segment;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.edit.ElementPaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The layout engineers draw by hand: spines on top, ToRs under them, each rack segment under its
 * ToR with its nodes in a row beneath and their pods under each node, then services under the pods
 * that back them and address pools at the bottom. Point-to-point fabric segments sit between the
 * routers they join. Within a row, elements are ordered by the file and centred over what they
 * connect to (barycentres), then pushed apart so nothing overlaps.
 */
public final class LayeredLayout {

    static final double SLOT = 205;
    static final double ROW_SPINE = 0;
    static final double ROW_FABRIC = 115;
    static final double ROW_TOR = 230;
    static final double ROW_SEGMENT = 350;
    static final double ROW_HOST = 470;
    static final double ROW_POD = 555;
    static final double POD_STEP = 42;

    private LayeredLayout() {
    }

    public static Map<ElementId, Position> compute(Topology t) {
        Map<ElementId, Position> at = new LinkedHashMap<>();
        Map<String, List<Router>> routersOn = new HashMap<>();
        for (Router r : t.network().routers()) {
            r.interfaces().forEach(i -> routersOn.computeIfAbsent(i.segment(), k -> new ArrayList<>()).add(r));
        }
        Map<String, List<ElementId>> hostsOn = new LinkedHashMap<>();
        t.cluster().nodes().forEach(n -> hostsOn.computeIfAbsent(n.segment(), k -> new ArrayList<>()).add(n.id()));
        t.network().clients().forEach(c -> hostsOn.computeIfAbsent(c.segment(), k -> new ArrayList<>()).add(c.id()));

        // Hosts in slots, grouped by segment; segments ordered by the first router on them, node segments first.
        List<Segment> hostSegments = new ArrayList<>(t.network().segments().stream()
                .filter(s -> hostsOn.containsKey(s.name()) || !routersOn.containsKey(s.name())).toList());
        List<Router> routerOrder = t.network().routers();
        hostSegments.sort(Comparator.comparing((Segment s) -> t.cluster().nodes().stream()
                        .noneMatch(n -> n.segment().equals(s.name())))
                .thenComparingInt(s -> routersOn.getOrDefault(s.name(), List.of()).stream()
                        .mapToInt(routerOrder::indexOf).min().orElse(Integer.MAX_VALUE)));
        double slot = 0;
        for (Segment s : hostSegments) {
            List<ElementId> hosts = hostsOn.getOrDefault(s.name(), List.of());
            double first = slot;
            for (ElementId host : hosts) {
                at.put(host, new Position(slot++ * SLOT, ROW_HOST));
            }
            if (hosts.isEmpty()) {
                slot++;
            }
            at.put(s.id(), new Position((first + Math.max(first, slot - 1)) / 2 * SLOT, ROW_SEGMENT));
            slot += 0.4;
        }

        List<Router> tors = t.network().routers().stream().filter(r -> r.role() == RouterRole.TOR).toList();
        List<Router> spines = t.network().routers().stream().filter(r -> r.role() != RouterRole.TOR).toList();
        placeRow(tors, Router::id, r -> mean(at, r.interfaces().stream()
                .map(i -> segmentId(i.segment())).filter(id -> at.containsKey(id)).toList()), ROW_TOR, at);
        placeRow(spines, Router::id, r -> mean(at, neighbours(r, routersOn).stream().map(Router::id)
                .filter(at::containsKey).toList()), tors.isEmpty() ? ROW_TOR : ROW_SPINE, at);
        // Fabric segments (only routers on them) between the routers they join.
        for (Segment s : t.network().segments()) {
            if (!at.containsKey(s.id())) {
                List<ElementId> ends = routersOn.getOrDefault(s.name(), List.of()).stream().map(Router::id).toList();
                OptionalDouble x = mean(at, ends);
                at.put(s.id(), new Position(x.orElse(slot++ * SLOT), ROW_FABRIC));
            }
        }

        double bottom = ROW_HOST;
        Map<String, Integer> podsOnNode = new HashMap<>();
        for (Deployment d : t.workloads().deployments()) {
            for (Pod p : d.pods()) {
                Position node = at.get(ElementId.of(ElementKind.NODE, p.node()));
                int k = podsOnNode.merge(p.node(), 1, Integer::sum) - 1;
                double y = ROW_POD + k * POD_STEP;
                at.put(ElementPaths.podId(d, p), new Position(node != null ? node.x() : slot++ * SLOT, y));
                bottom = Math.max(bottom, y);
            }
        }
        double serviceRow = bottom + 105;
        placeRow(t.workloads().services(), Service::id, s -> mean(at, t.endpoints(s).stream().filter(e -> e.deployment() != null)
                .map(e -> ElementPaths.podId(e.deployment(), e.pod())).toList()), serviceRow, at);
        placeRow(t.addressPools(), IpAddressPool::id, p -> mean(at, t.workloads().services().stream()
                .filter(s -> SceneBuilder.poolOf(t, s).filter(p::equals).isPresent()).map(Service::id).toList()),
                serviceRow + 110, at);
        return at;
    }

    /** Centres each item over what it connects to, keeps file order for ties, and pushes overlaps apart. */
    private static <T> void placeRow(List<T> items, Function<T, ElementId> id, Function<T, OptionalDouble> centre,
                                     double y, Map<ElementId, Position> at) {
        double next = at.values().stream().mapToDouble(Position::x).max().orElse(-SLOT) + SLOT;
        List<double[]> wanted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            OptionalDouble c = centre.apply(items.get(i));
            wanted.add(new double[] {c.isPresent() ? c.getAsDouble() : next, i});
            if (c.isEmpty()) {
                next += SLOT;
            }
        }
        wanted.sort(Comparator.comparingDouble((double[] w) -> w[0]).thenComparingDouble(w -> w[1]));
        double previous = -Double.MAX_VALUE;
        for (double[] w : wanted) {
            double x = Math.max(w[0], previous + SLOT);
            at.put(id.apply(items.get((int) w[1])), new Position(x, y));
            previous = x;
        }
    }

    private static List<Router> neighbours(Router r, Map<String, List<Router>> routersOn) {
        List<Router> result = new ArrayList<>();
        r.interfaces().forEach(i -> routersOn.getOrDefault(i.segment(), List.of()).stream()
                .filter(o -> o != r && !result.contains(o)).forEach(result::add));
        return result;
    }

    private static OptionalDouble mean(Map<ElementId, Position> at, List<ElementId> ids) {
        return ids.stream().filter(at::containsKey).mapToDouble(id -> at.get(id).x()).average();
    }

    private static ElementId segmentId(String name) {
        return ElementId.of(ElementKind.SEGMENT, name);
    }
}
