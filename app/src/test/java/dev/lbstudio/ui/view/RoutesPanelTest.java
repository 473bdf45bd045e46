package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.routing.PathStatus;
import dev.lbstudio.ui.viewmodel.RoutesViewModel.Line;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Routes panel grouped by prefix: the FIB once, the paths beneath it told apart, nothing cut. */
class RoutesPanelTest extends PanelTestBase {

    private static final String AGGREGATE = "10.208.1.0/24";

    @Start
    void start(Stage stage) {
        show(stage);
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<Line> openSeedOnTheRoutesTab(FxRobot robot) throws Exception {
        openSeedOn(robot, "Routes");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.routes().prefixes().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#routes-table").queryAs(TreeTableView.class);
    }

    private static Line aggregate(List<Line> prefixes) {
        return prefixes.stream().filter(p -> p.prefix().equals(AGGREGATE)).findFirst().orElseThrow();
    }

    @Test
    void eachPrefixIsOneRowWithItsFibOnceAndItsPathsToldApartBeneathIt(FxRobot robot) throws Exception {
        TreeTableView<Line> table = openSeedOnTheRoutesTab(robot);
        assertThat(vm.routes().routerProperty().get()).isEqualTo(ElementId.parse("router/tor1"));
        List<Line> prefixes = vm.routes().prefixes();
        assertThat(prefixes).extracting(Line::prefix).doesNotHaveDuplicates().contains(AGGREGATE);
        Line agg = aggregate(prefixes);
        // Calico advertises the /24 from every node: equal eBGP paths from three next hops, one ECMP route.
        assertThat(agg.fib()).isEqualTo("10.0.0.11, 10.0.0.12, 10.0.0.13 (ECMP)");
        assertThat(agg.paths()).extracting(Line::fib).containsOnly("");
        assertThat(agg.paths()).extracting(Line::nextHop).contains("10.0.0.11", "10.0.0.12", "10.0.0.13");
        assertThat(agg.paths()).extracting(Line::status).contains(PathStatus.BEST, PathStatus.MULTIPATH);
        assertThat(agg.paths()).filteredOn(p -> p.status() == PathStatus.BEST).singleElement()
                .satisfies(p -> assertThat(p.mark()).isEqualTo("> best"));
        assertThat(agg.paths()).filteredOn(p -> p.status() == PathStatus.MULTIPATH)
                .allSatisfy(p -> assertThat(p.mark()).isEqualTo("= ECMP"));
        // No two paths look the same: who originated it, whom it came from, AS path and next hop tell them apart.
        assertThat(agg.paths()).extracting(p -> p.mark() + "|" + p.originatedBy() + "|" + p.from() + "|" + p.asPath()
                + "|" + p.nextHop()).doesNotHaveDuplicates();
        assertThat(agg.paths()).allSatisfy(p -> {
            assertThat(p.originatedBy()).startsWith("node-");
            assertThat(p.from()).startsWith("node-");
            assertThat(p.asPath()).isEqualTo("64513");
            assertThat(p.reason()).isEqualTo(p.reasonCode().description());
        });

        // On screen: one row per prefix, its paths hidden until opened.
        assertThat(table.getRoot().getChildren()).hasSize(prefixes.size());
        TreeItem<Line> row = table.getRoot().getChildren().stream().filter(i -> i.getValue().prefix().equals(AGGREGATE))
                .findFirst().orElseThrow();
        assertThat(row.isExpanded()).isFalse();
        robot.interact(() -> row.setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(row.getChildren()).extracting(TreeItem::getValue).containsExactlyElementsOf(agg.paths());
        assertThat(table.getExpandedItemCount()).isEqualTo(prefixes.size() + agg.paths().size());
    }

    @Test
    void columnsFitTheirTextAndEveryCellCarriesItsWholeTextAsATooltip(FxRobot robot) throws Exception {
        TreeTableView<Line> table = openSeedOnTheRoutesTab(robot);
        robot.interact(() -> table.getRoot().getChildren().forEach(i -> i.setExpanded(true)));
        WaitForAsyncUtils.waitForFxEvents();
        List<TreeTableCell<?, ?>> cells = robot.lookup("#routes-table .tree-table-cell").queryAll().stream()
                .<TreeTableCell<?, ?>>map(n -> (TreeTableCell<?, ?>) n).filter(c -> c.getText() != null && !c.getText().isEmpty()
                        && c.getTableColumn() != table.getColumns().get(0)).toList();
        assertThat(cells).extracting(c -> c.getTableColumn().getText())
                .contains("Path", "Originated by", "Learned from", "AS path", "Next hop", "Why", "FIB");
        assertThat(cells).allSatisfy(c -> {
            assertThat(c.getTooltip()).isNotNull();
            assertThat(c.getTooltip().getText()).isEqualTo(c.getText());
            Text natural = new Text(c.getText());
            natural.setFont(c.getFont());
            // Whole unless the column reached its widest (the tooltip has the rest then).
            if (c.getTableColumn().getWidth() < 420) {
                assertThat(natural.getLayoutBounds().getWidth())
                        .as("%s in %s", c.getText(), c.getTableColumn().getText())
                        .isLessThanOrEqualTo(c.getWidth() - c.getPadding().getLeft() - c.getPadding().getRight());
            }
        });
    }
}
