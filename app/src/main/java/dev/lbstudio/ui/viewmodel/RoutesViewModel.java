package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Router;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.PathReason;
import dev.lbstudio.routing.PathStatus;
import dev.lbstudio.routing.RibRoute;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The predicted routes per router, one group per prefix: what the FIB installs for it, once, and below it every
 * path in the RIB — who originated it, the peer it came from, AS path, next hop, its status and the typed reason
 * it won or lost. Computed by the routing engine off the FX thread after edits settle; the packet walk reads the
 * same {@link RoutingState}.
 */
public final class RoutesViewModel {

    /**
     * One line of the panel: a prefix with its FIB entry and its paths, or one path of a prefix (no paths of its
     * own, no FIB). A prefix line's other columns sum its paths up.
     *
     * @param mark the path's place in the decision as FRR marks it: "> best", "= ECMP", "candidate", "backup",
     *             "rejected" (and "stale" while graceful restart keeps it); a prefix line's says how many paths
     */
    public record Line(String prefix, String mark, String originatedBy, String from, String asPath, String nextHop,
                       String reason, String fib, PathStatus status, PathReason reasonCode, List<Line> paths) {
        public Line {
            paths = List.copyOf(paths);
        }

        public boolean isPrefix() {
            return status == null;
        }
    }

    private final ReadOnlyObjectWrapper<RoutingState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ObservableList<ElementId> routers = FXCollections.observableArrayList();
    private final ObjectProperty<ElementId> router = new SimpleObjectProperty<>(this, "router");
    private final ObservableList<Line> prefixes = FXCollections.observableArrayList();
    private final Analysis<RoutingState> analysis;

    public RoutesViewModel(DesignViewModel document, Executor analysisThread) {
        analysis = new Analysis<>(document, analysisThread, FindingsViewModel.DEBOUNCE, RoutingEngine::compute,
                state::set);
        state.addListener((o, a, s) -> {
            List<ElementId> ids = s.topology().network().routers().stream().map(Router::id).toList();
            routers.setAll(ids);
            if (router.get() == null || !ids.contains(router.get())) {
                router.set(ids.isEmpty() ? null : ids.get(0));
            }
            refresh();
        });
        router.addListener((o, a, b) -> refresh());
    }

    void start() {
        analysis.start();
    }

    private void refresh() {
        RoutingState s = state.get();
        ElementId r = router.get();
        if (s == null || r == null || s.plan().speaker(r).isEmpty()) {
            prefixes.clear();
            return;
        }
        Map<IpPrefix, FibEntry> fib = new LinkedHashMap<>();
        s.fib(r).forEach(f -> fib.putIfAbsent(f.prefix(), f));
        Map<IpPrefix, List<RibRoute>> byPrefix = s.rib(r).stream()
                .collect(Collectors.groupingBy(RibRoute::prefix, LinkedHashMap::new, Collectors.toList()));
        prefixes.setAll(byPrefix.entrySet().stream().map(e -> prefix(e.getKey(), e.getValue(), fib.get(e.getKey())))
                .toList());
    }

    private static Line prefix(IpPrefix prefix, List<RibRoute> routes, FibEntry entry) {
        List<Line> paths = routes.stream().map(RoutesViewModel::path).toList();
        long used = routes.stream().filter(x -> x.status() == PathStatus.BEST || x.status() == PathStatus.MULTIPATH).count();
        String origins = routes.stream().map(RoutesViewModel::originatedBy).distinct().collect(Collectors.joining(", "));
        String reason = routes.stream().filter(x -> x.status() == PathStatus.BEST).findFirst()
                .map(x -> x.reason().description()).orElse("no usable path");
        return new Line(prefix.toString(), routes.size() + (routes.size() == 1 ? " path" : " paths")
                + (used > 1 ? ", " + used + " used" : ""), origins, "", "", "", reason, installed(entry), null, null, paths);
    }

    private static Line path(RibRoute route) {
        String mark = switch (route.status()) {
            case BEST -> "> best";
            case MULTIPATH -> "= ECMP";
            case CANDIDATE -> "candidate";
            case BACKUP -> "backup";
            case REJECTED -> "rejected";
        } + (route.stale() ? " (stale)" : "");
        return new Line("", mark, originatedBy(route), route.from() == null ? "originated here" : route.from().name(),
                route.asPath().isEmpty() ? "(empty)" : route.asPathText(),
                route.nextHop() == null ? "local" : route.nextHop().toString(),
                route.reason().description() + (route.note() == null ? "" : " — " + route.note()), "", route.status(),
                route.reason(), List.of());
    }

    /** The node that put the prefix into BGP, as the CLI prints it: several paths from one peer differ by it. */
    private static String originatedBy(RibRoute route) {
        return route.origin() != null ? route.origin().name() : route.from() == null ? "here" : "unknown";
    }

    /** What the kernel gets for the prefix: the next hops (ECMP), or why it is not installed. */
    private static String installed(FibEntry f) {
        if (f == null) {
            return "not installed";
        }
        String hops = f.nextHops().stream().map(IpAddr::toString).collect(Collectors.joining(", "));
        return hops + (f.nextHops().size() > 1 ? " (ECMP)" : "") + (f.undetermined() ? " — any " + f.nextHops().size()
                + " of " + f.candidates().size() : "") + (f.stale() ? " (stale)" : "");
    }

    void stop() {
        analysis.stop();
    }

    public ReadOnlyObjectProperty<RoutingState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ObservableList<ElementId> routers() {
        return routers;
    }

    public ObjectProperty<ElementId> routerProperty() {
        return router;
    }

    /** One line per prefix of the chosen router's RIB, its paths beneath it. */
    public ObservableList<Line> prefixes() {
        return prefixes;
    }
}
