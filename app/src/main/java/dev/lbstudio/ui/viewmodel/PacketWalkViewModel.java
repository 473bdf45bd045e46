package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.Client;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.DataPlane;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.routing.RoutingState;
import dev.lbstudio.routing.Trace;
import dev.lbstudio.ui.edit.ElementPaths;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The packet walk: pick a client, a LoadBalancer service and a traffic policy; the routing engine's
 * data plane walks one flow hop by hop (ToR ECMP choice, node, kube-proxy DNAT/SNAT or drop, pod)
 * with the source address at each hop. The policy is tried on a copy of the design, so comparing
 * Local with Cluster never edits the user's design.
 */
public final class PacketWalkViewModel {

    /** One hop for the list: where, what happened, and the addresses on leaving. */
    public record HopRow(String at, String action, String source, String destination) {
    }

    private final DesignViewModel document;
    private final RoutesViewModel routes;
    private final Executor executor;
    private final ObservableList<String> clients = FXCollections.observableArrayList();
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final ObjectProperty<String> client = new SimpleObjectProperty<>(this, "client");
    private final ObjectProperty<String> service = new SimpleObjectProperty<>(this, "service");
    private final ObjectProperty<Service.TrafficPolicy> policy = new SimpleObjectProperty<>(this, "policy");
    private final ObservableList<HopRow> hops = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ObservableList<ElementId> path = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Trace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final BooleanProperty onCanvas = new SimpleBooleanProperty(this, "onCanvas");

    public PacketWalkViewModel(DesignViewModel document, RoutesViewModel routes, Executor analysisThread) {
        this.document = document;
        this.routes = routes;
        this.executor = analysisThread;
        routes.stateProperty().addListener((o, a, s) -> choices(s.topology()));
        client.addListener((o, a, b) -> walk());
        service.addListener((o, a, b) -> {
            document.design().workloads().services().stream().filter(s -> id(s).equals(b)).findFirst()
                    .ifPresent(s -> policy.set(s.effectiveExternalTrafficPolicy()));
            walk();
        });
        policy.addListener((o, a, b) -> walk());
    }

    private void choices(Topology t) {
        clients.setAll(t.network().clients().stream().map(Client::name).toList());
        services.setAll(t.workloads().services().stream().filter(s -> s.isLoadBalancer() && !s.status().isEmpty())
                .map(PacketWalkViewModel::id).toList());
        if (client.get() == null || !clients.contains(client.get())) {
            client.set(clients.isEmpty() ? null : clients.get(0));
        }
        if (service.get() == null || !services.contains(service.get())) {
            service.set(services.isEmpty() ? null : services.get(0));
        }
        walk();
    }

    private static String id(Service s) {
        return s.namespace() + "/" + s.name();
    }

    /** Walks the chosen flow in the background and shows it hop by hop. */
    public void walk() {
        Topology design = document.design();
        String c = client.get();
        String svc = service.get();
        Service.TrafficPolicy p = policy.get();
        if (c == null || svc == null || p == null) {
            hops.clear();
            trace.set(null);
            outcome.set(c == null ? "The design has no client." : "The design has no LoadBalancer service with an IP.");
            return;
        }
        RoutingState current = routes.stateProperty().get();
        Task<Trace> task = new Task<>() {
            @Override
            protected Trace call() {
                Topology tried = withPolicy(design, svc, p);
                Service s = tried.workloads().services().stream().filter(x -> id(x).equals(svc)).findFirst().orElseThrow();
                // The design's own policy: reuse the routes panel's state instead of computing it again.
                RoutingState state = tried == design && current != null && current.topology() == design ? current
                        : RoutingEngine.compute(tried);
                return new DataPlane(state).trace(c, s.status().get(0), s.ports().isEmpty() ? 80 : s.ports().get(0).port(), 0);
            }
        };
        task.setOnSucceeded(e -> {
            if (document.design() == design && c.equals(client.get()) && svc.equals(service.get()) && p == policy.get()) {
                show(task.getValue());
            }
        });
        task.setOnFailed(e -> outcome.set("Cannot walk this flow: " + task.getException().getMessage()));
        executor.execute(task);
    }

    private static Topology withPolicy(Topology t, String svc, Service.TrafficPolicy p) {
        Service s = t.workloads().services().stream().filter(x -> id(x).equals(svc)).findFirst().orElseThrow();
        if (s.effectiveExternalTrafficPolicy() == p) {
            return t;
        }
        return ElementPaths.of(t, s.id()).orElseThrow().then("externalTrafficPolicy").set(t, p);
    }

    private void show(Trace trace) {
        this.trace.set(trace);
        hops.setAll(trace.hops().stream().map(h -> new HopRow(h.at().toString(), h.action(), String.valueOf(h.source()),
                h.destination() + ":" + h.destinationPort())).toList());
        path.setAll(trace.hops().stream().map(Trace.Hop::at).distinct().toList());
        outcome.set(trace.delivered()
                ? "Delivered to " + trace.pod() + " via " + trace.node() + "; the pod sees source "
                + trace.sourceSeenByPod() + (trace.assumed() ? " (one of several equal paths assumed)" : "")
                : "Dropped: " + trace.drop().description());
    }

    public ObservableList<String> clients() {
        return clients;
    }

    public ObservableList<String> services() {
        return services;
    }

    public ObjectProperty<String> clientProperty() {
        return client;
    }

    public ObjectProperty<String> serviceProperty() {
        return service;
    }

    public ObjectProperty<Service.TrafficPolicy> policyProperty() {
        return policy;
    }

    public ObservableList<HopRow> hops() {
        return hops;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The last walk, for drawing it on the canvas; null when there is nothing to walk. */
    public ReadOnlyObjectProperty<Trace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    /** Whether the canvas shows the walk; the panel's Clear turns it off, showing the panel turns it on. */
    public BooleanProperty onCanvasProperty() {
        return onCanvas;
    }

    /** The elements the packet passed, in order (for highlighting on the canvas). */
    public List<ElementId> path() {
        return List.copyOf(path);
    }
}
