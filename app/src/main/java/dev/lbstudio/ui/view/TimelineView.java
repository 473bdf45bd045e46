package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.LabViewModel;
import dev.lbstudio.ui.viewmodel.RunExport;
import dev.lbstudio.ui.viewmodel.Timeline;
import dev.lbstudio.ui.viewmodel.TimelineRow;
import java.io.File;
import java.time.Duration;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The lab timeline: a table of every event (time, kind, router or flow, what, reason) with a toggle per kind;
 * a scrub slider over lab time — the rows up to the cursor are highlighted, later ones dimmed, and clicking a
 * row moves the cursor there; Replay, and export as CSV or JSON through a file chooser.
 */
final class TimelineView extends BorderPane {

    private static final PseudoClass LATER = PseudoClass.getPseudoClass("later");

    TimelineView(LabViewModel vm) {
        Timeline timeline = vm.timeline();
        getStyleClass().add("lab-timeline");
        FlowPane kinds = new FlowPane(4, 4);
        for (TimelineRow.Kind kind : TimelineRow.Kind.values()) {
            ToggleButton t = new ToggleButton(kind.label());
            t.setId("lab-kind-" + kind.label());
            t.getStyleClass().add("kind-toggle");
            t.setSelected(timeline.shown().contains(kind));
            t.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    timeline.shown().add(kind);
                } else {
                    timeline.shown().remove(kind);
                }
            });
            kinds.getChildren().add(t);
        }
        Button replay = new Button("Replay");
        replay.setId("lab-replay");
        replay.setTooltip(new Tooltip("Play the recorded run again at its pace (the canvas animates again)"));
        replay.disableProperty().bind(vm.stateProperty().isEqualTo(LabViewModel.State.FAILING_OVER));
        replay.textProperty().bind(javafx.beans.binding.Bindings.when(vm.replayingProperty()).then("Stop replay")
                .otherwise("Replay"));
        replay.setOnAction(e -> {
            if (vm.replayingProperty().get()) {
                vm.cancelReplay();
            } else {
                vm.replay();
            }
        });
        Button csv = new Button("CSV…");
        csv.setTooltip(new Tooltip("Export the timeline as CSV"));
        csv.setOnAction(e -> export(vm, RunExport.Format.CSV));
        Button json = new Button("JSON…");
        json.setTooltip(new Tooltip("Export the timeline, outages and convergence as JSON"));
        json.setOnAction(e -> export(vm, RunExport.Format.JSON));
        HBox actions = new HBox(6, new Label("Show"), kinds);
        actions.getStyleClass().add("timeline-actions");
        HBox.setHgrow(kinds, Priority.ALWAYS);

        Slider scrub = new Slider(0, 1, 0);
        scrub.setId("lab-scrub");
        HBox.setHgrow(scrub, Priority.ALWAYS);
        timeline.endProperty().addListener((o, a, end) -> scrub.setMax(Math.max(1e-3, end.toNanos() / 1e9)));
        Label at = new Label("live");
        at.setId("lab-cursor");
        at.setMinWidth(64);
        boolean[] fromCursor = {false};
        scrub.valueProperty().addListener((o, a, v) -> {
            if (!fromCursor[0] && (scrub.isValueChanging() || scrub.isPressed() || scrub.isFocused())) {
                timeline.cursorProperty().set(Duration.ofNanos((long) (v.doubleValue() * 1e9)));
            }
        });
        Button live = new Button("Live");
        live.setTooltip(new Tooltip("Follow the run again"));
        live.setOnAction(e -> timeline.cursorProperty().set(null));
        live.disableProperty().bind(timeline.cursorProperty().isNull());
        Label scrubWord = new Label("Scrub");
        HBox scrubRow = new HBox(6, scrubWord, scrub, at, live, replay, csv, json);
        // Exports are for the desk; on the projector's narrow column the slider keeps its room.
        for (javafx.scene.Node desk : new javafx.scene.Node[] {scrubWord, csv, json}) {
            desk.visibleProperty().bind(vm.presenter().activeProperty().not());
            desk.managedProperty().bind(desk.visibleProperty());
        }
        scrubRow.getStyleClass().add("timeline-scrub");

        TableView<TimelineRow> table = new TableView<>(timeline.visible());
        table.setId("lab-timeline");
        table.setPlaceholder(new Label("Start the lab and run a scenario, or apply a step, to see its events"));
        table.getColumns().add(column("s", r -> TimelineRow.seconds(r.at()), 84));
        table.getColumns().add(column("Kind", r -> r.kind().label(), 84));
        table.getColumns().add(column("Router / flow", TimelineRow::subject, 150));
        table.getColumns().add(column("What", TimelineRow::what, 260));
        table.getColumns().add(column("Reason", TimelineRow::reason, 260));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TimelineRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(c -> c.startsWith("kind-"));
                Duration cursor = timeline.cursorProperty().get();
                pseudoClassStateChanged(LATER, !empty && row != null && cursor != null && row.at().compareTo(cursor) > 0);
                if (!empty && row != null) {
                    getStyleClass().add("kind-" + row.kind().label());
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                timeline.cursorProperty().set(row.at());
            }
        });
        timeline.cursorProperty().addListener((o, a, cursor) -> {
            fromCursor[0] = true;
            if (cursor != null) {
                scrub.setValue(cursor.toNanos() / 1e9);
            }
            fromCursor[0] = false;
            at.setText(cursor == null ? "live" : TimelineRow.seconds(cursor) + " s");
            table.refresh();
        });
        // Follow the run while nobody scrubs; after the table itself has taken the new rows.
        boolean[] followQueued = {false};
        timeline.visible().addListener((ListChangeListener<TimelineRow>) c -> {
            if (timeline.cursorProperty().get() == null && !followQueued[0]) {
                followQueued[0] = true;
                javafx.application.Platform.runLater(() -> {
                    followQueued[0] = false;
                    if (!timeline.visible().isEmpty()) {
                        table.scrollTo(timeline.visible().size() - 1);
                    }
                });
            }
        });
        // The kind filters are for studying a run at the desk; the projector shows every kind.
        actions.visibleProperty().bind(vm.presenter().activeProperty().not());
        actions.managedProperty().bind(actions.visibleProperty());
        setTop(new VBox(4, actions, scrubRow));
        setCenter(table);
    }

    private static TableColumn<TimelineRow, String> column(String title, Function<TimelineRow, String> value,
                                                           double width) {
        TableColumn<TimelineRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void export(LabViewModel vm, RunExport.Format format) {
        String kind = format.name();
        String extension = "." + kind.toLowerCase(java.util.Locale.ROOT);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the timeline as " + kind);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*" + extension));
        chooser.setInitialFileName(vm.design().name() + "-timeline" + extension);
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            vm.export(chosen.toPath(), format);
        }
    }
}
