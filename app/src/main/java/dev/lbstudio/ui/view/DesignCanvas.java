package dev.lbstudio.ui.view;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Layout;
import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.scene.DesignScene;
import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.Edge;
import dev.lbstudio.ui.scene.Abbreviation;
import dev.lbstudio.ui.scene.BoxRoom;
import dev.lbstudio.ui.scene.EdgeGeometry;
import dev.lbstudio.ui.scene.LabelPlacer;
import dev.lbstudio.ui.scene.Palette;
import dev.lbstudio.ui.viewmodel.DesignViewModel;
import dev.lbstudio.ui.viewmodel.LiveViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.ScaleTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.QuadCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The design canvas: draws the view model's {@link DesignScene} and turns gestures into view-model
 * calls. Drag the background to pan, scroll to zoom, click to select (Shift/Ctrl adds), Shift-drag
 * the background for a selection rectangle, drag elements to move them, drag from the palette to
 * add, and in connect mode (or with Alt) drag from one element to another to connect them.
 * It owns no design state: every change goes through {@link DesignViewModel}.
 */
public final class DesignCanvas extends Region {

    /** Key under which each element's node keeps its {@link ElementId} (tests and tools look it up). */
    public static final String ELEMENT_ID = "lbstudio.element";
    /** A name set in regular weight, which is narrower than bold, where a box has little room. */
    private static final String COMPACT = "compact";

    private static final double MIN_ZOOM = 0.1;
    private static final double MAX_ZOOM = 4;

    private final DesignViewModel vm;
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group boxLayer = new Group();
    /** Interface labels: over the lines and the live lanes drawn along them, under the boxes. */
    private final Group edgeLabelLayer = new Group();
    private final Group overlay = new Group();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoomLevel = new ReadOnlyDoubleWrapper(1);
    private final BooleanProperty connectMode = new SimpleBooleanProperty(this, "connectMode");
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter");
    /**
     * How much element boxes, interface labels and the live drawing's labels grow against the zoom: in
     * presenter mode as much as undoes a zoom below 100 % (their text keeps its size on the projector), else 1.
     */
    private final ReadOnlyDoubleWrapper labelScale = new ReadOnlyDoubleWrapper(1);
    private final Map<ElementId, StackPane> boxes = new HashMap<>();
    private final Map<ElementId, Box> drawnBoxes = new HashMap<>();
    /** How big each box may grow (design units) before it would reach into a neighbour's half of the gap. */
    private Map<ElementId, double[]> rooms = Map.of();
    private final Map<ElementId, Point2D> centres = new HashMap<>();
    private final List<EdgeView> edges = new ArrayList<>();
    private final Rectangle band = new Rectangle();
    private final Line connectLine = new Line();

    private Point2D pressScreen;
    private Point2D panStart;
    private Map<ElementId, Point2D> dragStart = Map.of();
    private boolean dragged;
    private ElementId connectFrom;
    private boolean fitPending = true;
    private boolean labelsPending = true;
    private LiveLayer live;
    private FlowPane liveLegend;

    private record EdgeView(Edge edge, Shape shape, Text label) {
    }

    public DesignCanvas(DesignViewModel vm) {
        this.vm = vm;
        getStyleClass().add("design-canvas");
        setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        world.getTransforms().setAll(pan, zoom);
        // Panning only moves the drawing: render it once to a bitmap and move that, so
        // hundreds of shadowed boxes cost nothing per frame (zooming re-renders, so text stays sharp).
        // Edges and boxes are cached each on their own, so live animations drawn between and above
        // them redraw only themselves, never the design.
        for (Group cached : List.of(edgeLayer, edgeLabelLayer, boxLayer)) {
            cached.setCache(true);
            cached.setCacheHint(CacheHint.DEFAULT);
        }
        world.getChildren().setAll(edgeLayer, edgeLabelLayer, boxLayer, overlay);
        band.getStyleClass().add("selection-band");
        band.setVisible(false);
        band.setManaged(false);
        connectLine.getStyleClass().add("connect-line");
        connectLine.setVisible(false);
        connectLine.setMouseTransparent(true);
        overlay.getChildren().setAll(connectLine);
        overlay.setMouseTransparent(true);
        Node legend = legend();
        getChildren().setAll(world, band, legend);

        presenter.addListener((o, was, on) -> {
            updateLabelScale();
            legend.setVisible(!on);
            fitOnNextLayout();
        });
        // On the projector the design keeps filling the canvas whatever the window does.
        widthProperty().addListener((o, a, b) -> refitInPresenterMode());
        heightProperty().addListener((o, a, b) -> refitInPresenterMode());
        vm.sceneProperty().addListener((o, a, scene) -> draw(scene));
        vm.selection().addListener((ListChangeListener<ElementId>) c -> showSelection());
        vm.flashed().addListener((ListChangeListener<ElementId>) c -> vm.flashed().forEach(this::flash));
        draw(vm.sceneProperty().get());
        wireGestures();
    }

