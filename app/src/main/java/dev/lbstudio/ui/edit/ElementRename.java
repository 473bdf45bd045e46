package dev.lbstudio.ui.edit;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.Client;
import dev.lbstudio.model.Deployment;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.LabelSelector;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Pod;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.edit.TopologyEdits.Change;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames one element and rewrites every name that points at it, so the design means the same
 * thing afterwards: a segment's routers, nodes and clients; a node's pods, Calico peers and the
 * hostname selectors that pick it; a pool's advertisements and the services that ask for it; a
 * filter's peers; a MetalLB peer's advertisements; a BFD profile's peers; and the saved layout.
 * Pure: one design in, one design out, so the caller's undo stack takes it as one step.
 */
public final class ElementRename {

    /** The label every Kubernetes node carries with its own name (kubelet sets it), so selectors can name nodes. */
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    /**
     * Object names Kubernetes accepts for nodes, pods, deployments and custom resources: a DNS-1123
     * subdomain (k8s.io/apimachinery validation.IsDNS1123Subdomain).
     */
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Services are stricter: a DNS-1035 label, because the name becomes a DNS label of the cluster domain. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    /** Routers, segments and clients are LB Studio's own: a name FRR accepts as a hostname and a file name. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Set<ElementKind> LB_STUDIO_KINDS = EnumSet.of(ElementKind.ROUTER, ElementKind.SEGMENT,
            ElementKind.CLIENT);
    /** One per design, found by kind alone (Calico's BGPConfiguration must be named "default"). */
    private static final Set<ElementKind> SINGLETONS = EnumSet.of(ElementKind.BGP_CONFIGURATION, ElementKind.HELM_VALUES,
            ElementKind.KUBE_PROXY, ElementKind.FELIX);
    /** Ids with a qualifier before the name: a namespace, or "metallb/" for MetalLB's BFD profiles. */
    private static final Set<ElementKind> QUALIFIED = EnumSet.of(ElementKind.SERVICE, ElementKind.DEPLOYMENT,
            ElementKind.POD, ElementKind.BFD_PROFILE);

    private ElementRename() {
    }

    /** The part of an id a user renames: {@code web} of {@code service/demo/web}, the whole name otherwise. */
    public static String shortName(ElementId id) {
        return QUALIFIED.contains(id.kind()) ? id.name().substring(id.name().indexOf('/') + 1) : id.name();
    }

    /** The id {@code id} has once renamed to {@code name} (the qualifier stays). */
    public static ElementId renamed(ElementId id, String name) {
        String namespace = QUALIFIED.contains(id.kind()) ? id.name().substring(0, id.name().indexOf('/') + 1) : "";
        return ElementId.of(id.kind(), namespace + name);
    }

    /** Why {@code name} cannot be the new name of {@code id} in {@code t}; empty when it can. */
    public static Optional<String> problem(Topology t, ElementId id, String name) {
        if (ElementPaths.of(t, id).isEmpty()) {
            return Optional.of("there is no " + id + " in this design");
        }
        if (SINGLETONS.contains(id.kind())) {
            return Optional.of(id.kind().word() + " is a singleton of the design and has no name to change");
        }
        if (name == null || name.isBlank()) {
            return Optional.of("a name is required");
        }
        if (name.equals(shortName(id))) {
            return Optional.of(id + " already has that name");
        }
        Optional<String> format = format(id.kind(), name);
        if (format.isPresent()) {
            return format;
        }
        ElementId target = renamed(id, name);
        boolean taken = id.kind() == ElementKind.POD ? ElementPaths.of(t, target).isPresent()
                : t.elements().containsKey(target);
        return taken ? Optional.of(target + " already exists; pick another name") : Optional.empty();
    }

