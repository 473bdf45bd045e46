package dev.lbstudio.ui.view;

import dev.lbstudio.model.Service;
import dev.lbstudio.ui.viewmodel.PacketWalkViewModel;
import dev.lbstudio.ui.viewmodel.PacketWalkViewModel.HopRow;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Pick a client, a service and a policy; see every hop with the source address on leaving it, in the table
 * and animated on the canvas ("Show on canvas" replays it, "Clear" removes it).
 */
public final class PacketWalkView extends BorderPane {

    public PacketWalkView(PacketWalkViewModel vm) {
        getStyleClass().add("packet-walk");
        ComboBox<String> client = new ComboBox<>(vm.clients());
        client.valueProperty().bindBidirectional(vm.clientProperty());
        client.setId("walk-client");
        ComboBox<String> service = new ComboBox<>(vm.services());
        service.valueProperty().bindBidirectional(vm.serviceProperty());
        service.setId("walk-service");
        ToggleGroup policies = new ToggleGroup();
        ToggleButton local = new ToggleButton("Local");
        ToggleButton cluster = new ToggleButton("Cluster");
        local.setId("walk-local");
        cluster.setId("walk-cluster");
        local.setToggleGroup(policies);
        cluster.setToggleGroup(policies);
        local.setOnAction(e -> vm.policyProperty().set(Service.TrafficPolicy.LOCAL));
        cluster.setOnAction(e -> vm.policyProperty().set(Service.TrafficPolicy.CLUSTER));
        vm.policyProperty().addListener((o, a, p) -> policies.selectToggle(p == Service.TrafficPolicy.LOCAL ? local
                : p == Service.TrafficPolicy.CLUSTER ? cluster : null));
        Button show = new Button("Show on canvas");
        show.setId("walk-show");
        show.setOnAction(e -> {
            vm.onCanvasProperty().set(false);
            vm.onCanvasProperty().set(true);
        });
        Button clear = new Button("Clear");
        clear.setId("walk-clear");
        clear.setOnAction(e -> vm.onCanvasProperty().set(false));
        clear.disableProperty().bind(vm.onCanvasProperty().not());
        FlowPane pickers = new FlowPane(8, 8, new Label("From"), client, new Label("to"), service,
                new Label("externalTrafficPolicy"), local, cluster, show, clear);
        pickers.getStyleClass().add("panel-header");
        Label outcome = new Label();
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.setWrapText(true);
        outcome.getStyleClass().add("walk-outcome");
        outcome.setId("walk-outcome");
        setTop(new VBox(8, pickers, outcome));
        TableView<HopRow> hops = new TableView<>(vm.hops());
        hops.setId("walk-hops");
        hops.getColumns().add(Tables.column("Hop", HopRow::at, 130));
        hops.getColumns().add(Tables.column("What happens", HopRow::action, 260));
        hops.getColumns().add(Tables.column("Source", HopRow::source, 110));
        hops.getColumns().add(Tables.column("Destination", HopRow::destination, 130));
        setCenter(hops);
    }
}
