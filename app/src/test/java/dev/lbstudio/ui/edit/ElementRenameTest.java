package dev.lbstudio.ui.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.LabelSelector;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.scene.SceneBuilder;
import dev.lbstudio.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ElementRenameTest {

    private static final Set<ElementKind> SINGLETONS = EnumSet.of(ElementKind.BGP_CONFIGURATION,
            ElementKind.HELM_VALUES, ElementKind.KUBE_PROXY, ElementKind.FELIX);

    /** Samples have no BGPFilters, BFD profiles or hostname selectors; this design has every reference kind. */
    private static final Path EVERY_REFERENCE = resource("/rename/every-reference.yaml");

    private static Path resource(String name) {
        try {
            return Path.of(ElementRenameTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Topology seed() throws Exception {
        return TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    /** Every element with a name, pods included (they have no id of their own in the model). */
    private static List<ElementId> renamable(Topology t) {
        List<ElementId> ids = new ArrayList<>(t.elements().keySet().stream().filter(id -> !SINGLETONS.contains(id.kind()))
                .toList());
        t.workloads().deployments().forEach(d -> d.pods().forEach(p -> ids.add(ElementPaths.podId(d, p))));
        return ids;
    }

    /**
     * For every element of every sample: the renamed design loads again (no dangling name), draws the
     * same edges, raises the same findings on the same (renamed) elements, and renaming back gives
     * the original design exactly — so every reference moved and nothing else did.
     */
    @TestFactory
    Stream<DynamicTest> everyElementOfEverySampleRenamesWithItsReferences() {
        return Stream.concat(RepoPaths.allSamples().stream(), Stream.of(EVERY_REFERENCE)).flatMap(sample -> {
            Topology t = load(sample);
            List<ElementId> ids = renamable(t);
            assertThat(ids).as(sample + " has elements").isNotEmpty();
            return ids.stream().map(id -> DynamicTest.dynamicTest(sample.getFileName() + " " + id, () -> {
                ElementId to = ElementRename.renamed(id, "renamed-x");
                UnaryOperator<ElementId> map = e -> e.equals(id) ? to : e;

                Topology next = ElementRename.rename(t, id, "renamed-x").topology();

                assertThat(ElementPaths.of(next, to)).as("renamed element").isPresent();
                assertThat(ElementPaths.of(next, id)).as("old name gone").isEmpty();
                assertThat(TopologyReader.parse("renamed.yaml", TopologyWriter.toYaml(next))).isEqualTo(next);
                assertThat(edges(next, UnaryOperator.identity())).isEqualTo(edges(t, map));
                assertThat(findings(next, UnaryOperator.identity())).isEqualTo(findings(t, map));
                assertThat(ElementRename.rename(next, to, ElementRename.shortName(id)).topology()).isEqualTo(t);
            }));
        });
    }

    private static Topology load(Path sample) {
        try {
            return TopologyReader.read(sample);
        } catch (Exception e) {
            throw new AssertionError(sample + " does not load", e);
        }
    }

    /** The drawn wiring (labels quote peer names, so they are left out). */
    private static Set<String> edges(Topology t, UnaryOperator<ElementId> map) {
        return SceneBuilder.build(t).edges().stream().map(e -> map.apply(e.from()) + " " + e.kind() + " "
                + map.apply(e.to())).collect(Collectors.toSet());
    }

    /** Each finding as its rule and the (mapped) elements it concerns; messages quote names, so they are left out. */
    private static Set<String> findings(Topology t, UnaryOperator<ElementId> map) {
        return Validator.validate(t).findings().stream()
                .map(f -> f.rule().id() + " " + f.elements().stream().map(map).sorted().toList())
                .collect(Collectors.toSet());
    }

    @Test
    void aSegmentTakesItsRoutersNodesAndClientsAlong() throws Exception {
        Topology next = ElementRename.rename(seed(), ElementId.of(ElementKind.SEGMENT, "rack1"), "rack-a").topology();

        assertThat(next.cluster().nodes()).extracting(n -> n.segment()).containsOnly("rack-a");
        assertThat(next.network().routers().get(0).interfaces()).extracting(i -> i.segment()).contains("rack-a")
                .doesNotContain("rack1");
        assertThat(next.links()).extracting(l -> l.segment().name()).doesNotContain("rack1");
    }

    @Test
    void aNodeTakesItsPodsPeersAndHostnameSelectorsAlong() throws Exception {
        Topology t = TopologyReader.read(EVERY_REFERENCE);

        Topology next = ElementRename.rename(t, ElementId.of(ElementKind.NODE, "n1"), "worker-1").topology();

        assertThat(next.workloads().deployments().stream().flatMap(d -> d.pods().stream()).map(p -> p.node()))
                .contains("worker-1").doesNotContain("n1");
        assertThat(next.metallb().bgpPeers().get(0).nodeSelectors().get(0).matchLabels())
                .containsEntry(ElementRename.HOSTNAME_LABEL, "worker-1");
        assertThat(next.metallb().bgpAdvertisements().get(0).nodeSelectors().get(0).matchExpressions().get(0).values())
                .containsExactly("worker-1", "n2");
        assertThat(next.calico().bgpPeers()).filteredOn(p -> p.name().equals("by-hostname")).singleElement()
                .satisfies(p -> assertThat(p.nodeSelector()).isEqualTo("kubernetes.io/hostname in {'worker-1', 'n3'}"));
        assertThat(next.layout().positions()).containsKey("node/worker-1").doesNotContainKey("node/n1");
        assertThat(next.node("worker-1").orElseThrow().address()).isEqualTo(t.node("n1").orElseThrow().address());

        Topology n2 = ElementRename.rename(t, ElementId.of(ElementKind.NODE, "n2"), "worker-2").topology();
        assertThat(n2.calico().bgpPeers()).filteredOn(p -> p.name().equals("n2-only")).singleElement()
                .satisfies(p -> assertThat(p.node()).isEqualTo("worker-2"));
        assertThat(n2.metallb().l2Advertisements().get(0).nodeSelectors().get(0).matchLabels())
                .containsEntry(ElementRename.HOSTNAME_LABEL, "worker-2");
    }

    @Test
    void theTorsNeighbourDescriptionsThatNamedTheNodeNameItsNewName() throws Exception {
        Topology seed = TopologyReader.read(dev.lbstudio.testing.RepoPaths.sample("seed-calico-metallb.yaml"));
        Topology next = ElementRename.rename(seed, ElementId.of(ElementKind.NODE, "node-1"), "worker-a").topology();
        assertThat(next.router("tor1").orElseThrow().bgp().neighbors()).extracting(n -> n.description())
                .containsExactly("worker-a", "node-2", "node-3");

        // Only the renamed node's description follows it.
        Topology t = ElementRename.rename(seed, ElementId.of(ElementKind.NODE, "node-2"), "node-1b").topology();
        assertThat(t.router("tor1").orElseThrow().bgp().neighbors()).extracting(n -> n.description())
                .containsExactly("node-1", "node-1b", "node-3");
    }

    @Test
    void filtersPeersAndBfdProfilesAreFollowedByName() throws Exception {
        Topology t = TopologyReader.read(EVERY_REFERENCE);

        Topology filter = ElementRename.rename(t, ElementId.of(ElementKind.BGP_FILTER, "no-transit"), "edge-only")
                .topology();
        assertThat(filter.calico().bgpPeers()).filteredOn(p -> !p.filters().isEmpty())
                .allSatisfy(p -> assertThat(p.filters()).containsExactly("edge-only")).hasSize(2);
        Topology peer = ElementRename.rename(t, ElementId.of(ElementKind.METALLB_BGP_PEER, "tor"), "tor-a").topology();
        assertThat(peer.metallb().bgpAdvertisements().get(0).peers()).containsExactly("tor-a");
        Topology bfd = ElementRename.rename(t, ElementId.of(ElementKind.BFD_PROFILE, "metallb/fast"), "quick").topology();
        assertThat(bfd.metallb().bgpPeers().get(0).bfdProfile()).isEqualTo("quick");
        Topology pod = ElementRename.rename(t, ElementId.of(ElementKind.POD, "shop/api-1"), "api-0").topology();
        assertThat(pod.layout().positions()).containsKey("pod/shop/api-0");
    }

    @Test
    void calicoSelectorsFollowOnlyWhereTheyTestTheHostname() {
        assertThat(ElementRename.calicoSelector("kubernetes.io/hostname in {'node-1', \"node-2\"}", "node-1", "w1"))
                .isEqualTo("kubernetes.io/hostname in {'w1', \"node-2\"}");
        assertThat(ElementRename.calicoSelector("rack == 'node-1'", "node-1", "w1")).isEqualTo("rack == 'node-1'");
        assertThat(ElementRename.calicoSelector("kubernetes.io/hostname == 'node-10'", "node-1", "w1"))
                .isEqualTo("kubernetes.io/hostname == 'node-10'");
    }

    @Test
    void aPoolTakesItsAdvertisementsAndTheServicesThatAskForItAlong() throws Exception {
        Topology t = TopologyReader.read(EVERY_REFERENCE);

        Topology next = ElementRename.rename(t, ElementId.of(ElementKind.ADDRESS_POOL, "public"), "internet").topology();
        Topology pinned = ElementRename.rename(t, ElementId.of(ElementKind.ADDRESS_POOL, "pinned"), "vip").topology();

        assertThat(next.metallb().bgpAdvertisements().get(0).ipAddressPools()).containsExactly("internet");
        assertThat(next.service("shop", "api").orElseThrow().annotations())
                .containsEntry(Service.OLD_PREFIX + "address-pool", "internet");
        assertThat(pinned.metallb().l2Advertisements().get(0).ipAddressPools()).containsExactly("vip");
        assertThat(pinned.service("shop", "web").orElseThrow().annotations()).containsEntry(Service.ADDRESS_POOL, "vip");
    }

    @Test
    void aServiceKeepsItsNamespace() throws Exception {
        Topology t = seed();
        Service web = t.workloads().services().get(0);

        var change = ElementRename.rename(t, web.id(), "front");

        assertThat(change.created()).contains(ElementId.of(ElementKind.SERVICE, web.namespace() + "/front"));
        assertThat(change.topology().service(web.namespace(), "front")).isPresent();
        assertThat(change.description()).isEqualTo("Renamed " + web.id() + " to service/" + web.namespace() + "/front");
    }

    @Test
    void clashesInvalidNamesAndSingletonsAreRefusedWithTheReason() throws Exception {
        Topology t = seed();
        ElementId node1 = ElementId.of(ElementKind.NODE, "node-1");
        Service web = t.workloads().services().get(0);

        assertThat(ElementRename.problem(t, node1, "node-2")).hasValue("node/node-2 already exists; pick another name");
        assertThat(ElementRename.problem(t, node1, "Node_1")).get().asString().contains("DNS-1123 subdomain");
        assertThat(ElementRename.problem(t, node1, "-x")).get().asString().contains("DNS-1123");
        assertThat(ElementRename.problem(t, node1, " ")).hasValue("a name is required");
        assertThat(ElementRename.problem(t, node1, "node-1")).hasValue("node/node-1 already has that name");
        assertThat(ElementRename.problem(t, web.id(), "1web")).get().asString().contains("DNS-1035 label");
        assertThat(ElementRename.problem(t, web.id(), "a".repeat(64))).get().asString().contains("at most 63");
        assertThat(ElementRename.problem(t, ElementId.of(ElementKind.ROUTER, "tor1"), "tor 1")).get().asString()
                .contains("not a usable name");
        assertThat(ElementRename.problem(t, ElementId.of(ElementKind.ROUTER, "tor1"), "TOR_A")).isEmpty();
        assertThat(ElementRename.problem(t, ElementId.of(ElementKind.BGP_CONFIGURATION, "default"), "x")).get()
                .asString().contains("singleton");
        assertThat(ElementRename.problem(t, ElementId.of(ElementKind.NODE, "nope"), "x")).hasValue(
                "there is no node/nope in this design");
        assertThatThrownBy(() -> ElementRename.rename(t, node1, "node-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
    }
}
