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
 * fabric8's CRUD mock server plus server-side apply, which it lacks (fabric8io/kubernetes-client
 * #5337): an apply to a missing object creates it, an apply to an existing one is merged as a JSON
 * merge patch. Field ownership and conflicts are not modelled here; the 409 path is tested with
 * the mock's expectations mode instead.
 */
final class ApplyingMockServer implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    ApplyingMockServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static final class ApplyingDispatcher extends KubernetesCrudDispatcher {
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
