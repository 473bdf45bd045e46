package dev.lbstudio.ui.view;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.live.ObservedRoutes.Change;
import dev.lbstudio.ui.viewmodel.LiveViewModel;
import dev.lbstudio.ui.viewmodel.LiveViewModel.ObservedRow;
import dev.lbstudio.ui.viewmodel.RoutesViewModel;
import dev.lbstudio.ui.viewmodel.RoutesViewModel.Row;
import javafx.animation.PauseTransition;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The predicted RIB of one router: each path, its status, and why it won or lost; what the FIB installs.
 * While a lab runs, the router's FIB as the lab reports it sits below, beside the prediction, with the
 * differences marked and each changed row flashing green (next hop added) or red (withdrawn).
 */
public final class RoutesView extends BorderPane {

    /** How long a changed row flashes: long enough to catch the eye, short enough to settle before the next. */
    private static final long FLASH_NANOS = 1_500_000_000L;

    public RoutesView(RoutesViewModel vm, LiveViewModel live) {
        getStyleClass().add("routes");
        ComboBox<ElementId> router = new ComboBox<>(vm.routers());
        router.valueProperty().bindBidirectional(vm.routerProperty());
        router.setId("routes-router");
        Label title = new Label("Predicted routes on");
        title.getStyleClass().add("panel-title");
        HBox top = new HBox(8, title, router);
        top.getStyleClass().add("panel-header");
        setTop(top);
        TableView<Row> table = new TableView<>(vm.rows());
        table.setId("routes-table");
        // Why a path won or lost is the point of the panel: it comes right after the path itself.
        table.getColumns().add(Tables.column("Prefix", Row::prefix, 118));
        table.getColumns().add(Tables.column("Status", Row::status, 80));
        table.getColumns().add(Tables.column("Next hop", Row::nextHop, 85));
        table.getColumns().add(Tables.column("Why", Row::reason, 300));
        table.getColumns().add(Tables.column("FIB", Row::installed, 220));
        table.getColumns().add(Tables.column("From", Row::from, 110));
        table.getColumns().add(Tables.column("AS path", Row::asPath, 70));
        table.setPlaceholder(new Label("No BGP routes on this router"));
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox observed = observed(live);
        setCenter(new VBox(8, table, observed));
    }

    private static VBox observed(LiveViewModel live) {
        Label title = new Label("Lab: observed FIB beside the prediction");
        title.getStyleClass().add("panel-title");
        TableView<ObservedRow> table = new TableView<>(live.observedRows());
        table.setId("routes-observed");
        // The difference first: the panel is narrow and that is what the audience looks for.
        table.getColumns().add(Tables.column("Prefix", ObservedRow::prefix, 105));
        table.getColumns().add(Tables.column("Difference", ObservedRow::note, 175));
        table.getColumns().add(Tables.column("Observed", ObservedRow::observed, 150));
        table.getColumns().add(Tables.column("Predicted", ObservedRow::predicted, 190));
        table.setRowFactory(t -> new ObservedRowCell());
        table.setPlaceholder(new Label("The lab reports no BGP routes on this router"));
        table.setPrefHeight(190);
        Label changedOn = new Label();
        changedOn.setId("routes-changed-on");
        changedOn.textProperty().bind(live.changedOnProperty());
        changedOn.setWrapText(true);
        VBox box = new VBox(4, title, changedOn, table);
        box.visibleProperty().bind(live.labActiveProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** Marks a row by its difference and flashes it briefly when the lab has just changed it. */
    private static final class ObservedRowCell extends TableRow<ObservedRow> {
        private final PauseTransition settle = new PauseTransition();

        ObservedRowCell() {
            settle.setOnFinished(e -> getStyleClass().removeAll("flash-added", "flash-withdrawn"));
        }

        @Override
        protected void updateItem(ObservedRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("diff-same", "diff-missing", "diff-extra", "diff-different", "flash-added",
                    "flash-withdrawn");
            settle.stop();
            if (empty || row == null) {
                return;
            }
            getStyleClass().add("diff-" + row.difference().name().toLowerCase());
            long left = row.changedNanos() + FLASH_NANOS - System.nanoTime();
            if (row.change() != null && left > 0) {
                getStyleClass().add(row.change() == Change.ADDED ? "flash-added" : "flash-withdrawn");
                settle.setDuration(Duration.millis(left / 1e6));
                settle.playFromStart();
            }
        }
    }
}
