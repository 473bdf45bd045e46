package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import from a cluster keeps of what it reads, and how it names the design. */
class ClusterSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HasMetadata service(String ns, String name, Map<String, String> labels) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata().build();
    }

    @Test
    void theApiServersOwnObjectsAndSystemNamespacesAreNotPartOfADesign() {
        assertThat(ClusterSnapshot.notSystem(service("default", "kubernetes", Map.of()))).isFalse();
        assertThat(ClusterSnapshot.notSystem(new EndpointSliceBuilder().withNewMetadata().withNamespace("default")
                .withName("kubernetes").addToLabels("kubernetes.io/service-name", "kubernetes").endMetadata().build())).isFalse();
        assertThat(ClusterSnapshot.notSystem(service("kube-system", "kube-dns", Map.of()))).isFalse();
        assertThat(ClusterSnapshot.notSystem(service("default", "web", Map.of()))).as("default is also for workloads").isTrue();
        assertThat(ClusterSnapshot.notSystem(service("demo", "kubernetes", Map.of()))).isTrue();
    }

    @Test
    void aSnapshotOfARealClusterHoldsTheSpeakerDaemonSetAndNotTheApiServersService(@TempDir Path dir) throws Exception {
        RealApiServer server = RealApiServer.shared();
        server.ensureNamespace("metallb-system");
        for (String name : new String[] {"speaker", "not-metallb"}) {
            server.admin().apps().daemonSets().inNamespace("metallb-system").resource(new DaemonSetBuilder().withNewMetadata()
                    .withName(name).addToLabels("app.kubernetes.io/component", name).endMetadata().withNewSpec()
                    .withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                    .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName(name)
                    .withImage("quay.io/metallb/speaker:v0.14.9").withArgs("--port=7472").endContainer().endSpec()
                    .endTemplate().endSpec().build()).createOr(existing -> existing.update());
        }
        installHelmRelease(server, "speaker:\n  frr:\n    enabled: true\n");
        ClusterReport report = new ClusterInspector(server.admin()).inspect("metallb-system");

        new ClusterSnapshot(server.admin()).writeTo(dir, report);

        assertThat(Files.readString(dir.resolve("metallb-helm-values.yaml"))).contains("speaker:", "frr:", "enabled: true");

        assertThat(Files.readString(dir.resolve("metallb-speaker.yaml"))).contains("name: \"speaker\"", "--port=7472")
                .doesNotContain("not-metallb");
        assertThat(dir.resolve("services.yaml")).satisfiesAnyOf(
                f -> assertThat(f).doesNotExist(),
                f -> assertThat(Files.readString(f)).doesNotContain("name: \"kubernetes\""));
    }

    /** A release Secret as Helm 3 writes one: base64 of gzipped JSON inside the Secret's data. */
    private static void installHelmRelease(RealApiServer server, String valuesYaml) throws Exception {
        var release = JSON.createObjectNode().put("name", "metallb").put("version", 1);
        release.putObject("chart").putObject("metadata").put("name", "metallb");
        release.set("config", new ObjectMapper(new YAMLFactory()).readTree(valuesYaml));
        var gzipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(JSON.writeValueAsBytes(release));
        }
        String helm = Base64.getEncoder().encodeToString(gzipped.toByteArray());
        server.admin().secrets().inNamespace("metallb-system").resource(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1.metallb.v1").addToLabels("owner", "helm").addToLabels("status", "deployed")
                .addToLabels("name", "metallb").endMetadata().withType("helm.sh/release.v1")
                .addToData("release", Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.US_ASCII))).build())
                .createOr(existing -> existing.update());
    }

    @Test
    void aUserWhoMayNotReadSecretsGetsTheRestAndAWarning() throws Exception {
        RealApiServer server = RealApiServer.shared();
        server.ensureNamespace("metallb-system");
        installHelmRelease(server, "speaker:\n  frr:\n    enabled: false\n");
        String token = server.userWith(List.of(new PolicyRuleBuilder().withApiGroups("", "apps", "discovery.k8s.io")
                .withResources("nodes", "services", "endpointslices", "deployments", "daemonsets", "pods")
                .withVerbs("get", "list").build(), new PolicyRuleBuilder().withApiGroups("apiextensions.k8s.io", "metallb.io",
                "projectcalico.org", "crd.projectcalico.org").withResources("*").withVerbs("get", "list").build()));
        try (var client = server.client(token)) {
            var result = new ClusterSnapshot(client).importDesign("no-secrets", Map.of());

            assertThat(result.warnings()).anySatisfy(w -> assertThat(w.toString()).contains("metallb-helm-values.yaml",
                    "MetalLB's Helm values were not read", "403"));
        }
    }

    @Test
    void theDesignIsNamedFromOurLabelWhenTheObjectsAgree() {
        HasMetadata seed = service("demo", "web", Map.of(ClusterPusher.DESIGN, "seed"));
        HasMetadata unlabelled = service("demo", "db", Map.of());

        assertThat(ClusterSnapshot.pushedDesign(List.of(seed, unlabelled))).contains("seed");
        assertThat(ClusterSnapshot.pushedDesign(List.of(seed, service("x", "y", Map.of(ClusterPusher.DESIGN, "other")))))
                .as("two designs: no single name").isEmpty();
        assertThat(ClusterSnapshot.pushedDesign(List.of(unlabelled))).isEmpty();
    }
}
