package dev.lbstudio.lab.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service IPs, endpoint moves and node state arrive as LabEvents from a watched (mock) cluster. */
class ClusterWatcherTest {

    ApplyingMockServer server;
    final BlockingQueue<LabEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = new ApplyingMockServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LabEvent.Note next() throws InterruptedException {
        LabEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isInstanceOf(LabEvent.Note.class);
        return (LabEvent.Note) event;
    }

    @Test
    void changesBecomeNotesAboutTheElements() throws Exception {
        var client = server.client();
        try (ClusterWatcher watcher = new ClusterWatcher(client, events::add).start()) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build()).create();
            client.services().inNamespace("demo").resource(new ServiceBuilder().withNewMetadata().withName("web")
                    .endMetadata().withNewSpec().withType("LoadBalancer").endSpec().build()).create();
            client.services().inNamespace("demo").withName("web").editStatus(s -> new ServiceBuilder(s).withNewStatus()
                    .withNewLoadBalancer().addNewIngress().withIp("10.208.1.1").endIngress().endLoadBalancer().endStatus()
                    .build());

            LabEvent.Note allocated = next();
            assertThat(allocated.text()).isEqualTo("service demo/web got LoadBalancer IP 10.208.1.1");
            assertThat(allocated.about()).isEqualTo(ElementId.of(ElementKind.SERVICE, "demo/web"));

            client.discovery().v1().endpointSlices().inNamespace("demo").resource(new EndpointSliceBuilder()
                    .withNewMetadata().withName("web-abc").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                    .withAddressType("IPv4").addNewEndpoint().withAddresses("10.244.1.10").withNodeName("node-1")
                    .withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
            assertThat(next().text()).isEqualTo("endpoints of demo/web: node-1");

            client.nodes().withName("node-1").edit(n -> new NodeBuilder(n).withNewSpec().withUnschedulable(true).endSpec().build());
            LabEvent.Note cordoned = next();
            assertThat(cordoned.text()).isEqualTo("node node-1 is Ready, cordoned (was Ready)");
            assertThat(cordoned.severity()).isEqualTo(LabEvent.Severity.WARNING);
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
