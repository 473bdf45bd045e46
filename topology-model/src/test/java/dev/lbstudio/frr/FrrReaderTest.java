package dev.lbstudio.frr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.BgpNeighbor.RemoteAsType;
import dev.lbstudio.model.RouterBgp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FRR reader and its conversion against configs shaped like FRR's bgpd topotests (fixtures in src/test/resources/frr). */
class FrrReaderTest {

    private static final String NOT_DEFINED = "%d: neighbor 10.255.0.5: not defined before this line (remote-as, peer-group or"
            + " interface first); vtysh refuses it, dropped";

    private static FrrToModel.Converted convert(String fixture, List<String> warnings) {
        Fixtures.Read r = Fixtures.read(Fixtures.text(fixture));
        warnings.addAll(r.warnings());
        return FrrToModel.convert(r.config(), Fixtures.text(fixture), (line, message) -> warnings.add(line + ": " + message));
    }

    private static BgpNeighbor neighbor(RouterBgp bgp, String label) {
        return bgp.neighbors().stream().filter(n -> n.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theCalicoTorPatternGivesADynamicNeighbourWithItsGroupsSettings() {
        List<String> warnings = new ArrayList<>();
        FrrToModel.Converted c = convert("calico-tor.conf", warnings);
        // abbreviations (int, neigh), exit, exit-address-family and comments are FRR's own: no warning for them
        assertThat(warnings).containsExactly("75: not modelled, kept verbatim: line vty");
        BgpNeighbor range = neighbor(c.bgp(), "10.0.1.0/24");
        assertThat(range.remoteAs()).isNull();
        assertThat(range.remoteAsType()).isEqualTo(RemoteAsType.EXTERNAL);
        assertThat(range.peerGroup()).isEqualTo("CALICO");
        assertThat(range.connectRetry()).isEqualTo(5);
        assertThat(range.bfdProfile().name()).isEqualTo("fast");
        assertThat(range.bfdProfile().receiveInterval()).isEqualTo(100);
        assertThat(range.routeMapIn()).isEqualTo("FROM-NODES");
        assertThat(range.routeMapOut()).isEqualTo("TO-NODES");
        assertThat(range.activate()).isTrue();
        assertThat(c.bgp().maximumPaths()).isEqualTo(8);
        // no bgp default ipv4-unicast: the shut spine neighbour was never activated either
        BgpNeighbor shut = neighbor(c.bgp(), "10.255.0.2");
        assertThat(shut.shutdown()).isTrue();
        assertThat(shut.activate()).isFalse();
        assertThat(shut.carriesRoutes()).isFalse();
        assertThat(neighbor(c.bgp(), "10.255.0.0").carriesRoutes()).isTrue();
        // the VRF instance is kept apart, not merged into the default one
        assertThat(c.bgp().routerId().toString()).isEqualTo("10.255.255.1");
        assertThat(c.frr().otherInstances()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("mgmt");
            assertThat(i.bgp().asn()).isEqualTo(65099);
            assertThat(i.bgp().neighbors()).extracting(BgpNeighbor::label).containsExactly("192.0.2.9");
        });
        assertThat(c.frr().policy().routeMap("FROM-NODES").orElseThrow().entries()).hasSize(2);
        assertThat(c.frr().policy().prefixList("LB").orElseThrow().entries().get(0).le()).isEqualTo(32);
    }

    @Test
    void instancesPeerGroupsAndPerNeighbourSettingsAreReadAsBgpdTakesThem() {
        List<String> warnings = new ArrayList<>();
        FrrToModel.Converted c = convert("edge-cases.conf", warnings);
        assertThat(warnings).containsExactly(
                "21: neighbor 10.255.1.3 remote-as 65300: 10.255.1.3 is in peer-group SPINES, which has a remote-as; FRR refuses the"
                        + " override (\"Peer-group member cannot override remote-as of peer-group\"), dropped",
                "28: neighbor 10.255.0.5 remote-as auto: FRR 9.1 does not have it (it came with 10.2); vtysh refuses it, dropped",
                NOT_DEFINED.formatted(29), NOT_DEFINED.formatted(30), NOT_DEFINED.formatted(31),
                "33: router bgp 65111: FRR refuses a second AS for the default instance (BGP is already running; AS is 65000); the"
                        + " first, from line 12, is kept and this block is ignored");
        RouterBgp bgp = c.bgp();
        assertThat(bgp.asn()).isEqualTo(65000);
        assertThat(bgp.routerId().toString()).isEqualTo("10.255.255.1");
        // maximum-paths directly under router bgp is IPv4 unicast's
        assertThat(bgp.maximumPaths()).isEqualTo(4);
        assertThat(bgp.maximumPathsIbgp()).isEqualTo(2);
        // a member's own remote-as given before it joined the group is kept; after, FRR refused it
        assertThat(neighbor(bgp, "10.255.1.1").remoteAs()).isEqualTo(65200);
        assertThat(neighbor(bgp, "10.255.1.3").remoteAs()).isEqualTo(65100);
        BgpNeighbor leaf = neighbor(bgp, "10.255.0.1");
        assertThat(leaf.connectRetry()).isEqualTo(7);
        assertThat(bgp.connectRetry()).isNull();
        assertThat(leaf.keepalive()).isEqualTo(1);
        assertThat(leaf.hold()).isEqualTo(3);
        assertThat(leaf.localAs()).isEqualTo(64999);
        assertThat(leaf.bfd()).isTrue();
        assertThat(leaf.bfdProfile().detectMultiplier()).isEqualTo(5);
        assertThat(leaf.bfdProfile().receiveInterval()).isEqualTo(200);
        assertThat(leaf.bfdProfile().transmitInterval()).isEqualTo(250);
        BgpNeighbor unnumbered = neighbor(bgp, "swp2");
        assertThat(unnumbered.interfaceName()).isEqualTo("swp2");
        assertThat(unnumbered.remoteAsType()).isEqualTo(RemoteAsType.INTERNAL);
        assertThat(unnumbered.accepts(65000, 65000)).isTrue();
        assertThat(unnumbered.accepts(65000, 65001)).isFalse();
        assertThat(bgp.neighbors()).noneMatch(n -> n.label().equals("10.255.0.5"));
        assertThat(c.frr().otherInstances()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("red");
            assertThat(i.bgp().maximumPaths()).isEqualTo(2);
            assertThat(i.bgp().routerId().toString()).isEqualTo("192.0.2.1");
        });
        assertThat(c.software().version()).isEqualTo("9.1");
        assertThat(c.software().profile().word()).isEqualTo("datacenter");
    }

