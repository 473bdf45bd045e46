package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Router;
import dev.lbstudio.routing.FibEntry;
import dev.lbstudio.routing.RibRoute;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import java.util.List;
import java.util.Optional;
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
 * The predicted routes per router: every path in the RIB with its status and the typed reason it
 * won or lost, and what the FIB installs. Computed by the routing engine off the FX thread after
 * edits settle; the packet walk reads the same {@link RoutingState}.
 */
public final class RoutesViewModel {

    /** One RIB path as the table shows it. */
    public record Row(String prefix, String status, String nextHop, String from, String asPath, String reason,
                      String installed) {
    }

    private final ReadOnlyObjectWrapper<RoutingState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ObservableList<ElementId> routers = FXCollections.observableArrayList();
    private final ObjectProperty<ElementId> router = new SimpleObjectProperty<>(this, "router");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
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
            rows.clear();
            return;
        }
        List<FibEntry> fib = s.fib(r);
        rows.setAll(s.rib(r).stream().map(route -> row(route, fib)).toList());
    }

    private static Row row(RibRoute route, List<FibEntry> fib) {
        Optional<FibEntry> entry = fib.stream().filter(f -> f.prefix().equals(route.prefix())).findFirst();
        String installed = entry.map(f -> f.nextHops().stream().map(IpAddr::toString).collect(Collectors.joining(", "))
                + (f.nextHops().size() > 1 ? " (ECMP)" : "") + (f.undetermined() ? " — any " + f.nextHops().size()
                + " of " + f.candidates().size() : "")).orElse("not installed");
        return new Row(route.prefix().toString(), route.status().name().toLowerCase() + (route.stale() ? " (stale)" : ""),
                route.nextHop() == null ? "local" : route.nextHop().toString(),
                route.from() == null ? "originated here" : route.from().toString(), route.asPathText(),
                route.reason().description(), installed);
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

    public ObservableList<Row> rows() {
        return rows;
    }
}
