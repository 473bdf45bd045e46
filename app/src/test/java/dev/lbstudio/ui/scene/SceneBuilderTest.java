package dev.lbstudio.ui.scene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.Topology;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.edit.TopologyEdits;
import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.EdgeKind;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class SceneBuilderTest {

    private static Topology sample(String name) throws Exception {
        return TopologyReader.read(RepoPaths.sample(name));
    }

    private static List<String> ids(DesignScene scene) {
        return scene.boxes().stream().map(b -> b.id().toString()).toList();
    }

    @Test
    void theSeedShowsEveryRouterSegmentNodeClientPodServiceAndPool() throws Exception {
        DesignScene scene = SceneBuilder.build(sample("seed-calico-metallb.yaml"));

        assertThat(ids(scene)).containsExactlyInAnyOrder("router/tor1", "segment/rack1", "segment/client-lan",
                "client/client1", "node/node-1", "node/node-2", "node/node-3", "pod/demo/web-server-5d8f7c9b6-x2k4p",
                "service/demo/web-server", "address-pool/lb-pool-10-208-1");
        assertThat(scene.edges()).filteredOn(e -> e.kind() == EdgeKind.BGP).extracting(SceneBuilderTest::ends)
                .containsExactlyInAnyOrder("router/tor1-node/node-1", "router/tor1-node/node-2", "router/tor1-node/node-3");
        assertThat(scene.edges()).anyMatch(e -> e.kind() == EdgeKind.ALLOCATION
                && e.to().toString().equals("address-pool/lb-pool-10-208-1"));
    }

    /** incremental layout: an edit keeps every element where it was drawn; only a new one is placed, in free room. */
    @Test
    void addingOrRemovingAnElementKeepsEverythingElseWhereItWasDrawn() throws Exception {
        Topology seed = sample("seed-calico-metallb.yaml");
        DesignScene opened = SceneBuilder.build(seed);
        // A node added without a position of its own (as an import or a script would add it).
        Topology added = TopologyEdits.add(seed, Addable.NODE, new Layout.Position(0, 0),
                Optional.of(ElementId.parse("segment/rack1"))).topology();
        Topology unplaced = dev.lbstudio.ui.edit.RecordPath.of("layout").set(added, Layout.empty());
        DesignScene grown = SceneBuilder.build(unplaced, opened);

        for (Box b : opened.boxes()) {
            Box now = grown.box(b.id()).orElseThrow();
            assertThat(List.of(now.x(), now.y())).as(b.id() + " stays").containsExactly(b.x(), b.y());
        }
        Box node = grown.boxes().stream().filter(b -> opened.box(b.id()).isEmpty()).findFirst().orElseThrow();
        assertThat(opened.boxes()).as("the new node overlaps nothing").noneMatch(b ->
                Math.abs(b.x() - node.x()) < (b.width() + node.width()) / 2
                        && Math.abs(b.y() - node.y()) < (b.height() + node.height()) / 2);
        DesignScene fresh = SceneBuilder.build(unplaced);
        assertThat(opened.boxes()).as("a fresh layout would have moved some of them").anyMatch(b ->
                fresh.box(b.id()).orElseThrow().x() != b.x() || fresh.box(b.id()).orElseThrow().y() != b.y());

        DesignScene shrunk = SceneBuilder.build(TopologyEdits.delete(seed, List.of(ElementId.parse("node/node-3")))
                .topology(), opened);
        for (Box b : shrunk.boxes()) {
            Box was = opened.box(b.id()).orElseThrow();
            assertThat(List.of(b.x(), b.y())).as(b.id() + " stays").containsExactly(was.x(), was.y());
        }
    }

    @Test
    void aNodeTheRouterDoesNotListHasAOneSidedSession() throws Exception {
        Topology seed = sample("seed-calico-metallb.yaml");
        Topology withNode = TopologyEdits.add(seed, Addable.NODE, new Layout.Position(0, 0), Optional.empty())
                .topology();

        assertThat(SceneBuilder.build(withNode).edges()).filteredOn(e -> ends(e).equals("router/tor1-node/node-4"))
                .singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(EdgeKind.BGP_ONE_SIDED);
                    assertThat(e.label()).contains("tor1 has no matching neighbor for 10.0.0.14");
                });
    }

    @Test
    void selectorPeersAndListenRangesGiveSessionsPerRack() throws Exception {
        DesignScene scene = SceneBuilder.build(sample("two-racks.yaml"));

        assertThat(scene.edges()).filteredOn(e -> e.kind() == EdgeKind.BGP)
                .extracting(SceneBuilderTest::ends).contains("router/spine1-router/tor1", "router/spine1-router/tor2")
                .contains("router/tor1-node/r1-node-1", "router/tor2-node/r2-node-1")
                .doesNotContain("router/tor1-node/r2-node-1", "router/tor2-node/r1-node-1");
    }

    @Test
    void savedPositionsWinOverTheAutomaticLayout() throws Exception {
        Topology seed = sample("seed-calico-metallb.yaml");
        ElementId node1 = ElementId.parse("node/node-1");
        Topology placed = TopologyEdits.place(seed, Map.of(node1, new Layout.Position(-500, 77)));

        Box box = SceneBuilder.build(placed).box(node1).orElseThrow();
        assertThat(box.x()).isEqualTo(-500);
        assertThat(box.y()).isEqualTo(77);
    }

    @Test
    void theLayeredLayoutPutsRoutersAboveRacksAboveNodesWithoutOverlaps() throws Exception {
        for (Topology t : List.of(sample("seed-calico-metallb.yaml"), sample("two-racks.yaml"),
                SyntheticDesign.generate(6, 25, 5, 50, 7))) {
            DesignScene scene = SceneBuilder.build(t);
            Map<ElementId, Box> at = scene.byId();
            t.cluster().nodes().forEach(n -> assertThat(at.get(n.id()).y())
                    .isGreaterThan(at.get(ElementId.parse("segment/" + n.segment())).y()));
            t.network().routers().forEach(r -> r.interfaces().forEach(i -> {
                if (t.cluster().nodes().stream().anyMatch(n -> n.segment().equals(i.segment()))) {
                    assertThat(at.get(r.id()).y()).isLessThan(at.get(ElementId.parse("segment/" + i.segment())).y());
                }
            }));
            List<Box> boxes = scene.boxes();
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(overlap(boxes.get(i), boxes.get(j))).as(boxes.get(i).id() + " vs " + boxes.get(j).id())
                            .isFalse();
                }
            }
        }
    }

    @Test
    void theForceLayoutPlacesEveryElementAndRepeatsExactly() throws Exception {
        DesignScene scene = SceneBuilder.build(sample("two-racks.yaml"));
        var first = ForceLayout.compute(scene);
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(scene.byId().keySet());
        assertThat(ForceLayout.compute(scene)).isEqualTo(first);
    }

    /** "a-b" with the ends in id order, whichever way the engine lists the session. */
    private static String ends(DesignScene.Edge e) {
        return e.from().compareTo(e.to()) < 0 ? e.from() + "-" + e.to() : e.to() + "-" + e.from();
    }

    private static boolean overlap(Box a, Box b) {
        return Math.abs(a.x() - b.x()) < (a.width() + b.width()) / 2 && Math.abs(a.y() - b.y()) < (a.height() + b.height()) / 2;
    }

    @Test
    void theSvgIsWellFormedAndDrawsEveryElementAndEdge() throws Exception {
        DesignScene scene = SceneBuilder.build(sample("seed-calico-metallb.yaml"));
        String svg = SvgWriter.write(scene, "seed <&> \"quotes\"");

        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(scene.boxes().size() + 1);
        assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(scene.edges().size());
        assertThat(svg).contains("tor1", "10.0.0.0/24", "seed &lt;&amp;&gt; &quot;quotes&quot;")
                .doesNotContain("<script");
    }
}
