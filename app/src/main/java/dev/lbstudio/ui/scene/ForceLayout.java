package dev.lbstudio.ui.scene;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Layout.Position;
import edu.uci.ics.jung.algorithms.layout.FRLayout;
import edu.uci.ics.jung.algorithms.layout.KKLayout;
import edu.uci.ics.jung.algorithms.layout.Layout;
import edu.uci.ics.jung.graph.UndirectedSparseMultigraph;
import java.awt.Dimension;
import java.awt.geom.Point2D;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Force-directed placement from JUNG for designs that are not a spine/ToR/rack tree (or when the
 * user asks for it): Kamada-Kawai for small graphs, where it gives the tidiest result, and
 * Fruchterman-Reingold for larger ones, where KK's all-pairs distances get slow. Both are run to a
 * fixed number of steps from a seeded start, so the same design always gets the same picture.
 */
public final class ForceLayout {

    private static final int KK_LIMIT = 120;
    private static final int MAX_STEPS = 500;

    private ForceLayout() {
    }

    public static Map<ElementId, Position> compute(DesignScene scene) {
        UndirectedSparseMultigraph<ElementId, Integer> graph = new UndirectedSparseMultigraph<>();
        scene.boxes().forEach(b -> graph.addVertex(b.id()));
        int e = 0;
        for (DesignScene.Edge edge : scene.edges()) {
            graph.addEdge(e++, edge.from(), edge.to());
        }
        int side = (int) Math.max(900, Math.sqrt(scene.boxes().size()) * 230);
        Layout<ElementId, Integer> layout;
        if (graph.getVertexCount() <= KK_LIMIT) {
            KKLayout<ElementId, Integer> kk = new KKLayout<>(graph);
            kk.setMaxIterations(MAX_STEPS);
            layout = kk;
        } else {
            FRLayout<ElementId, Integer> fr = new FRLayout<>(graph);
            fr.setMaxIterations(MAX_STEPS);
            layout = fr;
        }
        layout.setInitializer(id -> seeded(id, side));
        layout.setSize(new Dimension(side, side));
        var iterative = (edu.uci.ics.jung.algorithms.util.IterativeContext) layout;
        for (int i = 0; i < MAX_STEPS && !iterative.done(); i++) {
            iterative.step();
        }
        Map<ElementId, Position> at = new LinkedHashMap<>();
        for (ElementId id : graph.getVertices()) {
            at.put(id, new Position(Math.round(layout.apply(id).getX()), Math.round(layout.apply(id).getY())));
        }
        return at;
    }

    /** A start position from the id's hash, so runs repeat exactly. */
    private static Point2D seeded(ElementId id, int side) {
        int h = id.toString().hashCode();
        return new Point2D.Double(Math.floorMod(h, side), Math.floorMod(h / side, side));
    }
}
