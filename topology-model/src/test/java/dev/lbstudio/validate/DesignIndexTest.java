package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.Topology;
import dev.lbstudio.model.Workloads;
import dev.lbstudio.samples.SyntheticDesign;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index's look-ups answer what the design's own (scanning) methods answer, only faster. */
class DesignIndexTest {

    private static Topology withWorkloads(Topology t, List<Service> services, List<Deployment> deployments) {
        return new Topology(t.apiVersion(), t.kind(), t.name(), t.description(), t.network(), t.cluster(), t.calico(),
                t.metallb(), new Workloads(services, deployments), t.validation(), t.layout());
    }

    private static ServiceEndpoint endpoint(String address, String node, boolean ready, String pod, String ownerKind, String owner) {
        return new ServiceEndpoint(IpAddr.parse(address), node, ready, null, null, pod, new ServiceEndpoint.Owner(ownerKind, owner));
    }

    @Test
    void selectorEndpointsAndReadyEndpointsMatchTheDesignsScan() {
        Topology t = SyntheticDesign.generate(3, 4, 2, 30, 7);
        DesignIndex index = new DesignIndex(t);
        for (Service s : t.workloads().services()) {
            assertThat(index.endpoints(s)).as(s.name()).isEqualTo(t.endpoints(s));
            assertThat(index.readyEndpoints(s)).as(s.name()).isEqualTo(t.endpoints(s).stream().filter(e -> e.pod().isReady()).toList());
        }
        assertThat(index.loadBalancers()).isEqualTo(t.workloads().services().stream().filter(Service::isLoadBalancer).toList());
        assertThat(index.localLoadBalancers()).isNotEmpty().allMatch(s -> s.isLoadBalancer()
                && s.effectiveExternalTrafficPolicy() == Service.TrafficPolicy.LOCAL);
    }

    /**
     * Reported owners resolve by name within the service's namespace: a same-named Deployment elsewhere
     * owns nothing here, of two with one name the first counts, and other owner kinds stay without one.
     */
    @Test
    void reportedEndpointsFindTheirDeploymentInTheServicesNamespace() {
        Topology base = SyntheticDesign.generate(2, 2, 1, 2, 3);
        String node = base.cluster().nodes().get(0).name();
        Service template = base.workloads().services().get(0);
        Deployment first = new Deployment("shop", "web", java.util.Map.of("app", "web"), 8080, null, List.of());
        Deployment second = new Deployment("shop", "web", java.util.Map.of("app", "other"), 8080, null, List.of());
        Deployment elsewhere = new Deployment("other", "api", java.util.Map.of("app", "api"), 8080, null, List.of());
        Service reported = new Service("shop", "web", template.type(), template.externalTrafficPolicy(), null, template.ports(),
                java.util.Map.of("app", "web"), null, null, null, null, null, null, null, null, null, null, template.status(), List.of(
                endpoint("10.244.0.10", node, true, "web-1", "Deployment", "web"),
                endpoint("10.244.0.11", node, false, "api-1", "Deployment", "api"),
                endpoint("10.244.0.12", node, true, "db-0", "StatefulSet", "db"),
                endpoint("192.0.2.7", null, true, null, "Deployment", "web")));
        List<Deployment> deployments = new ArrayList<>(base.workloads().deployments());
        deployments.addAll(List.of(first, second, elsewhere));
        Topology t = withWorkloads(base, List.of(reported), deployments);

        List<Topology.Endpoint> found = new DesignIndex(t).endpoints(reported);

        assertThat(found).isEqualTo(t.endpoints(reported));
        assertThat(found).extracting(e -> e.pod().name()).containsExactly("web-1", "api-1", "db-0");
        assertThat(found).extracting(Topology.Endpoint::deployment).containsExactly(first, null, null);
        assertThat(new DesignIndex(t).readyEndpoints(reported)).extracting(e -> e.pod().name()).containsExactly("web-1", "db-0");
    }
}
