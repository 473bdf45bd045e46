package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
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
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios on the real lab next to the simulator: measured outage within max(10 %, 100 ms) of
 * the prediction, and the ToR FIB after each run equal to the simulator's. The design is the Local seed with
 * the short timers the lab fixtures use (BGP 1/3, BFD 100 ms × 3 with minimum-ttl 1 on the ToR; the nodes'
 * BIRD runs BFD too, so the scenarios assume nodeBfd) and without Calico's node mesh, as the fixtures.
 */
class ScenarioLabTest {

    static Topology design;

    @BeforeAll
    static void designWithShortTimers() throws Exception {
        LabPrerequisites.require();
        String yaml = Files.readString(RepoPaths.sample("seed-local-policy.yaml")).replace(
                "        routerId: 10.0.0.1\n", "        routerId: 10.0.0.1\n        keepalive: 1\n        hold: 3\n        ebgpMultihop: 2\n"
                        + "        bfd:\n          name: lab\n          receiveInterval: 100\n          transmitInterval: 100\n"
                        + "          detectMultiplier: 3\n          minimumTtl: 1\n")
                // The lab's nodes peer only with the ToR (Calico's ToR guidance); with the mesh on, non-endpoint
                // nodes would re-export the /32 (validation rule LOCAL_SVC_MESH_PLUS_EBGP_TOR).
                .replace("    asNumber: 64513\n", "    asNumber: 64513\n    nodeToNodeMeshEnabled: false\n");
        design = TopologyReader.parse("seed-local-short-timers.yaml", yaml);
    }

    static Scenario scenario(String name, Duration duration, Step... steps) {
        return new Scenario(name, null, GoDuration.parse(duration.toMillis() + "ms"),
                new Scenario.Probe(null, null, 8, GoDuration.parse("10ms"), GoDuration.parse("50ms")),
                new Scenario.Assumptions(true), List.of(steps));
    }

    record Compared(RunResult real, RunResult simulated, RouterSnapshot realFib, RouterSnapshot simulatedFib) {
    }

    static Compared both(Scenario scenario) {
        SimLab sim = new SimLab();
        sim.start(design);
        RunResult simulated = sim.run(scenario);
        for (Step s : scenario.steps()) {
            sim.apply(s);
        }
        RouterSnapshot simulatedFib = sim.snapshot("tor1");
        sim.stop();
        try (NetnsBackend lab = new NetnsBackend(new FixtureConfigs(), LabNames.DEFAULT_STATE_ROOT, p -> { })) {
            lab.start(design);
            RunResult real = lab.run(scenario);
            System.out.printf("%s: measured worst outage %d ms, simulated %d ms; failures %d vs %d%n", scenario.name(),
                    real.worstOutage().toMillis(), simulated.worstOutage().toMillis(),
                    real.outages().stream().mapToInt(o -> o.failures()).sum(),
                    simulated.outages().stream().mapToInt(o -> o.failures()).sum());
            System.out.println("  measured: " + real.outages());
            System.out.println("  simulated: " + simulated.outages());
            real.events().stream().filter(e -> !(e instanceof LabEvent.ProbeSample)).forEach(e -> System.out.println("  " + e));
            return new Compared(real, simulated, lab.snapshot("tor1"), simulatedFib);
        }
    }

    static void assertOutageMatches(Compared c) {
        Duration predicted = c.simulated().worstOutage();
        long tolerance = Math.max(100, predicted.toMillis() / 10);
        assertThat(c.real().worstOutage().toMillis()).as("measured vs simulated %d ms", predicted.toMillis())
                .isBetween(predicted.toMillis() - tolerance, predicted.toMillis() + tolerance);
    }

    @Test
    void silentNodeDeathWithBfd() {
        Compared c = both(scenario("node-crash", Duration.ofSeconds(4),
                new Step.NodeCrash(GoDuration.parse("1s"), "node-1")));
        assertOutageMatches(c);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
        assertThat(c.real().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.SessionChanged.class,
                s -> assertThat(s.to()).isEqualTo(LabEvent.SessionState.IDLE)));
        assertThat(c.real().routeChanges()).anySatisfy(r -> {
            assertThat(r.prefix()).isEqualTo(IpPrefix.parse("10.208.1.1/32"));
            assertThat(r.after()).containsExactly(IpAddr.parse("10.0.0.12"));
        });
    }

    @Test
    void podRelocation() {
        Compared c = both(scenario("pod-relocation", Duration.ofSeconds(5),
                new Step.PodRelocation(GoDuration.parse("1s"), "web-server-5d8f7c9b6-x2k4p", "node-3",
                        GoDuration.parse("2s"))));
        assertOutageMatches(c);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
        assertThat(c.realFib().bgpFib()).containsEntry(IpPrefix.parse("10.208.1.1/32"),
                List.of(IpAddr.parse("10.0.0.12"), IpAddr.parse("10.0.0.13")));
    }

    @Test
    void birdRestartWithGracefulRestartKeepsForwarding() {
        Compared c = both(scenario("bird-restart", Duration.ofSeconds(6),
                new Step.BirdRestart(GoDuration.parse("1s"), "node-1", null, GoDuration.parse("2s"))));
        assertOutageMatches(c);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
    }

    static Map<IpPrefix, List<IpAddr>> fib(RouterSnapshot s) {
        return s.bgpFib();
    }
}
