package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleRoundTripTest {

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    @Test
    void everySampleTheIssueAsksForExists() {
        assertThat(samples()).extracting(p -> p.getFileName().toString()).contains(
                "seed-calico-metallb.yaml", "seed-local-policy.yaml", "two-racks.yaml",
                "trouble-dot0-handed-out.yaml", "trouble-pool-not-advertised.yaml", "trouble-local-blackholing.yaml",
                "trouble-slow-failover.yaml", "trouble-speaker-conflict.yaml");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writeThenReadGivesAnEqualModelAndTheSameText(Path sample) throws Exception {
        Topology loaded = TopologyReader.read(sample);
        String written = TopologyWriter.toYaml(loaded);
        Topology reread = TopologyReader.parse("written", written);

        assertThat(reread).isEqualTo(loaded);
        assertThat(TopologyWriter.toYaml(reread)).isEqualTo(written);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void samplesNameEveryElementOnce(Path sample) throws Exception {
        Topology t = TopologyReader.read(sample);
        long identified = t.network().routers().size() + t.network().segments().size() + t.network().clients().size()
                + t.cluster().nodes().size() + t.workloads().services().size() + t.workloads().deployments().size();
        assertThat(t.elements().keySet().stream().filter(id -> switch (id.kind()) {
            case ROUTER, SEGMENT, CLIENT, NODE, SERVICE, DEPLOYMENT -> true;
            default -> false;
        })).hasSize((int) identified);
    }

    /** Pins the key order and formatting of written files: a change here changes every user's diffs. */
    @Test
    void seedIsWrittenInTheCanonicalForm() throws Exception {
        String written = TopologyWriter.toYaml(TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml")));
        Path golden = RepoPaths.root().resolve("topology-model/src/test/resources/golden/seed-calico-metallb.canonical.yaml");
        if (Boolean.getBoolean("lbstudio.updateGolden")) {
            Files.writeString(golden, written);
        }
        assertThat(written).isEqualTo(Files.readString(golden));
    }

    @Test
    void savingIsAtomicAndLeavesNoTempFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml"));
        Path target = dir.resolve("design.yaml");
        Files.writeString(target, "old content");

        TopologyWriter.save(seed, target);

        assertThat(TopologyReader.read(target)).isEqualTo(seed);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