    /** What the line styles mean, pinned to the bottom-left corner so a screenshot explains itself. */
    private static Node legend() {
        VBox rows = new VBox(4);
        rows.getStyleClass().add("legend");
        for (DesignScene.EdgeKind kind : DesignScene.EdgeKind.values()) {
            Line sample = new Line(0, 0, 28, 0);
            sample.setStroke(Color.web(Palette.edge(kind)));
            sample.setStrokeWidth(Palette.edgeWidth(kind));
            for (double d : Palette.dashes(kind)) {
                sample.getStrokeDashArray().add(d);
            }
            Label text = new Label(Palette.meaning(kind), sample);
            text.setGraphicTextGap(8);
            rows.getChildren().add(text);
        }
        rows.setManaged(false);
        rows.setMouseTransparent(true);
        return rows;
    }

    @Override
    protected void layoutChildren() {
        Node legend = getChildren().get(2);
        legend.autosize();
        legend.relocate(12, getHeight() - legend.getLayoutBounds().getHeight() - 12);
        if (liveLegend != null && presenter.get()) {
            double w = getWidth() - 24;
            double h = liveLegend.prefHeight(w);
            liveLegend.resize(w, h);
            liveLegend.relocate(12, getHeight() - h - 12);
        } else if (liveLegend != null) {
            liveLegend.resize(liveLegend.prefWidth(-1), liveLegend.prefHeight(-1));
            liveLegend.relocate(12, 12);
        }
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            fitPending = false;
            fit();
        }
        if (labelsPending) {
            labelsPending = false;
            sizeBoxes();
            placeEdgeLabels();
            if (live != null) {
                live.replaceLabels();
            }
        }
    }

    private void refitInPresenterMode() {
        if (presenter.get()) {
            fitOnNextLayout();
        }
    }

    private void updateLabelScale() {
        labelScale.set(presenter.get() ? Math.max(1, 1 / zoom.getX()) : 1);
        labelsPending = true;
        requestLayout();
    }

    /** Fits the whole design in view at the next layout (used when a different design is loaded). */
    public void fitOnNextLayout() {
        fitPending = true;
        requestLayout();
    }

    // --- drawing -----------------------------------------------------------------------------------------

    private void draw(DesignScene scene) {
        boxes.clear();
        centres.clear();
        edges.clear();
        drawnBoxes.clear();
        drawnBoxes.putAll(scene.byId());
        rooms = BoxRoom.of(scene);
        List<Node> boxNodes = new ArrayList<>();
        for (Box b : scene.boxes()) {
            StackPane view = boxView(b);
            boxes.put(b.id(), view);
            centres.put(b.id(), new Point2D(b.x(), b.y()));
            boxNodes.add(view);
        }
        List<Node> edgeNodes = new ArrayList<>();
        List<Node> labels = new ArrayList<>();
        for (Edge e : scene.edges()) {
            if (!centres.containsKey(e.from()) || !centres.containsKey(e.to())) {
                continue;
            }
            Shape shape = Palette.curved(e.kind()) ? new QuadCurve() : new Line();
            shape.getStyleClass().addAll("edge", "edge-" + e.kind().name().toLowerCase().replace('_', '-'));
            shape.setFill(null);
            shape.setStroke(Color.web(Palette.edge(e.kind())));
            shape.setStrokeWidth(Palette.edgeWidth(e.kind()));
            for (double d : Palette.dashes(e.kind())) {
                shape.getStrokeDashArray().add(d);
            }
            shape.setMouseTransparent(true);
            Text label = null;
            if (e.kind() == DesignScene.EdgeKind.LINK && !e.label().isEmpty()) {
                label = new Text(e.label());
                label.getStyleClass().add("edge-label");
                label.setMouseTransparent(true);
                labels.add(label);
            }
            EdgeView view = new EdgeView(e, shape, label);
            edges.add(view);
            edgeNodes.add(shape);
            place(view);
        }
        edgeLayer.getChildren().setAll(edgeNodes);
        edgeLabelLayer.getChildren().setAll(labels);
        boxLayer.getChildren().setAll(boxNodes);
        showSelection();
        labelsPending = true;
        requestLayout();
    }

    private StackPane boxView(Box b) {
        FontIcon icon = new FontIcon(icon(b.glyph()));
        icon.getStyleClass().add("element-icon");
        Label title = new Label(b.title());
        title.getStyleClass().add("element-title");
        // Pod names end in the part that tells replicas apart; keep both ends visible.
        title.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        VBox text = new VBox(title);
        text.getStyleClass().add("element-text");
        if (!b.subtitle().isEmpty() && b.glyph() != DesignScene.Glyph.POD) {
            Label subtitle = new Label(b.subtitle());
            subtitle.getStyleClass().add("element-subtitle");
            text.getChildren().add(subtitle);
        }
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, icon, text);
        row.getStyleClass().add("element-row");
        StackPane view = new StackPane(row);
        view.getStyleClass().addAll("element", "glyph-" + b.glyph().name().toLowerCase());
        view.setStyle("-element-fill: " + Palette.fill(b.glyph()) + "; -element-stroke: " + Palette.stroke(b.glyph())
                + ";");
        // Sized by sizeBoxes: to the scene's box, or on the projector to its label.
        view.resizeRelocate(b.left(), b.top(), b.width(), b.height());
        view.getProperties().put(ELEMENT_ID, b.id());
        view.setUserData(b.id());
        view.setManaged(false);
        Tooltip.install(view, new Tooltip(b.subtitle().isEmpty() ? b.title() : b.title() + "\n" + b.subtitle()));
        wireBox(view, b.id());
        return view;
    }

    static Feather icon(DesignScene.Glyph glyph) {
        return switch (glyph) {
            case SPINE -> Feather.SHARE_2;
            case TOR -> Feather.SHUFFLE;
            case SEGMENT -> Feather.MINUS_SQUARE;
            case NODE -> Feather.SERVER;
            case CLIENT -> Feather.MONITOR;
            case POD -> Feather.BOX;
            case SERVICE -> Feather.GLOBE;
            case POOL -> Feather.DATABASE;
        };
    }

    private void place(EdgeView v) {
        Point2D a = centres.get(v.edge().from());
        Point2D b = centres.get(v.edge().to());
        if (v.shape() instanceof QuadCurve q) {
            double[] c = EdgeGeometry.control(a.getX(), a.getY(), b.getX(), b.getY());
            q.setStartX(a.getX());
            q.setStartY(a.getY());
            q.setControlX(c[0]);
            q.setControlY(c[1]);
            q.setEndX(b.getX());
            q.setEndY(b.getY());
        } else if (v.shape() instanceof Line l) {
            l.setStartX(a.getX());
            l.setStartY(a.getY());
            l.setEndX(b.getX());
            l.setEndY(b.getY());
        }
        if (v.label() != null) {
            // While a box is dragged: near the router end, where the interface is; placeEdgeLabels finds it a
            // free spot once the drawing settles.
            centre(v.label(), a.getX() + (b.getX() - a.getX()) * 0.35, a.getY() + (b.getY() - a.getY()) * 0.35);
        }
    }

    /** Moves a node so that the middle of its (scaled) bounds is at (x, y). */
    private static void centre(Node n, double x, double y) {
        javafx.geometry.Bounds lb = n.getLayoutBounds();
        n.setLayoutX(x - lb.getMinX() - lb.getWidth() / 2);
        n.setLayoutY(y - lb.getMinY() - lb.getHeight() / 2);
    }

    // --- labels that stay readable ----------------------------------------------------------------------

    /**
     * Sizes every box. Normally a box is the scene's size. In presenter mode it grows by {@link #labelScale}
     * about its centre, so its text keeps its size on screen, and is sized to its text up to the room its
     * neighbours leave: a subtitle that does not fit is left to the tooltip, a name too long for the room is
     * shortened by whole words ({@link Abbreviation}); nothing is cut mid-word.
     */
    private void sizeBoxes() {
        double s = labelScale.get();
        boolean big = presenter.get();
        boxLayer.applyCss();
        boxes.forEach((id, view) -> {
            Box b = drawnBoxes.get(id);
            Label title = (Label) view.lookup(".element-title");
            Node icon = view.lookup(".element-icon");
            Node subtitle = view.lookup(".element-subtitle");
            title.setText(b.title());
            title.getStyleClass().remove(COMPACT);
            title.applyCss();
            show(icon, true);
            show(subtitle, true);
            double w = b.width();
            double h = b.height();
            if (big) {
                double[] room = rooms.getOrDefault(id, new double[] {w, h});
                double maxW = room[0] / s;
                double maxH = room[1] / s;
                // Too little room: the icon goes first (the colour still tells the kind), then the subtitle
                // (the tooltip has it), then the name is shortened by whole words.
                if (view.prefWidth(-1) > maxW || view.prefHeight(-1) > maxH) {
                    show(icon, false);
                }
                if (view.prefWidth(-1) > maxW || view.prefHeight(-1) > maxH) {
                    show(subtitle, false);
                }
                if (view.prefWidth(-1) > maxW) {
                    title.getStyleClass().add(COMPACT);
                    title.applyCss();
                }
                for (String form : Abbreviation.forms(b.title())) {
                    title.setText(form);
                    if (Math.ceil(view.prefWidth(-1)) + 1 <= maxW) {
                        break;
                    }
                }
                // A pixel over the text's own width: the label is laid out on whole pixels and must not ellipsize.
                w = Math.max(Math.ceil(view.prefWidth(-1)) + 1, Math.min(maxW, b.width() / s));
                h = Math.max(Math.ceil(view.prefHeight(-1)), Math.min(maxH, b.height() / s));
            }
            Point2D c = centres.get(id);
            view.resizeRelocate(c.getX() - w / 2, c.getY() - h / 2, w, h);
            view.setScaleX(s);
            view.setScaleY(s);
            view.layout();
        });
    }

    private static void show(Node n, boolean shown) {
        if (n != null) {
            n.setVisible(shown);
            n.setManaged(shown);
        }
    }

    /**
     * Interface labels at a free spot beside their link, near the router end: away from the element names, from
     * each other and from every line (a BGP session crossing an address made it unreadable).
     */
    private void placeEdgeLabels() {
        double s = labelScale.get();
        List<double[]> lines = new ArrayList<>();
        for (EdgeView v : edges) {
            lines.addAll(segments(v.shape()));
        }
        // Drawn under the boxes, so a box hides an address as surely as a name would.
        List<LabelPlacer.Rect> hidden = new ArrayList<>(nameRects());
        hidden.addAll(boxRects());
        LabelPlacer placer = new LabelPlacer(hidden, List.of(), lines);
        if (presenter.get()) {
            // The projector shows the fitted design and nothing else: an address past the canvas's edge is lost.
            // (At the desk the view pans, and a link scrolled out of view keeps its label.)
            placer.inside(shownArea());
        }
        for (EdgeView v : edges) {
            Text t = v.label();
            if (t == null) {
                continue;
            }
            t.setScaleX(s);
            t.setScaleY(s);
            javafx.geometry.Bounds lb = t.getLayoutBounds();
            Point2D a = centres.get(v.edge().from());
            Point2D b = centres.get(v.edge().to());
            double w = lb.getWidth() * s;
            double h = lb.getHeight() * s;
            List<LabelPlacer.Rect> spots = new ArrayList<>();
            for (double gap : new double[] {2, 3 + h, 4 + 2 * h}) {
                spots.addAll(LabelPlacer.along(a.getX(), a.getY(), b.getX(), b.getY(), w, h, gap, EDGE_LABEL_SHARES));
            }
            // Where no spot is free (a dense rack zoomed out on a projector) the address is left out rather than
            // drawn over a name or under a session; the router's properties list it.
            Optional<LabelPlacer.Rect> at = placer.placeFree(spots);
            t.setVisible(at.isPresent());
            at.ifPresent(r -> centre(t, r.centreX(), r.centreY()));
        }
    }

    /** Where along its link an interface label may go, from the router end, the most wanted first. */
    private static final double[] EDGE_LABEL_SHARES = {0.35, 0.25, 0.45, 0.55, 0.65, 0.15, 0.75, 0.85};

    private static List<double[]> segments(Shape shape) {
        if (shape instanceof QuadCurve q) {
            return LabelPlacer.curve(q.getStartX(), q.getStartY(), q.getControlX(), q.getControlY(), q.getEndX(),
                    q.getEndY(), 8);
        }
        Line l = (Line) shape;
        return List.of(new double[] {l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY()});
    }

    /** Where a node is drawn in design units, whatever groups and scales lie between it and the drawing. */
    private LabelPlacer.Rect inDrawing(Node n) {
        javafx.geometry.Bounds bb = n.getBoundsInLocal();
        for (Node at = n; at != null && at != world; at = at.getParent()) {
            bb = at.localToParent(bb);
        }
        return new LabelPlacer.Rect(bb.getMinX(), bb.getMinY(), bb.getWidth(), bb.getHeight());
    }

    /** The element names and addresses, as drawn: what no label may cover. */
    List<LabelPlacer.Rect> nameRects() {
        return boxes.values().stream().map(v -> v.lookup(".element-text")).filter(java.util.Objects::nonNull)
                .map(this::inDrawing).toList();
    }

    /** The element boxes, as drawn. */
    List<LabelPlacer.Rect> boxRects() {
        return boxes.values().stream().map(this::inDrawing).toList();
    }

    /** The interface labels shown, as drawn. */
    List<LabelPlacer.Rect> edgeLabelRects() {
        return edges.stream().map(EdgeView::label).filter(l -> l != null && l.isVisible()).map(this::inDrawing)
                .toList();
    }

    /** How many interface labels the design has, shown or not. */
    long edgeLabelCount() {
        return edges.stream().filter(v -> v.label() != null).count();
    }

    /** The part of the drawing the canvas shows now, in design units (all of it before the canvas has a size). */
    private LabelPlacer.Rect shownArea() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return new LabelPlacer.Rect(-1e9, -1e9, 2e9, 2e9);
        }
        Point2D a = toWorld(0, 0);
        Point2D b = toWorld(getWidth(), getHeight() - reservedBelow());
        return new LabelPlacer.Rect(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** The BGP session lines, as straight pieces {x1, y1, x2, y2}: no interface label may sit on one. */
    List<double[]> sessionSegments() {
        return edges.stream().filter(v -> v.edge().kind() == DesignScene.EdgeKind.BGP
                || v.edge().kind() == DesignScene.EdgeKind.BGP_ONE_SIDED).flatMap(v -> segments(v.shape()).stream())
                .toList();
    }

    /** What the live drawing places its labels around and away from. */
    private final LiveLayer.Room room = new LiveLayer.Room() {
        @Override
        public LabelPlacer placer() {
            List<LabelPlacer.Rect> hard = new ArrayList<>(nameRects());
            hard.addAll(edgeLabelRects());
            return new LabelPlacer(hard, boxRects(), List.of()).inside(shownArea());
        }

        @Override
        public Optional<LabelPlacer.Rect> footprint(ElementId id) {
            return Optional.ofNullable(boxes.get(id)).map(DesignCanvas.this::inDrawing);
        }
    };

    /** A short pulse (grow and shrink twice) so the eye finds the element on a busy canvas or a projector. */
    private void flash(ElementId id) {
        StackPane box = boxes.get(id);
        if (box == null) {
            return;
        }
        ScaleTransition pulse = new ScaleTransition(Duration.millis(180), box);
        double s = labelScale.get();
        pulse.setFromX(s);
        pulse.setFromY(s);
        pulse.setToX(s * 1.18);
        pulse.setToY(s * 1.18);
        pulse.setAutoReverse(true);
        pulse.setCycleCount(4);
        pulse.play();
    }

    private void showSelection() {
        boxes.forEach((id, view) -> {
            boolean selected = vm.selection().contains(id);
            if (selected && !view.getStyleClass().contains("selected")) {
                view.getStyleClass().add("selected");
            } else if (!selected) {
                view.getStyleClass().remove("selected");
            }
        });
    }

    // --- view transform ----------------------------------------------------------------------------------

    /** Scales and centres the design to fill the canvas (never above 125 %, on the projector 200 %). */
    public void fit() {
        double[] b = vm.sceneProperty().get().bounds(BoxRoom.EDGE);
        double w = b[2] - b[0];
        double h = b[3] - b[1];
        if (getWidth() <= 0 || getHeight() <= 0 || w <= 0 || h <= 0) {
            return;
        }
        double height = getHeight() - reservedBelow();
        // On the projector a small design grows to fill the room (the text with it); at the desk 125 % at most.
        double s = clampZoom(Math.min(presenter.get() ? 2 : 1.25, Math.min(getWidth() / w, height / h)));
        setZoom(s);
        pan.setX((getWidth() - w * s) / 2 - b[0] * s);
        pan.setY((height - h * s) / 2 - b[1] * s);
    }

    /** In presenter mode the live legend is a band along the bottom, and the design is fitted above it. */
    private double reservedBelow() {
        return presenter.get() && liveLegend != null && liveLegend.isVisible()
                ? liveLegend.prefHeight(getWidth() - 24) + 12 : 0;
    }

    /** Zooms by {@code factor} keeping the canvas point (x, y) still. */
    public void zoomBy(double factor, double x, double y) {
        double s = clampZoom(zoom.getX() * factor);
        Point2D at = toWorld(x, y);
        setZoom(s);
        pan.setX(x - at.getX() * s);
        pan.setY(y - at.getY() * s);
    }

    public void zoomBy(double factor) {
        zoomBy(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Moves the view by (dx, dy) canvas pixels; cheap, so panning stays smooth on big designs. */
    public void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    private void setZoom(double s) {
        zoom.setX(s);
        zoom.setY(s);
        zoomLevel.set(s);
        updateLabelScale();
    }

    private static double clampZoom(double s) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s));
    }

    /** Canvas (local) coordinates to design coordinates. */
    public Point2D toWorld(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.getX(), (y - pan.getY()) / zoom.getY());
    }

    /** Design coordinates to canvas (local) coordinates. */
    public Point2D toCanvas(double x, double y) {
        return new Point2D(x * zoom.getX() + pan.getX(), y * zoom.getY() + pan.getY());
    }

    /** The element drawn at a design point, topmost first. */
    public Optional<ElementId> elementAt(Point2D world) {
        List<Box> all = vm.sceneProperty().get().boxes();
        for (int i = all.size() - 1; i >= 0; i--) {
            Box b = all.get(i);
            Point2D c = centres.getOrDefault(b.id(), new Point2D(b.x(), b.y()));
            if (Math.abs(world.getX() - c.getX()) <= b.width() / 2 && Math.abs(world.getY() - c.getY()) <= b.height() / 2) {
                return Optional.of(b.id());
            }
        }
        return Optional.empty();
    }

    /** The on-screen node of an element, for tests and for the panels that flash elements. */
    public Optional<Node> nodeOf(ElementId id) {
        return Optional.ofNullable(boxes.get(id));
    }

    /**
     * Draws the lab's live events and the packet walk: lines between the design's edges and its boxes,
     * dots and labels above the boxes.
     */
    public void showLive(LiveViewModel live) {
        // Dots, marks and hop labels keep their size on screen when zoomed out: up to twice (a zoomed-out rack is
        // not buried under them), on the projector as much as it takes.
        javafx.beans.binding.DoubleBinding grow = Bindings.createDoubleBinding(() -> presenter.get()
                ? labelScale.get() : Math.max(1, Math.min(2, 1 / zoomLevel.get())), presenter, labelScale, zoomLevel);
        this.live = new LiveLayer(live, grow, room);
        world.getChildren().setAll(edgeLayer, this.live.under(), edgeLabelLayer, boxLayer, this.live.over(), overlay);
        // Its own box in the top-left corner: the design's legend at the bottom would grow over the drawing.
        // On the projector a band along the bottom, under the fitted design.
        liveLegend = new FlowPane(Orientation.VERTICAL, 16, 4);
        liveLegend.getStyleClass().add("legend");
        liveLegend.getChildren().setAll(this.live.legendRows());
        liveLegend.orientationProperty().bind(Bindings.when(presenter).then(Orientation.HORIZONTAL)
                .otherwise(Orientation.VERTICAL));
        liveLegend.visibleProperty().bind(live.labActiveProperty());
        liveLegend.visibleProperty().addListener((o, a, b) -> refitInPresenterMode());
        liveLegend.setManaged(false);
        liveLegend.setMouseTransparent(true);
        getChildren().add(liveLegend);
    }

    /** The live drawing, for tests and the frame-time benchmark; null until {@link #showLive}. */
    LiveLayer live() {
        return live;
    }

    /** The group holding the drawing, for snapshots (PNG export). */
    public Node drawing() {
        return world;
    }

    // --- gestures ----------------------------------------------------------------------------------------

    private void wireGestures() {
        setOnMousePressed(e -> {
            requestFocus();
            if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.MIDDLE) {
                return;
            }
            pressScreen = new Point2D(e.getX(), e.getY());
            if (e.isShiftDown() && e.getButton() == MouseButton.PRIMARY) {
                band.setX(e.getX());
                band.setY(e.getY());
                band.setWidth(0);
                band.setHeight(0);
                band.setVisible(true);
            } else {
                panStart = new Point2D(pan.getX(), pan.getY());
                if (!e.isControlDown() && !e.isShortcutDown()) {
                    vm.select(List.of());
                }
            }
        });
        setOnMouseDragged(e -> {
            if (pressScreen == null) {
                return;
            }
            if (band.isVisible()) {
                band.setX(Math.min(pressScreen.getX(), e.getX()));
                band.setY(Math.min(pressScreen.getY(), e.getY()));
                band.setWidth(Math.abs(e.getX() - pressScreen.getX()));
                band.setHeight(Math.abs(e.getY() - pressScreen.getY()));
            } else if (panStart != null) {
                pan.setX(panStart.getX() + e.getX() - pressScreen.getX());
                pan.setY(panStart.getY() + e.getY() - pressScreen.getY());
            }
        });
        setOnMouseReleased(e -> {
            if (band.isVisible()) {
                Point2D a = toWorld(band.getX(), band.getY());
                Point2D b = toWorld(band.getX() + band.getWidth(), band.getY() + band.getHeight());
                List<ElementId> inside = vm.sceneProperty().get().boxes().stream()
                        .filter(x -> x.x() >= a.getX() && x.x() <= b.getX() && x.y() >= a.getY() && x.y() <= b.getY())
                        .map(Box::id).toList();
                vm.select(inside);
                band.setVisible(false);
            }
            pressScreen = null;
            panStart = null;
        });
        setOnScroll(this::onScroll);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                vm.deleteSelection();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.select(List.of());
            }
        });
        // Palette tiles and connect drags use full press-drag-release gestures (plain mouse events,
        // no OS drag-and-drop), which behave the same on every platform and under test robots.
        setOnMouseDragOver(e -> {
            if (connectFrom != null) {
                Point2D w = toWorld(e.getX(), e.getY());
                connectLine.setEndX(w.getX());
                connectLine.setEndY(w.getY());
            }
        });
        setOnMouseDragReleased(e -> {
            Point2D w = toWorld(e.getX(), e.getY());
            if (e.getGestureSource() instanceof Node source && source.getProperties().get(PaletteView.ADDS)
                    instanceof Addable kind) {
                vm.add(kind, w.getX(), w.getY(), elementAt(w));
                requestFocus();
            } else if (connectFrom != null) {
                Optional<ElementId> target = elementAt(w);
                if (target.isPresent() && !target.get().equals(connectFrom)) {
                    vm.connect(connectFrom, target.get());
                } else {
                    vm.say("Drop on another element to connect it to " + connectFrom);
                }
            }
            endConnect();
        });
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomBy(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, e.getX(), e.getY());
        e.consume();
    }

    private void wireBox(StackPane view, ElementId id) {
        view.setOnMousePressed(e -> {
            requestFocus();
            e.consume();
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (e.isShiftDown() || e.isShortcutDown() || e.isControlDown()) {
                vm.toggle(id);
            } else if (!vm.selection().contains(id)) {
                vm.select(List.of(id));
            }
            pressScreen = new Point2D(e.getSceneX(), e.getSceneY());
            dragged = false;
            Map<ElementId, Point2D> start = new LinkedHashMap<>();
            vm.selection().forEach(s -> {
                if (centres.containsKey(s)) {
                    start.put(s, centres.get(s));
                }
            });
            dragStart = start;
        });
        view.setOnDragDetected(e -> {
            if (isConnecting(e)) {
                connectFrom = id;
                Point2D c = centres.get(id);
                connectLine.setStartX(c.getX());
                connectLine.setStartY(c.getY());
                connectLine.setEndX(c.getX());
                connectLine.setEndY(c.getY());
                connectLine.setVisible(true);
                view.startFullDrag();
            }
            e.consume();
        });
        view.setOnMouseDragged(e -> {
            e.consume();
            if (connectFrom == null && !isConnecting(e)) {
                dragTo(e);
            }
        });
        view.setOnMouseReleased(e -> {
            e.consume();
            if (connectFrom == null && !isConnecting(e)) {
                dragTo(e);
            }
            if (dragged && connectFrom == null) {
                Map<ElementId, Layout.Position> where = new LinkedHashMap<>();
                dragStart.keySet().forEach(m -> where.put(m, new Layout.Position(Math.round(centres.get(m).getX()),
                        Math.round(centres.get(m).getY()))));
                vm.move(where);
            }
            dragged = false;
            pressScreen = null;
            dragStart = Map.of();
        });
        view.setOnMouseDragReleased(e -> {
            if (connectFrom != null && !connectFrom.equals(id)) {
                vm.connect(connectFrom, id);
                endConnect();
                e.consume();
            } else if (e.getGestureSource() instanceof Node source
                    && source.getProperties().get(PaletteView.ADDS) instanceof Addable kind) {
                Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
                Point2D w = toWorld(local.getX(), local.getY());
                vm.add(kind, w.getX(), w.getY(), Optional.of(id));
                e.consume();
            }
        });
    }

    /** Moves the boxes being dragged with the pointer; the model changes once, on release. */
    private void dragTo(MouseEvent e) {
        if (pressScreen == null) {
            return;
        }
        double dx = (e.getSceneX() - pressScreen.getX()) / zoom.getX();
        double dy = (e.getSceneY() - pressScreen.getY()) / zoom.getY();
        dragged = dragged || Math.hypot(dx, dy) > 2;
        dragStart.forEach((moving, from) -> {
            Point2D to = new Point2D(from.getX() + dx, from.getY() + dy);
            centres.put(moving, to);
            StackPane box = boxes.get(moving);
            box.relocate(to.getX() - box.getWidth() / 2, to.getY() - box.getHeight() / 2);
        });
        edges.stream().filter(v -> dragStart.containsKey(v.edge().from()) || dragStart.containsKey(v.edge().to()))
                .forEach(this::place);
    }

    private boolean isConnecting(MouseEvent e) {
        return connectMode.get() || e.isAltDown();
    }

    private void endConnect() {
        connectFrom = null;
        connectLine.setVisible(false);
    }

    public BooleanProperty connectModeProperty() {
        return connectMode;
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoomLevel.getReadOnlyProperty();
    }

    /** Presenter mode: labels keep a projector's size and the design is fitted again whenever the canvas resizes. */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    /** How much boxes and labels grow against the zoom (1 outside presenter mode). */
    public ReadOnlyDoubleProperty labelScaleProperty() {
        return labelScale.getReadOnlyProperty();
    }
}
