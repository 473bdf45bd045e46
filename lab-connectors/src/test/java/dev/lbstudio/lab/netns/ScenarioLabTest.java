package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.api.RouterSnapshot;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.sim.SimLab;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios on the real lab, configured by render, next to the simulator: for silent node death, pod
 * relocation and BIRD restart with and without graceful restart, the ToR's route events and the worst probe outage
 * within max(10 %, 100 ms) of the simulated ones, and the FIB after each run equal to the simulator's. The design
 * is the Local seed with short timers and no node mesh (LabDesigns); Calico renders no BFD, so a silent death is
 * found by the 3 s hold timer, in the lab as in the simulator.
 *
 * <p>Relocation outages of 2-4 s (against 0.1 s simulated) used to come from the lab, not from routing: each probe
 * flow reuses one source port, and a connection cut by a path change lingered as an orphan in FIN-WAIT-1 holding
 * that 4-tuple, so the flow's next connects failed ("Cannot assign requested address") until it died (Probe now
 * aborts given-up connections); and the pod's follow-up was timed from the end of its delete and published before
 * its server listened (NetnsBackend and Triggers now do it as Kubernetes does).
 */
class ScenarioLabTest {

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    /**
     * 8 probe flows, a request every 10 ms, 100 ms timeout. Not the 50 ms of lab-notes' idle-machine probe: on this
     * shared 2-core machine (other builds run lab suites beside ours) a request's forks (relay, echo server) take
     * up to ~50 ms now and then, so a 50 ms deadline measured the scheduler; both sides use the same timeout.
     */
    static Scenario scenario(String name, Duration duration, Step... steps) {
        return new Scenario(name, null, GoDuration.parse(duration.toMillis() + "ms"),
                new Scenario.Probe(null, null, 8, GoDuration.parse("10ms"), GoDuration.parse("100ms")),
                null, List.of(steps));
    }

    static Duration firstChange(RunResult r, IpPrefix prefix, List<IpAddr> after) {
        return r.routeChanges().stream().filter(c -> c.prefix().equals(prefix) && c.after().equals(after))
                .map(LabEvent::at).findFirst().orElseThrow(() -> new AssertionError(prefix + " never went to " + after
                        + " in " + r.routeChanges()));
    }

    record Compared(RunResult real, RunResult simulated, RouterSnapshot realFib, RouterSnapshot simulatedFib) {
    }

    static Compared both(Topology design, Scenario scenario) {
        return both(design, scenario, lab -> { });
    }

    /** Runs {@code scenario} on the simulator and on a real lab; {@code check} looks at the lab before it stops. */
    static Compared both(Topology design, Scenario scenario, java.util.function.Consumer<NetnsBackend> check) {
        SimLab sim = new SimLab();
        sim.start(design);
        RunResult simulated = sim.run(scenario);
        RouterSnapshot simulatedFib = sim.snapshot("tor1");
        sim.stop();
        try (NetnsBackend lab = new NetnsBackend(new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            List<LabEvent> bringUp = new java.util.concurrent.CopyOnWriteArrayList<>();
            lab.events().consume(bringUp::add);
            lab.start(design);
            assertReadyAsObserved(bringUp);
            RunResult real = lab.run(scenario);
            System.out.printf("%s: measured outage %d ms, simulated %d ms (longest window); failures %d vs %d%n",
                    scenario.name(), outage(real.outages()).toMillis(), outage(simulated.outages()).toMillis(),
                    real.outages().stream().mapToInt(o -> o.failures()).sum(),
                    simulated.outages().stream().mapToInt(o -> o.failures()).sum());
            System.out.println("  measured: " + real.outages());
            System.out.println("  simulated: " + simulated.outages());
            real.events().stream().filter(e -> !(e instanceof LabEvent.ProbeSample)).forEach(e -> System.out.println("  " + e));
            check.accept(lab);
            return new Compared(real, simulated, lab.snapshot("tor1"), simulatedFib);
        }
    }

    /**
     * Ready means BMP, which every route event of the run comes from, already agrees with the FIB (no warning), and
     * bring-up had no session drop: FRR's Peer Down greeting for peers not yet up is not one.
     */
    static void assertReadyAsObserved(List<LabEvent> bringUp) {
        Daemons.await(() -> bringUp.stream().anyMatch(e -> e instanceof LabEvent.Note n && n.text().startsWith("lab ready")),
                Duration.ofSeconds(5), "no ready note was delivered");
        assertThat(bringUp).noneMatch(e -> e instanceof LabEvent.Note n && n.severity() == LabEvent.Severity.WARNING);
        assertThat(bringUp).noneMatch(e -> e instanceof LabEvent.SessionChanged c && c.to() == LabEvent.SessionState.IDLE);
        assertThat(bringUp).filteredOn(LabEvent.SessionChanged.class::isInstance).hasSize(3);
    }

    /**
     * A route event within max(10 %, 100 ms) of the simulated one. {@code earlier} widens the lower bound where
     * the simulator gives the worst case of something random: it starts the hold timer at the failure, while
     * the real timer last restarted at the peer's last keepalive, up to one keepalive interval earlier.
     */
    static void assertEventMatches(Duration real, Duration simulated, Duration earlier) {
        long tolerance = Math.max(100, simulated.toMillis() / 10);
        assertThat(real.toMillis()).as("lab %d ms vs simulated %d ms", real.toMillis(), simulated.toMillis())
                .isBetween(simulated.toMillis() - tolerance - earlier.toMillis(), simulated.toMillis() + tolerance);
    }

    @Test
    void silentNodeDeathIsFoundByTheHoldTimer() throws Exception {
        Compared c = both(LabDesigns.shortTimers("seed-local-policy.yaml"), scenario("node-crash", Duration.ofSeconds(6),
                new Step.NodeCrash(GoDuration.parse("1s"), "node-1")));
        assertThat(c.real().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.SessionChanged.class,
                s -> assertThat(s.to()).isEqualTo(LabEvent.SessionState.IDLE)));
        IpPrefix slash32 = IpPrefix.parse("10.208.1.1/32");
        List<IpAddr> survivor = List.of(IpAddr.parse("10.0.0.12"));
        assertEventMatches(firstChange(c.real(), slash32, survivor), firstChange(c.simulated(), slash32, survivor),
                KEEPALIVE);
        assertEventMatches(outage(c.real().outages()), outage(c.simulated().outages()), KEEPALIVE);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
    }

