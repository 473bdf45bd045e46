package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.LbStudioApp;
import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.viewmodel.DesignStore;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.RecentFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window as a user drives it, headless on Monocle (see app/pom.xml): open the seed, add by
 * drag, connect by drag, undo/redo, edit in the property sheet, save and reopen, the dirty prompt,
 * load errors, recovery, and that file work never runs on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final Path SEED = RepoPaths.sample("seed-calico-metallb.yaml");

    @TempDir
    static Path home;

    private final SlowStore store = new SlowStore();
    private Stage stage;
    private MainViewModel vm;
    private MainView view;
    private Preferences prefs;

    /** The real file store, with an optional gate that holds reads so a test can look at the UI meanwhile. */
    static final class SlowStore implements DesignStore {
        volatile CountDownLatch gate;
        final AtomicBoolean readOnFxThread = new AtomicBoolean();

        @Override
        public Topology read(Path file) throws TopologyLoadException {
            readOnFxThread.set(Platform.isFxApplicationThread());
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TopologyReader.read(file);
        }

        @Override
        public void write(Topology design, Path file) throws IOException {
            TopologyWriter.save(design, file);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Platform.setImplicitExit(false);
        this.stage = stage;
        prefs = Preferences.userRoot().node("lbstudio-test/" + System.nanoTime());
        vm = new MainViewModel(new MainViewModel.Settings(home.resolve("state-" + System.nanoTime()), prefs, store));
        view = LbStudioApp.install(stage, vm);
        stage.show();
        vm.startEngines();
    }

    @AfterEach
    void cleanUp() {
        vm.shutdown();
    }

    /** Prefs nodes go only after every test: a finishing task of one test may still note a recent file. */
    @AfterAll
    static void removePrefs() throws Exception {
        Preferences.userRoot().node("lbstudio-test").removeNode();
    }

    private void openSeed(FxRobot robot) throws Exception {
        robot.interact(() -> vm.files().open(SEED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().file() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node element(FxRobot robot, String id) {
        return robot.lookup(n -> ElementId.parse(id).equals(n.getProperties().get(DesignCanvas.ELEMENT_ID)))
                .query();
    }

    private boolean drawn(FxRobot robot, String id) {
        return robot.lookup(n -> ElementId.parse(id).equals(n.getProperties().get(DesignCanvas.ELEMENT_ID)))
                .tryQuery().isPresent();
    }

    private Node tile(FxRobot robot, Addable kind) {
        return robot.lookup(n -> kind.equals(n.getProperties().get(PaletteView.ADDS))).query();
    }

    /** Presses a dialog button the way the keyboard would (dialogs may open off Monocle's small screen). */
    private static void press(FxRobot robot, String text) {
        javafx.scene.control.Button button = robot.lookup(".button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).queryAs(javafx.scene.control.Button.class);
        robot.interact(button::fire);
    }

    private static Point2D centre(Node n) {
        Bounds b = n.localToScreen(n.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** lab-tab-visible: at the default window size every side panel's tab is shown, none behind the overflow menu. */
    @Test
    void everySidePanelTabIsReachableWithoutTheOverflowMenuAtTheDefaultSize(FxRobot robot) throws Exception {
        openSeed(robot);
        Node panes = robot.lookup(".side-panels").query();
        Bounds area = panes.localToScene(panes.getBoundsInLocal());
        for (String title : List.of("Properties", "Findings", "Routes", "Packet walk", "Lab")) {
            Node label = robot.lookup(".side-panels .tab-label").match(n -> n instanceof javafx.scene.control.Label l
                    && title.equals(l.getText())).query();
            Bounds b = label.localToScene(label.getBoundsInLocal());
            assertThat(b.getMaxX()).as(title + " ends inside the panel (" + b + " in " + area + ")")
                    .isLessThanOrEqualTo(area.getMaxX());
        }
        assertThat(robot.lookup(".side-panels .control-buttons-tab").tryQuery().map(Node::isVisible).orElse(false))
                .as("no overflow menu").isFalse();
        robot.clickOn(robot.lookup(".side-panels .tab-label").match((javafx.scene.control.Label l) ->
                l.getText().equals("Lab")).queryAs(javafx.scene.control.Label.class));
        assertThat(robot.lookup("#lab-start").query().isVisible()).isTrue();
    }

    /** incremental layout on the canvas: dropping a node onto a rack and deleting it again moves nothing else. */
    @Test
    void addingAndRemovingANodeKeepsEveryOtherBoxWhereItWas(FxRobot robot) throws Exception {
        openSeed(robot);
        java.util.Map<ElementId, Point2D> before = new java.util.HashMap<>();
        vm.document().sceneProperty().get().boxes().forEach(b -> before.put(b.id(), new Point2D(b.x(), b.y())));

        robot.drag(centre(tile(robot, Addable.NODE)), MouseButton.PRIMARY).dropTo(centre(element(robot, "segment/rack1")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().sceneProperty().get().boxes()).hasSize(before.size() + 1);
        for (var b : vm.document().sceneProperty().get().boxes()) {
            if (before.containsKey(b.id())) {
                assertThat(new Point2D(b.x(), b.y())).as(b.id() + " after the add").isEqualTo(before.get(b.id()));
            }
        }
        robot.interact(() -> vm.document().deleteSelection());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().sceneProperty().get().boxes()).hasSize(before.size());
        for (var b : vm.document().sceneProperty().get().boxes()) {
            assertThat(new Point2D(b.x(), b.y())).as(b.id() + " after the delete").isEqualTo(before.get(b.id()));
        }
    }

    @Test
    void theSeedSampleOpensWithEveryElementOnTheCanvas(FxRobot robot) throws Exception {
        openSeed(robot);

        for (String id : List.of("router/tor1", "segment/rack1", "segment/client-lan", "client/client1", "node/node-1",
                "node/node-2", "node/node-3", "service/demo/web-server", "address-pool/lb-pool-10-208-1")) {
            assertThat(drawn(robot, id)).as(id).isTrue();
            assertThat(element(robot, id).localToScreen(element(robot, id).getBoundsInLocal()))
                    .as(id + " is inside the window").matches(b -> b.getMinX() >= stage.getX()
                            && b.getMaxX() <= stage.getX() + stage.getWidth());
        }
        assertThat(stage.getTitle()).isEqualTo("LB Studio — seed-calico-metallb");
        assertThat(vm.files().recent().files()).containsExactly(SEED.toAbsolutePath().normalize());
        assertThat(new RecentFiles(prefs).files()).as("kept across runs")
                .containsExactly(SEED.toAbsolutePath().normalize());
    }

    @Test
    void aNodeDraggedFromThePaletteOntoARackIsAddedAndUndoRedoWalkTheHistory(FxRobot robot) throws Exception {
        openSeed(robot);
        Topology opened = vm.document().design();

        robot.drag(centre(tile(robot, Addable.NODE)), MouseButton.PRIMARY).dropTo(centre(element(robot, "segment/rack1")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().design().node("node-4")).hasValueSatisfying(n -> assertThat(n.segment())
                .isEqualTo("rack1"));
        assertThat(drawn(robot, "node/node-4")).isTrue();
        assertThat(vm.document().selection()).containsExactly(ElementId.parse("node/node-4"));
        assertThat(vm.document().isDirty()).isTrue();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Added node node-4 10.0.0.14");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().design()).isSameAs(opened);
        assertThat(drawn(robot, "node/node-4")).isFalse();
        assertThat(vm.document().isDirty()).as("back at the saved design").isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawn(robot, "node/node-4")).isTrue();
    }

    @Test
    void draggingAnElementMovesItAndTheNewPositionIsSavedInTheLayout(FxRobot robot) throws Exception {
        openSeed(robot);
        Point2D from = centre(element(robot, "client/client1"));

        robot.drag(from, MouseButton.PRIMARY).moveBy(60, 40).drop();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().design().layout().positions()).containsKey("client/client1");
        assertThat(centre(element(robot, "client/client1")).getX()).isGreaterThan(from.getX() + 20);
        assertThat(vm.document().undoTextProperty().get()).isEqualTo("Moved client/client1");
    }

    @Test
    void inConnectModeDraggingARouterOntoASegmentGivesItAnInterface(FxRobot robot) throws Exception {
        openSeed(robot);
        Bounds canvas = view.canvas().localToScreen(view.canvas().getBoundsInLocal());
        robot.drag(centre(tile(robot, Addable.ROUTER)), MouseButton.PRIMARY)
                .dropTo(new Point2D(canvas.getMinX() + canvas.getWidth() * 0.85, canvas.getMinY() + 60));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawn(robot, "router/tor2")).as("dropped on empty canvas").isTrue();
        robot.clickOn("#connect-mode");

        robot.drag(centre(element(robot, "router/tor2")), MouseButton.PRIMARY)
                .dropTo(centre(element(robot, "segment/rack1")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().design().router("tor2").orElseThrow().interfaceOn("rack1")).isPresent();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Connected tor2 eth0 10.0.0.2/24");
    }

    @Test
    void theDeleteKeyRemovesTheSelectionAndWhatDependsOnIt(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.clickOn(element(robot, "node/node-1"));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().design().node("node-1")).isEmpty();
        assertThat(drawn(robot, "pod/demo/web-server-5d8f7c9b6-x2k4p")).isFalse();
    }

    @Test
    void aBadCidrInThePropertySheetIsDecoratedAndRefusedAGoodOneIsAppliedAndUndoable(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.clickOn(element(robot, "segment/rack1"));
        WaitForAsyncUtils.waitForFxEvents();
        TextField cidr = robot.lookup(n -> "network.segments[0].cidr".equals(n.getUserData())).queryAs(TextField.class);
        assertThat(cidr.getText()).isEqualTo("10.0.0.0/24");
        Topology before = vm.document().design();

        robot.doubleClickOn(cidr).eraseText(12).write("10.0.0.0/33").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().design()).isSameAs(before);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains("Not applied: cidr")
                .contains("10.0.0.0/33");
        assertThat(cidr.getStyleClass()).as("ValidationSupport decorates the field").contains("error");

        robot.doubleClickOn(cidr).eraseText(12).write("10.0.0.0/23").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.document().design().segment("rack1").orElseThrow().cidr()).isEqualTo(IpPrefix.parse("10.0.0.0/23"));

        robot.interact(() -> vm.document().undo());
        assertThat(vm.document().design()).isSameAs(before);
    }

    /** comment-preserving save: Save keeps the file's comments, its mode, and a rename reaches the ToR's descriptions. */
    @Test
    void savingAnEditedFileKeepsItsCommentsAndModeAndTheRenameReachesTheDescriptions(FxRobot robot) throws Exception {
        Path file = home.resolve("commented-" + System.nanoTime() + ".yaml");
        java.nio.file.Files.copy(SEED, file);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-rw-r--"));
        robot.interact(() -> vm.files().open(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> file.equals(vm.document().file()));
        robot.interact(() -> vm.document().rename(ElementId.parse("node/node-1"), "worker-a"));

        robot.interact(() -> vm.files().save(() -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.document().isDirty());
        String saved = java.nio.file.Files.readString(file);
        assertThat(saved).startsWith("# The seed article's design: MetalLB allocates LoadBalancer IPs");
        assertThat(saved).contains("description: worker-a").doesNotContain("node-1");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files
                .getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
    }

    @Test
    void savingAndReopeningGivesTheSameDesign(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.interact(() -> {
            vm.document().add(Addable.NODE, 10, 20, java.util.Optional.empty());
            vm.document().autoLayout(false);
        });
        Topology edited = vm.document().design();
        Path file = home.resolve("saved-" + System.nanoTime() + ".yaml");

        robot.interact(() -> vm.files().saveAs(file, () -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> file.equals(vm.document().file()) && !vm.document().isDirty());
        robot.interact(() -> vm.files().newDesign());
        robot.interact(() -> vm.files().open(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> file.equals(vm.document().file()));

        assertThat(vm.document().design()).isEqualTo(edited);
        assertThat(vm.document().design().layout().positions()).containsKey("node/node-4");
        assertThat(vm.document().isDirty()).isFalse();
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindowOpen(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.interact(() -> vm.document().add(Addable.CLIENT, 0, 0, java.util.Optional.empty()));

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Save changes to seed-calico-metallb.yaml?")
                .tryQuery().isPresent());
        press(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(vm.document().isDirty()).isTrue();

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Don't Save").tryQuery().isPresent());
        press(robot, "Don't Save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void aBrokenFileShowsItsProblemsWithFileLineColumnAndPath(FxRobot robot) throws Exception {
        Path broken = home.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(SEED).replace("segment: rack1\n      rack: rack-1\n    - name: node-2",
                "segment: rack9\n      rack: rack-1\n    - name: node-2"));

        robot.interact(() -> vm.files().open(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".problem-lines").tryQuery().isPresent());

        String shown = robot.lookup(".problem-lines").queryAs(javafx.scene.control.TextArea.class).getText();
        assertThat(shown).contains(broken + ":").containsPattern(":\\d+:\\d+: cluster\\.nodes\\[0\\]\\.segment: no segment named 'rack9'");
        assertThat(robot.lookup("Cannot open broken.yaml").tryQuery()).isPresent();
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(pane.getWidth()).as("wide enough for file:line:column lines, past the theme's 600 px cap")
                .isGreaterThanOrEqualTo(720);
        press(robot, "OK");
        assertThat(vm.document().file()).isNull();
    }

    @Test
    void openingNeverBlocksTheFxThread(FxRobot robot) throws Exception {
        store.gate = new CountDownLatch(1);
        robot.interact(() -> vm.files().open(SEED));

        // While the read is held, the FX thread still runs events and the canvas still takes input.
        CountDownLatch ran = new CountDownLatch(1);
        Platform.runLater(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.files().busyProperty().get()).isTrue();
        robot.interact(() -> view.canvas().panBy(10, 0));
        assertThat(vm.document().file()).isNull();

        store.gate.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().file() != null);
        assertThat(store.readOnFxThread).isFalse();
        assertThat(vm.files().busyProperty().get()).isFalse();
    }

    @Test
    void unsavedWorkIsAutosavedAndOfferedBackAfterACrash(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.interact(() -> vm.document().add(Addable.POOL, 0, 0, java.util.Optional.empty()));
        Topology unsaved = vm.document().design();
        AtomicReference<Object> written = new AtomicReference<>();
        robot.interact(() -> written.set(vm.files().autosaveNow().orElseThrow()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ((javafx.concurrent.Task<?>) written.get()).isDone());

        // A new session (same home) finds the copy, restores it as unsaved work on the original file.
        var found = vm.files().pendingRecovery().orElseThrow();
        assertThat(found.design()).isEqualTo(unsaved);
        assertThat(found.original()).isEqualTo(SEED.toAbsolutePath());
        robot.interact(() -> vm.files().restore(found));
        assertThat(vm.document().isDirty()).isTrue();
        assertThat(vm.document().file()).isEqualTo(SEED.toAbsolutePath());

        robot.interact(() -> vm.files().clearRecovery());
        assertThat(vm.files().pendingRecovery()).isEmpty();
    }

    private List<String> findingRules() {
        return vm.findings().findings().stream().map(f -> f.ruleId()).toList();
    }

    /** The "Fix" button in the findings list next to the rule's name. */
    private static javafx.scene.control.Button fixButton(FxRobot robot, String rule) {
        return robot.lookup(".fix-button").match((javafx.scene.control.Button b) -> b.getParent().getChildrenUnmodifiable()
                .stream().anyMatch(n -> n instanceof Label l && rule.equals(l.getText())))
                .queryAs(javafx.scene.control.Button.class);
    }

    @Test
    void findingsFollowTheDesignAndAFixIsOneClickAndOneUndo(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.clickOn("Findings");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> findingRules().contains("SPEAKER_UNUSED"));
        assertThat(robot.lookup("#findings-summary").queryAs(Label.class).getText()).startsWith("0 errors · 1 warning");

        // A node the ToR has no neighbor for: the finding appears by itself, and clicking it selects both ends.
        robot.drag(centre(tile(robot, Addable.NODE)), MouseButton.PRIMARY).dropTo(centre(element(robot, "segment/rack1")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> findingRules().contains("TOR_NEIGHBORS_MISSING_NODE"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".finding-rule").match((Label l) -> l.getText().equals("TOR_NEIGHBORS_MISSING_NODE"))
                .queryAs(Label.class));
        assertThat(vm.document().selection()).containsExactly(ElementId.parse("router/tor1"),
                ElementId.parse("node/node-4"));
        assertThat(vm.document().flashed()).containsExactly(ElementId.parse("router/tor1"), ElementId.parse("node/node-4"));

        // One click applies the rule's own edit.
        robot.clickOn(fixButton(robot, "SPEAKER_UNUSED"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !findingRules().contains("SPEAKER_UNUSED"));
        assertThat(vm.document().design().metallb().helm().speakerEnabled()).isFalse();
        assertThat(vm.document().undoTextProperty().get()).isEqualTo("Fix SPEAKER_UNUSED: set speakerEnabled: false on "
                + "helm-values/metallb");

        robot.interact(() -> vm.document().undo());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> findingRules().contains("SPEAKER_UNUSED"));
        assertThat(vm.document().design().metallb().helm().speakerEnabled()).isTrue();
    }

    @Test
    void thePacketWalkShowsTheClientAddressForLocalAndTheNodeAddressForCluster(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.clickOn(robot.lookup(".tab-label").match((Label l) -> l.getText().equals("Packet walk"))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.packetWalk().outcomeProperty().get()
                .startsWith("Delivered"));
        assertThat(vm.packetWalk().clientProperty().get()).isEqualTo("client1");
        assertThat(vm.packetWalk().serviceProperty().get()).isEqualTo("demo/web-server");
        String cluster = vm.packetWalk().outcomeProperty().get();
        assertThat(cluster).contains("pod/demo/web-server-5d8f7c9b6-x2k4p").containsPattern("sees source 10\\.0\\.0\\.1[123]");
        assertThat(vm.packetWalk().hops()).isNotEmpty();

        robot.clickOn("#walk-local");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.packetWalk().outcomeProperty().get().equals(cluster));
        String local = robot.lookup("#walk-outcome").queryAs(Label.class).getText();
        assertThat(local).satisfiesAnyOf(
                text -> assertThat(text).contains("sees source 198.51.100.10"),
                text -> assertThat(text).startsWith("Dropped: externalTrafficPolicy: Local"));
        assertThat(vm.document().design().service("demo", "web-server").orElseThrow().externalTrafficPolicy())
                .as("trying a policy does not edit the design").isEqualTo(dev.lbstudio.model.Service.TrafficPolicy.CLUSTER);
    }

    @Test
    void aSampleOpensFromTheMenuAsAnUnsavedCopy(FxRobot robot) throws Exception {
        // Menu popups are separate windows Monocle does not place reliably; fire the item the menu holds.
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu samples = (javafx.scene.control.Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Open _Sample".equals(i.getText())).findFirst().orElseThrow();
        assertThat(samples.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .contains("seed-calico-metallb", "seed-local-policy", "two-racks");
        robot.interact(() -> samples.getItems().stream().filter(i -> i.getText().equals("two-racks")).findFirst()
                .orElseThrow().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().design().name().equals("two-racks"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.document().file()).as("saving must not overwrite the sample").isNull();
        assertThat(drawn(robot, "router/spine1")).isTrue();
        assertThat(vm.document().sceneProperty().get().edges()).anyMatch(e -> e.kind()
                == dev.lbstudio.ui.scene.DesignScene.EdgeKind.BGP && e.from().toString().equals("router/spine1"));
    }

    @Test
    void theDesignExportsAsPngAndSvg(FxRobot robot) throws Exception {
        openSeed(robot);
        Path png = home.resolve("seed-" + System.nanoTime() + ".png");
        Path svg = home.resolve("seed-" + System.nanoTime() + ".svg");

        robot.interact(() -> {
            view.exportPng(png);
            vm.files().exportSvg(svg);
        });
        // Both run in order on the file thread; the last one's success message means both are written.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().statusProperty().get()
                .equals("Exported " + svg));

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(image.getHeight()).isGreaterThan(600);
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("node-3").contains("lb-pool-10-208-1");
    }
}
