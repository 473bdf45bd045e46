package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Router;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-racks sample as a namespace lab: a spine in front of two FRR ToRs, each peering (bgp listen range) with
 * its rack's BIRD nodes. Every router's BGP FIB, the spine's included, equals the routing engine's prediction,
 * and the Cluster service's traffic that enters a rack-1 node reaches its pod in rack 2: DNAT there, the pod route
 * learned over the spine, the reply back to the masquerading node through the underlay.
 */
class TwoRacksLabTest {

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    @Test
    void everyRouterMatchesThePredictionAndAProbeReachesAPodAcrossTheSpine() throws Exception {
        Topology design = LabDesigns.sample("two-racks.yaml");
        try (NetnsBackend backend = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            backend.start(design);
            NetnsLab lab = backend.running();
            RoutingState predicted = RoutingEngine.compute(design);
            for (Router r : design.network().routers()) {
                assertThat(lab.serviceFib(r.name())).as(r.name()).isNotEmpty()
                        .isEqualTo(NetnsLab.predictedBgpFib(predicted, r));
            }
            // web (Cluster) has web-1 in rack 1 and web-2 in rack 2; new connections spread over both ToRs, all
            // six nodes and both pods, so some enter in rack 1 and are served in rack 2.
            Probe.Result across = null;
            try (Probe probe = lab.probe("client1", "10.208.1.1", 80, Duration.ofMillis(200))) {
                for (int i = 0; i < 300 && across == null; i++) {
                    Probe.Result r = probe.once(i, Duration.ofMillis(200));
                    if (r.ok() && "web-2".equals(r.pod()) && r.sourceSeen().startsWith("10.0.1.")) {
                        across = r;
                    }
                }
            }
            assertThat(across).as("no probe entered rack 1 and was served by web-2 in rack 2").isNotNull();
            // api (Local) keeps the client's address, through the spine and back.
            try (Probe probe = lab.probe("client2", "10.208.1.2", 443, Duration.ofMillis(200))) {
                Probe.Result[] local = new Probe.Result[1];
                Daemons.await(() -> (local[0] = probe.once(0, Duration.ofMillis(200))).ok(), Duration.ofSeconds(5),
                        "no answer from api through the spine");
                assertThat(local[0].sourceSeen()).isEqualTo("198.51.100.20");
                assertThat(local[0].pod()).startsWith("api-");
            }
        }
    }
}
