package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample's findings equal its golden file samples/expected/NAME.findings.json (the stable
 * JSON the CLI prints), and each troubleshooting sample raises the rule it was written for.
 */
class SampleFindingsTest {

    /** The troubleshooting samples and the rules an expert expects each to raise. */
    private static final Map<String, List<String>> BROKEN = Map.of(
            "trouble-dot0-handed-out.yaml", List.of("POOL_NETWORK_BROADCAST"),
            "trouble-pool-not-advertised.yaml", List.of("LB_IP_OUTSIDE_CALICO_RANGE"),
            "trouble-local-blackholing.yaml", List.of("LOCAL_SVC_MESH_PLUS_EBGP_TOR", "LOCAL_SVC_SINGLE_REPLICA"),
            "trouble-slow-failover.yaml", List.of("HOLD_TIMER_FAILOVER", "TOR_MULTIPATH"),
            "trouble-speaker-conflict.yaml", List.of("SPEAKER_BGP_WITH_CALICO_BGP", "HELM_SPEAKER_MODE", "PORT179_CONFLICT"));

    static List<Path> samples() {
        return RepoPaths.allSamples();
    }

    private static String fileName(Path sample) {
        return sample.getFileName().toString();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void findingsMatchTheGoldenFile(Path sample) throws Exception {
        Topology design = TopologyReader.read(sample);
        String json = FindingsJson.write(design.name(), Validator.validate(design));
        Golden.check(RepoPaths.samples().resolve("expected").resolve(fileName(sample).replace(".yaml", ".findings.json")), json);
    }

    @Test
    void everyTroubleshootingSampleIsListedWithItsRules() {
        List<String> trouble = samples().stream().map(SampleFindingsTest::fileName).filter(n -> n.startsWith("trouble-")).toList();
        assertThat(BROKEN.keySet()).containsExactlyInAnyOrderElementsOf(trouble);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void troubleshootingSamplesRaiseTheirRule(Path sample) throws Exception {
        List<String> expected = BROKEN.get(fileName(sample));
        if (expected == null) {
            return;
        }
        ValidationResult result = Validator.validate(TopologyReader.read(sample));
        assertThat(result.findings()).extracting(Finding::ruleId).containsAll(expected);
    }

    @Test
    void seedRaisesWhatAnExpertWouldRaise() throws Exception {
        ValidationResult result = Validator.validate(TopologyReader.read(RepoPaths.sample("seed-calico-metallb.yaml")));
        assertThat(result.findings()).extracting(Finding::ruleId)
                .contains("SPEAKER_UNUSED", "HELM_FRRK8S_DEFAULT_ON_UPGRADE", "HOLD_TIMER_FAILOVER", "GRACEFUL_RESTART_STALE")
                .doesNotContain("LB_IP_OUTSIDE_CALICO_RANGE", "POOL_NETWORK_BROADCAST", "MLB_POOL_HOST_BITS");
        assertThat(result.count(Severity.ERROR)).isZero();
    }
}
