package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code routes}, {@code trace} and {@code simulate} as a user runs them. */
class RoutingCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    private static String sample(String name) {
        return RepoPaths.sample(name + ".yaml").toString();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleHasRoutes(Path sample) {
        Cli r = Cli.run("routes", sample.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("BGP sessions").contains("Router ").contains("  FIB");
    }

    @Test
    void routesShowTheReExportPitfallWithReasons() {
        Cli r = Cli.run("routes", sample("trouble-local-blackholing"));
        assertThat(r.out())
                .contains("tor1 ↔ node-1  eBGP  (BGPPeer tor1)")
                .contains("node-1 ↔ node-2  iBGP  (node-to-node mesh)")
                .containsPattern("= node-3\\s+via 10.0.0.13\\s+AS path 64513\\s+multipath equal cost: installed for ECMP "
                        + "\\[originated by node-1]")
                .containsPattern("10.208.1.1/32\\s+via 10.0.0.11, 10.0.0.12, 10.0.0.13 \\(ECMP 3\\)");
    }

    @Test
    void routesForOneNodeAndAsJson() throws Exception {
        Cli node = Cli.run("routes", sample("seed-local-policy"), "--router", "node-3");
        assertThat(node.out()).contains("Node node-3 (AS64513").containsPattern("> \\(local\\)\\s+via 10.0.0.13");
        Cli json = Cli.run("routes", sample("seed-calico-metallb"), "--format", "json");
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("sessions")).hasSize(6);
        JsonNode tor = root.get("speakers").get(0);
        assertThat(tor.get("id").asText()).isEqualTo("router/tor1");
        assertThat(tor.get("fib").get(1).get("nextHops")).extracting(JsonNode::asText)
                .containsExactly("10.0.0.11", "10.0.0.12", "10.0.0.13");
        assertThat(tor.get("rib").get(0).get("reason").asText()).isEqualTo("ARRIVAL_ORDER");
    }

    @Test
    void aVrfInstanceIsListedAsNotRoutedWithItsReason(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("vrf.yaml");
        Files.writeString(design, Files.readString(RepoPaths.sample("seed-calico-metallb.yaml")).replace(
                "    - name: tor1\n      role: tor\n", "    - name: tor1\n      role: tor\n      frr:\n        otherInstances:\n"
                        + "          - name: mgmt\n            bgp:\n              asn: 65099\n              neighbors:\n"
                        + "                - address: 192.0.2.9\n                  remoteAs: 65098\n"));
        Cli r = Cli.run("routes", design.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  not routed: tor1 router bgp 65099 vrf mgmt (neighbours 192.0.2.9): a VRF's BGP instance");
        JsonNode json = JSON.readTree(Cli.run("routes", design.toString(), "--format", "json").out());
        assertThat(json.get("notRouted").get(0).get("reason").asText()).isEqualTo("VRF_INSTANCE");
        assertThat(Cli.run("routes", sample("seed-calico-metallb")).out()).doesNotContain("not routed");
    }

    @Test
    void unknownRouterIsABadInput() {
        Cli r = Cli.run("routes", sample("seed-calico-metallb"), "--router", "tor9");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no router or node named 'tor9'").contains("[tor1]");
    }

    @Test
    void traceOneFlowHopByHopWithTheSourceThePodSees() {
        Cli local = Cli.run("trace", sample("seed-local-policy"), "--from", "client1", "--to", "10.208.1.1:80");
        assertThat(local.exitCode()).isZero();
        assertThat(local.out()).contains("Flow TCP 198.51.100.10:40000 → 10.208.1.1:80")
                .containsPattern("2\\. tor1\\s+10.208.1.1/32 via ECMP 3-way, flow hash → 10.0.0.1\\d");
        Cli cluster = Cli.run("trace", sample("seed-calico-metallb"), "--from", "client1", "--to", "10.208.1.1:80",
                "--flows", "12");
        assertThat(cluster.out()).contains("12 flows 198.51.100.10 → 10.208.1.1:80: 12 delivered (100%)")
                .contains("(node, SNAT)").doesNotContain("(client)");
        Cli blackhole = Cli.run("trace", sample("trouble-local-blackholing"), "--from", "client1", "--to",
                "10.208.1.1:80", "--flows", "30");
        assertThat(blackhole.out()).containsPattern("dropped:  \\d+ × externalTrafficPolicy: Local and no ready endpoint")
                .contains("198.51.100.10 (client)");
    }

    @Test
    void traceRejectsBadArguments() {
        assertThat(Cli.run("trace", sample("seed-calico-metallb"), "--from", "nobody", "--to", "10.208.1.1:80").err())
                .contains("no client named 'nobody'");
        Cli badTarget = Cli.run("trace", sample("seed-calico-metallb"), "--from", "client1", "--to", "10.208.1.1");
        assertThat(badTarget.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badTarget.err()).contains("is not IP:PORT");
    }

    @Test
    void simulateListsScenariosAndRunsOne() throws Exception {
        Cli list = Cli.run("simulate", sample("seed-local-policy"));
        assertThat(list.out()).contains("node-crash").contains("bird-restart-no-gr").contains("pod-relocation");
        Cli run = Cli.run("simulate", sample("seed-local-policy"), "--scenario", "bird-restart-no-gr");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("step   BIRD on node-1 is killed (graceful restart off)")
                .containsPattern("5\\.002  bgp    tor1 ↔ node-1: Established → Idle \\(TCP closed")
                .contains("Outage per probe flow").contains("Worst outage");
        Cli json = Cli.run("simulate", sample("seed-local-policy"), "--scenario", "node-crash", "--format", "json");
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("events")).extracting(e -> e.get("type").asText()).contains("RouteChanged", "SessionChanged");
        assertThat(root.get("outages")).isNotEmpty();
    }

    @Test
    void simulateUsesTheScenarioFileBesideTheDesign(@TempDir Path dir) throws Exception {
        Path design = Files.copy(RepoPaths.sample("seed-calico-metallb.yaml"), dir.resolve("d.yaml"));
        Files.writeString(dir.resolve("d.scenarios.yaml"), """
                apiVersion: lbstudio/v1
                kind: Scenarios
                scenarios:
                  - name: reset-twice
                    duration: 30s
                    steps:
                      - {at: 2s, action: session-reset, router: tor1, peer: node-2}
                      - {at: 12s, action: session-reset, router: tor1, peer: node-2}
                """);
        Cli run = Cli.run("simulate", design.toString(), "--scenario", "reset-twice");
        assertThat(run.out()).contains("Scenario reset-twice").containsPattern("12\\.000  bgp    tor1 ↔ node-2");
        Cli unknown = Cli.run("simulate", design.toString(), "--scenario", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no scenario 'nope'").contains("reset-twice");
    }
}