    /**
     * The keepalive interval of the short-timer design (BGP 1/3). Only a silent death depends on it: the hold
     * timer last restarted when the node's last keepalive arrived, somewhere in the interval before the death.
     * BIRD jitters each keepalive by up to a quarter (RFC 4271 §10, BIRD bgp_start_timer), so no model can know
     * that phase; the simulator gives the latest expiry and the lab may be up to one interval earlier.
     */
    static final Duration KEEPALIVE = Duration.ofSeconds(1);

    @Test
    void podRelocation() throws Exception {
        Compared c = both(LabDesigns.shortTimers("seed-local-policy.yaml"), scenario("pod-relocation", Duration.ofSeconds(5),
                new Step.PodRelocation(GoDuration.parse("1s"), "web-server-5d8f7c9b6-x2k4p", "node-3",
                        GoDuration.parse("2s"))));
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
        IpPrefix slash32 = IpPrefix.parse("10.208.1.1/32");
        List<IpAddr> gone = List.of(IpAddr.parse("10.0.0.12"));
        List<IpAddr> back = List.of(IpAddr.parse("10.0.0.12"), IpAddr.parse("10.0.0.13"));
        assertEventMatches(firstChange(c.real(), slash32, gone), firstChange(c.simulated(), slash32, gone), Duration.ZERO);
        assertEventMatches(firstChange(c.real(), slash32, back), firstChange(c.simulated(), slash32, back), Duration.ZERO);
        assertThat(c.realFib().bgpFib()).containsEntry(slash32, back);
        assertOutageMatches(c);
    }

    /** The outage within max(10 %, 100 ms) of the simulator's, as the issue asks. */
    static void assertOutageMatches(Compared c) {
        assertEventMatches(outage(c.real().outages()), outage(c.simulated().outages()), Duration.ZERO);
    }

    /**
     * The outage as lab-notes §3 measures it: first failed probe to the end of the last failed one before probes
     * succeed again, i.e. the longest failure window of any flow. Not a flow's windows summed over the run: on
     * this shared machine (load average ~12 at times) a lone probe now and then misses its deadline seconds away
     * from any step, and two of those in one flow added up to an "outage" no routing event caused.
     */
    static Duration outage(List<dev.lbstudio.scenario.SimulationResult.FlowOutage> flows) {
        return flows.stream().flatMap(f -> f.windows().stream()).map(dev.lbstudio.scenario.SimulationResult.Window::length)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * The outage is compared too: the node's data plane stays up, so no probe may fail. (Flows used to fail
     * for 2.4–2.9 s here because the lab started BIRD without calico-node's {@code -R}: the restarted BIRD
     * flushed the node's kernel routes back to the client until BGP had converged.)
     */
    @Test
    void birdRestartWithGracefulRestartKeepsForwarding() throws Exception {
        Compared c = both(LabDesigns.shortTimers("seed-local-policy.yaml"), scenario("bird-restart",
                Duration.ofSeconds(9), new Step.BirdRestart(GoDuration.parse("1s"), "node-1", null, GoDuration.parse("2s"))));
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
        // While BIRD is down (1 s to 3 s) the ToR keeps node-1's paths stale: no service route changes, as simulated.
        IpPrefix slash32 = IpPrefix.parse("10.208.1.1/32");
        Duration restart = Duration.ofSeconds(3);
        assertThat(c.real().routeChanges()).noneMatch(r -> r.prefix().equals(slash32) && r.at().compareTo(restart) < 0);
        assertThat(c.simulated().routeChanges()).noneMatch(r -> r.prefix().equals(slash32) && r.at().compareTo(restart) < 0);
        assertThat(c.real().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.SessionChanged.class,
                s -> assertThat(s.at()).isLessThan(Duration.ofMillis(1100))));
        assertOutageMatches(c);
    }

    @Test
    void birdRestartWithoutGracefulRestartWithdrawsAtOnce() throws Exception {
        Topology noGr = LabDesigns.shortTimers("seed-local-policy.yaml",
                "  ipPools:\n", "  bird:\n    gracefulRestart: false\n  ipPools:\n");
        assertThat(noGr.calico().bird().gracefulRestart()).isFalse();
        Compared c = both(noGr, scenario("bird-restart-no-gr", Duration.ofSeconds(9),
                new Step.BirdRestart(GoDuration.parse("1s"), "node-1", null, GoDuration.parse("2s"))));
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
        // Without GR the /32 leaves node-1 at once, in the lab as in the simulator (within 100 ms).
        IpPrefix slash32 = IpPrefix.parse("10.208.1.1/32");
        List<IpAddr> survivor = List.of(IpAddr.parse("10.0.0.12"));
        assertEventMatches(firstChange(c.real(), slash32, survivor), firstChange(c.simulated(), slash32, survivor),
                Duration.ZERO);
        // A probe in flight on a path that moves is cut (the new node has no state for it): at most one probe per
        // move, which the tolerance covers, now that a cut connection no longer blocks its flow's next ones.
        assertOutageMatches(c);
    }
}
