package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.SecretKeyRef;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * confd's side of Calico from manifests: per-node BGPConfigurations (the three fields confd reads,
 * a located warning for each it ignores) and which Secret keys exist, never their values.
 */
class CalicoNodeSideImportTest {

    private static final String MANIFESTS = """
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: default}
            spec:
              nodeMeshPassword: {secretKeyRef: {name: bgp-secrets, key: mesh}}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: node.w2}
            spec:
              listenPort: 1791
              asNumber: 65001
              logSeverityScreen: Debug
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: w3-overrides}
            spec: {listenPort: 1792}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: bgp-secrets, namespace: calico-system}
            data: {mesh: c2VjcmV0}
            stringData: {tor: plain}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: w1}
            status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: w2}
            status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
            """;

    @Test
    void perNodeConfigurationsAndSecretKeysAreImportedAndWhatConfdIgnoresIsALocatedWarning() {
        ManifestImporter.Result result = ManifestImporter.importTexts("t", Map.of("m.yaml", MANIFESTS), Map.of());
        Topology t = result.topology();
        assertThat(t.calico().nodeBgpConfiguration("w2")).hasValueSatisfying(n -> {
            assertThat(n.listenPort()).isEqualTo(1791);
            assertThat(n.logSeverityScreen()).isEqualTo("Debug");
        });
        assertThat(t.calico().nodeBgpConfigurations()).hasSize(1);
        assertThat(t.calico().secrets()).containsExactly(new SecretKeyRef("bgp-secrets", "mesh"), new SecretKeyRef("bgp-secrets", "tor"));
        assertThat(TopologyWriter.toYaml(t)).doesNotContain("c2VjcmV0", "plain");
        assertThat(result.warnings()).extracting(ImportWarning::toString).contains(
                "m.yaml:12:13: BGPConfiguration node.w2: spec.asNumber is read only from 'default'; calico-node ignores it on a per-node BGPConfiguration",
                "m.yaml:17:18: BGPConfiguration w3-overrides: calico-node reads only 'default' and 'node.NODENAME'; skipped");
        List<String> files = List.copyOf(Renderer.render(t, Renderer.What.CALICO_BIRD).keySet());
        assertThat(Renderer.render(t, Renderer.What.CALICO_BIRD).get("calico-bird/w1/bird.cfg"))
                .contains("neighbor 10.0.0.12 port 1791 as 64512;", "password \"<secret bgp-secrets/mesh>\";");
        assertThat(files).contains("calico-bird/w2/bird.cfg");
    }

    @Test
    void aRenderedPerNodeConfigurationImportsBack() throws Exception {
        Topology t = ManifestImporter.importTexts("t", Map.of("m.yaml", MANIFESTS), Map.of()).topology();
        String rendered = Renderer.render(t, Renderer.What.MANIFESTS).get("manifests/calico.yaml");
        assertThat(rendered).contains("name: node.w2");
        Topology again = ManifestImporter.importTexts("t", Map.of("calico.yaml", rendered), Map.of()).topology();
        assertThat(again.calico().nodeBgpConfigurations()).isEqualTo(t.calico().nodeBgpConfigurations());
    }
}
