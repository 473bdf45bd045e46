package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The values a MetalLB Helm release was installed with, read the way Helm 3 stores a release: a
 * Secret of type {@code helm.sh/release.v1} labelled {@code owner=helm}, {@code status=deployed},
 * whose {@code release} key holds base64 of gzipped JSON (on top of the Secret's own base64), the
 * user-supplied values under {@code config} (helm/helm pkg/storage/driver/util.go, v3).
 */
final class HelmRelease {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HelmRelease() {
    }

    /**
     * The deployed MetalLB release's values in {@code namespace} as YAML, empty when there is no such
     * release or it was installed with the chart's defaults. A refusal to read Secrets is a {@link PushException}.
     */
    static Optional<String> metallbValues(KubernetesClient client, String namespace) {
        try {
            return client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("status", "deployed")
                    .list().getItems().stream().filter(s -> "helm.sh/release.v1".equals(s.getType()))
                    .map(HelmRelease::decode).filter(r -> "metallb".equals(r.path("chart").path("metadata").path("name").asText()))
                    .max(Comparator.comparingInt(r -> r.path("version").asInt()))
                    .map(r -> r.path("config")).filter(c -> c.isObject() && c.size() > 0).map(HelmRelease::yaml);
        } catch (KubernetesClientException e) {
            throw KubeErrors.explain(e, "list", new ObjectKey("v1", "Secret", namespace, "*"));
        }
    }

    private static JsonNode decode(Secret secret) {
        String stored = secret.getData() == null ? null : secret.getData().get("release");
        if (stored == null) {
            return JSON.missingNode();
        }
        byte[] helm = Base64.getDecoder().decode(Base64.getDecoder().decode(stored));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(helm))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Secret " + namespace(secret) + " is labelled a Helm release but its "
                    + "release is not gzipped JSON: " + e.getMessage(), e);
        }
    }

    private static String namespace(Secret secret) {
        return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    }

    private static String yaml(JsonNode values) {
        try {
            return YAML.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
