package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sample(String name) {
        return RepoPaths.sample(name).toString();
    }

    @Test
    void textGroupsBySeverityWithTheFixUnderEachFinding() {
        Cli result = Cli.run("validate", sample("trouble-speaker-conflict.yaml"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.err()).isEmpty();
        String out = result.out();
        assertThat(out).startsWith("trouble-speaker-conflict: 2 errors, 1 warning, 3 notes");
        assertThat(out.indexOf("ERROR (2)")).isLessThan(out.indexOf("WARN (1)")).isLessThan(out.indexOf("INFO (3)"));
        assertThat(out).containsPattern("(?s)  SPEAKER_BGP_WITH_CALICO_BGP: MetalLB BGPPeer tor1 peers with tor1.*?\n"
                + "    at:   metallb-bgp-peer/tor1, router/tor1\n    why:  .*?\n          https://metallb.universe.tf/configuration/calico/\n"
                + "    fix:  Let Calico announce");
        assertThat(out).contains("    edit: set speakerEnabled: false on helm-values/metallb");
    }

    @Test
    void failOnDecidesTheExitCode() {
        String seed = sample("seed-calico-metallb.yaml");
        assertThat(Cli.run("validate", seed).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run("validate", seed, "--fail-on", "error").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run("validate", seed, "--fail-on", "warn").exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(Cli.run("validate", seed, "--fail-on", "info").exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(Cli.run("validate", sample("two-racks.yaml"), "--fail-on", "warn").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void jsonIsTheDocumentedStableShape() throws Exception {
        Cli result = Cli.run("validate", sample("seed-calico-metallb.yaml"), "--format", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(Files.readString(RepoPaths.samples().resolve("expected/seed-calico-metallb.findings.json")));
        JsonNode root = JSON.readTree(result.out());
        assertThat(root.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(root.get("summary").get("warn").asInt()).isEqualTo(1);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("SPEAKER_UNUSED");
        assertThat(first.get("fix").get("edit").get("target").asText()).isEqualTo("helm-values/metallb");
    }

    @Test
    void sarifListsRulesWithHelpAndResultsWithLogicalLocations() throws Exception {
        Cli result = Cli.run("validate", sample("trouble-pool-not-advertised.yaml"), "--format", "sarif");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode run = JSON.readTree(result.out()).get("runs").get(0);
        assertThat(JSON.readTree(result.out()).get("version").asText()).isEqualTo("2.1.0");
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules.size()).isEqualTo(dev.lbstudio.validate.Rules.all().size());
        assertThat(rules.get(0).get("helpUri").asText()).startsWith("https://");
        JsonNode error = run.get("results").get(0);
        assertThat(error.get("ruleId").asText()).isEqualTo("LB_IP_OUTSIDE_CALICO_RANGE");
        assertThat(error.get("level").asText()).isEqualTo("error");
        assertThat(rules.get(error.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("LB_IP_OUTSIDE_CALICO_RANGE");
        JsonNode location = error.get("locations").get(0);
        assertThat(location.get("logicalLocations").get(0).get("fullyQualifiedName").asText())
                .isEqualTo("address-pool/lb-pool-10-208-2");
        assertThat(location.get("physicalLocation").get("artifactLocation").get("uri").asText()).endsWith("trouble-pool-not-advertised.yaml");
        assertThat(location.get("physicalLocation").get("region").get("startLine").asInt()).isPositive();
    }

    @Test
    void unreadableInputExitsWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: x\ncluster:\n  nodes: [ {name: n1, addresses: [nope], segment: s} ]\n");

        Cli missing = Cli.run("validate", dir.resolve("missing.yaml").toString());
        Cli bad = Cli.run("validate", broken.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("missing.yaml: does not exist");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("broken.yaml:3").doesNotContain("Exception");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void badOptionsExitWithTwo() {
        Cli format = Cli.run("validate", sample("seed-calico-metallb.yaml"), "--format", "xml");
        Cli failOn = Cli.run("validate", sample("seed-calico-metallb.yaml"), "--fail-on", "fatal");

        assertThat(format.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(format.err()).contains("'xml' is not a format; use text, json or sarif");
        assertThat(failOn.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(failOn.err()).contains("'fatal' is not a severity; use error, warn or info");
    }

    @Test
    void rulesTheDesignDisablesAreReportedInEveryFormat(@TempDir Path dir) throws Exception {
        Path design = dir.resolve("seed.yaml");
        Files.writeString(design, Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"))
                + "validation:\n  disabled:\n    - rule: SPEAKER_UNUSED\n      reason: L2 pool planned\n");

        Cli text = Cli.run("validate", design.toString(), "--fail-on", "warn");
        JsonNode json = JSON.readTree(Cli.run("validate", design.toString(), "--format", "json").out());
        JsonNode sarif = JSON.readTree(Cli.run("validate", design.toString(), "--format", "sarif").out());

        assertThat(text.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(text.out()).doesNotContain("SPEAKER_UNUSED: MetalLB").contains("Disabled by the design (1)\n  SPEAKER_UNUSED: L2 pool planned");
        assertThat(json.get("disabled").get(0).get("reason").asText()).isEqualTo("L2 pool planned");
        JsonNode override = sarif.get("runs").get(0).get("invocations").get(0).get("ruleConfigurationOverrides").get(0);
        assertThat(override.get("descriptor").get("id").asText()).isEqualTo("SPEAKER_UNUSED");
        assertThat(override.get("configuration").get("enabled").asBoolean()).isFalse();
    }
}
