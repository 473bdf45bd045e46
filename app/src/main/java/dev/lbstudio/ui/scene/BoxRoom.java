package dev.lbstudio.ui.scene;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.scene.DesignScene.Box;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each box may grow (labels kept readable on a projector) without reaching a neighbour: up to half the
 * gap to the nearest box beside it and above or below it, less a margin. A box with no neighbour on an axis may
 * grow by twice {@link #EDGE}: the drawing's margin when it is fitted, so a box at its edge stays in view.
 */
public final class BoxRoom {

    /** Left free between two grown neighbours, in design units. */
    static final double MARGIN = 3;
    /** The margin {@link DesignScene#bounds} is fitted with. */
    public static final double EDGE = 40;

    private BoxRoom() {
    }

    /** Per box, the {width, height} it may take up, centred where it is. */
    public static Map<ElementId, double[]> of(DesignScene scene) {
        List<Box> boxes = scene.boxes();
        Map<ElementId, double[]> rooms = new HashMap<>();
        for (Box b : boxes) {
            double gapX = 2 * EDGE;
            double gapY = 2 * EDGE;
            for (Box o : boxes) {
                if (o == b) {
                    continue;
                }
                double dx = Math.abs(o.x() - b.x()) - (o.width() + b.width()) / 2;
                double dy = Math.abs(o.y() - b.y()) - (o.height() + b.height()) / 2;
                if (dy < 0) {
                    gapX = Math.min(gapX, Math.max(0, dx));
                }
                if (dx < 0) {
                    gapY = Math.min(gapY, Math.max(0, dy));
                }
            }
            rooms.put(b.id(), new double[] {b.width() + Math.max(0, gapX - MARGIN),
                    b.height() + Math.max(0, gapY - MARGIN)});
        }
        return rooms;
    }
}
