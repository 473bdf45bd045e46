package dev.lbstudio.ui.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.edit.TopologyEdits.Change;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopologyEditsTest {

    private static final ElementId RACK1 = ElementId.of(ElementKind.SEGMENT, "rack1");
    private static final ElementId TOR1 = ElementId.of(ElementKind.ROUTER, "tor1");
    private Topology seed;

    @BeforeEach
    void load() throws Exception {
        seed = TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    /** Every edit must leave a design the file format loads again, unchanged. */
    private static Topology roundTrip(Topology t) throws Exception {
        Topology back = TopologyReader.parse("edited.yaml", TopologyWriter.toYaml(t));
        assertThat(back).isEqualTo(t);
        return back;
    }

    @Test
    void aNodeDroppedOnARackJoinsItWithTheNextFreeAddressAndItsPosition() throws Exception {
        Change added = TopologyEdits.add(seed, Addable.NODE, new Layout.Position(300, 400), Optional.of(RACK1));

        var node = added.topology().node("node-4").orElseThrow();
        assertThat(node.segment()).isEqualTo("rack1");
        assertThat(node.address()).isEqualTo(IpAddr.parse("10.0.0.14"));
        assertThat(added.created()).contains(node.id());
        assertThat(added.topology().layout().positions()).containsEntry("node/node-4", new Layout.Position(300, 400));
        roundTrip(added.topology());
    }

    @Test
    void everyPaletteKindAddsSomethingThatSavesAndLoads() throws Exception {
        Topology t = seed;
        for (Addable kind : Addable.values()) {
            t = TopologyEdits.add(t, kind, new Layout.Position(0, 0), Optional.empty()).topology();
        }
        Topology back = roundTrip(t);
        assertThat(back.network().routers()).hasSize(2);
        assertThat(back.network().segments()).extracting(s -> s.cidr().toString()).contains("10.0.1.0/24");
        assertThat(back.addressPools()).hasSize(2);
        assertThat(back.network().clients().get(1).segment()).isEqualTo("client-lan");
    }

    @Test
    void aNodeNeedsASegmentFirst() {
        Topology empty = new Topology(null, null, "empty", null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> TopologyEdits.add(empty, Addable.NODE, new Layout.Position(0, 0), Optional.empty()))
                .hasMessageContaining("add a segment first");
    }

    @Test
    void connectingANewNodeToItsTorConfiguresBothEndsOfTheSession() throws Exception {
        Topology withNode = TopologyEdits.add(seed, Addable.NODE, new Layout.Position(0, 0), Optional.of(RACK1))
                .topology();
        ElementId node4 = ElementId.of(ElementKind.NODE, "node-4");

        Change peered = TopologyEdits.connect(withNode, node4, TOR1);

        Topology t = roundTrip(peered.topology());
        assertThat(t.router("tor1").orElseThrow().bgp().neighbors()).anyMatch(n -> n.covers(IpAddr.parse("10.0.0.14")));
        // The seed's BGPPeer is global, so it already covers node-4: only the router side was missing.
        assertThat(t.calico().bgpPeers()).isEqualTo(withNode.calico().bgpPeers());
        assertThat(peered.description()).contains("neighbor 10.0.0.14 remote-as 64513 on tor1");
        assertThatThrownBy(() -> TopologyEdits.connect(t, node4, TOR1)).hasMessageContaining("already peer");
    }

    @Test
    void aNodeOutsideEveryPeersSelectionGetsItsOwnCalicoPeer() throws Exception {
        // two-racks peers by nodeSelector rack == 'rack-N'; a node on a new, unlabelled segment matches none.
        Topology twoRacks = TopologyReader.read(RepoPaths.sample("two-racks.yaml"));
        Topology t = TopologyEdits.add(twoRacks, Addable.SEGMENT, new Layout.Position(0, 0), Optional.empty())
                .topology();
        t = TopologyEdits.connect(t, ElementId.of(ElementKind.ROUTER, "tor1"), ElementId.parse("segment/segment-1"))
                .topology();
        t = TopologyEdits.add(t, Addable.NODE, new Layout.Position(0, 0), Optional.of(ElementId.parse("segment/segment-1")))
                .topology();
        String node = t.cluster().nodes().get(t.cluster().nodes().size() - 1).name();

        Topology peered = roundTrip(TopologyEdits.connect(t, ElementId.of(ElementKind.NODE, node),
                ElementId.of(ElementKind.ROUTER, "tor1")).topology());
        assertThat(peered.calico().bgpPeers()).anyMatch(p -> node.equals(p.node()) && "10.0.0.1".equals(p.peerIP()));
    }

    @Test
    void connectingARouterToASegmentGivesItAnInterfaceThere() throws Exception {
        Topology t = TopologyEdits.add(seed, Addable.ROUTER, new Layout.Position(0, 0), Optional.empty()).topology();
        Change linked = TopologyEdits.connect(t, RACK1, ElementId.of(ElementKind.ROUTER, "tor2"));

        var tor2 = roundTrip(linked.topology()).router("tor2").orElseThrow();
        assertThat(tor2.interfaceOn("rack1").orElseThrow().address().toString()).isEqualTo("10.0.0.2/24");
    }

    @Test
    void pairsThatDoNotConnectAreRefusedWithWhatDoes() {
        assertThatThrownBy(() -> TopologyEdits.connect(seed, ElementId.of(ElementKind.ADDRESS_POOL, "lb-pool-10-208-1"),
                TOR1)).hasMessageContaining("nothing connects").hasMessageContaining("nodes to routers (BGP)");
    }

    @Test
    void deletingASegmentTakesWhatCannotExistWithoutIt() throws Exception {
        Change deleted = TopologyEdits.delete(seed, List.of(RACK1));

        Topology t = roundTrip(deleted.topology());
        assertThat(t.cluster().nodes()).isEmpty();
        assertThat(t.workloads().deployments().get(0).pods()).isEmpty();
        assertThat(t.router("tor1").orElseThrow().interfaces()).extracting(i -> i.segment()).containsExactly("client-lan");
        assertThat(deleted.description()).startsWith("Deleted");
    }

    @Test
    void deletingANodeDropsItsPodsAndSavedPosition() throws Exception {
        ElementId node1 = ElementId.of(ElementKind.NODE, "node-1");
        Topology placed = TopologyEdits.place(seed, java.util.Map.of(node1, new Layout.Position(1, 2)));

        Topology t = roundTrip(TopologyEdits.delete(placed, List.of(node1)).topology());
        assertThat(t.node("node-1")).isEmpty();
        assertThat(t.workloads().deployments().get(0).pods()).isEmpty();
        assertThat(t.layout().positions()).doesNotContainKey("node/node-1");
    }
}
