package dev.lbstudio.ui.scene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.Glyph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How far a box may grow on the projector before it reaches its neighbours' half of the gap. */
class BoxRoomTest {

    private static Box box(String name, double x, double y) {
        return new Box(ElementId.parse("node/" + name), Glyph.NODE, name, "", x, y, 160, 54);
    }

    @Test
    void neighboursInARowShareTheGapBetweenThemAndTheRowsAboveAndBelowTheirs() {
        // 205 apart in a row (a layered layout's slot): a 45 gap; the next row 120 below: a 66 gap.
        Map<ElementId, double[]> rooms = BoxRoom.of(new DesignScene(List.of(box("a", 0, 0), box("b", 205, 0),
                box("c", 0, 120)), List.of()));

        assertThat(rooms.get(ElementId.parse("node/a"))).containsExactly(160 + 45 - BoxRoom.MARGIN,
                54 + 66 - BoxRoom.MARGIN);
        assertThat(rooms.get(ElementId.parse("node/c"))[0]).as("alone in its row: the fitted margin on each side")
                .isEqualTo(160 + 2 * BoxRoom.EDGE - BoxRoom.MARGIN);
    }

    @Test
    void aBoxDiagonallyAwayDoesNotNarrowIt() {
        Map<ElementId, double[]> rooms = BoxRoom.of(new DesignScene(List.of(box("a", 0, 0), box("b", 170, 100)),
                List.of()));

        assertThat(rooms.get(ElementId.parse("node/a"))).containsExactly(160 + 2 * BoxRoom.EDGE - BoxRoom.MARGIN,
                54 + 2 * BoxRoom.EDGE - BoxRoom.MARGIN);
    }
}
