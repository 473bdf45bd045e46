package dev.lbstudio.scenario;

import static dev.lbstudio.scenario.LabFigures.BFD_100x3;
import static dev.lbstudio.scenario.LabFigures.TIMERS_3_9;
import static dev.lbstudio.scenario.LabFigures.design;
import static dev.lbstudio.scenario.LabFigures.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent.RouteChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failover figures measured in the namespace lab (lab-notes §3), reproduced by the simulator.
 * The event hits node-1 at t = 5 s. The simulator detects a silent failure at the end of the hold
 * (or BFD detect) time; the lab saw it up to one keepalive (or BFD interval) earlier, so that is the
 * tolerance against the lab's figure.
 */
class LabNotesFiguresTest {

    private static final GoDuration T0 = GoDuration.ofSeconds(5);
    private static final IpPrefix AGGREGATE = IpPrefix.parse("10.208.1.0/24");
    private static final IpPrefix HOST = IpPrefix.parse("10.208.1.1/32");
    private static final IpAddr NODE1 = IpAddr.parse("10.0.0.11");

    /** Seconds from the event until tor1's FIB entry for the prefix stops using node-1. */
    private static double fibChange(SimulationResult r, IpPrefix prefix) {
        RouteChanged c = r.routeChanges().stream()
                .filter(e -> e.prefix().equals(prefix) && e.before().contains(NODE1) && !e.after().contains(NODE1))
                .findFirst().orElseThrow(() -> new AssertionError("tor1 never dropped node-1 for " + prefix + ": "
                        + r.routeChanges()));
        return (c.at().toNanos() - T0.duration().toNanos()) / 1e9;
    }

    /** Seconds of outage of the flows that hash to node-1 (the others never fail in these set-ups). */
    private static double worstOutage(SimulationResult r) {
        return r.worstOutage().toNanos() / 1e9;
    }

    @Test
    void silentNodeDeathWithDefaultTimersIsSeenAfterTheNegotiatedHoldOf180s() {
        SimulationResult r = Simulator.run(design("lab-cluster"), scenario(new Step.NodeCrash(T0, "node-1")));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(175.30, within(60.0)).isBetween(120.0, 180.1);
        assertThat(worstOutage(r)).isCloseTo(175.3, within(60.0));
        assertThat(r.sessionChanges()).anySatisfy(s -> assertThat(s.reason()).contains("hold timer expired (180 s)"));
        assertThat(r.outages()).anySatisfy(o -> assertThat(o.failures()).isZero());
    }

    @Test
    void silentNodeDeathWithTimers3And9IsSeenAfterAboutNineSeconds() {
        SimulationResult r = Simulator.run(design("lab-cluster", TIMERS_3_9), scenario(new Step.NodeCrash(T0, "node-1")));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(8.62, within(3.0));
        assertThat(worstOutage(r)).isCloseTo(8.64, within(3.0));
    }

    @Test
    void bfdDetectsADeadNodeInAboutAThirdOfASecondWhenBothEndsRunIt() {
        Topology t = design("lab-cluster", TIMERS_3_9 + BFD_100x3);
        SimulationResult r = Simulator.run(t, scenario(new Step.NodeCrash(T0, "node-1"), new Scenario.Assumptions(true)));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(0.325, within(0.1));
        assertThat(worstOutage(r)).isCloseTo(0.353, within(0.1));
    }

