package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes node running calico-node (BIRD). {@code asNumber} is Calico's per-node override
 * (Node spec.bgp.asNumber); {@code routeReflectorClusterId} makes the node a Calico route reflector.
 */
public record Node(@JsonProperty(required = true) String name, @JsonProperty(required = true) List<IpAddr> addresses, @JsonProperty(required = true) String segment, String rack, Map<String, String> labels,
                   Long asNumber, String routeReflectorClusterId, Boolean schedulable) implements Identified {

    public static final String EXCLUDE_FROM_LB_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";

    public Node {
        Names.require(name, "node");
        addresses = Lists.copy(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " needs at least one address");
        }
        Names.require(segment, "node's segment");
        labels = Lists.sorted(labels);
    }

    /** The first IPv4 address: the one BIRD peers from (Calico's node IP). */
    public IpAddr address() {
        return ipv4().orElse(addresses.get(0));
    }

    public Optional<IpAddr> ipv4() {
        return addresses.stream().filter(IpAddr::isIpv4).findFirst();
    }

    public Optional<IpAddr> ipv6() {
        return addresses.stream().filter(a -> !a.isIpv4()).findFirst();
    }

    public boolean excludedFromLoadBalancers() {
        return "true".equalsIgnoreCase(labels.get(EXCLUDE_FROM_LB_LABEL));
    }

    public boolean isSchedulable() {
        return schedulable == null || schedulable;
    }

    /**
     * The labels a selector sees: the node's own labels plus the well-known hostname label. The
     * {@code rack} field is LB Studio's grouping, not a label: selectors only see real labels.
     */
    public Map<String, String> selectorLabels() {
        var all = new java.util.TreeMap<>(labels);
        all.putIfAbsent("kubernetes.io/hostname", name);
        return all;
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.NODE, name);
    }
}
