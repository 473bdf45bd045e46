package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.lab.kube.ApplyingMockServer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The import, render and rename dialogs driven as a user would, headless on Monocle: import the
 * seed's rendered manifests and open them, render and write (asking before replacing), rename with
 * F2 and undo, and a cluster that answers 403 or never answers.
 */
@ExtendWith(ApplicationExtension.class)
class DialogsTest {

    private static final Path SEED = RepoPaths.sample("seed-calico-metallb.yaml");

    @TempDir
    static Path home;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        TestWindows.Shown shown = TestWindows.showWindow(stage, home, Capabilities::check);
        vm = shown.vm();
        view = shown.view();
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != view.getScene().getWindow())
                .forEach(w -> ((Stage) w).close()));
        vm.shutdown();
    }

    @AfterAll
    static void removePrefs() throws Exception {
        TestWindows.removePrefs();
    }

    private void openSeed(FxRobot robot) throws Exception {
        robot.interact(() -> vm.files().open(SEED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.document().file() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires later rather than inside interact(): a button that opens a nested dialog (showAndWait) must not block the test. */
    private static void press(FxRobot robot, String text) {
        Button button = robot.lookup(".button").match(LabeledMatchers.hasText(text)).queryAs(Button.class);
        Platform.runLater(button::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitFor(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
    }

    private static String problemText(FxRobot robot) throws Exception {
        waitFor(robot, ".problem-lines");
        return robot.lookup(".problem-lines").queryAs(TextArea.class).getText();
    }

    // --- import ------------------------------------------------------------------------------------------

    @Test
    void theSeedsRenderedManifestsAndRouterConfigImportAndOpenAfterTheUnsavedPrompt(FxRobot robot,
                                                                                   @TempDir Path dir) throws Exception {
        Topology seed = TopologyReader.read(SEED);
        Map<String, String> rendered = Renderer.render(seed, Renderer.What.BUNDLE);
        dev.lbstudio.cli.RenderedFiles.write(dir, rendered);
        List<Path> chosen;
        try (Stream<Path> manifests = Files.list(dir.resolve("manifests"))) {
            chosen = Stream.concat(manifests.filter(p -> p.toString().endsWith(".yaml")).sorted(),
                    Stream.of(dir.resolve("frr/tor1/frr.conf"))).toList();
        }
        openSeed(robot);
        robot.interact(() -> vm.document().add(dev.lbstudio.ui.edit.TopologyEdits.Addable.CLIENT, 0, 0,
                java.util.Optional.empty()));

        Platform.runLater(() -> view.importFiles(chosen));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#import-found").tryQuery()
                .map(n -> !((ListView<?>) n).getItems().isEmpty()).orElse(false));

        List<Object> found = List.copyOf(robot.lookup("#import-found").queryAs(ListView.class).getItems());
        assertThat(found).contains((Object) "1 router", "3 nodes", "1 service", "1 MetalLB IPAddressPool");
        assertThat(robot.lookup("#import-warnings").queryAs(ListView.class).getItems()).isEmpty();
        press(robot, "Open as new design");
        waitFor(robot, "Save changes to seed-calico-metallb.yaml?");
        press(robot, "Don't Save");
        WaitForAsyncUtils.waitForFxEvents();

        Topology imported = vm.document().design();
        // rack is LB Studio's own grouping: manifests do not carry it
        assertThat(imported.cluster().nodes()).extracting(n -> n.name() + " " + n.address() + " " + n.segment())
                .containsExactly("node-1 10.0.0.11 rack1", "node-2 10.0.0.12 rack1", "node-3 10.0.0.13 rack1");
        assertThat(imported.network().routers()).extracting(r -> r.name()).containsExactly("tor1");
        // each MetalLB object keeps the namespace its manifest names: whether it is MetalLB's is validation's verdict
        assertThat(imported.addressPools()).extracting(p -> p.namespace()).containsOnly("metallb-system");
        assertThat(imported.addressPools()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("namespace")
                .containsExactlyElementsOf(seed.addressPools());
        assertThat(vm.document().file()).as("an import is a new, unsaved document").isNull();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).startsWith("Imported " + chosen.size() + " files");
    }

    @Test
    void warningsNameTheFileAndLine(FxRobot robot, @TempDir Path dir) throws Exception {
        Path odd = Files.writeString(dir.resolve("odd.yaml"), "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n---\n"
                + "- just a list\n");

        Platform.runLater(() -> view.importFiles(List.of(odd)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#import-warnings").tryQuery()
                .map(n -> !((ListView<?>) n).getItems().isEmpty()).orElse(false));

        assertThat(robot.lookup("#import-warnings").queryAs(ListView.class).getItems())
                .anySatisfy(w -> assertThat(w.toString()).startsWith(odd + ":"));
    }

    /** A cluster whose RBAC refuses listing services: the dialog says 403, what was refused and the fix. */
    @Test
    void aForbiddenClusterReadIsShownWithTheFix(FxRobot robot, @TempDir Path dir) throws Exception {
        try (ApplyingMockServer server = new ApplyingMockServer()) {
            server.installUpstreamCrds(true);
            server.forbidReads("/api/v1/services", "services");
            Path kubeconfig = server.kubeconfig(dir, "lbs-dialog-token-5be1");

            Platform.runLater(() -> view.importCluster());
            waitFor(robot, "#import-kubeconfig");
            robot.interact(() -> robot.lookup("#import-kubeconfig").queryAs(TextField.class).setText(kubeconfig.toString()));
            robot.interact(() -> robot.lookup("#import-read").queryAs(Button.class).fire());

            String problem = problemText(robot);
            assertThat(problem).contains("403 Forbidden").contains("services is forbidden")
                    .contains("grant the kubeconfig user that verb on that resource (RBAC)")
                    .doesNotContain("lbs-dialog-token-5be1");
            assertThat(robot.lookup("Cannot import from the cluster").tryQuery()).isPresent();
            assertThat(vm.imports().previewProperty().get()).isNull();
        }
    }

    @Test
    void anUnreachableClusterNamesTheAddressAndTheFix(FxRobot robot, @TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path kubeconfig = kubeconfigFor(dir, "https://127.0.0.1:" + closed);

        robot.interact(() -> vm.imports().importCluster(kubeconfig, null));

        assertThat(problemText(robot)).contains("cannot reach the cluster").contains("Connection refused")
                .contains("check the kubeconfig server address and that the API server is up");
    }

    /** An API server that accepts and never answers: Cancel ends the wait at once and nothing is imported. */
    @Test
    void aHangingClusterReadCanBeCancelled(FxRobot robot, @TempDir Path dir) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path kubeconfig = kubeconfigFor(dir, "https://127.0.0.1:" + silent.getLocalPort());
            Platform.runLater(() -> view.importCluster());
            waitFor(robot, "#import-kubeconfig");
            robot.interact(() -> robot.lookup("#import-kubeconfig").queryAs(TextField.class).setText(kubeconfig.toString()));
            robot.interact(() -> robot.lookup("#import-read").queryAs(Button.class).fire());
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.imports().runningProperty().get());
            assertThat(robot.lookup("#import-progress").queryAs(Label.class).getText()).startsWith("Reading the cluster from "
                    + kubeconfig);

            robot.interact(() -> robot.lookup("#import-cancel").queryAs(Button.class).fire());

            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !vm.imports().runningProperty().get());
            assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Import cancelled");
            assertThat(vm.imports().previewProperty().get()).isNull();
        }
    }

    private static Path kubeconfigFor(Path dir, String server) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n", "apiVersion: v1", "kind: Config",
                "current-context: lab", "clusters:", "- name: lab", "  cluster:", "    server: " + server,
                "    insecure-skip-tls-verify: true", "users:", "- name: u", "  user:", "    token: t",
                "contexts:", "- name: lab", "  context:", "    cluster: lab", "    user: u", ""));
    }

    // --- render ------------------------------------------------------------------------------------------

    @Test
    void renderWritesTheListedFilesAtomicallyAndAsksBeforeReplacing(FxRobot robot, @TempDir Path out) throws Exception {
        openSeed(robot);
        Map<String, String> expected = Renderer.render(vm.document().design(), Renderer.What.BUNDLE);

        showRender(robot, out);
        assertThat(robot.lookup("#render-files").queryAs(ListView.class).getItems()).hasSize(expected.size());
        assertThat(robot.lookup("#render-preview").queryAs(TextArea.class).getText())
                .isEqualTo(expected.values().iterator().next());
        press(robot, "Write");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#render-files").tryQuery().isEmpty());

        for (Map.Entry<String, String> f : expected.entrySet()) {
            assertThat(Files.readString(out.resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
        }
        Path frr = out.resolve("frr/tor1/frr.conf");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(frr))).isEqualTo("rw-r--r--");
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()))
                    .as("no temp file left behind").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }

        // Existing files: Cancel leaves them alone; Replace swaps each for a new file (a rename, not an in-place write).
        Files.writeString(frr, "edited by hand\n");
        Object inode = Files.getAttribute(frr, "unix:ino");
        showRender(robot, out);
        press(robot, "Write");
        waitFor(robot, "Replace " + expected.size() + " existing files in " + out + "?");
        press(robot, "Keep existing files");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readString(frr)).isEqualTo("edited by hand\n");
        assertThat(robot.lookup("#render-files").tryQuery()).as("the render dialog stays open").isPresent();

        press(robot, "Write");
        waitFor(robot, "Replace " + expected.size() + " existing files in " + out + "?");
        press(robot, "Replace");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#render-files").tryQuery().isEmpty());
        assertThat(Files.readString(frr)).isEqualTo(expected.get("frr/tor1/frr.conf"));
        assertThat(Files.getAttribute(frr, "unix:ino")).isNotEqualTo(inode);
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsADialogNamingIt(FxRobot robot, @TempDir Path dir) throws Exception {
        openSeed(robot);
        Path blocked = Files.writeString(dir.resolve("not-a-dir"), "a file where the directory should be");

        showRender(robot, blocked);
        press(robot, "Write");

        assertThat(problemText(robot)).contains("cannot write " + blocked.resolve(""));
        assertThat(robot.lookup("Cannot write into " + blocked).tryQuery()).isPresent();
    }

    private void showRender(FxRobot robot, Path target) throws Exception {
        Platform.runLater(() -> view.render());
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#render-files").tryQuery()
                .map(n -> !((ListView<?>) n).getItems().isEmpty()).orElse(false));
        robot.interact(() -> robot.lookup("#render-target").queryAs(TextField.class).setText(target.toString()));
    }

    // --- rename ------------------------------------------------------------------------------------------

    @Test
    void f2RenamesTheSelectionWithItsReferencesRefusesBadNamesAndUndoRestores(FxRobot robot) throws Exception {
        openSeed(robot);
        Topology before = vm.document().design();
        ElementId node1 = ElementId.of(ElementKind.NODE, "node-1");
        robot.interact(() -> vm.document().select(List.of(node1)));
        robot.interact(() -> view.canvas().requestFocus());

        robot.push(KeyCode.F2);
        waitFor(robot, "#rename-field");
        TextField field = robot.lookup("#rename-field").queryAs(TextField.class);
        Button ok = (Button) robot.lookup(".button").match(LabeledMatchers.hasText("OK")).query();
        robot.interact(() -> field.setText("Node_1"));
        assertThat(robot.lookup("#rename-problem").queryAs(Label.class).getText()).contains("DNS-1123 subdomain");
        assertThat(ok.isDisabled()).isTrue();
        robot.interact(() -> field.setText("node-2"));
        assertThat(robot.lookup("#rename-problem").queryAs(Label.class).getText())
                .isEqualTo("node/node-2 already exists; pick another name");
        robot.interact(() -> field.setText("worker-1"));
        assertThat(ok.isDisabled()).isFalse();
        robot.interact(ok::fire);
        WaitForAsyncUtils.waitForFxEvents();

        Topology renamed = vm.document().design();
        assertThat(renamed.node("worker-1")).isPresent();
        assertThat(renamed.workloads().deployments().get(0).pods().get(0).node()).isEqualTo("worker-1");
        assertThat(vm.document().selection()).containsExactly(ElementId.of(ElementKind.NODE, "worker-1"));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Renamed node/node-1 to node/worker-1");

        robot.interact(() -> vm.document().undo());
        assertThat(vm.document().design()).isSameAs(before);
    }

    @Test
    void theCanvasContextMenuOffersRenameForTheSelection(FxRobot robot) throws Exception {
        openSeed(robot);
        javafx.scene.Node tor = robot.lookup(n -> ElementId.parse("router/tor1").equals(
                n.getProperties().get(DesignCanvas.ELEMENT_ID))).query();

        // The request a right-click (or the menu key) makes, aimed at the router's box.
        javafx.geometry.Bounds b = tor.localToScene(tor.getBoundsInLocal());
        javafx.geometry.Point2D screen = tor.localToScreen(tor.getBoundsInLocal().getCenterX(),
                tor.getBoundsInLocal().getCenterY());
        robot.interact(() -> javafx.event.Event.fireEvent(tor, new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, b.getCenterX(), b.getCenterY(),
                screen.getX(), screen.getY(), false, new javafx.scene.input.PickResult(tor, b.getCenterX(),
                b.getCenterY()))));
        assertThat(vm.document().selection()).containsExactly(ElementId.of(ElementKind.ROUTER, "tor1"));
        robot.clickOn("Rename…");
        waitFor(robot, "#rename-field");
        robot.interact(() -> robot.lookup("#rename-field").queryAs(TextField.class).setText("leaf-1"));
        press(robot, "OK");

        assertThat(vm.document().design().router("leaf-1")).isPresent();
    }

    @Test
    void theNameInThePropertySheetRenamesToo(FxRobot robot) throws Exception {
        openSeed(robot);
        robot.interact(() -> vm.document().select(List.of(ElementId.of(ElementKind.SEGMENT, "rack1"))));
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup(n -> "network.segments[0].name".equals(n.getUserData())).queryAs(TextField.class);
        assertThat(name.isEditable()).isTrue();

        robot.interact(() -> {
            name.setText("rack 1");
            name.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(vm.document().design().segment("rack1")).isPresent();
        assertThat(name.getStyleClass()).as("decorated while refused").contains("error");

        robot.interact(() -> {
            name.setText("rack-a");
            name.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(vm.document().design().cluster().nodes()).extracting(n -> n.segment()).containsOnly("rack-a");
        assertThat(vm.document().undoTextProperty().get()).isEqualTo("Renamed segment/rack1 to segment/rack-a");
    }
}
