package dev.lbstudio.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Network;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.edit.TopologyEdits;
import dev.lbstudio.ui.viewmodel.FindingsViewModel;
import dev.lbstudio.validate.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The findings panel read from across the room: whole messages, the fix, the upstream source, and one-click fixes. */
class FindingsPanelTest extends PanelTestBase {

    private static final String MISSING = "TOR_NEIGHBORS_MISSING_NODE";
    private static final IpAddr NODE3 = IpAddr.parse("10.0.0.13");

    @Start
    void start(Stage stage) {
        show(stage);
    }

    private void openSeedOnTheFindingsTab(FxRobot robot) throws Exception {
        openSeedOn(robot, "Findings");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rules().contains("SPEAKER_UNUSED"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> rules() {
        return vm.findings().findings().stream().map(Finding::ruleId).toList();
    }

    /** The finding's cell content: the box under the severity/rule row. */
    private static javafx.scene.layout.VBox cell(FxRobot robot, String rule) {
        return (javafx.scene.layout.VBox) robot.lookup(".finding-rule").match((Label l) -> l.getText().equals(rule))
                .queryAs(Label.class).getParent().getParent();
    }

    private static boolean coversNode3(Topology t) {
        return t.router("tor1").orElseThrow().bgp().neighbors().stream().anyMatch(n -> n.covers(NODE3));
    }

    /** The seed with tor1's neighbour for node-3 deleted: Calico's global peer still makes node-3 peer with it. */
    private static Topology withoutNode3Neighbour(Topology t) {
        Router tor = t.router("tor1").orElseThrow();
        RouterBgp b = tor.bgp();
        List<BgpNeighbor> kept = b.neighbors().stream().filter(n -> !n.covers(NODE3)).toList();
        Router changed = tor.withBgp(new RouterBgp(b.asn(), b.routerId(), b.keepalive(), b.hold(), b.connectRetry(),
                b.maximumPaths(), b.maximumPathsIbgp(), b.multipathRelax(), b.ebgpRequiresPolicy(), b.passive(),
                b.ebgpMultihop(), b.bfd(), b.gracefulRestartHelper(), b.listenPort(), kept));
        Network n = new Network(List.of(changed), t.network().segments(), t.network().clients());
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), n, t.cluster(), t.calico(), t.metallb(),
                t.workloads(), t.validation(), t.layout());
    }

    @Test
    void theMissingNeighbourFixAddsWhatOneConnectDragAddsInOneUndoStep(FxRobot robot) throws Exception {
        openSeedOnTheFindingsTab(robot);
        robot.interact(() -> vm.document().apply("delete tor1's neighbour for node-3",
                withoutNode3Neighbour(vm.document().design())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rules().contains(MISSING));
        WaitForAsyncUtils.waitForFxEvents();
        Topology broken = vm.document().design();

        Button fix = (Button) cell(robot, MISSING).getChildren().get(0).lookup(".fix-button");
        assertThat(fix).as("a Fix for the missing neighbour").isNotNull();
        robot.interact(fix::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !rules().contains(MISSING));
        assertThat(vm.document().undoTextProperty().get()).isEqualTo("Fix " + MISSING
                + ": set bgp.neighbors: + 10.0.0.13 remote-as 64513 (node-3) on router/tor1");
        // The same router as connecting node-3 to tor1 on the canvas makes.
        assertThat(vm.document().design().network()).isEqualTo(TopologyEdits.connect(broken,
                ElementId.parse("node/node-3"), ElementId.parse("router/tor1")).topology().network());

        robot.interact(() -> vm.document().undo());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rules().contains(MISSING));
        assertThat(coversNode3(vm.document().design())).isFalse();
    }

    @Test
    void findingsWrapAndLinkTheUpstreamSourceTheirRuleFollows(FxRobot robot) throws Exception {
        openSeedOnTheFindingsTab(robot);
        List<String> opened = new ArrayList<>();
        robot.interact(() -> vm.findings().setBrowser(opened::add));
        Finding longest = vm.findings().findings().stream()
                .max(java.util.Comparator.comparingInt(f -> f.message().length())).orElseThrow();
        javafx.scene.layout.VBox box = cell(robot, longest.ruleId());
        Label message = (Label) box.lookup(".finding-message");
        assertThat(message.getText()).isEqualTo(longest.message());
        Text natural = new Text(longest.message());
        natural.setFont(message.getFont());
        // Longer than the panel is wide, so it takes several lines instead of ending in "…".
        assertThat(natural.getLayoutBounds().getWidth()).isGreaterThan(message.getWidth());
        assertThat(message.getHeight()).isGreaterThan(1.8 * natural.getLayoutBounds().getHeight());
        assertThat(((Label) box.lookup(".finding-fix")).getText()).startsWith("Fix: " + longest.fix().text());

        Hyperlink source = (Hyperlink) box.lookup(".finding-source");
        assertThat(source.getText()).isEqualTo(FindingsViewModel.sourceLabel(longest.rule().source()));
        assertThat(source.getTooltip().getText()).isEqualTo(longest.rule().source());
        robot.interact(source::fire);
        assertThat(opened).containsExactly(longest.rule().source());

        Button copy = (Button) box.lookup(".finding-copy-source");
        robot.interact(copy::fire);
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertThat(clip[0]).isEqualTo(longest.rule().source());
    }

    @Test
    void aSourceShowsItsRepositoryTagAndFileOrItsPage() {
        assertThat(FindingsViewModel.sourceLabel("https://github.com/projectcalico/calico/blob/v3.32.1/node/filesystem/"
                + "etc/calico/confd/templates/bird.cfg.template")).isEqualTo("projectcalico/calico v3.32.1: bird.cfg.template");
        assertThat(FindingsViewModel.sourceLabel("https://docs.frrouting.org/en/latest/bgp.html"))
                .isEqualTo("docs.frrouting.org/en/latest/bgp.html");
    }
}
