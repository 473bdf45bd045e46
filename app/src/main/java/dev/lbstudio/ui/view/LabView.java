package dev.lbstudio.ui.view;

import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.PresenterViewModel;
import dev.lbstudio.ui.viewmodel.LabViewModel.Backend;
import dev.lbstudio.ui.viewmodel.LabViewModel.State;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.geometry.Side;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The lab panel: backend, Start/Stop with progress, scenario and speed, step buttons with their targets, then
 * the probe chart over the timeline. In presenter mode a "predict then reveal" strip sits above them. Dumb: it
 * binds to {@link LabViewModel}; the dialogs live here because they are windows.
 */
public final class LabView extends BorderPane {

    public LabView(LabViewModel vm) {
        getStyleClass().add("lab");
        getStylesheets().add(LabView.class.getResource("/dev/lbstudio/ui/lab.css").toExternalForm());
        vm.setConfirmation(this::confirm);
        BooleanBinding stopped = vm.stateProperty().isEqualTo(State.STOPPED);

        ToggleGroup backends = new ToggleGroup();
        RadioButton simulated = backend(vm, backends, Backend.SIMULATED, "The simulator, paced in real time: runs "
                + "anywhere, needs no privileges");
        RadioButton namespace = backend(vm, backends, Backend.NAMESPACE, "Real FRR ToRs and BIRD nodes in network "
                + "namespaces on this machine (root), closed off from its network");
        RadioButton cluster = backend(vm, backends, Backend.CLUSTER, "A real cluster through a kubeconfig: watches "
                + "it, and asks before each step it would change");
        simulated.setId("lab-simulated");
        namespace.setId("lab-namespace");
        cluster.setId("lab-cluster");
        namespace.disableProperty().bind(vm.namespaceAvailableProperty().not().or(stopped.not()));
        simulated.disableProperty().bind(stopped.not());
        cluster.disableProperty().bind(stopped.not());
        Label namespaceState = new Label();
        namespaceState.textProperty().bind(vm.namespaceLabProperty());
        namespaceState.setWrapText(true);
        namespaceState.setId("lab-namespace-state");
        namespaceState.getStyleClass().add("lab-note");
        TextField kubeconfig = new TextField();
        kubeconfig.setPromptText("kubeconfig (default: $KUBECONFIG or ~/.kube/config)");
        kubeconfig.textProperty().bindBidirectional(vm.kubeconfigProperty());
        TextField context = new TextField();
        context.setPromptText("context (default: current)");
        context.textProperty().bindBidirectional(vm.contextProperty());
        HBox.setHgrow(kubeconfig, Priority.ALWAYS);
        HBox clusterFields = new HBox(6, kubeconfig, context);
        clusterFields.managedProperty().bind(clusterFields.visibleProperty());
        clusterFields.disableProperty().bind(stopped.not());

        Button startStop = new Button();
        startStop.setId("lab-start");
        startStop.textProperty().bind(Bindings.when(stopped).then("Start lab").otherwise("Stop lab"));
        startStop.disableProperty().bind(vm.stateProperty().isEqualTo(State.STARTING)
                .or(vm.stateProperty().isEqualTo(State.STOPPING)));
        startStop.setOnAction(e -> {
            if (vm.stateProperty().get() == State.STOPPED) {
                vm.start();
            } else {
                vm.stop();
            }
        });
        ProgressBar progress = new ProgressBar();
        progress.setId("lab-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Label state = new Label();
        state.setId("lab-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> vm.stateProperty().get().name()
                .toLowerCase(Locale.ROOT).replace('_', ' '), vm.stateProperty()));
        state.getStyleClass().add("lab-state");
        HBox life = new HBox(8, new Label("Backend"), simulated, namespace, cluster, new Region(), startStop);
        HBox.setHgrow(life.getChildren().get(4), Priority.ALWAYS);
        HBox running = new HBox(8, progress, state);
        running.getStyleClass().add("lab-row");
        life.getStyleClass().add("lab-row");

        ComboBox<Scenario> scenario = new ComboBox<>(vm.scenarios());
        scenario.valueProperty().bindBidirectional(vm.scenarioProperty());
        scenario.setButtonCell(new ScenarioCell());
        scenario.setCellFactory(l -> new ScenarioCell());
        scenario.setId("lab-scenario");
        ComboBox<Double> speed = new ComboBox<>();
        speed.getItems().setAll(LabViewModel.SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.0f×", v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("×", ""));
            }
        });
        speed.setValue(vm.speedProperty().get());
        speed.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.speedProperty().set(v);
            }
        });
        vm.speedProperty().addListener((o, a, v) -> speed.setValue(v.doubleValue()));
        speed.setId("lab-speed");
        speed.setTooltip(new Tooltip("Playback speed of simulated runs and replays (a 180 s hold timer takes 18 s at 10×)"));
        Button run = new Button("Run");
        run.setId("lab-run");
        run.disableProperty().bind(scenario.valueProperty().isNull()
                .or(vm.stateProperty().isNotEqualTo(State.STOPPED).and(vm.stateProperty().isNotEqualTo(State.RUNNING))));
        run.setOnAction(e -> vm.runScenario());
        Label scenarioWord = new Label("Scenario");
        Label speedWord = new Label("Speed");
        FlowPane scenarioRow = new FlowPane(8, 6, scenarioWord, scenario, speedWord, speed, run);

        FlowPane steps = new FlowPane(4, 4, new Label("Step now"));
        steps.getStyleClass().add("lab-steps");
        for (LabViewModel.Action action : LabViewModel.Action.values()) {
            Button b = new Button(action.label());
            b.setId("lab-step-" + action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setTooltip(new Tooltip("Pick the target, and it is applied to the running lab now"));
            b.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING)
                    .and(vm.stateProperty().isNotEqualTo(State.FAILING_OVER)));
            b.setOnAction(e -> targets(vm, action).show(b, Side.BOTTOM, 0, 0));
            steps.getChildren().add(b);
        }

        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setId("lab-summary");
        summary.getStyleClass().add("walk-outcome");

        // On the projector the panel is the step card over the chart and the timeline: what sets the lab up
        // (backend, Start, single steps) and the run's long summary make room for them.
        javafx.beans.property.BooleanProperty presenting = vm.presenter().activeProperty();
        // The scenario's name and "30×" say what they are; the words make room for Run on the card's width.
        for (javafx.scene.Node setup : new javafx.scene.Node[] {life, namespaceState, running, steps, summary,
                scenarioWord, speedWord}) {
            setup.visibleProperty().bind(presenting.not());
            setup.managedProperty().bind(setup.visibleProperty());
        }
        clusterFields.visibleProperty().bind(cluster.selectedProperty().and(presenting.not()));
        VBox top = new VBox(6, life, namespaceState, clusterFields, running, scenarioRow, steps, summary,
                new PresenterStrip(vm));
        top.getStyleClass().add("panel-header");
        setTop(top);
        ProbeChart chart = new ProbeChart(vm.timeline());
        SplitPane center = new SplitPane(chart, new TimelineView(vm));
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.45);
        // Chart text at 1.4× is 15 px and more; under the step card the chart and the timeline share what is left.
        vm.presenter().activeProperty().addListener((o, a, on) -> {
            chart.setTextScale(on ? 1.4 : 1);
            center.setDividerPositions(on ? 0.5 : 0.45);
        });
        setCenter(center);
        // Closing the window stops the lab at once, whatever happens to the app afterwards.
        javafx.event.EventHandler<javafx.stage.WindowEvent> hidden = e -> vm.stopNow();
        javafx.beans.value.ChangeListener<javafx.stage.Window> onWindow = (w, before, window) -> {
            if (before != null) {
                before.removeEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, hidden);
            }
            if (window != null) {
                window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, hidden);
            }
        };
        sceneProperty().addListener((o, was, scene) -> {
            if (was != null) {
                was.windowProperty().removeListener(onWindow);
                onWindow.changed(null, was.getWindow(), null);
            }
            if (scene != null) {
                scene.windowProperty().addListener(onWindow);
                onWindow.changed(null, null, scene.getWindow());
            }
        });
        vm.checkCapabilities();
    }

    private static RadioButton backend(LabViewModel vm, ToggleGroup group, Backend b, String tip) {
        RadioButton r = new RadioButton(b.label());
        r.setTooltip(new Tooltip(tip));
        r.setToggleGroup(group);
        r.setSelected(vm.backendProperty().get() == b);
        r.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                vm.backendProperty().set(b);
            }
        });
        return r;
    }

    private static ContextMenu targets(LabViewModel vm, LabViewModel.Action action) {
        ContextMenu menu = new ContextMenu();
        for (Step step : vm.targets(action)) {
            MenuItem item = new MenuItem(step.describe());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.apply(step));
            menu.getItems().add(item);
        }
        if (menu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("Nothing in the design to apply this to");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        return menu;
    }

    /** Each step on a real cluster is confirmed here, as the CLI asks before it changes anything. */
    private boolean confirm(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("This changes the real cluster");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private static final class ScenarioCell extends ListCell<Scenario> {
        @Override
        protected void updateItem(Scenario s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.name());
            setTooltip(empty || s == null || s.description() == null ? null : new Tooltip(s.description()));
        }
    }

    /** "Predict then reveal", shown in presenter mode: the prediction first, the lab's result beside it. */
    private static final class PresenterStrip extends VBox {
        PresenterStrip(LabViewModel vm) {
            super(6);
            var p = vm.presenter();
            getStyleClass().add("presenter-strip");
            setId("lab-presenter");
            visibleProperty().bind(p.activeProperty());
            managedProperty().bind(visibleProperty());
            Label next = new Label();
            next.setId("lab-presenter-step");
            next.setWrapText(true);
            next.getStyleClass().add("presenter-step");
            Runnable showNext = () -> next.setText(p.nextStep().map(s -> "Step " + (p.nextProperty().get() + 1) + ": "
                    + s.describe()).orElse("The scenario has no more steps."));
            p.nextProperty().addListener((o, a, b) -> showNext.run());
            vm.scenarioProperty().addListener((o, a, b) -> showNext.run());
            showNext.run();
            Button predict = new Button("Predict");
            predict.setId("lab-predict");
            predict.disableProperty().bind(p.phaseProperty().isNotEqualTo(PresenterViewModel
                    .Phase.READY));
            predict.setOnAction(e -> p.predict());
            Button reveal = new Button("Reveal");
            reveal.setId("lab-reveal");
            reveal.disableProperty().bind(p.phaseProperty().isNotEqualTo(PresenterViewModel
                    .Phase.PREDICTED));
            reveal.setOnAction(e -> p.reveal(false));
            reveal.setTooltip(new Tooltip("Play what the lab measures for this step at the chosen speed"));
            Button jump = new Button("Jump to result");
            jump.setId("lab-reveal-jump");
            jump.disableProperty().bind(reveal.disableProperty());
            jump.setOnAction(e -> p.reveal(true));
            jump.setTooltip(new Tooltip("Show what the lab measures for this step at once (simulated lab)"));
            Label status = new Label();
            status.setId("lab-presenter-status");
            status.setWrapText(true);
            status.getStyleClass().add("presenter-status");
            status.textProperty().bind(p.statusProperty());
            status.visibleProperty().bind(p.statusProperty().isEmpty().not());
            status.managedProperty().bind(status.visibleProperty());
            Button advance = new Button("Next step");
            advance.setId("lab-next");
            advance.setOnAction(e -> p.advance());
            TextField note = new TextField();
            note.setId("lab-note-text");
            note.setPromptText("note at the current time");
            HBox.setHgrow(note, Priority.ALWAYS);
            Button addNote = new Button("Add note");
            addNote.setId("lab-note");
            Runnable annotate = () -> {
                vm.annotate(note.getText());
                note.clear();
            };
            addNote.setOnAction(e -> annotate.run());
            note.setOnAction(e -> annotate.run());
            HBox buttons = new HBox(6, predict, reveal, jump, advance);
            // The step card: the step is its heading, then what was predicted and what the lab measured.
            getChildren().addAll(next, buttons, status, new Comparison(p),
                    new HBox(6, note, addNote));
        }
    }

    /** The prediction and the measurement side by side; what differs is marked. */
    private static final class Comparison extends GridPane {
        private final Label[][] cells = new Label[3][2];

        Comparison(PresenterViewModel p) {
            setId("lab-comparison");
            getStyleClass().add("presenter-comparison");
            setHgap(12);
            setVgap(4);
            add(new Label(""), 0, 0);
            add(header("Predicted"), 1, 0);
            add(header("Measured"), 2, 0);
            String[] rows = {"Route changes", "Outage", "Converged after"};
            for (int r = 0; r < 3; r++) {
                Label name = new Label(rows[r]);
                name.setMinWidth(Region.USE_PREF_SIZE);
                add(name, 0, r + 1);
                for (int c = 0; c < 2; c++) {
                    Label l = new Label("—");
                    l.setWrapText(true);
                    l.setId("lab-" + (c == 0 ? "predicted" : "measured") + "-" + r);
                    cells[r][c] = l;
                    add(l, c + 1, r + 1);
                }
            }
            Runnable show = () -> {
                fill(0, p.predictedProperty().get());
                fill(1, p.measuredProperty().get());
                var differs = p.predictedProperty().get() == null || p.measuredProperty().get() == null
                        ? java.util.Set.<PresenterViewModel.Field>of()
                        : PresenterViewModel.differences(p.predictedProperty().get(),
                        p.measuredProperty().get());
                for (var f : PresenterViewModel.Field.values()) {
                    Label l = cells[f.ordinal()][1];
                    l.getStyleClass().remove("differs");
                    if (differs.contains(f)) {
                        l.getStyleClass().add("differs");
                    }
                }
            };
            p.predictedProperty().addListener((o, a, b) -> show.run());
            p.measuredProperty().addListener((o, a, b) -> show.run());
            p.phaseProperty().addListener((o, a, b) -> {
                if (b == PresenterViewModel.Phase.PREDICTING) {
                    cells[0][0].setText("simulating …");
                }
            });
        }

        private static Label header(String text) {
            Label l = new Label(text);
            l.getStyleClass().add("comparison-header");
            return l;
        }

        private void fill(int column, PresenterViewModel.Outcome o) {
            if (o == null) {
                for (int r = 0; r < 3; r++) {
                    cells[r][column].setText("—");
                }
                return;
            }
            // The count and where, short enough for a slide: a router's prefix, or how many of its prefixes
            // changed; every change in full on hover.
            java.util.Map<String, java.util.List<String>> byRouter = o.routeChanges().stream()
                    .map(c -> c.substring(0, c.indexOf(": "))).distinct()
                    .collect(java.util.stream.Collectors.groupingBy(w -> w.split(" ")[0],
                            java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
            java.util.List<String> where = byRouter.entrySet().stream().map(e -> e.getValue().size() == 1
                    ? e.getValue().get(0) : e.getKey() + " ×" + e.getValue().size()).toList();
            cells[0][column].setText(o.routeChanges().size() + (where.isEmpty() ? "" : " (" + String.join(", ",
                    where.subList(0, Math.min(2, where.size()))) + (where.size() > 2 ? ", …" : "") + ")"));
            cells[0][column].setTooltip(o.routeChanges().isEmpty() ? null
                    : new Tooltip(String.join("\n", o.routeChanges())));
            cells[1][column].setText(o.outage().isZero() ? "none" : String.format(Locale.ROOT, "%.1f s",
                    o.outage().toMillis() / 1000.0));
            cells[2][column].setText(o.converged().map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0))
                    .orElse("no route change"));
        }
    }
}