    @Test
    void openSourceCalicoHasNoBfdSoTheRouterFallsBackToItsHoldTimerAndSaysSo() {
        Topology t = design("lab-cluster", TIMERS_3_9 + BFD_100x3);
        SimulationResult r = Simulator.run(t, scenario(new Step.NodeCrash(T0, "node-1")));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(8.62, within(3.0));
        assertThat(r.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.Note.class,
                n -> assertThat(n.text()).contains("open-source Calico renders no BFD")));
    }

    @Test
    void bfdStaysDownWhenTheRouterTreatsBirdsMultihopBfdAsSingleHop() {
        String singleHop = "        bfd:\n          name: fast\n          receiveInterval: 100\n"
                + "          transmitInterval: 100\n          detectMultiplier: 3\n";
        SimulationResult r = Simulator.run(design("lab-cluster", TIMERS_3_9 + singleHop),
                scenario(new Step.NodeCrash(T0, "node-1"), new Scenario.Assumptions(true)));
        assertThat(fibChange(r, AGGREGATE)).isGreaterThan(6.0);
        assertThat(r.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.Note.class,
                n -> assertThat(n.text()).contains("minimum-ttl")));
    }

    @Test
    void killingBirdWithGracefulRestartKeepsStaleRoutesFor120sAndLosesNoProbe() {
        SimulationResult r = Simulator.run(design("lab-local"), scenario(new Step.BirdRestart(T0, "node-1", null, null)));
        assertThat(fibChange(r, HOST)).isCloseTo(120.08, within(0.05));
        assertNoLossWhileStale(r);
        assertThat(r.sessionChanges()).anySatisfy(s -> {
            assertThat(s.at().toMillis()).isEqualTo(5002);
            assertThat(s.reason()).contains("stale");
        });
    }

    /**
     * The node's data plane is alive, so nothing is lost while the ToR keeps the stale /32. Once the
     * stale timer withdraws node-1's routes, the Local service falls back to the /24 via node-2 and node-3,
     * which have no pod and drop
     * (the lab's nodes all served, so it saw no loss at all).
     */
    private static void assertNoLossWhileStale(SimulationResult r) {
        assertThat(r.outages()).allSatisfy(o -> o.first().ifPresent(w ->
                assertThat(w.start().toMillis()).isGreaterThanOrEqualTo(125_075)));
    }

    @Test
    void gracefulRestartIsNotOverriddenByBfdBecauseTheTcpCloseComesFirst() {
        SimulationResult r = Simulator.run(design("lab-local", TIMERS_3_9 + BFD_100x3),
                scenario(new Step.BirdRestart(T0, "node-1", null, null), new Scenario.Assumptions(true)));
        assertThat(fibChange(r, HOST)).isCloseTo(120.07, within(0.05));
        assertNoLossWhileStale(r);
    }

    @Test
    void killingBirdWithoutGracefulRestartWithdrawsWithin80ms() {
        SimulationResult r = Simulator.run(design("lab-cluster"), scenario(new Step.BirdRestart(T0, "node-1", false, null)));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(0.080, within(0.01));
        assertThat(r.failures()).isZero();
    }

    @Test
    void aHungBirdIsNoticedByTheHoldTimerWhileItsNodeKeepsServing() {
        SimulationResult r = Simulator.run(design("lab-cluster", TIMERS_3_9), scenario(new Step.BirdHang(T0, "node-1", null)));
        assertThat(fibChange(r, AGGREGATE)).isCloseTo(8.03, within(3.0));
        assertThat(r.failures()).isZero();
    }

    @Test
    void relocationWithinOneInstantIsOneFibChangeToTheNewNode() {
        SimulationResult r = Simulator.run(design("lab-local"),
                scenario(new Step.PodRelocation(T0, "web-server-5d8f7c9b6-x2k4p", "node-2", GoDuration.parse("0s"))));
        List<RouteChanged> host = r.routeChanges().stream().filter(c -> c.prefix().equals(HOST)).toList();
        assertThat(host).hasSize(1);
        assertThat(host.get(0).after()).containsExactly(IpAddr.parse("10.0.0.12"));
        assertThat(fibChange(r, HOST)).isCloseTo(0.080, within(0.01));
    }

    @Test
    void aRealRescheduleDelayOpensAFallbackWindowWhereLocalTrafficIsDropped() {
        SimulationResult r = Simulator.run(design("lab-local"),
                scenario(new Step.PodRelocation(T0, "web-server-5d8f7c9b6-x2k4p", "node-2", GoDuration.parse("10s"))));
        List<RouteChanged> host = r.routeChanges().stream().filter(c -> c.prefix().equals(HOST)).toList();
        assertThat(host).extracting(RouteChanged::after)
                .containsExactly(List.of(), List.of(IpAddr.parse("10.0.0.12")));
        // Withdrawn at +0.075 s; from the /24, node-1 no longer has the pod and node-3 never had one.
        assertThat(worstOutage(r)).isCloseTo(10.0, within(0.2));
    }
}
