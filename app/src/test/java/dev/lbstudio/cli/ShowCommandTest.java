package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShowCommandTest {

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    @Test
    void seedSummaryNamesRoutersNodesPoolsAndServices() {
        Cli result = Cli.run("show", RepoPaths.sample("seed-calico-metallb.yaml").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .contains("Design seed-calico-metallb")
                .containsPattern("tor1\\s+tor\\s+AS64512\\s+FRR 8.4")
                .containsPattern("node-1\\s+10.0.0.11\\s+rack1")
                .contains("Calico v3.28.2: AS64513, node-to-node mesh on, serviceLoadBalancerIPs 10.208.1.0/24")
                .contains("MetalLB v0.14.9 in metallb-system: speaker on (native, FRR off)")
                .containsPattern("lb-pool-10-208-1\\s+10.208.1.0/24\\s+256 addresses, 254 usable\\s+avoidBuggyIPs")
                .containsPattern("demo/web-server\\s+LoadBalancer\\s+Cluster\\s+80→8080/TCP\\s+IP 10.208.1.1\\s+1 endpoint on node-1");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleCanBeShown(Path sample) {
        Cli result = Cli.run("show", sample.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Design ");
    }

    @Test
    void brokenFileGivesOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"),
                Files.readString(RepoPaths.sample("seed-calico-metallb.yaml")).replace("rack: rack-1\n  segments", "rak: rack-1\n  segments"));

        Cli result = Cli.run("show", broken.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).startsWith("lbstudio: " + broken + ":").contains("unknown key 'rak'; did you mean 'rack'?");
    }

    @Test
    void missingFileDirectoryAndEmptyFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        for (Path bad : List.of(dir.resolve("missing.yaml"), dir, empty)) {
            Cli result = Cli.run("show", bad.toString());
            assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(result.err().strip().lines()).hasSize(1);
            assertThat(result.err()).startsWith("lbstudio: " + bad);
        }
    }

    @Test
    void versionAndUsage() {
        assertThat(Cli.run("--version").out()).startsWith("LB Studio ");
        Cli usage = Cli.run();
        assertThat(usage.out()).contains("show", "schema");
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void schemaCommandPrintsTheCommittedSchema() throws Exception {
        assertThat(Cli.run("schema").out()).isEqualTo(Files.readString(RepoPaths.root().resolve("docs/topology.schema.json")));
    }
}
