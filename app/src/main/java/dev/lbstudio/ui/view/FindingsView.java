package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.FindingsViewModel;
import dev.lbstudio.validate.Finding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Findings, worst first: severity, rule, the whole message (wrapped, never cut), how to fix it with a "Fix" button
 * where the engine has an edit for it, and the upstream source the rule follows as a link. Click a finding to
 * select its elements.
 */
public final class FindingsView extends BorderPane {

    /** The list's padding and scroll bar: what a cell's text may not use of the list's width. */
    private static final double CELL_INSETS = 34;

    public FindingsView(FindingsViewModel vm) {
        getStyleClass().add("findings");
        Label summary = new Label();
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add("panel-title");
        summary.setId("findings-summary");
        setTop(summary);
        ListView<Finding> list = new ListView<>(vm.findings());
        list.setId("findings-list");
        list.setCellFactory(v -> new FindingCell(vm, v));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                vm.select(f);
            }
        });
        setCenter(list);
    }

    private static final class FindingCell extends ListCell<Finding> {
        private final FindingsViewModel vm;
        private final ListView<Finding> list;

        FindingCell(FindingsViewModel vm, ListView<Finding> list) {
            this.vm = vm;
            this.list = list;
        }

        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
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
            f.fix().editIfAny().ifPresent(edit -> {
                Button fix = new Button("Fix");
                fix.getStyleClass().add("fix-button");
                fix.setTooltip(new Tooltip(f.fix().text() + "\n" + edit.describe()));
                fix.setOnAction(e -> vm.fix(f));
                head.getChildren().add(fix);
            });
            Label message = wrapped(f.message(), "finding-message");
            Label fixText = wrapped("Fix: " + f.fix().text() + f.fix().editIfAny().map(e -> " (" + e.describe() + ")")
                    .orElse(""), "finding-fix");
            Hyperlink source = new Hyperlink(FindingsViewModel.sourceLabel(f.rule().source()));
            source.getStyleClass().add("finding-source");
            source.setTooltip(new Tooltip(f.rule().source()));
            source.setOnAction(e -> vm.openSource(f));
            Button copy = new Button("Copy link");
            copy.getStyleClass().add("finding-copy-source");
            copy.setOnAction(e -> vm.copySource(f));
            HBox sourceRow = new HBox(6, new Label("Source:"), source, copy);
            sourceRow.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(4, head, message, fixText, sourceRow);
            // A wrapped label needs a width to wrap at: the list's, not the one line it would like.
            box.prefWidthProperty().bind(list.widthProperty().subtract(CELL_INSETS));
            box.setMinWidth(0);
            setGraphic(box);
            setText(null);
            setTooltip(new Tooltip(f.rule().why()));
        }

        private static Label wrapped(String text, String style) {
            Label l = new Label(text);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add(style);
            return l;
        }
    }
}
