package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a design file can be wrong is reported with file, line, column and YAML path — never a stack trace. */
class LoadErrorTest {

    private static String seed() throws Exception {
        return Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"));
    }

    private static LoadProblem onlyProblem(String yaml) {
        try {
            TopologyReader.parse("design.yaml", yaml);
        } catch (TopologyLoadException e) {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.getMessage()).doesNotContain("dev.lbstudio", "Exception", "\tat ");
            return e.problems().get(0);
        }
        throw new AssertionError("the design loaded although it is broken");
    }

    private static int lineOf(String yaml, String text) {
        return yaml.substring(0, yaml.indexOf(text)).split("\n", -1).length;
    }

    @Test
    void unknownKeyIsNamedWithASuggestion() throws Exception {
        String yaml = seed().replace("      avoidBuggyIPs: true", "      avoidBugyIPs: true");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).isEqualTo("unknown key 'avoidBugyIPs'; did you mean 'avoidBuggyIPs'?");
        assertThat(p.yamlPath()).isEqualTo("metallb.ipAddressPools[0].avoidBugyIPs");
        assertThat(p.line()).isEqualTo(lineOf(yaml, "avoidBugyIPs"));
        assertThat(p.column()).isEqualTo(7);
    }

    @Test
    void aValueJacksonRefusesIsLocatedEvenWhenTheFileBreaksFurtherDown() throws Exception {
        // Jackson stops at the number; the bad indentation at the end keeps the whole file from composing.
        String yaml = seed().replaceFirst("remoteAs: \\d+", "remoteAs: " + "1".repeat(1264)) + "\n  bad: [indent\n";
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).contains("Number value length (1264) exceeds");
        assertThat(p.line()).isEqualTo(lineOf(yaml, "1".repeat(1264)));
        assertThat(p.column()).isPositive();
    }

    @Test
    void badCidrNamesTheValueLineAndPath() throws Exception {
        String yaml = seed().replace("cidr: 10.0.0.0/24", "cidr: 10.0.0.300/24");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).contains("'10.0.0.300/24' is not a CIDR");
        assertThat(p.yamlPath()).isEqualTo("network.segments[0].cidr");
        assertThat(p.line()).isEqualTo(lineOf(yaml, "10.0.0.300/24"));
    }

    @Test
    void addressWithPrefixWhereAHostIsExpected() throws Exception {
        String yaml = seed().replace("        - 10.0.0.12\n", "        - 10.0.0.12/24\n");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).contains("'10.0.0.12/24' is not a single IP address");
        assertThat(p.yamlPath()).isEqualTo("cluster.nodes[1].addresses[0]");
    }

    @Test
    void danglingReferenceIsLocatedAtTheReference() throws Exception {
        String yaml = seed().replace("          node: node-1\n", "          node: node-9\n");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).isEqualTo("no node named 'node-9'; did you mean 'node-1'?");
        assertThat(p.yamlPath()).isEqualTo("workloads.deployments[0].pods[0].node");
        assertThat(p.line()).isEqualTo(lineOf(yaml, "node: node-9"));
        assertThat(p.column()).isEqualTo(17);
    }

    @Test
    void everyDanglingReferenceIsReportedAtOnce() throws Exception {
        String yaml = seed().replace("segment: rack1", "segment: rack-one");
        assertThatThrownBy(() -> TopologyReader.parse("design.yaml", yaml))
                .isInstanceOfSatisfying(TopologyLoadException.class, e -> assertThat(e.problems()).hasSize(4)
                        .allSatisfy(p -> assertThat(p.message()).startsWith("no segment named 'rack-one'")));
    }

    @Test
    void missingRequiredValue() throws Exception {
        String yaml = seed().replace("      address: 198.51.100.10/24\n      segment: client-lan\n",
                "      address: 198.51.100.10/24\n");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).isEqualTo("the required key 'segment' is missing");
        assertThat(p.yamlPath()).isEqualTo("network.clients[0].segment");
        assertThat(p.line()).isPositive();
    }

    @Test
    void wrongTypeIsExplainedInYamlTerms() throws Exception {
        String yaml = seed().replace("asn: 64512", "asn: sixty-four");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.yamlPath()).isEqualTo("network.routers[0].bgp.asn");
        assertThat(p.message()).doesNotContain("`").contains("sixty-four");
    }

    @Test
    void badEnumListsTheAcceptedWords() throws Exception {
        LoadProblem p = onlyProblem(seed().replace("externalTrafficPolicy: Cluster", "externalTrafficPolicy: Global"));
        assertThat(p.message()).contains("'Global' is not one of Cluster, Local");
        assertThat(p.yamlPath()).isEqualTo("workloads.services[0].externalTrafficPolicy");
    }

    @Test
    void yamlSyntaxErrorHasALine() throws Exception {
        String yaml = seed().replace("name: seed-calico-metallb\n", "name: \"seed-calico-metallb\n");
        LoadProblem p = onlyProblem(yaml);
        assertThat(p.message()).startsWith("not valid YAML");
        assertThat(p.line()).isPositive();
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        LoadProblem p = onlyProblem(seed().replace("name: seed-calico-metallb\n", "name: seed-calico-metallb\nname: again\n"));
        assertThat(p.message()).containsIgnoringCase("duplicate");
        assertThat(p.line()).isPositive();
    }

    @Test
    void otherApiVersionOrKind() throws Exception {
        assertThat(onlyProblem(seed().replace("apiVersion: lbstudio/v1", "apiVersion: lbstudio/v9")).message())
                .contains("apiVersion 'lbstudio/v9' is not supported");
        assertThat(onlyProblem(seed().replace("kind: Topology", "kind: Service")).message())
                .contains("expected kind: Topology");
    }

    @Test
    void emptyFile() {
        assertThat(onlyProblem("  \n").message()).startsWith("the file is empty");
    }

    @Test
    void fileProblems(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TopologyReader.read(dir.resolve("nope.yaml"))).hasMessageEndingWith("does not exist; check the path (samples are in samples/)");
        assertThatThrownBy(() -> TopologyReader.read(dir)).hasMessageContaining("is a directory");
        Path binary = Files.write(dir.resolve("design.yaml"), new byte[] {1, 0, 2, 3});
        assertThatThrownBy(() -> TopologyReader.read(binary)).hasMessageContaining("is a binary file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});
        assertThatThrownBy(() -> TopologyReader.read(latin1)).hasMessageContaining("is not UTF-8");
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        long start = System.nanoTime();
        LoadProblem p = onlyProblem(bomb.toString());
        assertThat(p.message()).contains("anchors and aliases").contains("not supported");
        assertThat(p.line()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void deepNestingIsRefusedQuickly() {
        String deep = "name: x\ndescription: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        long start = System.nanoTime();
        LoadProblem p = onlyProblem(deep);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.yamlPath()).isEqualTo("description");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
