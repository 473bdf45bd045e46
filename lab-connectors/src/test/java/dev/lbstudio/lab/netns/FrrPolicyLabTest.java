package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 6: ToRs written as engineers write FRR (peer-groups, {@code remote-as external}, {@code bgp listen
 * range … peer-group}, route-maps that permit, deny, set local-preference and prepend) run in the namespace lab from
 * their vendor model, and every router's BGP FIB equals the routing engine's prediction. The prediction is first
 * checked to show each policy's effect, so equality means the lab agreed with the policy, not that policy did nothing.
 */
class FrrPolicyLabTest {

    private static final String SPINE = "10.255.0.0";
    private static final String TOR1 = "10.255.0.1";
    private static final String TOR2 = "10.255.0.3";

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @Test
    void peerGroupsListenRangesAndRouteMapsGiveThePredictedFibs() throws Exception {
        Topology design = LabDesigns.withImportedRouters("two-racks.yaml", "tor1", "tor2");
        RoutingState predicted = RoutingEngine.compute(design);
        Map<String, Set<String>> tor1 = NetnsLab.predictedBgpFib(predicted, design.router("tor1").orElseThrow());
        Map<String, Set<String>> spine = NetnsLab.predictedBgpFib(predicted, design.router("spine1").orElseThrow());
        // FROM-RACK deny 10: the internal pool only through the spine, from rack 2
        assertThat(tor1).containsEntry("10.208.2.0/25", Set.of(SPINE));
        // FROM-SPINE permit 10 set local-preference 200: api's /32 over the spine, though its AS path is longer
        assertThat(tor1).containsEntry("10.208.1.2/32", Set.of(SPINE));
        // TO-SPINE permit 10 set as-path prepend: the spine's ECMP over both racks becomes rack 2 only
        assertThat(spine).containsEntry("10.208.1.0/24", Set.of(TOR2)).containsEntry("10.208.1.3/32", Set.of(TOR2))
                .containsEntry("10.208.2.0/25", Set.of(TOR2));

        assertLabAgrees(design, predicted, "tor1", "bgp listen range 10.0.1.0/24 peer-group RACK", "set as-path prepend 65001 65001");
    }

    /**
     * MED against real bgpd: tor1 sends MED 10, tor2 none; the spine's {@code bgp always-compare-med} compares them
     * across the two neighbour ASes and {@code bgp bestpath med missing-as-worst} makes tor2's the worse, so the spine's
     * ECMP over both racks becomes tor1 only (without missing-as-worst tor2's missing MED, read as 0, would win).
     */
    @Test
    void alwaysCompareMedWithMissingAsWorstGivesThePredictedFibs() throws Exception {
        Topology design = LabDesigns.withImportedRouters("two-racks.yaml", "med/spine1", "med/tor1", "tor2");
        RoutingState predicted = RoutingEngine.compute(design);
        Map<String, Set<String>> spine = NetnsLab.predictedBgpFib(predicted, design.router("spine1").orElseThrow());
        assertThat(spine).isNotEmpty().allSatisfy((prefix, hops) -> assertThat(hops).as(prefix).isEqualTo(Set.of(TOR1)));

        assertLabAgrees(design, predicted, "spine1", "bgp always-compare-med", "bgp bestpath med missing-as-worst");
    }

    /** The lab runs what was imported (checked in the router's running config), and every router's FIB is the prediction. */
    private static void assertLabAgrees(Topology design, RoutingState predicted, String router, String... running) {
        try (NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            backend.start(design);
            NetnsLab lab = backend.running();
            assertThat(lab.vtysh(router).exec("show running-config")).contains(running);
            for (Router r : design.network().routers()) {
                assertThat(lab.serviceFib(r.name())).as(r.name()).isNotEmpty()
                        .isEqualTo(NetnsLab.predictedBgpFib(predicted, r));
            }
        }
    }
}
