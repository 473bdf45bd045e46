package dev.lbstudio.lab.netns;

import static dev.lbstudio.lab.netns.ScenarioLabTest.assertEventMatches;
import static dev.lbstudio.lab.netns.ScenarioLabTest.assertOutageMatches;
import static dev.lbstudio.lab.netns.ScenarioLabTest.both;
import static dev.lbstudio.lab.netns.ScenarioLabTest.firstChange;
import static dev.lbstudio.lab.netns.ScenarioLabTest.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.lab.frr.BfdPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scale and router-BFD steps, which used to exist only in the simulated lab, done for real and compared with
 * the simulator as ScenarioLabTest does for the failover scenarios (Local seed, BGP 1/3, no mesh).
 */
class NetnsStepsTest {

    static final IpPrefix SLASH32 = IpPrefix.parse("10.208.1.1/32");

    @BeforeAll
    static void prerequisites() {
        LabPrerequisites.require();
    }

    static List<IpAddr> hops(String... addresses) {
        return java.util.Arrays.stream(addresses).map(IpAddr::parse).sorted().toList();
    }

    /**
     * Up to 3 replicas (the new pod goes to node-3, the least loaded, and serves probes once ready), then down to 1
     * (node-2's and node-3's pods go): the /32's next hops, their timing, the outage and the FIB as simulated.
     */
    @Test
    void scalingUpAndDownMovesTheLocalRoutesAsSimulated() throws Exception {
        ScenarioLabTest.Compared c = both(LabDesigns.shortTimers("seed-local-policy.yaml"), scenario("scale",
                Duration.ofSeconds(5),
                new Step.ScaleReplicas(GoDuration.parse("1s"), "demo/web-server", 3, GoDuration.parse("1s")),
                new Step.ScaleReplicas(GoDuration.parse("3s"), "demo/web-server", 1, null)));
        List<IpAddr> three = hops("10.0.0.11", "10.0.0.12", "10.0.0.13");
        List<IpAddr> one = hops("10.0.0.11");
        assertEventMatches(firstChange(c.real(), SLASH32, three), firstChange(c.simulated(), SLASH32, three), Duration.ZERO);
        assertEventMatches(firstChange(c.real(), SLASH32, one), firstChange(c.simulated(), SLASH32, one), Duration.ZERO);
        assertThat(c.real().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.ProbeSample.class,
                p -> assertThat(p.pod()).isEqualTo(ElementId.of(ElementKind.POD, "web-server-scaled-2"))));
        assertOutageMatches(c);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib()).containsEntry(SLASH32, one);
    }

    /**
     * BFD turned on at the ToR at runtime: FRR runs the step's profile towards every node, but Calico's BIRD runs
     * no BFD, so the sessions never come up and a silent node death is still found by the hold timer, as the
     * simulator says ("open-source Calico's BIRD runs no BFD"). Turning it off removes FRR's BFD sessions.
     */
    @Test
    void routerBfdIsConfiguredOnFrrAndLeavesDetectionToTheHoldTimerAsSimulated() throws Exception {
        ScenarioLabTest.Compared c = both(LabDesigns.shortTimers("seed-local-policy.yaml"), scenario("router-bfd",
                Duration.ofSeconds(6),
                new Step.RouterBfd(GoDuration.parse("500ms"), "tor1", true, 100, 100, 3, null, null),
                new Step.NodeCrash(GoDuration.parse("1500ms"), "node-1")), lab -> {
                    List<BfdPeer> peers = lab.running().vtysh("tor1").bfdPeers();
                    assertThat(peers).extracting(BfdPeer::peer).containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13");
                    assertThat(peers).allSatisfy(p -> {
                        assertThat(p.receiveIntervalMillis()).isEqualTo(100);
                        assertThat(p.transmitIntervalMillis()).isEqualTo(100);
                        assertThat(p.detectMultiplier()).isEqualTo(3);
                        assertThat(p.up()).isFalse();
                    });
                    lab.apply(new Step.RouterBfd(GoDuration.parse("0s"), "tor1", false, null, null, null, null, null));
                    Daemons.await(() -> lab.running().vtysh("tor1").bfdPeers().isEmpty(), Duration.ofSeconds(5),
                            "BFD sessions left after BFD was turned off: " + lab.running().vtysh("tor1").bfdPeers());
                });
        assertThat(c.simulated().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.Note.class,
                n -> assertThat(n.text()).contains("runs no BFD")));
        List<IpAddr> survivor = hops("10.0.0.12");
        assertEventMatches(firstChange(c.real(), SLASH32, survivor), firstChange(c.simulated(), SLASH32, survivor),
                ScenarioLabTest.KEEPALIVE);
        assertThat(c.realFib().bgpFib()).isEqualTo(c.simulatedFib().bgpFib());
    }
}
