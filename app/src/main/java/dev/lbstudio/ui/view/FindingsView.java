package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.FindingsViewModel;
import dev.lbstudio.validate.Finding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Findings, worst first: severity, rule, message; click to select the elements, "Fix" to apply the rule's edit. */
public final class FindingsView extends BorderPane {

    public FindingsView(FindingsViewModel vm) {
        getStyleClass().add("findings");
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("panel-title");
        summary.setId("findings-summary");
        setTop(summary);
        ListView<Finding> list = new ListView<>(vm.findings());
        list.setId("findings-list");
        list.setCellFactory(v -> new FindingCell(vm));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                vm.select(f);
            }
        });
        setCenter(list);
    }

    private static final class FindingCell extends ListCell<Finding> {
        private final FindingsViewModel vm;

        FindingCell(FindingsViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label severity = new Label(f.severity().word().toUpperCase());
            severity.getStyleClass().addAll("severity", "severity-" + f.severity().word());
            Label rule = new Label(f.ruleId());
            rule.getStyleClass().add("finding-rule");
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox head = new HBox(8, severity, rule, grow);
            head.setAlignment(Pos.CENTER_LEFT);
            if (f.fix().editIfAny().isPresent()) {
                Button fix = new Button("Fix");
                fix.getStyleClass().add("fix-button");
                fix.setTooltip(new Tooltip(f.fix().text() + "\n" + f.fix().edit().describe()));
                fix.setOnAction(e -> vm.fix(f));
                head.getChildren().add(fix);
            }
            Label message = new Label(f.message());
            message.setWrapText(true);
            message.getStyleClass().add("finding-message");
            VBox box = new VBox(4, head, message);
            box.setPrefWidth(1);
            setGraphic(box);
            setText(null);
            setTooltip(new Tooltip(f.rule().why() + "\nFix: " + f.fix().text()));
        }
    }
}
