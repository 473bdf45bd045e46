package dev.lbstudio.ui.scene;

import dev.lbstudio.model.ElementId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the canvas draws, free of JavaFX: boxes for elements and lines between them, in canvas
 * coordinates. The JavaFX canvas and the SVG export both draw this one model, so they always agree.
 */
public record DesignScene(List<Box> boxes, List<Edge> edges) {

    public DesignScene {
        boxes = List.copyOf(boxes);
        edges = List.copyOf(edges);
    }

    /** How an element is drawn. */
    public enum Glyph { SPINE, TOR, SEGMENT, NODE, CLIENT, POD, SERVICE, POOL }

    /** Why two elements are joined; the style of the line follows from it. */
    public enum EdgeKind {
        /** A router, node or client port on a segment. */
        LINK,
        /** A BGP session configured on both ends. */
        BGP,
        /** A BGP session configured on one end only: it will never establish. */
        BGP_ONE_SIDED,
        /** A pod that backs a service. */
        ENDPOINT,
        /** The pool a service's address comes from. */
        ALLOCATION,
        /** A pod runs on a node. */
        PLACEMENT
    }

    /** An element drawn as a box centred on (x, y). */
    public record Box(ElementId id, Glyph glyph, String title, String subtitle, double x, double y, double width,
                      double height) {
        public double left() {
            return x - width / 2;
        }

        public double top() {
            return y - height / 2;
        }
    }

    /** A line between two boxes with an optional label (an interface address, "AS64512 ↔ AS64513"). */
    public record Edge(ElementId from, ElementId to, EdgeKind kind, String label) {
    }

    public Optional<Box> box(ElementId id) {
        return boxes.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Map<ElementId, Box> byId() {
        return boxes.stream().collect(Collectors.toMap(Box::id, Function.identity(), (a, b) -> a));
    }

    /** The rectangle around every box, with a margin: {minX, minY, maxX, maxY}. */
    public double[] bounds(double margin) {
        if (boxes.isEmpty()) {
            return new double[] {0, 0, 2 * margin, 2 * margin};
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Box b : boxes) {
            minX = Math.min(minX, b.left());
            minY = Math.min(minY, b.top());
            maxX = Math.max(maxX, b.left() + b.width());
            maxY = Math.max(maxY, b.top() + b.height());
        }
        return new double[] {minX - margin, minY - margin, maxX + margin, maxY + margin};
    }
}
