package dev.lbstudio.lab.frr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Parsers against JSON captured from FRR 8.4.4 in the seed lab (CaptureFixtures). */
class VtyshJsonTest {

    static JsonNode captured(String name) throws IOException {
        try (InputStream in = VtyshJsonTest.class.getResourceAsStream("/lab/captured/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void summaryListsEveryNodeEstablished() throws IOException {
        assertThat(BgpPeer.fromSummary(captured("show-bgp-summary.json")))
                .extracting(BgpPeer::address, BgpPeer::remoteAs, BgpPeer::established, BgpPeer::prefixesReceived)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("10.0.0.11", 64513L, true, 1L),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.12", 64513L, true, 1L),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.13", 64513L, true, 1L));
    }

    @Test
    void routeTableHasTheEcmpPoolRouteInTheFib() throws IOException {
        assertThat(FibRoute.fromRouteJson(captured("show-ip-route.json")))
                .filteredOn(r -> r.prefix().equals("10.208.1.0/24")).singleElement().satisfies(r -> {
                    assertThat(r.protocol()).isEqualTo("bgp");
                    assertThat(r.installed()).isTrue();
                    assertThat(r.nextHops()).containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13");
                });
    }

    @Test
    void connectedRoutesNameTheirInterface() throws IOException {
        assertThat(FibRoute.fromRouteJson(captured("show-ip-route.json")))
                .filteredOn(r -> r.prefix().equals("10.0.0.0/24")).singleElement()
                .satisfies(r -> assertThat(r.nextHops()).containsExactly("dev eth1"));
    }

    @Test
    void bgpTableMarksOneBestAndTheOthersMultipath() throws IOException {
        var paths = BgpPath.fromTableJson(captured("show-bgp-ipv4-unicast.json"));
        assertThat(paths).hasSize(3).allSatisfy(p -> {
            assertThat(p.prefix()).isEqualTo("10.208.1.0/24");
            assertThat(p.valid()).isTrue();
            assertThat(p.usedForEcmp()).isTrue();
            assertThat(p.asPath()).isEqualTo("64513");
            assertThat(p.nextHop()).isEqualTo(p.peer());
        });
        assertThat(paths).filteredOn(BgpPath::best).singleElement()
                .satisfies(p -> assertThat(p.selectionReason()).isEqualTo("Older Path"));
    }

    @Test
    void bfdPeersAreMultihopAndUpWithTheLabTimers() throws IOException {
        assertThat(BfdPeer.fromJson(captured("show-bfd-peers.json"))).hasSize(3).allSatisfy(p -> {
            assertThat(p.up()).isTrue();
            assertThat(p.multihop()).isTrue();
            assertThat(p.receiveIntervalMillis()).isEqualTo(100);
            assertThat(p.detectMultiplier()).isEqualTo(3);
            assertThat(p.local()).isEqualTo("10.0.0.1");
        });
    }
}
