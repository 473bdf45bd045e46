package dev.lbstudio.ui;

import dev.lbstudio.ui.view.Images;
import dev.lbstudio.ui.view.MainView;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The JavaFX application. Arguments: an optional design file to open; {@code --screenshot=FILE.png}
 * saves a picture of the window once the design is drawn and exits (docs, CI); {@code --panel=NAME}
 * brings a side panel to the front; {@code --timing} prints the time from JVM start to an
 * interactive window; {@code --measure-startup} prints it (and the CPU time spent) and exits;
 * {@code --run=SCENARIO} plays a scenario on the simulated lab, and with a screenshot
 * {@code --at=SECONDS} takes it once the run reaches that lab time (a failover in progress);
 * {@code --presenter} starts in presenter mode with the scenario's first step predicted.
 */
public final class LbStudioApp extends Application {

    private static final int SCREENSHOT_FRAMES = 240;

    static final Duration AUTOSAVE_PERIOD = Duration.seconds(30);

    /**
     * AtlantaFX's Primer Light, loaded as a plain stylesheet: the 2.1.0 jar's classes are Java 21
     * bytecode, but its CSS works on JavaFX 21 / Java 17, and the CSS is all the theme needs.
     */
    public static final String THEME = LbStudioApp.class.getResource("/atlantafx/base/theme/primer-light.css")
            .toExternalForm();

    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        MainViewModel.Settings user = MainViewModel.Settings.forUser();
        vm = new MainViewModel(new MainViewModel.Settings(user.home(), user.prefs(), Preload.store()));
        view = install(primary, vm);
        vm.findings().setBrowser(getHostServices()::showDocument);
        primary.show();

        Map<String, String> named = getParameters().getNamed();
        List<String> files = getParameters().getUnnamed();
        String screenshot = named.get("screenshot");
        if (named.containsKey("size")) {
            // The projector's resolution, e.g. 1920x1080, whatever the screen's size.
            String[] wh = named.get("size").split("x");
            primary.setX(0);
            primary.setY(0);
            primary.setWidth(Integer.parseInt(wh[0]));
            primary.setHeight(Integer.parseInt(wh[1]));
        }
        if (named.containsKey("walkthrough")) {
            vm.startEngines();
            new Walkthrough(vm, view, primary, Path.of("samples"), Path.of(named.get("walkthrough")),
                    "-" + named.getOrDefault("size", "default"), Platform::exit).start();
            return;
        }
        if (named.containsKey("panel") && !view.showPanel(named.get("panel").replace('-', ' '))) {
            System.err.println("lbstudio: no panel named " + named.get("panel"));
        }
        if (screenshot == null && !named.containsKey("measure-startup")) {
            view.offerRecovery();
            vm.files().startAutosave(AUTOSAVE_PERIOD);
        }
        if (!files.isEmpty()) {
            Task<?> open = vm.files().open(Path.of(files.get(0)));
            open.stateProperty().addListener((o, was, now) -> {
                if (now == Worker.State.SUCCEEDED) {
                    ready(screenshot, named);
                } else if (now == Worker.State.FAILED && screenshot != null) {
                    System.err.println("lbstudio: cannot open " + files.get(0) + ": " + open.getException().getMessage());
                    Platform.exit();
                } else if (now == Worker.State.FAILED) {
                    ready(null, named);
                }
            });
        } else {
            ready(screenshot, named);
        }
    }

    /** Puts the main window for {@code vm} on {@code stage}: theme, layout, title, close prompt. */
    public static MainView install(Stage stage, MainViewModel vm) {
        Application.setUserAgentStylesheet(THEME);
        MainView view = new MainView(vm);
        Scene scene = new Scene(view, 1440, 900);
        scene.getStylesheets().add(LbStudioApp.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "LB Studio — "
                        + vm.document().design().name() + (vm.document().isDirty() ? " *" : ""),
                vm.document().designProperty(), vm.document().dirtyProperty()));
        stage.setOnCloseRequest(e -> {
            if (!view.confirmDiscard(stage::close)) {
                e.consume();
            }
        });
        return view;
    }

    /** Runs after the design is in place: waits two frames so it is drawn, then reports or snapshots. */
    private void ready(String screenshot, Map<String, String> named) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames == 3 && named.containsKey("run")) {
                    view.showPanel("Lab");
                    if (!vm.lab().play(named.get("run"), labAt(named), java.time.Duration.ofSeconds(3))) {
                        System.err.println("lbstudio: no scenario named " + named.get("run"));
                    }
                }
                if (frames == 3) {
                    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    if (named.containsKey("timing")) {
                        System.err.println("lbstudio: interactive after " + ms + " ms (JVM start to drawn design)");
                    }
                    if (named.containsKey("measure-startup")) {
                        // CPU time too: on a shared machine wall time says as much about the neighbours as about us.
                        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime() / 1_000_000;
                        System.out.println("startup " + ms + " ms, cpu " + cpu + " ms (JVM start to interactive design)");
                        stop();
                        Platform.exit();
                        return;
                    }
                    vm.startEngines();
                    if (named.containsKey("presenter")) {
                        view.showPanel("Lab");
                        vm.lab().presenter().activeProperty().set(true);
                        vm.lab().presenter().predict();
                    }
                }
                // Engine panels fill in once started (about 2 s), and the packet walk takes 0.7 s a hop to walk its
                // four hops on the canvas: a screenshot waits for both.
                boolean runShown = !named.containsKey("run") || frames > 3600
                        || vm.lab().timeline().endProperty().get().compareTo(labAt(named)) >= 0;
                if (frames < (screenshot != null ? SCREENSHOT_FRAMES : 3) || screenshot != null && !runShown) {
                    return;
                }
                stop();
                if (screenshot != null) {
                    var pixels = Images.pixels(stage.getScene().snapshot(null));
                    try {
                        Images.writePng(pixels, Path.of(screenshot));
                        System.err.println("lbstudio: wrote " + screenshot);
                    } catch (java.io.IOException ex) {
                        System.err.println("lbstudio: cannot write " + screenshot + ": " + ex.getMessage());
                    }
                    Platform.exit();
                }
            }
        }.start();
    }

    private static java.time.Duration labAt(Map<String, String> named) {
        return java.time.Duration.ofMillis((long) (Double.parseDouble(named.getOrDefault("at", "0")) * 1000));
    }

    @Override
    public void stop() {
        if (vm != null) {
            if (!vm.document().isDirty()) {
                vm.files().clearRecovery();
            }
            vm.shutdown();
        }
    }
}
