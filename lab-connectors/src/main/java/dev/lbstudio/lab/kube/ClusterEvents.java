package dev.lbstudio.lab.kube;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.scenario.LabEvent;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns what a cluster reports about Services, EndpointSlices and Nodes into the shared
 * {@link LabEvent} stream: an allocated or changed LoadBalancer IP, endpoints that moved or
 * changed readiness, a node cordoned or NotReady. Only changes produce events; the first sight
 * of an object is reported once, as it is.
 */
public final class ClusterEvents {

    private final Supplier<Duration> clock;
    private final Map<String, String> serviceIps = new HashMap<>();
    private final Map<String, String> sliceEndpoints = new HashMap<>();
    private final Map<String, String> nodeStates = new HashMap<>();

    public ClusterEvents(Supplier<Duration> clock) {
        this.clock = clock;
    }

    public List<LabEvent> service(Service s, boolean deleted) {
        String key = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
        if (!"LoadBalancer".equals(s.getSpec() == null ? null : s.getSpec().getType())) {
            return List.of();
        }
        String ips = deleted ? "" : ingress(s);
        String before = deleted ? serviceIps.remove(key) : serviceIps.put(key, ips);
        if (Objects.equals(before, ips) || before == null && ips.isEmpty() && !deleted) {
            return List.of();
        }
        String text = deleted ? "service " + key + " was deleted"
                : ips.isEmpty() ? "service " + key + " has no LoadBalancer IP (pending)"
                : before == null || before.isEmpty() ? "service " + key + " got LoadBalancer IP " + ips
                : "service " + key + " LoadBalancer IP changed " + before + " → " + ips;
        return List.of(note(LabEvent.Severity.INFO, text, ElementId.of(ElementKind.SERVICE, key)));
    }

    public List<LabEvent> endpointSlice(EndpointSlice slice, boolean deleted) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get("kubernetes.io/service-name");
        if (service == null) {
            return List.of();
        }
        String key = slice.getMetadata().getNamespace() + "/" + service + "#" + slice.getMetadata().getName();
        String now = deleted || slice.getEndpoints() == null ? "none" : slice.getEndpoints().stream()
                .map(ClusterEvents::describe).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
        String before = deleted ? sliceEndpoints.remove(key) : sliceEndpoints.put(key, now);
        if (Objects.equals(before, now)) {
            return List.of();
        }
        String name = slice.getMetadata().getNamespace() + "/" + service;
        String text = before == null ? "endpoints of " + name + ": " + now
                : "endpoints of " + name + " changed: " + before + " → " + now;
        return List.of(note(LabEvent.Severity.INFO, text, ElementId.of(ElementKind.SERVICE, name)));
    }

    public List<LabEvent> node(Node node, boolean deleted) {
        String name = node.getMetadata().getName();
        String now = deleted ? "deleted" : state(node);
        String before = deleted ? nodeStates.remove(name) : nodeStates.put(name, now);
        if (before == null && now.equals("Ready") || Objects.equals(before, now)) {
            return List.of();
        }
        boolean bad = !now.equals("Ready");
        return List.of(note(bad ? LabEvent.Severity.WARNING : LabEvent.Severity.INFO,
                "node " + name + " is " + now + (before != null ? " (was " + before + ")" : ""),
                ElementId.of(ElementKind.NODE, name)));
    }

    private static String state(Node node) {
        List<String> parts = new ArrayList<>();
        boolean ready = node.getStatus() == null || node.getStatus().getConditions() == null
                || node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(NodeCondition::getStatus).allMatch("True"::equals);
        parts.add(ready ? "Ready" : "NotReady");
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            parts.add("cordoned");
        }
        return String.join(", ", parts);
    }

    private static String ingress(Service s) {
        if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null) {
            return "";
        }
        return s.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp)
                .filter(Objects::nonNull).sorted().collect(Collectors.joining(","));
    }

    private static String describe(Endpoint e) {
        boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        return (e.getNodeName() != null ? e.getNodeName() : "?") + (ready ? "" : " (not ready)");
    }

    private LabEvent note(LabEvent.Severity severity, String text, ElementId about) {
        return new LabEvent.Note(clock.get(), severity, text, about);
    }
}
