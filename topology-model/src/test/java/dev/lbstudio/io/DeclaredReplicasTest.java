package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import dev.lbstudio.testing.RepoPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Deployment's declared spec.replicas survives import, the design file and render, whatever pods
 * were running: pushing an imported design back must not scale the cluster to the pods seen.
 */
class DeclaredReplicasTest {

    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata: {name: w1}
            status:
              addresses: [{type: InternalIP, address: 10.0.0.11}]
            """;

    private static String deployment(String name, String replicas) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: shop}
                spec:
                %s  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [{name: web, image: nginx}]
                """.formatted(name, replicas == null ? "" : "  replicas: " + replicas + "\n", name, name);
    }

    private static String runningPod(String name, String app) {
        return """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: shop, labels: {app: %s}}
                spec: {nodeName: w1}
                status:
                  podIP: 10.244.1.7
                  conditions: [{type: Ready, status: "True"}]
                """.formatted(name, app);
    }

    private static ManifestImporter.Result importOf(String text) {
        return ManifestImporter.importTexts("cluster", Map.of("cluster.yaml", NODE + text), Map.of());
    }

    private static String workloads(Topology t) {
        return Renderer.render(t, Renderer.What.MANIFESTS).get("manifests/workloads.yaml");
    }

    private static Deployment only(Topology t, String name) {
        return t.workloads().deployments().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void threeDeclaredWithOnePodRunningStayThreeThroughImportFileAndRender() throws Exception {
        ManifestImporter.Result r = importOf(deployment("web", "3") + runningPod("web-1", "web"));
        Deployment web = only(r.topology(), "web");
        assertThat(web.pods()).extracting(Pod::name).containsExactly("web-1");
        assertThat(web.replicas()).isEqualTo(3);
        assertThat(web.effectiveReplicas()).isEqualTo(3);
        assertThat(workloads(r.topology())).contains("replicas: 3").doesNotContain("replicas: 1")
                .as("one pod per node is no placement to reproduce for three replicas on one node").doesNotContain("podAntiAffinity");

        Topology reread = TopologyReader.parse("imported.yaml", TopologyWriter.toYaml(r.topology()));
        assertThat(reread.workloads().deployments()).isEqualTo(r.topology().workloads().deployments());
        assertThat(workloads(reread)).contains("replicas: 3");
    }

    @Test
    void noneRunningOfOneDeclaredStillRendersOne() {
        Topology t = importOf(deployment("idle", "1")).topology();
        assertThat(only(t, "idle").pods()).isEmpty();
        assertThat(workloads(t)).contains("replicas: 1").doesNotContain("replicas: 0");
    }

    @Test
    void anAbsentSpecReplicasIsOneAsTheApiServerDefaultsIt() {
        ManifestImporter.Result r = importOf(deployment("plain", null) + runningPod("plain-1", "plain") + runningPod("plain-2", "plain"));
        assertThat(r.warnings()).extracting(ImportWarning::toString).noneMatch(w -> w.contains("replicas"));
        Deployment plain = only(r.topology(), "plain");
        assertThat(plain.pods()).hasSize(2);
        assertThat(plain.replicas()).isEqualTo(1);
    }

    @Test
    void aBadSpecReplicasIsWarnedAtItsLineAndLeftUnknown() {
        ManifestImporter.Result r = importOf(deployment("odd", "-2") + runningPod("odd-1", "odd"));
        assertThat(r.warnings()).extracting(ImportWarning::toString).filteredOn(w -> w.contains("replicas")).singleElement().satisfies(w -> assertThat(w)
                .startsWith("cluster.yaml:11:").contains("Deployment shop/odd: spec.replicas: -2 is outside 0-2147483647; ignored"));
        Deployment odd = only(r.topology(), "odd");
        assertThat(odd.replicas()).isNull();
        assertThat(odd.effectiveReplicas()).as("unknown: as many as the pods found").isEqualTo(1);
    }

    @Test
    void aHandWrittenDesignWithoutReplicasRendersItsPodCountAndSavesNoReplicas() throws Exception {
        Topology seed = TopologyReader.read(RepoPaths.sample("seed-local-policy.yaml"));
        Deployment web = only(seed, "web-server");
        assertThat(web.replicas()).isNull();
        assertThat(web.effectiveReplicas()).isEqualTo(web.pods().size()).isEqualTo(2);
        assertThat(workloads(seed)).contains("replicas: 2").as("two pods on two nodes: placement reproduced").contains("podAntiAffinity");
        assertThat(TopologyWriter.toYaml(seed)).doesNotContainPattern("(?m)^\\s+replicas:");
    }

    @Test
    void aCopyWithOtherPodsKeepsTheDeclaredReplicas() {
        Deployment d = new Deployment("shop", "web", Map.of("app", "web"), null, 3, List.of());
        assertThat(d.withPods(List.of(new Pod("web-1", "w1", null, true))).replicas()).isEqualTo(3);
        assertThat(d.withReplicas(0).effectiveReplicas()).isZero();
        assertThatThrownBy(() -> d.withReplicas(-1)).hasMessageContaining("replicas -1; write 0 or more");
    }
}
