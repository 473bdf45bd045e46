package dev.lbstudio.ui.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PropertyFieldTest {

    private Topology seed;

    @BeforeEach
    void load() throws Exception {
        seed = TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    private PropertyField field(ElementId id, String path) {
        return PropertyField.of(seed, ElementPaths.of(seed, id).orElseThrow()).stream()
                .filter(f -> f.path().toString().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void aValidCidrReplacesOnlyThatFieldAndKeepsTheRestShared() {
        PropertyField cidr = field(ElementId.of(ElementKind.SEGMENT, "rack1"), "network.segments[0].cidr");
        Topology edited = cidr.apply(seed, "10.0.0.0/23");

        assertThat(edited.segment("rack1").orElseThrow().cidr()).isEqualTo(IpPrefix.parse("10.0.0.0/23"));
        assertThat(edited.cluster()).isSameAs(seed.cluster());
        assertThat(edited.network().routers()).isSameAs(seed.network().routers());
        assertThat(seed.segment("rack1").orElseThrow().cidr()).isEqualTo(IpPrefix.parse("10.0.0.0/24"));
    }

    @Test
    void aBadCidrIsRefusedWithTheFileFormatsOwnMessage() {
        PropertyField cidr = field(ElementId.of(ElementKind.SEGMENT, "rack1"), "network.segments[0].cidr");

        assertThat(cidr.problem(seed, "10.0.0.0/33")).contains("10.0.0.0/33").contains("not a CIDR");
        assertThat(cidr.problem(seed, "10.0.0.0")).contains("no prefix length");
        assertThat(cidr.problem(seed, "10.0.0.0/22")).isNull();
    }

    @Test
    void anAsnOutOfRangeIsRefusedByTheRecordItself() {
        PropertyField asn = field(ElementId.of(ElementKind.ROUTER, "tor1"), "network.routers[0].bgp.asn");

        assertThat(asn.text(seed)).isEqualTo("64512");
        assertThat(asn.problem(seed, "4294967296")).contains("asn must be between 1 and 4294967295");
        assertThat(asn.problem(seed, "sixty")).isEqualTo("'sixty' is not a whole number");
        assertThat(asn.apply(seed, "65010").router("tor1").orElseThrow().bgp().asn()).isEqualTo(65010);
    }

    @Test
    void nestedListsAreFlattenedWithReadableCategories() {
        List<PropertyField> fields = PropertyField.of(seed, ElementPaths.of(seed,
                ElementId.of(ElementKind.ROUTER, "tor1")).orElseThrow());

        assertThat(fields).extracting(f -> f.path().toString())
                .contains("network.routers[0].interfaces[1].address", "network.routers[0].bgp.neighbors[2].address");
        assertThat(fields).filteredOn(f -> f.path().toString().equals("network.routers[0].interfaces[0].address"))
                .extracting(PropertyField::category).containsExactly("interfaces eth1");
        PropertyField address = fields.stream().filter(f -> f.path().toString()
                .equals("network.routers[0].interfaces[0].address")).findFirst().orElseThrow();
        assertThat(address.apply(seed, "10.0.0.254/24").router("tor1").orElseThrow().interfaces().get(0).address())
                .isEqualTo(IpPrefix.parse("10.0.0.254/24"));
    }

    @Test
    void namesThatFormTheIdAreReadOnlyAndReferencesOfferOnlyExistingNames() {
        PropertyField name = field(ElementId.of(ElementKind.NODE, "node-1"), "cluster.nodes[0].name");
        PropertyField segment = field(ElementId.of(ElementKind.NODE, "node-1"), "cluster.nodes[0].segment");

        assertThat(name.editable()).isFalse();
        assertThatThrownBy(() -> name.apply(seed, "node-9")).hasMessageContaining("read-only");
        assertThat(segment.choices()).containsExactly("rack1", "client-lan");
        assertThat(segment.problem(seed, "rack9")).contains("not one of rack1, client-lan");
    }

    @Test
    void enumsAndNullableSettingsUseTheFileWordsAndBlankMeansDefault() {
        ElementId web = ElementId.of(ElementKind.SERVICE, "demo/web-server");
        PropertyField policy = field(web, "workloads.services[0].externalTrafficPolicy");

        assertThat(policy.choices()).containsExactly("Cluster", "Local");
        Topology local = policy.apply(seed, "Local");
        assertThat(local.service("demo", "web-server").orElseThrow().externalTrafficPolicy())
                .isEqualTo(Service.TrafficPolicy.LOCAL);
        assertThat(policy.apply(seed, " ").service("demo", "web-server").orElseThrow().externalTrafficPolicy()).isNull();
        assertThat(policy.problem(seed, "Sideways")).isNotNull();
    }

    @Test
    void designSettingsExposeCalicoAndMetalLbKnobs() {
        List<PropertyField> fields = PropertyField.ofDesign(seed);

        assertThat(fields).extracting(f -> f.path().toString()).contains("calico.bgpConfiguration.serviceLoadBalancerIPs",
                "metallb.helm.speakerEnabled", "name");
        PropertyField lbIps = fields.stream().filter(f -> f.name().equals("serviceLoadBalancerIPs")).findFirst()
                .orElseThrow();
        assertThat(lbIps.text(seed)).isEqualTo("10.208.1.0/24");
        Topology two = lbIps.apply(seed, "10.208.1.0/24, 10.208.2.0/24");
        assertThat(two.calico().bgpConfiguration().serviceLoadBalancerIPs()).hasSize(2);
        assertThat(lbIps.problem(seed, "10.208.1.0/24, nonsense")).contains("nonsense");
    }

    @Test
    void aHelmValueSetOnAnUnknownInstallMakesItKnown() {
        Topology unknown = withoutHelm(seed);
        assertThat(unknown.metallb().installKnown()).isFalse();
        PropertyField speaker = PropertyField.ofDesign(unknown).stream()
                .filter(f -> f.path().toString().equals("metallb.helm.speakerEnabled")).findFirst().orElseThrow();
        Topology edited = speaker.apply(unknown, "false");
        assertThat(edited.metallb().helm().speakerEnabled()).isFalse();
        assertThat(edited.metallb().helm().frrk8sEnabled()).isNull();
    }

    /** The design without its helm section, as a design imported without Helm values is. */
    private static Topology withoutHelm(Topology t) {
        MetalLb m = t.metallb();
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                new MetalLb(m.version(), m.namespace(), null, m.ipAddressPools(), m.l2Advertisements(), m.bgpAdvertisements(),
                        m.bgpPeers(), m.bfdProfiles()), t.workloads(), t.validation(), t.layout());
    }
}
