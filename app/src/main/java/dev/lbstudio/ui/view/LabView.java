package dev.lbstudio.ui.view;

import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.ui.viewmodel.LabViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Backend, scenario, Run; then the timeline of what happened and the outage per probe flow. */
public final class LabView extends BorderPane {

    public LabView(LabViewModel vm) {
        getStyleClass().add("lab");
        ToggleGroup backends = new ToggleGroup();
        RadioButton simulated = new RadioButton("Simulated (runs here, no privileges)");
        RadioButton namespace = new RadioButton("Namespace lab (FRR + BIRD in network namespaces)");
        RadioButton cluster = new RadioButton("Cluster (kubeconfig and routers)");
        simulated.setToggleGroup(backends);
        namespace.setToggleGroup(backends);
        cluster.setToggleGroup(backends);
        simulated.setSelected(true);
        namespace.setId("lab-namespace");
        // Only the simulated lab runs from the window for now; the others say where they run.
        namespace.setDisable(true);
        cluster.setDisable(true);
        Label namespaceState = new Label();
        namespaceState.textProperty().bind(vm.namespaceLabProperty());
        namespaceState.setWrapText(true);
        namespaceState.setId("lab-namespace-state");
        namespaceState.getStyleClass().add("lab-note");
        Label clusterState = new Label("From the command line for now: lbstudio push, lbstudio watch.");
        clusterState.getStyleClass().add("lab-note");

        ComboBox<Scenario> scenario = new ComboBox<>(vm.scenarios());
        scenario.valueProperty().bindBidirectional(vm.scenarioProperty());
        scenario.setButtonCell(new ScenarioCell());
        scenario.setCellFactory(l -> new ScenarioCell());
        scenario.setId("lab-scenario");
        Button run = new Button("Run");
        run.setId("lab-run");
        run.disableProperty().bind(vm.runningProperty().or(scenario.valueProperty().isNull()));
        run.setOnAction(e -> vm.runSimulated());
        FlowPane controls = new FlowPane(8, 8, new Label("Scenario"), scenario, run);
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setId("lab-summary");
        summary.getStyleClass().add("walk-outcome");
        VBox top = new VBox(6, simulated, namespace, namespaceState, cluster, clusterState, controls, summary);
        top.getStyleClass().add("panel-header");
        setTop(top);
        ListView<String> timeline = new ListView<>(vm.timeline());
        timeline.setId("lab-timeline");
        timeline.setPlaceholder(new Label("Run a scenario to see its timeline"));
        setCenter(timeline);
        vm.checkCapabilities();
    }

    private static final class ScenarioCell extends ListCell<Scenario> {
        @Override
        protected void updateItem(Scenario s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.name());
        }
    }
}
