package dev.lbstudio.ui.live;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.scene.DesignScene;
import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.EdgeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a packet goes on the drawing: between two elements it travels the wires (segment links, a pod on
 * its node), never a BGP session, which carries routes, not packets. Built once per scene.
 */
public final class ScenePaths {

    private final Map<ElementId, Box> boxes;
    private final Map<ElementId, List<ElementId>> wires = new HashMap<>();

    public ScenePaths(DesignScene scene) {
        this.boxes = scene.byId();
        for (DesignScene.Edge e : scene.edges()) {
            if (e.kind() == EdgeKind.LINK || e.kind() == EdgeKind.PLACEMENT) {
                wires.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                wires.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
            }
        }
    }

    public boolean has(ElementId id) {
        return boxes.containsKey(id);
    }

    /** The element's box, for placing things beside it. */
    public Box box(ElementId id) {
        return boxes.get(id);
    }

    /** The centre of an element's box: {x, y}. */
    public double[] centre(ElementId id) {
        Box b = boxes.get(id);
        return new double[] {b.x(), b.y()};
    }

    /**
     * The elements passed from one stop to the next, stops included, over the fewest wires; two stops with no
     * wire between them (a design being drawn) are joined directly. Stops not on the drawing are skipped.
     */
    public List<ElementId> through(List<ElementId> stops) {
        List<ElementId> drawn = stops.stream().filter(boxes::containsKey).toList();
        List<ElementId> out = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            if (i == 0) {
                out.add(drawn.get(0));
            } else if (!drawn.get(i).equals(drawn.get(i - 1))) {
                List<ElementId> leg = shortest(drawn.get(i - 1), drawn.get(i));
                out.addAll(leg.subList(1, leg.size()));
            }
        }
        return out;
    }

    private List<ElementId> shortest(ElementId from, ElementId to) {
        Map<ElementId, ElementId> cameFrom = new HashMap<>();
        Deque<ElementId> queue = new ArrayDeque<>(List.of(from));
        cameFrom.put(from, from);
        while (!queue.isEmpty() && !cameFrom.containsKey(to)) {
            ElementId at = queue.poll();
            for (ElementId next : wires.getOrDefault(at, List.of())) {
                if (cameFrom.putIfAbsent(next, at) == null) {
                    queue.add(next);
                }
            }
        }
        if (!cameFrom.containsKey(to)) {
            return List.of(from, to);
        }
        List<ElementId> path = new ArrayList<>();
        for (ElementId at = to; !at.equals(from); at = cameFrom.get(at)) {
            path.add(at);
        }
        path.add(from);
        Collections.reverse(path);
        return path;
    }

    /** The centres of the elements as one polyline: x0, y0, x1, y1, … */
    public double[] polyline(List<ElementId> elements) {
        double[] xy = new double[elements.size() * 2];
        for (int i = 0; i < elements.size(); i++) {
            double[] c = centre(elements.get(i));
            xy[2 * i] = c[0];
            xy[2 * i + 1] = c[1];
        }
        return xy;
    }
}
