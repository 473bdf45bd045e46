package dev.lbstudio.ui.live;

import static dev.lbstudio.ui.live.Seed.CLIENT1;
import static dev.lbstudio.ui.live.Seed.LB;
import static dev.lbstudio.ui.live.Seed.NODE1;
import static dev.lbstudio.ui.live.Seed.POD;
import static dev.lbstudio.ui.live.Seed.TOR1;
import static dev.lbstudio.ui.live.Seed.ips;
import static dev.lbstudio.ui.live.Seed.probe;
import static dev.lbstudio.ui.live.Seed.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.routing.DataPlane;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Trace;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbePathsTest {

    private final RoutingState state = Seed.state();
    private final ObservedRoutes routes = new ObservedRoutes(state);
    private final ProbePaths paths = new ProbePaths(routes);

    @Test
    void eachProbeFlowEntersAtTheNodeTheDataPlaneWalkChooses() {
        DataPlane plane = new DataPlane(state);
        for (int i = 0; i < 8; i++) {
            Trace trace = plane.trace("client1", IpAddr.parse("10.208.1.1"), 80, i);
            ProbePaths.Walk walk = paths.walk(probe("client1:" + (40000 + i) + "→10.208.1.1:80", true)).orElseThrow();

            assertThat(walk.stops()).as("flow %d", i).startsWith(CLIENT1, TOR1, trace.node()).endsWith(NODE1, POD);
            assertThat(walk.died()).isFalse();
        }
    }

    @Test
    void afterTheLabWithdrawsANodeTheFlowsAvoidIt() {
        routes.apply(route(LB, ips("10.0.0.11", "10.0.0.12", "10.0.0.13"), ips("10.0.0.12", "10.0.0.13")));
        for (int i = 0; i < 8; i++) {
            ProbePaths.Walk walk = paths.walk(probe("client1:" + (40000 + i) + "→10.208.1.1:80", true)).orElseThrow();
            assertThat(walk.stops().get(2)).as("flow %d enters at", i).isNotEqualTo(NODE1);
        }
    }

    @Test
    void aFailedSampleDiesAtTheNodeTheRouterStillSendsItToOrAtARouterWithoutARoute() {
        assertThat(paths.walk(probe(Seed.FLOW0, false)).orElseThrow())
                .isEqualTo(new ProbePaths.Walk(List.of(CLIENT1, TOR1, NODE1), true));

        routes.apply(route(LB, ips("10.0.0.11", "10.0.0.12", "10.0.0.13"), List.of()));
        assertThat(paths.walk(probe(Seed.FLOW0, false)).orElseThrow())
                .isEqualTo(new ProbePaths.Walk(List.of(CLIENT1, TOR1), true));
    }

    @Test
    void aSuccessfulSampleThatDoesNotNameItsPodEndsAtTheNode() {
        var sample = new LabEvent.ProbeSample(Duration.ZERO, Seed.FLOW0, true, Duration.ofMillis(1), null, null);
        assertThat(paths.walk(sample).orElseThrow()).isEqualTo(new ProbePaths.Walk(List.of(CLIENT1, TOR1, NODE1), false));
    }

    @Test
    void flowsNotNamedAsLabsNameThemOrFromUnknownClientsHaveNoPath() {
        assertThat(paths.walk(probe("some flow", true))).isEmpty();
        assertThat(paths.walk(probe("nobody:40000→10.208.1.1:80", true))).isEmpty();
        assertThat(paths.walk(probe("client1:40000→not-an-ip:80", true))).isEmpty();
    }
}
