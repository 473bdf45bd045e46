package dev.lbstudio.ui.scene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.ui.scene.LabelPlacer.Rect;
import dev.lbstudio.ui.scene.LabelPlacer.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate search that keeps labels off names, each other and lines (ADR 0910). */
class LabelPlacerTest {

    private static final Rect NAME = new Rect(0, 0, 100, 40);

    @Test
    void theWantedSpotIsTakenWhenItCoversNothing() {
        LabelPlacer placer = new LabelPlacer(List.of(NAME), List.of(), List.of());
        List<Rect> spots = LabelPlacer.around(NAME, 60, 20, 4, Side.ABOVE);

        assertThat(placer.place(spots)).isEqualTo(new Rect(20, -24, 60, 20));
    }

    @Test
    void aSpotTakenByAnEarlierLabelSendsTheNextOneToTheNextSide() {
        LabelPlacer placer = new LabelPlacer(List.of(NAME), List.of(), List.of());
        Rect first = placer.place(LabelPlacer.around(NAME, 60, 20, 4, Side.ABOVE));
        Rect second = placer.place(LabelPlacer.around(NAME, 60, 20, 4, Side.ABOVE));

        assertThat(second).isNotEqualTo(first);
        assertThat(second.intersects(first)).isFalse();
        assertThat(second).as("the next side in order: right of the name").isEqualTo(new Rect(104, 10, 60, 20));
    }

    @Test
    void aLineThroughTheWantedSpotMovesTheLabelButALineBesideItDoesNot() {
        double[] through = {50, -40, 50, -10};
        double[] beside = {130, -40, 130, -10};
        Rect wanted = new Rect(20, -24, 60, 20);

        assertThat(new LabelPlacer(List.of(NAME), List.of(), List.<double[]>of(through))
                .place(LabelPlacer.around(NAME, 60, 20, 4, Side.ABOVE))).isNotEqualTo(wanted);
        assertThat(new LabelPlacer(List.of(NAME), List.of(), List.<double[]>of(beside))
                .place(LabelPlacer.around(NAME, 60, 20, 4, Side.ABOVE))).isEqualTo(wanted);
    }

    @Test
    void withNoFreeSpotPlaceTakesTheLeastCoveredAndPlaceFreeTakesNone() {
        Rect wall = new Rect(-1000, -1000, 2000, 2000);
        Rect corner = new Rect(-1000, -1000, 1010, 1010);
        List<Rect> spots = List.of(new Rect(0, 0, 20, 20), new Rect(-30, -30, 20, 20), new Rect(5, 5, 20, 20));

        assertThat(new LabelPlacer(List.of(wall), List.of(), List.of()).placeFree(spots)).isEmpty();
        assertThat(new LabelPlacer(List.of(corner), List.of(), List.of()).place(spots))
                .as("only 5 × 5 of it under the obstacle").isEqualTo(new Rect(5, 5, 20, 20));
    }

    @Test
    void coveringABoxCostsLessThanCoveringAName() {
        LabelPlacer placer = new LabelPlacer(List.of(new Rect(0, 0, 10, 10)), List.of(new Rect(20, 0, 10, 10)),
                List.of());

        assertThat(placer.cost(new Rect(20, 0, 10, 10))).isPositive()
                .isLessThan(placer.cost(new Rect(0, 0, 10, 10)));
        assertThat(placer.cost(new Rect(40, 0, 10, 10))).isZero();
    }

    @Test
    void aSpotPastTheEdgeOfWhatIsShownIsPassedOverForOneInside() {
        LabelPlacer placer = new LabelPlacer(List.of(NAME), List.of(), List.of())
                .inside(new Rect(-0.1, -10, 268.3, 100));
        // Above the name is past the view's top; to its right is inside, down to the last bit of rounding.
        assertThat(placer.placeFree(LabelPlacer.around(NAME, 60.07, 20, 4, Side.ABOVE)))
                .contains(new Rect(104, 10, 60.07, 20));
    }

    @Test
    void aSegmentCrossesARectangleOnlyThroughItsInside() {
        Rect r = new Rect(0, 0, 10, 10);

        assertThat(r.crossedBy(-5, 5, 15, 5)).isTrue();
        assertThat(r.crossedBy(5, 5, 6, 6)).as("wholly inside").isTrue();
        assertThat(r.crossedBy(-5, -1, 15, -1)).as("passes above").isFalse();
        assertThat(r.crossedBy(-5, 0, 15, 0)).as("runs along its edge").isFalse();
        assertThat(r.crossedBy(-10, 5, -1, 5)).as("stops short").isFalse();
    }

    @Test
    void spotsAlongALineClearItOnBothSides() {
        List<Rect> spots = LabelPlacer.along(0, 0, 100, 0, 40, 10, 2, 0.5);

        assertThat(spots).containsExactly(new Rect(30, 2, 40, 10), new Rect(30, -12, 40, 10));
        assertThat(spots).noneMatch(s -> s.crossedBy(0, 0, 100, 0));
    }

    @Test
    void aCurveIsCutIntoStraightPiecesThatMeetEndToEnd() {
        List<double[]> pieces = LabelPlacer.curve(0, 0, 50, 100, 100, 0, 4);

        assertThat(pieces).hasSize(4);
        assertThat(pieces.get(0)).startsWith(0, 0);
        assertThat(pieces.get(3)[2]).isEqualTo(100);
        assertThat(pieces.get(3)[3]).isEqualTo(0);
        assertThat(pieces.get(1)[3]).as("the curve's top, halfway").isEqualTo(50);
    }
}