    @Test
    void remoteAsAutoFromFrr102AndNeighbourSettingsOfTheAddressFamily() {
        List<String> warnings = new ArrayList<>();
        String text = Fixtures.text("edge-cases.conf").replace("frr version 9.1", "frr version 10.2");
        Fixtures.Read r = Fixtures.read(text);
        FrrToModel.Converted c = FrrToModel.convert(r.config(), text, (line, message) -> warnings.add(line + ": " + message));
        assertThat(r.warnings()).noneMatch(w -> w.contains("10.255.0.5"));
        BgpNeighbor auto = neighbor(c.bgp(), "10.255.0.5");
        assertThat(auto.remoteAsType()).isEqualTo(RemoteAsType.AUTO);
        assertThat(auto.accepts(65000, 65000)).isTrue();
        assertThat(auto.accepts(65000, 1)).isTrue();
        // allowas-in, weight and next-hop-self under router bgp are IPv4 unicast's, as bgpd takes them
        assertThat(auto.allowasIn()).isEqualTo(2);
        assertThat(auto.weight()).isEqualTo(50);
        assertThat(auto.nextHopSelf()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void abbreviationsExpandAsVtyshExpandsThemAndAmbiguityIsRefused() {
        Fixtures.Read r = Fixtures.read("router bgp 65001\n neigh 10.0.0.2 remote-as ext\n n 10.0.0.3 remote-as 1\n nei 10.0.0.2 passi\n"
                + " address-family ipv4 uni\n  nei 10.0.0.2 route-map X i\n exit-address-family\nexit\n");
        // "n" could be neighbor or no, "pass" passive or password (bgpd/bgp_vty.c): vtysh says "% Ambiguous command"
        assertThat(r.warnings()).containsExactly("3: ambiguous command (vtysh: \"% Ambiguous command\"); dropped: n 10.0.0.3 remote-as 1");
        assertThat(Fixtures.read("router bgp 1\n neighbor 10.0.0.2 remote-as 2\n neighbor 10.0.0.2 pass\n").warnings())
                .containsExactly("3: ambiguous command (vtysh: \"% Ambiguous command\"); dropped: neighbor 10.0.0.2 pass");
        String written = FrrWriter.write(r.config(), "r1", null, List.of());
        assertThat(written).contains(" neighbor 10.0.0.2 remote-as external\n", " neighbor 10.0.0.2 passive\n",
                " address-family ipv4 unicast\n  neighbor 10.0.0.2 route-map X in\n exit-address-family\n");
    }

    @Test
    void aNeighbourWithoutRemoteAsOrGroupIsRefusedAsVtyshRefusesIt() {
        Fixtures.Read r = Fixtures.read("router bgp 65001\n neighbor 10.0.0.2 description x\n neighbor PG remote-as 1\nexit\n");
        assertThat(r.warnings()).hasSize(2).allMatch(w -> w.contains("vtysh refuses the line"));
        assertThat(r.config().defaultInstance().orElseThrow().peers()).isEmpty();
    }

    /** lib/command_match.c match_ipv4 / match_ipv4_prefix: four octets 0-255, prefix length 0-32; IPv6 goes through the IP library. */
    @Test
    void addressesAndPrefixesOutOfRangeAreRefusedAndGoodOnesAccepted() {
        Fixtures.Read bad = Fixtures.read("router bgp 1\n neighbor 10.0.0.256 remote-as 2\n neighbor 10.0.0 remote-as 2\n"
                + " bgp listen range 10.0.0.0/33 peer-group G\nexit\nip prefix-list L seq 5 permit 10.0.0.0/8 le 33\n");
        // not an address, so a peer-group name (neighbor WORD) that was never defined; a /33 is a value vtysh refuses
        assertThat(bad.warnings()).hasSize(4);
        assertThat(bad.warnings().get(0)).startsWith("2: neighbor 10.0.0.256: no peer-group or interface neighbour of that name");
        assertThat(bad.warnings().get(1)).startsWith("3: neighbor 10.0.0: no peer-group or interface neighbour of that name");
        assertThat(bad.warnings().get(2)).isEqualTo("4: a value vtysh refuses (not an address, prefix or number in range); dropped: "
                + "bgp listen range 10.0.0.0/33 peer-group G");
        assertThat(bad.warnings().get(3)).startsWith("6: prefix-list L: invalid prefix range for 10.0.0.0/8");
        Fixtures.Read good = Fixtures.read("router bgp 1\n neighbor G peer-group\n neighbor G remote-as 2\n neighbor 10.0.0.255 remote-as 2\n"
                + " neighbor 2001:db8::1 remote-as 3\n bgp listen range 10.0.0.0/32 peer-group G\nexit\n");
        assertThat(good.warnings()).isEmpty();
        assertThat(good.config().defaultInstance().orElseThrow().peers()).extracting(FrrConfig.Peer::name)
                .contains("10.0.0.255", "2001:db8::1");
    }
}
