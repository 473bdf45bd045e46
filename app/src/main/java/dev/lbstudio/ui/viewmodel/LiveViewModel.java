package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.ui.live.LabMoment;
import dev.lbstudio.ui.live.LiveScene;
import dev.lbstudio.ui.live.ObservedRoutes;
import dev.lbstudio.ui.live.ObservedRoutes.Change;
import dev.lbstudio.ui.live.ObservedRoutes.Compared;
import dev.lbstudio.ui.live.ObservedRoutes.Difference;
import dev.lbstudio.ui.live.ScenePaths;
import dev.lbstudio.ui.live.WalkOverlay;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live side of the canvas and the routes panel while a lab runs. Every {@link LabFeed} batch goes into the
 * observed routes (prediction updated by {@code RouteChanged}) and the canvas's {@link LiveScene}; the packet
 * walk's trace becomes a {@link WalkOverlay}. Nothing here waits: a batch is folded in at once and the canvas
 * draws it on its next frame, so the event stream never queues behind an animation.
 */
public final class LiveViewModel {

    /**
     * One row of the routes panel's lab table.
     *
     * @param change what the last lab change of this row did, or null when it has not changed
     * @param changedNanos when that change arrived (System.nanoTime), for the row's brief flash
     */
    public record ObservedRow(String prefix, String predicted, String observed, Difference difference, String note,
                              Change change, long changedNanos) {
    }

    /** A lab run changes a few routes per step; far more than any run has, far less than memory allows. */
    private static final int MAX_HISTORY = 10_000;

    private final DesignViewModel document;
    private final RoutesViewModel routes;
    private final PacketWalkViewModel walk;
    private final Timeline timeline;
    private final ReadOnlyBooleanWrapper labActive = new ReadOnlyBooleanWrapper(this, "labActive");
    private final ReadOnlyLongWrapper redraws = new ReadOnlyLongWrapper(this, "redraws");
    private final ReadOnlyObjectWrapper<WalkOverlay> walkOverlay = new ReadOnlyObjectWrapper<>(this, "walkOverlay");
    private final ObservableList<ObservedRow> observedRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper changedOn = new ReadOnlyStringWrapper(this, "changedOn", "");
    /** Per router and prefix, the last change and when it arrived. */
    private final Map<ElementId, Map<IpPrefix, Flash>> flashes = new HashMap<>();
    /** The run's route and session changes, oldest first, to redraw them on a moved or edited design. */
    private final ArrayDeque<LabEvent> history = new ArrayDeque<>();
    private ScenePaths paths;
    private ObservedRoutes observed;
    private LiveScene live;
    private long walkStart;
    private Duration lastAt = Duration.ZERO;

    private record Flash(Change change, long nanos) {
    }

    public LiveViewModel(DesignViewModel document, RoutesViewModel routes, PacketWalkViewModel walk, LabFeed feed,
                         Timeline timeline) {
        this.document = document;
        this.routes = routes;
        this.walk = walk;
        this.timeline = timeline;
        // What the timeline shows started over (a new run, a replay, a replay stopped): so does the canvas.
        timeline.resetsProperty().addListener((o, a, b) -> {
            history.clear();
            flashes.clear();
            timeline.shownEvents().stream().filter(LiveViewModel::kept).forEach(history::addLast);
            while (history.size() > MAX_HISTORY) {
                history.removeFirst();
            }
            rebuild();
        });
        // Time travel: the canvas and the routes panel show the lab at the scrub position, or live again.
        timeline.cursorProperty().addListener((o, a, b) -> {
            if (b != null) {
                labActive.set(true);
            }
            rebuild();
        });
        paths = new ScenePaths(document.sceneProperty().get());
        document.sceneProperty().addListener((o, a, scene) -> {
            paths = new ScenePaths(scene);
            rebuild();
            showWalk();
        });
        routes.stateProperty().addListener((o, a, s) -> rebuild());
        // Another design: what its lab showed belongs to the old one.
        document.loadsProperty().addListener((o, a, b) -> {
            history.clear();
            lastAt = Duration.ZERO;
            labActive.set(false);
            rebuild();
        });
        routes.routerProperty().addListener((o, a, r) -> refreshRows());
        walk.traceProperty().addListener((o, a, t) -> showWalk());
        walk.onCanvasProperty().addListener((o, a, t) -> showWalk());
        feed.subscribe(this::accept);
        rebuild();
    }

    private static boolean kept(LabEvent e) {
        return e instanceof LabEvent.RouteChanged || e instanceof LabEvent.SessionChanged;
    }

    /**
     * Starts from the prediction again and replays the run's route and session changes as settled (no animation),
     * so moving a box or editing the design during a lab keeps what the lab showed, drawn where things are now.
     * While the timeline is scrubbed, it shows the {@link LabMoment} at the cursor instead: the routes, sessions
     * and probes of that instant, rebuilt from the run's events.
     */
    private void rebuild() {
        RoutingState state = routes.stateProperty().get();
        observed = state == null ? null : new ObservedRoutes(state);
        live = observed == null ? null : new LiveScene(document.sceneProperty().get(), observed);
        if (live != null) {
            long settled = System.nanoTime() - LiveScene.SETTLED;
            Optional<Duration> cursor = timeline.cursorOnLabClock();
            LabMoment moment = cursor.map(t -> LabMoment.at(timeline.shownEvents(), t)).orElse(null);
            for (LabEvent e : moment != null ? moment.changes() : history) {
                if (e instanceof LabEvent.RouteChanged c) {
                    observed.apply(c);
                }
                live.accept(e, settled);
            }
            if (moment != null) {
                live.pin(moment.probes());
            }
        }
        refreshRows();
        redraws.set(redraws.get() + 1);
    }

