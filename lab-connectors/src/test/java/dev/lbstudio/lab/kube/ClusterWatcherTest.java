package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Service IPs, endpoint moves and node state arrive as LabEvents from a real API server's watches;
 * watches the server refuses, or that keep failing (a 500 the shared real server cannot be made
 * to give, so fabric8's mock plays it), are reported, never retried forever in silence.
 */
class ClusterWatcherTest {

    final BlockingQueue<LabEvent> events = new LinkedBlockingQueue<>();

    /** The next note about {@code about}: the shared server holds other tests' objects, whose notes are skipped. */
    private LabEvent.Note next(String about) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            LabEvent event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event instanceof LabEvent.Note note && note.text().contains(about)) {
                return note;
            }
        }
        throw new AssertionError("no event about " + about + " within 10 s");
    }

    @Test
    void changesBecomeNotesAboutTheElements() throws Exception {
        var client = RealApiServer.shared().admin();
        RealApiServer.shared().ensureNamespace("watched");
        try (ClusterWatcher watcher = new ClusterWatcher(client, events::add).start()) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("watched-node").endMetadata().build()).create();
            client.services().inNamespace("watched").resource(new ServiceBuilder().withNewMetadata().withName("web")
                    .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).endPort().endSpec()
                    .build()).create();
            client.services().inNamespace("watched").withName("web").editStatus(s -> new ServiceBuilder(s).withNewStatus()
                    .withNewLoadBalancer().addNewIngress().withIp("10.208.1.1").endIngress().endLoadBalancer().endStatus()
                    .build());

            LabEvent.Note allocated = next("service watched/web");
            assertThat(allocated.text()).isEqualTo("service watched/web got LoadBalancer IP 10.208.1.1");
            assertThat(allocated.about()).isEqualTo(ElementId.of(ElementKind.SERVICE, "watched/web"));

            client.discovery().v1().endpointSlices().inNamespace("watched").resource(new EndpointSliceBuilder()
                    .withNewMetadata().withName("web-abc").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                    .withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.1.10").withNodeName("watched-node")
                    .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
            assertThat(next("endpoints of watched/web").text()).isEqualTo("endpoints of watched/web: watched-node");

            client.nodes().withName("watched-node").edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true)
                    .endSpec().build());
            LabEvent.Note cordoned = next("cordoned");
            assertThat(cordoned.text()).isEqualTo("node watched-node is Ready, cordoned (was Ready)");
            assertThat(cordoned.severity()).isEqualTo(LabEvent.Severity.WARNING);
        }
    }

    @Test
    void mayListButNotWatchIsAClearRefusal() {
        RealApiServer server = RealApiServer.shared();
        String token = server.userWith(List.of(new PolicyRuleBuilder().withApiGroups("", "discovery.k8s.io")
                .withResources("services", "endpointslices", "nodes").withVerbs("get", "list").build()));
        try (var client = server.client(token)) {
            assertThatThrownBy(() -> new ClusterWatcher(client, events::add).start()).isInstanceOf(PushException.class)
                    .hasMessageStartingWith("not allowed to watch Service * (v1) (403 Forbidden)")
                    .hasMessageContaining("(RBAC)");
        }
    }

    @Test
    void aWatchThatKeepsFailingIsReportedAfterBoundedRetries() throws Exception {
        try (ApplyingMockServer mock = new ApplyingMockServer()) {
            mock.failWatches(500);
            var config = new ConfigBuilder(mock.client().getConfiguration()).withWatchReconnectLimit(2)
                    .withWatchReconnectInterval(50).withRequestRetryBackoffLimit(0).build();
            try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
                String failure;
                try (ClusterWatcher watcher = new ClusterWatcher(client, events::add)) {
                    try {
                        watcher.start();
                        failure = watcher.failure().get(20, TimeUnit.SECONDS);
                    } catch (PushException refusedAtOnce) {
                        failure = refusedAtOnce.getMessage();
                    }
                }
                assertThat(failure).contains("500");
            }
        }
    }

    @Test
    void onlyChangesAreReported() {
        ClusterEvents mapper = new ClusterEvents(() -> Duration.ZERO);
        var service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("demo").endMetadata()
                .withNewSpec().withType("LoadBalancer").endSpec().withNewStatus().withNewLoadBalancer().addNewIngress()
                .withIp("10.208.1.1").endIngress().endLoadBalancer().endStatus().build();

        assertThat(mapper.service(service, false)).hasSize(1);
        assertThat(mapper.service(service, false)).isEmpty();
        service.getStatus().getLoadBalancer().getIngress().get(0).setIp("10.208.1.2");
        assertThat(mapper.service(service, false)).extracting(e -> ((LabEvent.Note) e).text())
                .containsExactly("service demo/web LoadBalancer IP changed 10.208.1.1 → 10.208.1.2");
        assertThat(mapper.service(service, true)).extracting(e -> ((LabEvent.Note) e).text())
                .containsExactly("service demo/web was deleted");

        var clusterIp = new ServiceBuilder().withNewMetadata().withName("db").withNamespace("demo").endMetadata()
                .withNewSpec().withType("ClusterIP").endSpec().build();
        assertThat(mapper.service(clusterIp, false)).isEmpty();

        var node = new NodeBuilder().withNewMetadata().withName("node-2").endMetadata().withNewStatus().addNewCondition()
                .withType("Ready").withStatus("False").endCondition().endStatus().build();
        assertThat(mapper.node(node, false)).extracting(e -> ((LabEvent.Note) e).text())
                .containsExactly("node node-2 is NotReady");
        assertThat(List.of(mapper.node(node, false))).containsExactly(List.of());
    }
}
