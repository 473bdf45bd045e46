package dev.lbstudio.ui.view;

import dev.lbstudio.ui.live.LiveScene;
import dev.lbstudio.ui.live.WalkOverlay;
import dev.lbstudio.ui.scene.LabelPlacer;
import dev.lbstudio.ui.scene.Palette;
import dev.lbstudio.ui.viewmodel.LiveViewModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Text;

/**
 * Draws the live lab and the packet walk on the canvas: lines under the element boxes, dots, marks and
 * hop labels above them. One {@link AnimationTimer} draws every animation, asks the view model for the frame
 * at the pulse's time and stops itself when nothing moves; new events restart it. Shapes are kept by key and
 * pooled, so a frame changes properties and creates nothing.
 */
final class LiveLayer {

    /** Key under which a walk label keeps the element of its hop (not {@link DesignCanvas#ELEMENT_ID}: it is no element). */
    static final String WALK_HOP = "lbstudio.walk-hop";
    private static final Color PROBE = Color.web(LiveScene.PROBE_PATH);
    /** Withdrawn lanes are dotted, so they never read as a session that is down (solid red). */
    static final List<Double> WITHDRAWN_DOTS = List.of(0.1, 12.0);

    private final LiveViewModel vm;
    private final Group under = new Group();
    private final Group over = new Group();
    private final Group strokeGroup = new Group();
    private final Group dotGroup = new Group();
    private final Group markGroup = new Group();
    private final Group walkGroup = new Group();
    private final Map<String, Polyline> strokes = new HashMap<>();
    /** What each line shows now: a frame touches only the lines whose look changed. */
    private final Map<String, LiveScene.Stroke> shown = new HashMap<>();
    private final Polyline walkPath = new Polyline();
    private final Circle walkMarker = new Circle(7);
    private final Text walkDrop = mark();
    private final List<Label> walkLabels = new ArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            draw(now);
        }
    };
    private boolean running;

    /** How much dots, marks and hop labels grow to keep their size on screen; lines keep design units. */
    private final ObservableDoubleValue grow;
    private final Room room;
    /** The marks drawn, by the point each was asked for: their spots stay put while the frames go on. */
    private final Map<List<Double>, LabelPlacer.Rect> markSpots = new HashMap<>();
    private LabelPlacer.Rect dropSpot;

    /** What the canvas tells the live drawing about where its labels may go. */
    interface Room {
        /** A placer that knows the element names and interface labels as drawn now. */
        LabelPlacer placer();

        /** An element's box as drawn now, in design units. */
        Optional<LabelPlacer.Rect> footprint(dev.lbstudio.model.ElementId id);
    }

    LiveLayer(LiveViewModel vm, ObservableDoubleValue grow, Room room) {
        this.vm = vm;
        this.grow = grow;
        this.room = room;
        grow.addListener((o, a, b) -> replaceLabels());
        keepSize(walkMarker);
        keepSize(walkDrop);
        under.setMouseTransparent(true);
        over.setMouseTransparent(true);
        walkPath.getStyleClass().add("walk-path");
        walkPath.setStroke(Color.web(Palette.SELECTION));
        walkPath.setStrokeWidth(12);
        walkPath.setOpacity(0.6);
        walkPath.setStrokeLineCap(StrokeLineCap.ROUND);
        walkMarker.getStyleClass().add("walk-marker");
        walkMarker.setFill(Color.web(Palette.SELECTION));
        walkMarker.setStroke(Color.web(Palette.TEXT));
        walkMarker.setStrokeWidth(1.5);
        under.getChildren().setAll(walkPath, strokeGroup);
        over.getChildren().setAll(dotGroup, markGroup, walkGroup);
        walkPath.setVisible(false);
        vm.redrawsProperty().addListener((o, a, b) -> start());
        vm.walkOverlayProperty().addListener((o, a, w) -> buildWalk(w));
        buildWalk(vm.walkOverlayProperty().get());
    }

    /** The legend's rows for what the live drawing means. */
    List<Node> legendRows() {
        Polyline lane = new Polyline(0, 0, 28, 0);
        lane.setStroke(Color.web(LiveScene.GREEN));
        lane.setStrokeWidth(6);
        Polyline withdrawn = new Polyline(0, 0, 28, 0);
        withdrawn.setStroke(Color.web(LiveScene.RED));
        withdrawn.setStrokeWidth(6);
        withdrawn.setStrokeLineCap(StrokeLineCap.ROUND);
        withdrawn.getStrokeDashArray().setAll(WITHDRAWN_DOTS);
        Polyline down = new Polyline(0, 0, 28, 0);
        down.setStroke(Color.web(LiveScene.RED));
        down.setStrokeWidth(3);
        Circle probe = new Circle(6.5, PROBE);
        Label heading = new Label("Live lab");
        heading.setStyle("-fx-font-weight: bold;");
        List<Node> rows = new ArrayList<>(List.of(heading));
        for (Label row : List.of(new Label("next hop (width = ECMP share)", lane),
                new Label("next hop withdrawn", withdrawn), new Label("session down (amber: connecting)", down),
                new Label("probe packet (✖ where it died)", probe))) {
            row.setGraphicTextGap(8);
            rows.add(row);
        }
        return rows;
    }

    /** Lines drawn between the wires and the boxes. */
    Node under() {
        return under;
    }

    /** Dots, marks and labels drawn above the boxes. */
    Node over() {
        return over;
    }

    private void start() {
        if (!running) {
            running = true;
            timer.start();
        }
    }

    private void draw(long now) {
        LiveScene.Frame f = vm.frame(now);
        drawStrokes(f.strokes());
        drawDots(f.dots());
        drawMarks(f.marks());
        boolean walking = drawWalk(now);
        if (!f.animating() && !walking) {
            timer.stop();
            running = false;
        }
    }

    private void drawStrokes(List<LiveScene.Stroke> frame) {
        Set<String> seen = new HashSet<>();
        for (LiveScene.Stroke s : frame) {
            seen.add(s.key());
            Polyline line = strokes.computeIfAbsent(s.key(), k -> {
                Polyline p = new Polyline();
                p.getStyleClass().add("live-stroke");
                p.setStrokeLineCap(StrokeLineCap.ROUND);
                strokeGroup.getChildren().add(p);
                return p;
            });
            LiveScene.Stroke was = shown.put(s.key(), s);
            if (was == null || !Arrays.equals(was.xy(), s.xy())) {
                line.getPoints().setAll(Arrays.stream(s.xy()).boxed().toList());
            }
            if (was == null || !was.colour().equals(s.colour())) {
                line.setStroke(Color.web(s.colour()));
            }
            if (was == null || was.width() != s.width() || was.opacity() != s.opacity() || was.drawn() != s.drawn()) {
                line.setStrokeWidth(s.width());
                line.setOpacity(s.opacity());
                line.getStrokeDashArray().setAll(s.drawn() < 1 ? List.of(s.length() * s.drawn() + 0.01, s.length() + 1)
                        : s.tone() == LiveScene.Tone.WITHDRAWN ? WITHDRAWN_DOTS : List.of());
            }
            line.getProperties().put("tone", s.tone());
        }
        strokes.entrySet().removeIf(e -> {
            boolean gone = !seen.contains(e.getKey());
            if (gone) {
                strokeGroup.getChildren().remove(e.getValue());
                shown.remove(e.getKey());
            }
            return gone;
        });
    }

    private void drawDots(List<LiveScene.Dot> dots) {
        List<Node> pool = dotGroup.getChildren();
        while (pool.size() < dots.size()) {
            Circle c = new Circle(6.5, PROBE);
            keepSize(c);
            c.setStroke(Color.WHITE);
            c.setStrokeWidth(1.5);
            c.getStyleClass().add("probe-dot");
            pool.add(c);
        }
        for (int i = 0; i < pool.size(); i++) {
            Circle c = (Circle) pool.get(i);
            c.setVisible(i < dots.size());
            if (i < dots.size()) {
                c.setCenterX(dots.get(i).x());
                c.setCenterY(dots.get(i).y());
            }
        }
    }

    private void drawMarks(List<LiveScene.Mark> marks) {
        List<Node> pool = markGroup.getChildren();
        while (pool.size() < marks.size()) {
            Text m = mark();
            keepSize(m);
            pool.add(m);
        }
        List<List<Double>> wanted = marks.stream().map(m -> List.of(m.x(), m.y())).toList();
        if (!markSpots.keySet().equals(new HashSet<>(wanted))) {
            placeMarks(wanted);
        }
        // Flows that died at the same place share one ✖.
        Set<List<Double>> drawnAt = new HashSet<>();
        for (int i = 0; i < pool.size(); i++) {
            Node m = pool.get(i);
            m.setVisible(i < marks.size() && drawnAt.add(wanted.get(i)));
            if (m.isVisible()) {
                LabelPlacer.Rect at = markSpots.get(wanted.get(i));
                place(m, at.centreX(), at.centreY());
            }
        }
    }

    /**
     * A ✖ goes where it was asked (beside the box the packet died at) unless it would cover a name or a hop
     * label there; then to the nearest free spot around that point.
     */
    private void placeMarks(List<List<Double>> wanted) {
        markSpots.clear();
        LabelPlacer placer = markPlacer();
        for (List<Double> p : new java.util.LinkedHashSet<>(wanted)) {
            markSpots.put(p, markSpot(placer, p.get(0), p.get(1)));
        }
    }

    /** A placer for marks: they keep off the hop labels shown too. */
    private LabelPlacer markPlacer() {
        LabelPlacer placer = room.placer();
        walkLabels.stream().filter(Node::isVisible).forEach(l -> placer.place(List.of(drawn(l))));
        return placer;
    }

    /** The spot for a ✖ asked for at (x, y): there, or the nearest spot around it that covers less. */
    private LabelPlacer.Rect markSpot(LabelPlacer placer, double x, double y) {
        double w = walkDrop.getLayoutBounds().getWidth() * grow.get();
        double h = walkDrop.getLayoutBounds().getHeight() * grow.get();
        List<LabelPlacer.Rect> spots = new ArrayList<>(List.of(LabelPlacer.Rect.centred(x, y, w, h)));
        spots.addAll(LabelPlacer.around(LabelPlacer.Rect.centred(x, y, 0, 0), w, h, 2, LabelPlacer.Side.ABOVE));
        return placer.place(spots);
    }

    /** A label's scaled bounds in design units. */
    private static LabelPlacer.Rect drawn(Node n) {
        javafx.geometry.Bounds b = n.getBoundsInParent();
        return new LabelPlacer.Rect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /** A red cross where a packet died. */
    private static Text mark() {
        Text t = new Text("✖");
        t.getStyleClass().add("drop-mark");
        t.setFill(Color.web(LiveScene.RED));
        t.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
        return t;
    }

    private void keepSize(Node n) {
        n.scaleXProperty().bind(grow);
        n.scaleYProperty().bind(grow);
    }

    private static void place(Node n, double x, double y) {
        n.relocate(x - n.getLayoutBounds().getWidth() / 2, y - n.getLayoutBounds().getHeight() / 2);
    }

    private void buildWalk(WalkOverlay w) {
        walkLabels.clear();
        walkGroup.getChildren().clear();
        walkPath.setVisible(w != null);
        if (w == null) {
            return;
        }
        walkPath.getPoints().setAll(Arrays.stream(w.track().points()).boxed().toList());
        for (WalkOverlay.Stop s : w.stops()) {
            Label label = new Label(s.label());
            label.getStyleClass().add("walk-label");
            label.setManaged(false);
            label.setVisible(false);
            label.getProperties().put(WALK_HOP, s.at());
            walkLabels.add(label);
        }
        walkGroup.getChildren().addAll(walkLabels);
        walkGroup.getChildren().addAll(walkMarker, walkDrop);
        walkDrop.setVisible(false);
        dropSpot = null;
        // At its start at once, not where the last walk ended, even before the next pulse.
        drawWalk(System.nanoTime());
        start();
    }

    /**
     * Places the hop labels shown so far and the marks again, once the canvas has sized its boxes and interface
     * labels (a zoom in presenter mode, a new drawing).
     */
    void replaceLabels() {
        placeLabels();
        markSpots.clear();
        dropSpot = null;
        start();
    }

    /**
     * Each hop label shown so far, in the walk's order: above its element's box (beside it for a pod, which hangs
     * under its node), else at the nearest spot around the box that covers no element name, interface label or
     * earlier hop label. It is scaled about its centre to keep its size on screen.
     */
    private void placeLabels() {
        WalkOverlay w = vm.walkOverlayProperty().get();
        if (w == null) {
            return;
        }
        LabelPlacer placer = room.placer();
        double g = grow.get();
        for (int i = 0; i < walkLabels.size(); i++) {
            Label label = walkLabels.get(i);
            if (!label.isVisible()) {
                continue;
            }
            WalkOverlay.Stop s = w.stops().get(i);
            label.scaleXProperty().bind(grow);
            label.scaleYProperty().bind(grow);
            double lw = label.getWidth();
            double lh = label.getHeight();
            LabelPlacer.Rect box = room.footprint(s.at()).orElse(LabelPlacer.Rect.centred(s.x(), s.y(), 0, 0));
            LabelPlacer.Rect at = placer.place(LabelPlacer.around(box, lw * g, lh * g, 4,
                    s.beside() ? LabelPlacer.Side.RIGHT : LabelPlacer.Side.ABOVE));
            label.relocate(at.centreX() - lw / 2, at.centreY() - lh / 2);
        }
    }

    /** Moves the walk's marker; true while it still walks. */
    private boolean drawWalk(long now) {
        WalkOverlay w = vm.walkOverlayProperty().get();
        if (w == null) {
            return false;
        }
        WalkOverlay.Progress p = w.progress(vm.walkElapsed(now));
        walkMarker.setCenterX(p.x());
        walkMarker.setCenterY(p.y());
        boolean revealed = false;
        for (int i = 0; i < walkLabels.size(); i++) {
            Label label = walkLabels.get(i);
            if (i < p.reached() && !label.isVisible()) {
                label.setVisible(true);
                label.applyCss();
                label.autosize();
                revealed = true;
            }
        }
        if (revealed) {
            placeLabels();
        }
        boolean drop = p.done() && w.dropped();
        if (drop && (dropSpot == null || !walkDrop.isVisible())) {
            // Where the walk ended is the box it died at: the ✖ goes beside its name, not over it.
            dropSpot = markSpot(markPlacer(), p.x(), p.y());
        }
        walkDrop.setVisible(drop);
        if (drop) {
            place(walkDrop, dropSpot.centreX(), dropSpot.centreY());
        }
        return !p.done();
    }

    // --- for tests and the benchmark ----------------------------------------------------------------------

    /** The line drawn for a lane or session key of {@link LiveScene}. */
    Optional<Shape> stroke(String key) {
        return Optional.ofNullable(strokes.get(key));
    }

    int visibleDots() {
        return (int) dotGroup.getChildren().stream().filter(Node::isVisible).count();
    }

    int visibleMarks() {
        return (int) markGroup.getChildren().stream().filter(Node::isVisible).count();
    }

    /** The hop labels the walk's marker has uncovered so far. */
    List<Label> shownWalkLabels() {
        return walkLabels.stream().filter(Node::isVisible).toList();
    }

    /** The hop labels and the ✖ marks shown now, as drawn, in design units. */
    List<LabelPlacer.Rect> labelRects() {
        List<LabelPlacer.Rect> rects = new ArrayList<>(shownWalkLabels().stream().map(LiveLayer::drawn).toList());
        markGroup.getChildren().stream().filter(Node::isVisible).map(LiveLayer::drawn).forEach(rects::add);
        if (walkDrop.isVisible()) {
            rects.add(drawn(walkDrop));
        }
        return rects;
    }

    boolean walkShown() {
        return walkPath.isVisible();
    }
}
