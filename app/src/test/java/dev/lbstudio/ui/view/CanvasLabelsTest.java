package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Service;
import dev.lbstudio.ui.scene.LabelPlacer.Rect;
import dev.lbstudio.ui.viewmodel.PresenterViewModel;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Labels on the canvas keep off each other (ADR 0910): in the seed and two-racks designs, at the desk and in
 * presenter mode at 1280×720, no two element names overlap, no interface label is under a box, on another label
 * or crossed by a BGP session line; the packet walk's callouts and the probes' ✖ marks cover no element name,
 * interface label or each other.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasLabelsTest extends ProjectorWindow {

    /** Touching is fine; sharing more than a pixel's area is covering. */
    private static final double COVERS = 1;

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @ParameterizedTest(name = "{0}, presenter mode {1}")
    @CsvSource({"seed-calico-metallb.yaml, false", "seed-calico-metallb.yaml, true", "two-racks.yaml, false",
            "two-racks.yaml, true"})
    void noNameOrInterfaceLabelCoversAnotherAndNoSessionLineCrossesAnAddress(String sample, boolean presenter,
                                                                            FxRobot robot) throws Exception {
        open(robot, sample, 1280, 720, presenter);
        DesignCanvas canvas = view.canvas();
        List<Rect> names = onFx(robot, canvas::nameRects);
        List<Rect> addresses = onFx(robot, canvas::edgeLabelRects);
        assertThat(names).hasSize(vm.document().sceneProperty().get().boxes().size());
        assertThat((double) addresses.size()).as("interface labels that found a free spot")
                .isGreaterThanOrEqualTo(0.5 * onFx(robot, canvas::edgeLabelCount));

        List<String> problems = new ArrayList<>(overlaps("name", names, "name", names));
        problems.addAll(overlaps("interface label", addresses, "interface label", addresses));
        problems.addAll(overlaps("interface label", addresses, "box", onFx(robot, canvas::boxRects)));
        for (Rect a : addresses) {
            for (double[] s : onFx(robot, canvas::sessionSegments)) {
                if (a.crossedBy(s[0], s[1], s[2], s[3])) {
                    problems.add("a BGP session line crosses the interface label at " + a);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "presenter mode {0}")
    @ValueSource(booleans = {false, true})
    void packetWalkCalloutsCoverNoNameTheyDescribe(boolean presenter, FxRobot robot) throws Exception {
        open(robot, "seed-calico-metallb.yaml", 1280, 720, presenter);
        for (Service.TrafficPolicy policy : Service.TrafficPolicy.values()) {
            AtomicReference<Object> before = new AtomicReference<>();
            robot.interact(() -> {
                before.set(vm.live().walkOverlayProperty().get());
                view.showPanel("Packet walk");
                vm.packetWalk().policyProperty().set(policy);
            });
            LiveLayer live = view.canvas().live();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(robot, () -> vm.live().walkOverlayProperty()
                    .get() != null && vm.live().walkOverlayProperty().get() != before.get()
                    && live.shownWalkLabels().size() == vm.live().walkOverlayProperty().get().stops().size()));
            WaitForAsyncUtils.waitForFxEvents();
            List<Rect> callouts = onFx(robot, live::labelRects);
            assertThat(callouts).as("the walk's callouts, %s", policy).hasSizeGreaterThanOrEqualTo(3);
            assertThat(coverage(robot, callouts)).as("%s", policy).isEmpty();
        }
    }

    @ParameterizedTest(name = "presenter mode {0}")
    @ValueSource(booleans = {false, true})
    void probeMarksOfANodeCrashCoverNoName(boolean presenter, FxRobot robot) throws Exception {
        open(robot, "seed-calico-metallb.yaml", 1280, 720, presenter);
        PresenterViewModel p = vm.lab().presenter();
        robot.interact(() -> {
            view.showPanel("Lab");
            p.predict();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> p.phaseProperty().get() == PresenterViewModel.Phase.PREDICTED);
        robot.interact(() -> p.reveal(true));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> p.phaseProperty().get() == PresenterViewModel.Phase.REVEALED
                && p.statusProperty().get().startsWith("Measured"));
        // Scrubbed to the hold timer's expiry, the probes of that moment stand still: those to the crashed node
        // died, and their marks stay.
        robot.interact(() -> vm.lab().timeline().rows().stream().filter(r -> r.kind() == TimelineRow.Kind.ROUTE)
                .findFirst().ifPresent(r -> vm.lab().timeline().cursorProperty().set(r.at())));
        LiveLayer live = view.canvas().live();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(robot, () -> live.visibleMarks() > 0));
        WaitForAsyncUtils.waitForFxEvents();
        List<Rect> marks = onFx(robot, live::labelRects);
        assertThat(marks).isNotEmpty();
        assertThat(coverage(robot, marks)).isEmpty();
    }

    /** What the live labels cover: element names, interface labels, each other. */
    private List<String> coverage(FxRobot robot, List<Rect> live) {
        DesignCanvas canvas = view.canvas();
        List<String> problems = new ArrayList<>(overlaps("live label", live, "name", onFx(robot, canvas::nameRects)));
        problems.addAll(overlaps("live label", live, "interface label", onFx(robot, canvas::edgeLabelRects)));
        problems.addAll(overlaps("live label", live, "live label", live));
        return problems;
    }


    /** Each pair of an {@code a} and a different {@code b} that share more than {@link #COVERS}. */
    private static List<String> overlaps(String aWhat, List<Rect> a, String bWhat, List<Rect> b) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            for (int j = a == b ? i + 1 : 0; j < b.size(); j++) {
                if (a.get(i).overlap(b.get(j)) > COVERS) {
                    found.add("the " + aWhat + " at " + a.get(i) + " covers the " + bWhat + " at " + b.get(j));
                }
            }
        }
        return found;
    }

}
