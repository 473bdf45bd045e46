package dev.lbstudio.ui.view;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.ui.live.ObservedRoutes.Change;
import dev.lbstudio.ui.viewmodel.LiveViewModel;
import dev.lbstudio.ui.viewmodel.LiveViewModel.ObservedRow;
import dev.lbstudio.ui.viewmodel.RoutesViewModel;
import dev.lbstudio.ui.viewmodel.RoutesViewModel.Line;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * The predicted RIB of one router, one row per prefix with what its FIB installs, expandable to every path: who
 * originated it, the peer it came from, AS path, next hop, its best/ECMP mark and why it won or lost. Columns take
 * the width of their longest text; every cell's tooltip holds its whole text. While a lab runs, the router's FIB as
 * the lab reports it sits below, beside the prediction, with the differences marked and each changed row flashing
 * green (next hop added) or red (withdrawn).
 */
public final class RoutesView extends BorderPane {

    /** How long a changed row flashes: long enough to catch the eye, short enough to settle before the next. */
    private static final long FLASH_NANOS = 1_500_000_000L;
    /** Room for a cell's padding and, in the first column, the disclosure arrow and indent. */
    private static final double CELL_PADDING = 24;
    private static final double TREE_INDENT = 36;
    /** A reason or FIB text may be long: past this the column stops growing and the tooltip has the rest. */
    private static final double MAX_COLUMN = 420;

    private final TreeTableView<Line> table = new TreeTableView<>();
    /** The prefixes on screen and the font their columns were last fitted with. */
    private List<Line> shown = List.of();
    private Font fittedWith;

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
        table.setId("routes-table");
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        // The panel is narrow: what the prefix gets (its FIB) and where each path goes come first, on screen
        // without scrolling; where a path came from and why it won or lost follow.
        table.getColumns().add(column("Prefix", Line::prefix));
        table.getColumns().add(column("Path", Line::mark));
        table.getColumns().add(column("FIB", Line::fib));
        table.getColumns().add(column("Next hop", Line::nextHop));
        table.getColumns().add(column("Learned from", Line::from));
        table.getColumns().add(column("Originated by", Line::originatedBy));
        table.getColumns().add(column("AS path", Line::asPath));
        table.getColumns().add(column("Why", Line::reason));
        table.setRowFactory(t -> new PathRow());
        table.setPlaceholder(new Label("No BGP routes on this router"));
        vm.prefixes().addListener((ListChangeListener<Line>) c -> show(vm.prefixes()));
        show(vm.prefixes());
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox observed = observed(live);
        setCenter(new VBox(8, table, observed));
    }

    /** Rebuilds the tree, keeping open the prefixes the user had open, and sizes the columns to what they show. */
    private void show(List<Line> prefixes) {
        Set<String> open = new HashSet<>();
        table.getRoot().getChildren().forEach(i -> {
            if (i.isExpanded()) {
                open.add(i.getValue().prefix());
            }
        });
        List<TreeItem<Line>> items = new ArrayList<>();
        for (Line p : prefixes) {
            TreeItem<Line> item = new TreeItem<>(p);
            p.paths().forEach(path -> item.getChildren().add(new TreeItem<>(path)));
            item.setExpanded(open.contains(p.prefix()));
            items.add(item);
        }
        table.getRoot().getChildren().setAll(items);
        shown = prefixes;
        fitColumns(fittedWith != null ? fittedWith : Font.getDefault());
    }

    /**
     * A cell took its style: the rows' font (larger in presenter mode) is known only then, and when it is not the
     * one the columns were fitted with they are fitted again with it. Cells say so themselves, so nothing polls.
     */
    private void cellFont(Font font) {
        // Family and size only: prefix rows are bold, paths regular, and the fit measures in bold either way.
        if (fittedWith == null || !font.getFamily().equals(fittedWith.getFamily()) || font.getSize() != fittedWith.getSize()) {
            fitColumns(font);
        }
    }

    @SuppressWarnings("unchecked")
    private void fitColumns(Font cell) {
        fittedWith = cell;
        List<Line> prefixes = shown;
        Text probe = new Text();
        // Measured in bold, as prefix rows are drawn: an upper bound for the paths' regular text.
        probe.setFont(Font.font(cell.getFamily(), FontWeight.BOLD, cell.getSize()));
        for (TreeTableColumn<Line, ?> c : table.getColumns()) {
            Function<Line, String> value = (Function<Line, String>) c.getUserData();
            probe.setText(c.getText());
            double widest = probe.getLayoutBounds().getWidth();
            for (Line p : prefixes) {
                for (Line l : concat(p)) {
                    probe.setText(value.apply(l));
                    widest = Math.max(widest, probe.getLayoutBounds().getWidth());
                }
            }
            double indent = c == table.getColumns().get(0) ? TREE_INDENT : 0;
            c.setPrefWidth(Math.min(MAX_COLUMN, Math.ceil(widest + CELL_PADDING + indent)));
        }
    }

    private static List<Line> concat(Line prefix) {
        List<Line> all = new ArrayList<>(List.of(prefix));
        all.addAll(prefix.paths());
        return all;
    }

    /** A text column whose cells carry their whole text as a tooltip (long reasons, ECMP lists). */
    private TreeTableColumn<Line, String> column(String title, Function<Line, String> value) {
        TreeTableColumn<Line, String> c = new TreeTableColumn<>(title);
        c.setUserData(value);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().getValue() == null ? ""
                : value.apply(d.getValue().getValue())));
        c.setCellFactory(col -> new TreeTableCell<>() {
            {
                fontProperty().addListener((o, was, now) -> cellFont(now));
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        return c;
    }

    /** Prefix rows stand out from their paths; a path's status gives it a class (best, ECMP, lost, rejected). */
    private static final class PathRow extends TreeTableRow<Line> {
        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("route-prefix", "route-path", "route-best", "route-multipath", "route-candidate",
                    "route-backup", "route-rejected");
            if (empty || line == null) {
                return;
            }
            getStyleClass().add(line.isPrefix() ? "route-prefix" : "route-path");
            if (!line.isPrefix()) {
                getStyleClass().add("route-" + line.status().name().toLowerCase(Locale.ROOT));
            }
        }
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