    private void accept(List<LabFeed.Stamped> batch) {
        long now = System.nanoTime();
        // The table is rebuilt only when the lab starts or changes the router it shows, not per probe batch.
        boolean rows = !labActive.get();
        for (LabFeed.Stamped s : batch) {
            LabEvent e = s.event();
            // A run's clock starts at zero: an event at zero after later ones is a new run, from the prediction.
            if (e.at().isZero() && lastAt.compareTo(Duration.ZERO) > 0) {
                history.clear();
                flashes.clear();
                rebuild();
                rows = true;
            }
            lastAt = e.at();
            labActive.set(true);
            // Kept even before the first prediction: the rebuild it triggers replays them.
            if (kept(e)) {
                if (history.size() == MAX_HISTORY) {
                    history.removeFirst();
                }
                history.addLast(e);
            }
            // A scrubbed canvas stands still at its instant; the run goes on being recorded.
            if (live == null || timeline.cursorProperty().get() != null) {
                continue;
            }
            if (e instanceof LabEvent.RouteChanged c) {
                observed.apply(c);
                Change.of(c.before(), c.after()).ifPresent(ch -> flashes.computeIfAbsent(c.router(),
                        r -> new HashMap<>()).put(c.prefix(), new Flash(ch, now)));
                rows |= c.router().equals(routes.routerProperty().get());
            }
            live.accept(e, now);
        }
        if (rows) {
            refreshRows();
        }
        changedOn.set(flashes.isEmpty() ? "" : "The lab changed routes on " + flashes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(r -> r.getKey().name() + " (" + r.getValue().size() + (r.getValue().size() == 1 ? " prefix)"
                        : " prefixes)")).collect(Collectors.joining(", ")));
        redraws.set(redraws.get() + 1);
    }

    private void refreshRows() {
        ElementId router = routes.routerProperty().get();
        if (observed == null || router == null || !labActive.get()) {
            observedRows.clear();
            return;
        }
        Map<IpPrefix, Flash> changed = flashes.getOrDefault(router, Map.of());
        observedRows.setAll(observed.compare(router).stream().map(c -> row(c, changed.get(c.prefix()))).toList());
    }

    private static ObservedRow row(Compared c, Flash flash) {
        String note = switch (c.difference()) {
            case SAME -> "as predicted";
            case MISSING -> "missing: the lab has no route";
            case EXTRA -> "extra: not predicted";
            case DIFFERENT -> (c.missing().isEmpty() ? "" : "missing " + hops(c.missing()))
                    + (c.missing().isEmpty() || c.extra().isEmpty() ? "" : "; ")
                    + (c.extra().isEmpty() ? "" : "extra " + hops(c.extra()));
        };
        return new ObservedRow(c.prefix().toString(), hops(c.predicted()), hops(c.observed()), c.difference(), note,
                flash == null ? null : flash.change(), flash == null ? 0 : flash.nanos());
    }

    private static String hops(List<IpAddr> hops) {
        return hops.isEmpty() ? "—" : hops.stream().map(IpAddr::toString).collect(Collectors.joining(", "));
    }

    private void showWalk() {
        walkStart = System.nanoTime();
        walkOverlay.set(walk.onCanvasProperty().get() && walk.traceProperty().get() != null
                ? WalkOverlay.of(paths, walk.traceProperty().get()) : null);
        redraws.set(redraws.get() + 1);
    }

    /** The canvas's frame at {@code now}; empty while the design has no prediction yet. */
    public LiveScene.Frame frame(long now) {
        return live == null ? new LiveScene.Frame(List.of(), List.of(), List.of(), false) : live.frame(now);
    }

    /** Probe samples left undrawn because enough dots were in flight. */
    public long skippedSamples() {
        return live == null ? 0 : live.skippedSamples();
    }

    /** Nanoseconds since the packet walk on the canvas (re)started. */
    public long walkElapsed(long now) {
        return now - walkStart;
    }

    public ReadOnlyObjectProperty<WalkOverlay> walkOverlayProperty() {
        return walkOverlay.getReadOnlyProperty();
    }

    /** Changes whenever there is something new to draw: the canvas (re)starts its animation timer. */
    public ReadOnlyLongProperty redrawsProperty() {
        return redraws.getReadOnlyProperty();
    }

    /** True from the first lab event until the prediction changes. */
    public ReadOnlyBooleanProperty labActiveProperty() {
        return labActive.getReadOnlyProperty();
    }

    /** Which routers the run changed and how many prefixes on each, so the panel's user knows where to look. */
    public ReadOnlyStringProperty changedOnProperty() {
        return changedOn.getReadOnlyProperty();
    }

    /** The routes panel's router, observed against predicted, while a lab runs. */
    public ObservableList<ObservedRow> observedRows() {
        return observedRows;
    }
}
