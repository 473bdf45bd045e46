package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole design: the single source of truth that validation, routing, simulation, rendering and
 * the labs read. Immutable; an edit makes a new one.
 */
public record Topology(String apiVersion, String kind, @JsonProperty(required = true) String name, String description, Network network,
                       Cluster cluster, Calico calico, MetalLb metallb, Workloads workloads,
                       ValidationSettings validation, Layout layout) {

    public static final String API_VERSION = "lbstudio/v1";
    public static final String KIND = "Topology";

    public Topology {
        if (apiVersion == null) {
            apiVersion = API_VERSION;
        } else if (!API_VERSION.equals(apiVersion)) {
            throw new IllegalArgumentException("apiVersion '" + apiVersion + "' is not supported; this LB Studio reads "
                    + API_VERSION);
        }
        if (kind == null) {
            kind = KIND;
        } else if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind '" + kind + "' is not a design; expected kind: " + KIND);
        }
        Names.require(name, "design");
        network = network != null ? network : Network.empty();
        cluster = cluster != null ? cluster : Cluster.empty();
        calico = calico != null ? calico : Calico.defaults();
        workloads = workloads != null ? workloads : Workloads.empty();
        validation = validation != null ? validation : ValidationSettings.none();
        layout = layout != null ? layout : Layout.empty();
    }

    public Optional<Router> router(String routerName) {
        return find(network.routers(), Router::name, routerName);
    }

    public Optional<Segment> segment(String segmentName) {
        return find(network.segments(), Segment::name, segmentName);
    }

    public Optional<Client> client(String clientName) {
        return find(network.clients(), Client::name, clientName);
    }

    public Optional<Node> node(String nodeName) {
        return find(cluster.nodes(), Node::name, nodeName);
    }

    public Optional<Service> service(String namespace, String serviceName) {
        return workloads.services().stream()
                .filter(s -> s.namespace().equals(namespace) && s.name().equals(serviceName)).findFirst();
    }

    public List<IpAddressPool> addressPools() {
        return metallb == null ? List.of() : metallb.ipAddressPools();
    }

    /**
     * The pods that back a service: the endpoints Kubernetes reported for it when the design holds
     * them, else the pods of the deployments its selector matches (same namespace).
     */
    public List<Endpoint> endpoints(Service service) {
        if (service.reportsEndpoints()) {
            return reported(service, workloads.deployments());
        }
        if (service.selector().isEmpty()) {
            return List.of();
        }
        List<Endpoint> result = new ArrayList<>();
        for (Deployment d : workloads.deployments()) {
            if (selects(service, d)) {
                d.pods().forEach(p -> result.add(new Endpoint(d, p)));
            }
        }
        return result;
    }

    /** True when the service's selector matches the deployment's pods. */
    public static boolean selects(Service service, Deployment d) {
        return d.namespace().equals(service.namespace()) && !service.selector().isEmpty()
                && service.selector().entrySet().stream().allMatch(e -> e.getValue().equals(d.podLabels().get(e.getKey())));
    }

    /**
     * The reported endpoints that run on a node, as pods: an endpoint outside the cluster (no node)
     * backs no node's routes. A Deployment-owned endpoint is tied to its deployment when the design has it.
     */
    public static List<Endpoint> reported(Service service, List<Deployment> deployments) {
        List<Endpoint> result = new ArrayList<>();
        for (ServiceEndpoint e : service.endpoints()) {
            Pod pod = e.asPod();
            if (pod == null) {
                continue;
            }
            Deployment owner = e.owner() == null || !e.owner().kind().equals("Deployment") ? null : deployments.stream()
                    .filter(d -> d.namespace().equals(service.namespace()) && d.name().equals(e.owner().name())).findFirst().orElse(null);
            result.add(new Endpoint(owner, pod, e.owner(), e.effectiveServing(), e.effectiveTerminating()));
        }
        return result;
    }

    /** Every element with an id, in file order; the canvas and findings resolve ids through it. */
    @JsonIgnore
    public Map<ElementId, Identified> elements() {
        Map<ElementId, Identified> all = new LinkedHashMap<>();
        List<Identified> items = new ArrayList<>();
        items.addAll(network.routers());
        items.addAll(network.segments());
        items.addAll(network.clients());
        items.addAll(cluster.nodes());
        items.add(calico.bgpConfiguration());
        items.add(calico.felix());
        items.addAll(calico.bgpPeers());
        items.addAll(calico.bgpFilters());
        items.addAll(calico.ipPools());
        if (metallb != null) {
            if (metallb.helm() != null) {
                items.add(metallb.helm());
            }
            items.addAll(metallb.ipAddressPools());
            items.addAll(metallb.l2Advertisements());
            items.addAll(metallb.bgpAdvertisements());
            items.addAll(metallb.bgpPeers());
            items.addAll(metallb.bfdProfiles());
        }
        items.addAll(workloads.services());
        items.addAll(workloads.deployments());
        for (Identified item : items) {
            all.putIfAbsent(item.id(), item);
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * The wiring, derived from what sits on which segment: routers, nodes and clients to segments,
     * one link per address family (a node's per family is the one BIRD or BIRD6 peers from).
     */
    @JsonIgnore
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Router r : network.routers()) {
            for (RouterInterface i : r.interfaces()) {
                i.addresses().forEach(a -> links.add(new Link(r.id(), ElementId.of(ElementKind.SEGMENT, i.segment()), i.name(), a.host())));
            }
        }
        for (Node n : cluster.nodes()) {
            List<IpAddr> perFamily = new ArrayList<>();
            n.ipv4().ifPresent(perFamily::add);
            n.ipv6().ifPresent(perFamily::add);
            perFamily.forEach(a -> links.add(new Link(n.id(), ElementId.of(ElementKind.SEGMENT, n.segment()), "eth0", a)));
        }
        for (Client c : network.clients()) {
            c.addresses().forEach(a -> links.add(new Link(c.id(), ElementId.of(ElementKind.SEGMENT, c.segment()), "eth0", a.host())));
        }
        return links;
    }

    /** The routers with an interface on a segment, e.g. a node's or client's gateways. */
    public List<Router> routersOn(String segmentName) {
        return network.routers().stream().filter(r -> r.interfaceOn(segmentName).isPresent()).toList();
    }

    private static <T> Optional<T> find(List<T> items, Function<T, String> nameOf, String wanted) {
        return items.stream().filter(i -> nameOf.apply(i).equals(wanted)).findFirst();
    }

    /** Index by name, for callers that look up many elements. */
    public static <T> Map<String, T> byName(List<T> items, Function<T, String> nameOf) {
        return items.stream().collect(Collectors.toMap(nameOf, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * A pod that backs a service, with its owner; {@code deployment} is null unless a Deployment of
     * the design owns it. {@code serving} and {@code terminating} are Kubernetes' endpoint conditions.
     */
    public record Endpoint(Deployment deployment, Pod pod, ServiceEndpoint.Owner owner, boolean serving, boolean terminating) {

        /** A pod of a deployment in the design: serving exactly when ready, never terminating. */
        public Endpoint(Deployment deployment, Pod pod) {
            this(deployment, pod, new ServiceEndpoint.Owner("Deployment", deployment.name()), pod.isReady(), false);
        }

        /** The pod's element id, in its service's namespace. */
        public ElementId podId(String namespace) {
            return ElementId.of(ElementKind.POD, namespace + "/" + pod.name());
        }
    }

    /** One attachment of an element to a segment, through a named interface with an address. */
    public record Link(ElementId from, ElementId segment, String interfaceName, IpAddr address) {
    }
}
