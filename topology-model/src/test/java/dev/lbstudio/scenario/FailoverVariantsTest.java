package dev.lbstudio.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent.Cause;
import dev.lbstudio.scenario.LabEvent.Failure;
import dev.lbstudio.testing.RepoPaths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seed's node crash next to the variants that show a real failover (issue #17): what fails, for how long,
 * and why — routes or service — as the simulator measures it on the seed design.
 */
class FailoverVariantsTest {

    private static final ElementId TOR = ElementId.of(ElementKind.ROUTER, "tor1");
    private static final ElementId NODE1 = ElementId.of(ElementKind.NODE, "node-1");
    private static final Failure ROUTES_TO_DEAD_NODE = new Failure(Cause.ROUTES,
            "traffic still goes to node-1, which is down");

    private static Topology seed() throws Exception {
        return TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    private static Map<String, Scenario> builtIns(Topology t) {
        return Scenarios.builtIn(t).stream().collect(Collectors.toMap(Scenario::name, Function.identity()));
    }

    private static SimulationResult run(String name) throws Exception {
        Topology t = seed();
        return Simulator.run(t, builtIns(t).get(name));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Seconds from the node crash until tor1's session with node-1 went down. */
    private static double detection(SimulationResult r) {
        Duration crash = r.events().stream().filter(e -> e instanceof LabEvent.StepApplied s && s.description()
                .contains("crashes")).findFirst().orElseThrow().at();
        return seconds(r.sessionChanges().stream().filter(s -> s.router().equals(TOR) && s.peer().equals(NODE1))
                .findFirst().orElseThrow().at().minus(crash));
    }

    private static List<Double> outages(SimulationResult r) {
        return r.outages().stream().map(o -> seconds(o.total())).toList();
    }

    @Test
    void theSeedKeepsItsFaithfulSinglePodCrashAndSaysTheServiceNotTheRoutesStayedDown() throws Exception {
        SimulationResult r = run("node-crash");
        assertThat(r.scenario().steps()).containsExactly(new Step.NodeCrash(dev.lbstudio.model.GoDuration.ofSeconds(5),
                "node-1"));
        assertThat(detection(r)).isCloseTo(180.0, within(0.01));
        // Every flow fails from the crash to the end: routes converge, the one pod never comes back.
        assertThat(r.outages()).allSatisfy(o -> assertThat(o.windows()).singleElement()
                .satisfies(w -> assertThat(w.end()).isEqualTo(r.duration())));
        assertThat(r.failingAtEnd()).containsExactly(new Failure(Cause.SERVICE, "its only endpoint was on node-1"));
        assertThat(r.failingAtEnd().get(0)).hasToString("service down: its only endpoint was on node-1");
        assertThat(r.failureCauses()).contains(ROUTES_TO_DEAD_NODE);
    }

    @Test
    void aSecondReplicaOnAnotherNodeTurnsTheCrashIntoAFailoverThatRecovers() throws Exception {
        SimulationResult r = run("failover");
        assertThat(r.scenario().steps()).first().isEqualTo(new Step.ScaleReplicas(dev.lbstudio.model.GoDuration.ofSeconds(0),
                "demo/web-server", 2, Scenarios.DEFAULT_RESCHEDULE));
        assertThat(r.last().topology().workloads().deployments().get(0).pods()).extracting(p -> p.node())
                .contains("node-2");
        assertThat(r.failingAtEnd()).isEmpty();
        // Flows hashed to node-1 wait for tor1's hold timer; flows entering node-2/3 that kube-proxy sent to the
        // dead pod wait for node-1 to turn NotReady (40 s); the rest never fail.
        assertThat(outages(r)).contains(0.0).anySatisfy(s -> assertThat(s).isCloseTo(180.1, within(0.05)))
                .anySatisfy(s -> assertThat(s).isCloseTo(40.0, within(0.1))).allSatisfy(s -> assertThat(s).isLessThan(181));
        assertThat(r.failureCauses()).contains(ROUTES_TO_DEAD_NODE).anySatisfy(f -> {
            assertThat(f.cause()).isEqualTo(Cause.SERVICE);
            assertThat(f.detail()).startsWith("kube-proxy on node-").endsWith("on node-1, which is down");
        });
    }

    @Test
    void bfdDetectsTheCrashInUnderASecondWhereTheHoldTimerTakes180s() throws Exception {
        SimulationResult hold = run("failover");
        SimulationResult bfd = run("failover-bfd");
        assertThat(detection(hold)).isCloseTo(180.0, within(0.01));
        assertThat(detection(bfd)).isCloseTo(0.9, within(0.01));
        assertThat(bfd.sessionChanges()).anySatisfy(s -> assertThat(s.reason()).startsWith("BFD down"));
        assertThat(seconds(hold.worstOutage()) - seconds(bfd.worstOutage())).isGreaterThan(100);
        // With BFD the longest outage left is the service's: the dead pod stays an endpoint for 40 s.
        assertThat(seconds(bfd.worstOutage())).isCloseTo(40.0, within(0.1));
    }

    @Test
    void localPolicyKeepsTheClientAddressButTheMeshReExportLosesFlowsOnNodesWithoutAnEndpoint() throws Exception {
        SimulationResult r = run("failover-local");
        assertThat(r.scenario().steps()).contains(new Step.TrafficPolicy(dev.lbstudio.model.GoDuration.ofSeconds(0),
                "demo/web-server", Service.TrafficPolicy.LOCAL));
        assertThat(r.last().topology().workloads().services().get(0).effectiveExternalTrafficPolicy())
                .isEqualTo(Service.TrafficPolicy.LOCAL);
        // node-3 has no pod yet still gets the /32 (the nodes re-export it over the mesh, calico#7512): those
        // flows fail from the start to the end, and the run says why.
        assertThat(r.failingAtEnd()).contains(new Failure(Cause.SERVICE,
                "externalTrafficPolicy Local and node-3 has no ready endpoint, yet traffic still arrives there"));
        assertThat(r.outages()).anySatisfy(o -> assertThat(o.first()).hasValueSatisfying(w -> {
            assertThat(w.start()).isEqualTo(Duration.ZERO);
            assertThat(w.end()).isEqualTo(r.duration());
        }));
        assertThat(r.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LabEvent.ProbeSample.class,
                p -> assertThat(p.ok() && p.sourceSeenByPod() != null && p.sourceSeenByPod().toString()
                        .equals("198.51.100.10")).isTrue()));
    }

    @Test
    void theVariantsAreOfferedBesideTheFaithfulCrashAndFollowTheDesignsPolicy() throws Exception {
        assertThat(builtIns(seed())).containsKeys("node-crash", "failover", "failover-local", "failover-bfd");
        // Two pods on two nodes already fail over: no scale step, and the comparison is with Cluster.
        Map<String, Scenario> local = builtIns(TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml")));
        assertThat(local).containsKeys("failover", "failover-cluster", "failover-bfd").doesNotContainKey("failover-local");
        assertThat(local.get("failover").steps()).singleElement().isInstanceOf(Step.NodeCrash.class);
    }

    @Test
    void theVariantsRunOnEverySampleAndNameWhatStillFailsAtTheEnd() throws Exception {
        for (java.nio.file.Path sample : RepoPaths.allSamples()) {
            Topology t = TopologyReader.read(sample);
            for (Scenario s : Scenarios.builtIn(t)) {
                if (s.name().startsWith("failover")) {
                    SimulationResult r = Simulator.run(t, s);
                    assertThat(r.events()).as("%s on %s", s.name(), sample.getFileName())
                            .anySatisfy(e -> assertThat(e).isInstanceOf(LabEvent.StepApplied.class));
                    assertThat(r.failingAtEnd()).as("%s on %s", s.name(), sample.getFileName())
                            .allSatisfy(f -> assertThat(f.detail()).isNotBlank());
                }
            }
        }
    }

    @Test
    void aTrafficPolicyStepReadsFromAScenarioFileAndNamesAMissingService() throws Exception {
        List<Scenario> read = Scenarios.parse("x.scenarios.yaml", """
                apiVersion: lbstudio/v1
                kind: Scenarios
                scenarios:
                  - name: to-local
                    steps:
                      - {at: 1s, action: traffic-policy, service: demo/nope, policy: Local}
                """);
        assertThat(read.get(0).steps()).containsExactly(new Step.TrafficPolicy(dev.lbstudio.model.GoDuration.ofSeconds(1),
                "demo/nope", Service.TrafficPolicy.LOCAL));
        assertThatThrownBy(() -> Simulator.run(seed(), read.get(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service 'demo/nope' (write namespace/name)");
    }
}