    private static Optional<String> format(ElementKind kind, String name) {
        if (LB_STUDIO_KINDS.contains(kind)) {
            return PLAIN_NAME.matcher(name).matches() ? Optional.empty() : Optional.of("'" + name
                    + "' is not a usable name: use letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        if (kind == ElementKind.SERVICE) {
            return name.length() <= 63 && DNS_1035_LABEL.matcher(name).matches() ? Optional.empty()
                    : Optional.of("'" + name + "' is not a valid Service name: Kubernetes wants a DNS-1035 label "
                    + "(lowercase letters, digits and '-', starting with a letter, at most 63 characters), e.g. web-server");
        }
        return name.length() <= 253 && DNS_1123_SUBDOMAIN.matcher(name).matches() ? Optional.empty()
                : Optional.of("'" + name + "' is not a valid Kubernetes name: it must be a DNS-1123 subdomain "
                + "(lowercase letters, digits, '-' and '.', starting and ending with a letter or digit), e.g. node-3");
    }

    /** The design with {@code id} renamed to {@code name} and every reference following; refuses what {@link #problem} names. */
    public static Change rename(Topology t, ElementId id, String name) {
        problem(t, id, name).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String old = shortName(id);
        Topology next = ElementPaths.of(t, id).orElseThrow().then("name").set(t, name);
        next = switch (id.kind()) {
            case SEGMENT -> segmentUsers(next, old, name);
            case NODE -> nodeUsers(next, old, name);
            case BGP_FILTER -> calicoPeers(next, p -> p.filters().contains(old)
                    ? (CalicoBgpPeer) RecordPath.withComponent(p, "filters", replaced(p.filters(), old, name)) : p);
            case ADDRESS_POOL -> poolUsers(next, old, name);
            case METALLB_BGP_PEER -> RecordPath.of("metallb", "bgpAdvertisements").set(next,
                    next.metallb().bgpAdvertisements().stream().map(a -> (BgpAdvertisement) RecordPath.withComponent(
                            a, "peers", replaced(a.peers(), old, name))).toList());
            case BFD_PROFILE -> RecordPath.of("metallb", "bgpPeers").set(next, next.metallb().bgpPeers().stream()
                    .map(p -> old.equals(p.bfdProfile())
                            ? (MetalLbBgpPeer) RecordPath.withComponent(p, "bfdProfile", name) : p).toList());
            default -> next;
        };
        if (id.kind() == ElementKind.NODE || id.kind() == ElementKind.ROUTER) {
            next = neighbourDescriptions(next, old, name);
        }
        ElementId to = renamed(id, name);
        next = RecordPath.of("layout").set(next, new Layout(renamedKey(next.layout().positions(), id.toString(),
                to.toString())));
        return new Change(next, "Renamed " + id + " to " + to, Optional.of(to));
    }

    private static Topology segmentUsers(Topology t, String old, String name) {
        Topology next = RecordPath.of("network", "routers").set(t, t.network().routers().stream()
                .map(r -> (Router) RecordPath.withComponent(r, "interfaces", r.interfaces().stream()
                        .map(i -> old.equals(i.segment()) ? (RouterInterface) RecordPath.withComponent(i, "segment", name) : i)
                        .toList())).toList());
        next = RecordPath.of("cluster", "nodes").set(next, next.cluster().nodes().stream()
                .map(n -> old.equals(n.segment()) ? (Node) RecordPath.withComponent(n, "segment", name) : n).toList());
        return RecordPath.of("network", "clients").set(next, next.network().clients().stream()
                .map(c -> old.equals(c.segment()) ? (Client) RecordPath.withComponent(c, "segment", name) : c).toList());
    }

    /**
     * Pods and peers pinned to the node follow it, and so do selectors that pick it by its hostname
     * label: without that a MetalLB peer or an L2 advertisement would silently stop covering it.
     */
    private static Topology nodeUsers(Topology t, String old, String name) {
        Topology next = RecordPath.of("workloads", "deployments").set(t, t.workloads().deployments().stream()
                .map(d -> (Deployment) RecordPath.withComponent(d, "pods", d.pods().stream()
                        .map(p -> old.equals(p.node()) ? (Pod) RecordPath.withComponent(p, "node", name) : p).toList()))
                .toList());
        next = RecordPath.of("cluster", "nodes").set(next, next.cluster().nodes().stream()
                .map(n -> old.equals(n.labels().get(HOSTNAME_LABEL)) ? (Node) RecordPath.withComponent(n, "labels",
                        withValue(n.labels(), HOSTNAME_LABEL, name)) : n).toList());
        next = calicoPeers(next, p -> {
            CalicoBgpPeer q = old.equals(p.node()) ? (CalicoBgpPeer) RecordPath.withComponent(p, "node", name) : p;
            return (CalicoBgpPeer) RecordPath.withComponent(q, "nodeSelector", calicoSelector(q.nodeSelector(), old, name));
        });
        next = RecordPath.of("calico", "ipPools").set(next, next.calico().ipPools().stream()
                .map(p -> (IpPool) RecordPath.withComponent(p, "nodeSelector", calicoSelector(p.nodeSelector(), old, name)))
                .toList());
        if (next.metallb() == null) {
            return next;
        }
        UnaryOperator<List<LabelSelector>> selectors = list -> list.stream().map(s -> hostnameSelector(s, old, name)).toList();
        next = RecordPath.of("metallb", "l2Advertisements").set(next, next.metallb().l2Advertisements().stream()
                .map(a -> (L2Advertisement) RecordPath.withComponent(a, "nodeSelectors", selectors.apply(a.nodeSelectors())))
                .toList());
        next = RecordPath.of("metallb", "bgpAdvertisements").set(next, next.metallb().bgpAdvertisements().stream()
                .map(a -> (BgpAdvertisement) RecordPath.withComponent(a, "nodeSelectors", selectors.apply(a.nodeSelectors())))
                .toList());
        return RecordPath.of("metallb", "bgpPeers").set(next, next.metallb().bgpPeers().stream()
                .map(p -> (MetalLbBgpPeer) RecordPath.withComponent(p, "nodeSelectors", selectors.apply(p.nodeSelectors())))
                .toList());
    }

    /** Advertisements list pools by name and services ask for one by annotation (both MetalLB prefixes). */
    private static Topology poolUsers(Topology t, String old, String name) {
        Topology next = RecordPath.of("metallb", "l2Advertisements").set(t, t.metallb().l2Advertisements().stream()
                .map(a -> (L2Advertisement) RecordPath.withComponent(a, "ipAddressPools", replaced(a.ipAddressPools(), old,
                        name))).toList());
        next = RecordPath.of("metallb", "bgpAdvertisements").set(next, next.metallb().bgpAdvertisements().stream()
                .map(a -> (BgpAdvertisement) RecordPath.withComponent(a, "ipAddressPools", replaced(a.ipAddressPools(), old,
                        name))).toList());
        return RecordPath.of("workloads", "services").set(next, next.workloads().services().stream().map(s -> {
            Map<String, String> annotations = s.annotations();
            for (String key : List.of(Service.NEW_PREFIX + "address-pool", Service.OLD_PREFIX + "address-pool")) {
                if (old.equals(annotations.get(key))) {
                    annotations = withValue(annotations, key, name);
                }
            }
            return annotations == s.annotations() ? s : (Service) RecordPath.withComponent(s, "annotations", annotations);
        }).toList());
    }

    private static Topology calicoPeers(Topology t, UnaryOperator<CalicoBgpPeer> change) {
        return RecordPath.of("calico", "bgpPeers").set(t, t.calico().bgpPeers().stream().map(change).toList());
    }

    private static LabelSelector hostnameSelector(LabelSelector s, String old, String name) {
        Map<String, String> labels = old.equals(s.matchLabels().get(HOSTNAME_LABEL))
                ? withValue(s.matchLabels(), HOSTNAME_LABEL, name) : s.matchLabels();
        return new LabelSelector(labels, s.matchExpressions().stream().map(e -> e.key().equals(HOSTNAME_LABEL)
                ? new LabelSelector.Expression(e.key(), e.operator(), replaced(e.values(), old, name)) : e).toList());
    }

    /**
     * Calico selectors are expressions ({@code kubernetes.io/hostname == 'node-1'}, {@code ... in
     * {'a', 'b'}}); a quoted node name is rewritten only in selectors that test the hostname label,
     * so a rack or zone label that happens to share the name is left alone.
     */
    static String calicoSelector(String selector, String old, String name) {
        if (selector == null || !selector.contains(HOSTNAME_LABEL)) {
            return selector;
        }
        Matcher quoted = Pattern.compile("(['\"])" + Pattern.quote(old) + "\\1").matcher(selector);
        return quoted.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + name + m.group(1)));
    }

    private static List<String> replaced(List<String> names, String old, String name) {
        return names.stream().map(n -> n.equals(old) ? name : n).toList();
    }

    private static Map<String, String> withValue(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    /**
     * A router's neighbour descriptions name the node or router at the other end ("node-1", "spine1 uplink"): the
     * old name, as a whole word, becomes the new one, so the rendered FRR config does not describe a peer by a
     * name the design no longer has.
     */
    private static Topology neighbourDescriptions(Topology t, String old, String name) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(old) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])");
        List<Router> routers = t.network().routers().stream().map(r -> {
            List<dev.lbstudio.model.BgpNeighbor> neighbors = r.bgp().neighbors().stream().map(n ->
                    n.description() != null && word.matcher(n.description()).find()
                            ? (dev.lbstudio.model.BgpNeighbor) RecordPath.withComponent(n, "description",
                            word.matcher(n.description()).replaceAll(Matcher.quoteReplacement(name))) : n).toList();
            return neighbors.equals(r.bgp().neighbors()) ? r : (Router) RecordPath.withComponent(r, "bgp",
                    RecordPath.withComponent(r.bgp(), "neighbors", neighbors));
        }).toList();
        return RecordPath.of("network", "routers").set(t, routers);
    }

    /** The layout keeps positions by id: the renamed element keeps its place (and the map its order). */
    private static Map<String, Layout.Position> renamedKey(Map<String, Layout.Position> positions, String from, String to) {
        Map<String, Layout.Position> copy = new LinkedHashMap<>();
        positions.forEach((k, v) -> copy.put(k.equals(from) ? to : k, v));
        return copy;
    }
}
