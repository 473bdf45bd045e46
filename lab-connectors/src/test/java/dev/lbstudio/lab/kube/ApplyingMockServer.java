package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * fabric8's CRUD mock server plus what a push needs and it lacks: server-side apply
 * (fabric8io/kubernetes-client #5337) — an apply to a missing object creates it, an apply to an
 * existing one is merged as a JSON merge patch; SelfSubjectAccessReviews that allow everything;
 * evictions that delete the pod; discovery serving the v3 groups a test names; watches that fail.
 * Field ownership, conflicts and RBAC are not modelled: those are tested against the real API
 * server ({@link RealApiServer}); this mock stays for faults the shared real server cannot give.
 */
public final class ApplyingMockServer implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private final java.util.List<String> servedGroups = new java.util.ArrayList<>();
    private final java.util.Map<String, String> forbidden = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int failingWatches;

    public ApplyingMockServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    /**
     * Makes reads under {@code pathPrefix} (e.g. {@code /api/v1/services}) answer 403 with the Status
     * a real API server sends when RBAC says no.
     */
    public void forbidReads(String pathPrefix, String resource) {
        forbidden.put(pathPrefix, resource);
    }

    /** Makes every watch request answer {@code code} with a Status, as a broken API server does. */
    public void failWatches(int code) {
        failingWatches = code;
    }

    /** Makes API discovery serve a group's v3 resources, e.g. projectcalico.org (the Calico API server). */
    public void serveGroup(String group) {
        servedGroups.add(group);
    }

    /**
     * The upstream MetalLB and Calico CRDs from the repository's crds/, as a real install has them. Calico's
     * projectcalico.org/v3 CRDs make v3 served; without them only the v1 backing CRDs exist (a
     * cluster without the Calico API server).
     */
    public void installUpstreamCrds(boolean calicoV3) throws IOException {
        java.nio.file.Path crds = dev.lbstudio.testing.RepoPaths.crds();
        java.util.List<java.nio.file.Path> files = new java.util.ArrayList<>();
        try (var metallb = java.nio.file.Files.list(crds.resolve("metallb"));
             var calico = java.nio.file.Files.list(crds.resolve("calico/projectcalico.org_v3"));
             var calicoV1 = java.nio.file.Files.list(crds.resolve("calico/crd.projectcalico.org_v1"))) {
            metallb.forEach(files::add);
            if (calicoV3) {
                calico.forEach(files::add);
            }
            calicoV1.forEach(files::add);
        }
        // Only the CRDs: each project's license file lies beside them.
        for (java.nio.file.Path file : files.stream().filter(f -> f.toString().endsWith(".yaml")).toList()) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                client.apiextensions().v1().customResourceDefinitions().resource(
                        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in,
                                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class)).create();
            }
        }
    }

    /** A kubeconfig file that reaches this server with a bearer token (to check it never leaks). */
    public java.nio.file.Path kubeconfig(java.nio.file.Path dir, String token) throws IOException {
        String url = client.getConfiguration().getMasterUrl();
        return java.nio.file.Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: mock",
                "clusters:", "- name: mock", "  cluster:", "    server: " + url, "    insecure-skip-tls-verify: true",
                "users:", "- name: tester", "  user:", "    token: " + token,
                "contexts:", "- name: mock", "  context:", "    cluster: mock", "    user: tester", ""));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class ApplyingDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            if (request.getPath().endsWith("/eviction")) {
                // An eviction without PodDisruptionBudgets deletes the pod.
                return handleDelete(request.getPath().substring(0, request.getPath().lastIndexOf('/')));
            }
            if (!request.getPath().endsWith("/selfsubjectaccessreviews")) {
                return super.handleCreate(request);
            }
            try {
                // permission cases run against the real API server's RBAC (RealApiServer.userWith)
                var review = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request.getUtf8Body());
                review.putObject("status").put("allowed", true);
                return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(review));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public MockResponse handleGet(String path) {
            if (failingWatches != 0 && path.contains("watch=true")) {
                var status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                        .put("code", failingWatches).put("message", "RequestWatchProgress is disabled");
                return new MockResponse().setResponseCode(failingWatches).setBody(status.toString());
            }
            for (var no : forbidden.entrySet()) {
                if (path.startsWith(no.getKey())) {
                    var status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                            .put("status", "Failure").put("reason", "Forbidden").put("code", 403)
                            .put("message", no.getValue() + " is forbidden: User \"tester\" cannot list resource \""
                                    + no.getValue() + "\" in API group \"\" at the cluster scope");
                    return new MockResponse().setResponseCode(403).setBody(status.toString());
                }
            }
            for (String group : servedGroups) {
                if (path.equals("/apis/" + group + "/v3")) {
                    var list = JSON.createObjectNode().put("kind", "APIResourceList").put("groupVersion", group + "/v3");
                    var resources = list.putArray("resources");
                    KindRegistry.KINDS.stream().filter(k -> k.group().equals(group)).forEach(k -> resources.addObject()
                            .put("name", k.plural()).put("kind", k.kind()).put("namespaced", k.namespaced()));
                    return new MockResponse().setResponseCode(200).setBody(list.toString());
                }
            }
            return super.handleGet(path);
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String type = request.getHeader("Content-Type");
            if (type == null || !type.startsWith("application/apply-patch")) {
                return super.handlePatch(request);
            }
            String path = request.getPath().contains("?")
                    ? request.getPath().substring(0, request.getPath().indexOf('?')) : request.getPath();
            Buffer json = new Buffer(toJson(request.getUtf8Body()));
            if (handleGet(path).code() == 404) {
                return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
                        path.substring(0, path.lastIndexOf('/')), headers("application/json"), json));
            }
            return super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, path,
                    headers("application/merge-patch+json"), json));
        }

        private static Headers headers(String contentType) {
            return Headers.builder().add("Content-Type", contentType).build();
        }

        private static byte[] toJson(String yaml) {
            try {
                return JSON.writeValueAsString(YAML.readTree(yaml)).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
