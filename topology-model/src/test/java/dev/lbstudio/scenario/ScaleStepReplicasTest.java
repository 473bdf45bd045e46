package dev.lbstudio.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.GoDuration;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scale step changes what the deployment asks for, not only the pods it has. */
class ScaleStepReplicasTest {

    private static Deployment webServer(Topology t) {
        return t.workloads().deployments().stream().filter(d -> d.name().equals("web-server")).findFirst().orElseThrow();
    }

    private static Topology after(Topology t, Step... steps) {
        Scenario s = new Scenario("scale", null, GoDuration.parse("10s"),
                new Scenario.Probe(null, null, 2, GoDuration.parse("500ms"), GoDuration.parse("100ms")), null, List.of(steps));
        return Simulator.run(t, s).last().topology();
    }

    @Test
    void scalingUpAndDownSetsTheDeclaredReplicasAndThePodsFollow() throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml"));
        assertThat(webServer(seed).replicas()).isNull();

        Deployment up = webServer(after(seed, new Step.ScaleReplicas(GoDuration.parse("1s"), "demo/web-server", 3, GoDuration.parse("1s"))));
        assertThat(up.replicas()).isEqualTo(3);
        assertThat(up.pods()).hasSize(3);

        Deployment down = webServer(after(seed, new Step.ScaleReplicas(GoDuration.parse("1s"), "demo/web-server", 0, null)));
        assertThat(down.replicas()).isZero();
        assertThat(down.pods()).isEmpty();
        assertThat(down.effectiveReplicas()).isZero();
    }

    @Test
    void aPodLeavingWithoutAScaleKeepsTheDeclaredReplicas() throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml"));
        Topology declared = Simulator.withReplicas(seed, webServer(seed).id(), 2);
        Topology gone = Simulator.withoutPod(declared, webServer(seed).pods().get(0).name());
        assertThat(webServer(gone).pods()).hasSize(1);
        assertThat(webServer(gone).replicas()).isEqualTo(2);
    }
}
