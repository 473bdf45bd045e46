package dev.lbstudio.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyMapper;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {

    private static final String FILE = """
            apiVersion: lbstudio/v1
            kind: Scenarios
            scenarios:
              - name: move-then-crash
                description: the pod moves to node-2, then node-2 dies
                duration: 60s
                probe: {client: client1, target: "10.208.1.1:80", flows: 4, interval: 100ms, timeout: 50ms}
                steps:
                  - {at: 20s, action: node-crash, node: node-2}
                  - {at: 5s, action: pod-relocation, pod: web-server-5d8f7c9b6-x2k4p, to: node-2, delay: 2s}
              - name: node-crash
                steps:
                  - {at: 1s, action: node-crash, node: node-3}
            """;

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    @Test
    void aScenarioFileBesideTheDesignIsFoundAndOverridesBuiltInsByName(@TempDir Path dir) throws Exception {
        Path design = Files.copy(RepoPaths.sample("seed-local-policy.yaml"), dir.resolve("shop.yaml"));
        Files.writeString(dir.resolve("shop.scenarios.yaml"), FILE);
        assertThat(Scenarios.fileFor(design)).isEqualTo(dir.resolve("shop.scenarios.yaml"));
        Topology t = TopologyReader.read(design);
        Map<String, Scenario> all = Scenarios.forDesign(design, t);
        assertThat(all).containsKeys("move-then-crash", "node-crash", "bird-restart", "pod-relocation");
        assertThat(all.get("node-crash").steps()).containsExactly(new Step.NodeCrash(
                dev.lbstudio.model.GoDuration.parse("1s"), "node-3"));
        Scenario s = all.get("move-then-crash");
        assertThat(s.steps()).extracting(Step::time).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(20));
        assertThat(s.probe().effectiveFlows()).isEqualTo(4);
        assertThat(s.effectiveDuration()).isEqualTo(Duration.ofSeconds(60));

        SimulationResult r = Simulator.run(t, s);
        assertThat(r.outages()).hasSize(4);
        assertThat(r.events()).filteredOn(e -> e instanceof LabEvent.StepApplied).hasSize(2);
        assertThat(r.events()).extracting(LabEvent::at).isSorted();
    }

    @Test
    void anUnknownActionNamesTheLineAndTheActions() {
        String bad = FILE.replace("action: node-crash, node: node-2", "action: node-explodes, node: node-2");
        assertThatThrownBy(() -> Scenarios.parse("x.scenarios.yaml", bad)).isInstanceOf(TopologyLoadException.class)
                .hasMessageContaining("x.scenarios.yaml:9:")
                .hasMessageContaining("unknown action 'node-explodes'")
                .hasMessageContaining("pod-relocation");
    }

    @Test
    void aFileOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> Scenarios.parse("x.yaml", "apiVersion: lbstudio/v1\nkind: Topology\nscenarios: []\n"))
                .hasMessageContaining("kind: Scenarios");
    }

    @Test
    void stepsNamingUnknownElementsFailWithTheirName() throws Exception {
        Topology t = TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml"));
        Scenario s = new Scenario("x", null, null, null, null, List.of(new Step.NodeCrash(null, "node-9")));
        assertThatThrownBy(() -> Simulator.run(t, s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 'node-9'");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyBuiltInScenarioRunsOnEverySample(Path file) throws Exception {
        Topology t = TopologyReader.read(file);
        List<Scenario> builtIns = Scenarios.builtIn(t);
        assertThat(builtIns).extracting(Scenario::name)
                .contains("node-crash", "pod-relocation", "bird-restart", "bird-restart-no-gr", "session-reset", "link-down");
        for (Scenario s : builtIns) {
            SimulationResult r = Simulator.run(t, s);
            assertThat(r.events()).as(s.name()).extracting(LabEvent::at).isSorted();
            assertThat(r.events()).as(s.name()).anySatisfy(e -> assertThat(e).isInstanceOf(LabEvent.StepApplied.class));
            assertThat(r.outages()).as(s.name()).isNotEmpty();
        }
    }

    @Test
    void eventsSerializeWithTheirTypeName() throws Exception {
        Topology t = TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml"));
        SimulationResult r = Simulator.run(t, Scenarios.builtIn(t).get(0));
        ObjectMapper mapper = TopologyMapper.json().copy().registerModule(new SimpleModule()
                .addSerializer(Duration.class, new ToStringSerializer()));
        JsonNode json = mapper.readTree(mapper.writerFor(new TypeReference<List<LabEvent>>() { })
                .writeValueAsString(r.events()));
        assertThat(json).extracting(n -> n.get("type").asText())
                .contains("Note", "StepApplied", "SessionChanged", "RouteChanged", "ProbeSample");
    }
}
