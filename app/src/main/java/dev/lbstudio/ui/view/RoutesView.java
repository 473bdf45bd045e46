package dev.lbstudio.ui.view;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.viewmodel.RoutesViewModel;
import dev.lbstudio.ui.viewmodel.RoutesViewModel.Row;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The predicted RIB of one router: each path, its status, and why it won or lost; what the FIB installs. */
public final class RoutesView extends BorderPane {

    public RoutesView(RoutesViewModel vm) {
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
        setCenter(table);
    }
}
