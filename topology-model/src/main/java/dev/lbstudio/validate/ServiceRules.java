package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.WORKLOADS;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.PortRange;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServicePort;
import dev.lbstudio.validate.DesignIndex.PoolView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Services as MetalLB and kube-proxy read them: requested IPs, sharing, classes, node ports (domain-facts §2.4, §3). */
final class ServiceRules {
    private ServiceRules() {
    }

    static final String MLB_SERVICE = "https://github.com/metallb/metallb/blob/v0.16.1/controller/service.go";
    static final String MLB_USAGE = "https://metallb.universe.tf/usage/";
    static final String K8S_SERVICE = "https://kubernetes.io/docs/concepts/services-networking/service/";

    static List<Rule> all() {
        return List.of(new RequestedNotInPool(), new BothFields(), new DeprecatedLoadBalancerIp(), new DeprecatedPrefix(),
                new SharedIp(), new SharedIpL2Selector(), new ClassMismatch(), new NodePortOutOfRange(),
                new NodePortDuplicate(), new NodePortRangeSanity(), new HealthCheckNodePort());
    }

    static final class RequestedNotInPool extends Rule {
        RequestedNotInPool() {
            super("REQUESTED_IP_NOT_IN_POOL", Severity.ERROR, "Requested LoadBalancer IPs lie in a pool that may hand them out",
                    "MetalLB assigns a requested IP only from a pool that contains it, not as .0/.255 of an avoidBuggyIPs pool,"
                            + " and only from the pool the address-pool annotation names; otherwise the service stays pending.",
                    PoolRules.MLB_ALLOCATOR, METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.loadBalancers()) {
                Optional<String> named = s.metallbAnnotation("address-pool");
                for (String text : MetalLbAllocation.requested(s)) {
                    IpAddr ip;
                    try {
                        ip = IpAddr.parse(text);
                    } catch (IllegalArgumentException e) {
                        out.add(s.id().name() + " requests '" + text + "', which is not an IP address",
                                Fix.say("Write a plain address such as 10.208.1.10."), s.id());
                        continue;
                    }
                    Optional<PoolView> pool = d.poolOf(ip);
                    String problem = null;
                    if (pool.isEmpty()) {
                        problem = "is in no pool";
                    } else if (pool.get().pool().effectiveAvoidBuggyIPs() && PoolEntry.confusesBuggyFirmware(ip.address())) {
                        problem = "is a .0/.255 address of pool " + pool.get().pool().name() + ", which has avoidBuggyIPs";
                    } else if (named.isPresent() && !named.get().equals(pool.get().pool().name())) {
                        problem = "is in pool " + pool.get().pool().name() + ", not in the annotated pool " + named.get();
                    }
                    if (problem != null) {
                        List<ElementId> ids = new ArrayList<>(List.of(s.id()));
                        pool.ifPresent(p -> ids.add(p.pool().id()));
                        String suggestion = pool.flatMap(p -> d.allocation().nextFree(p)).map(n -> ", e.g. " + n).orElse("");
                        out.add(s.id().name() + " requests " + ip + ", which " + problem,
                                Fix.say("Request an address from the pool" + suggestion + "."), ids);
                    }
                }
            }
        }
    }

    static final class BothFields extends Rule {
        BothFields() {
            super("BOTH_LBIP_FIELDS", Severity.ERROR, "Services request an IP through one field only",
                    "MetalLB refuses a service with both the loadBalancerIPs annotation and spec.loadBalancerIP (\"service can"
                            + " not have both\").", MLB_SERVICE, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            for (Service s : d.loadBalancers()) {
                if (s.loadBalancerIP() != null && s.metallbAnnotation("loadBalancerIPs").isPresent()) {
                    out.add(s.id().name() + " sets both the loadBalancerIPs annotation (" + s.metallbAnnotation("loadBalancerIPs").get()
                                    + ") and spec.loadBalancerIP (" + s.loadBalancerIP() + ")",
                            Fix.apply("Remove spec.loadBalancerIP and keep the annotation.",
                                    Edits.serviceRequest(s, "loadBalancerIP", null, null, s.annotations())), s.id());
                }
            }
        }
    }

    static final class DeprecatedLoadBalancerIp extends Rule {
        DeprecatedLoadBalancerIp() {
            super("DEPRECATED_LOADBALANCERIP", Severity.WARN, "Services request IPs through the annotation, not spec.loadBalancerIP",
                    "spec.loadBalancerIP is deprecated since Kubernetes v1.24: under-specified, no dual-stack.",
                    K8S_SERVICE + "#load-balancer-ip", WORKLOADS, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            String key = d.metallbVersion().isBefore("0.14.9") ? Service.OLD_PREFIX + "loadBalancerIPs" : Service.LB_IPS;
            for (Service s : d.loadBalancers()) {
                if (s.loadBalancerIP() != null && s.metallbAnnotation("loadBalancerIPs").isEmpty()) {
                    Map<String, String> annotations = new TreeMap<>(s.annotations());
                    annotations.put(key, s.loadBalancerIP().toString());
                    out.add(s.id().name() + " uses the deprecated spec.loadBalancerIP (" + s.loadBalancerIP() + ")",
                            Fix.apply("Move it to the " + key + " annotation.",
                                    Edits.serviceRequest(s, "annotations." + key, s.loadBalancerIP().toString(), null, annotations)),
                            s.id());
                }
            }
        }
    }

    static final class DeprecatedPrefix extends Rule {
        DeprecatedPrefix() {
            super("DEPRECATED_ANNOTATION_PREFIX", Severity.INFO, "MetalLB annotations use the metallb.io/ prefix",
                    "metallb.universe.tf/ annotations are deprecated since MetalLB v0.14.9 (still read when the new one is absent).",
                    "https://metallb.universe.tf/release-notes/", WORKLOADS, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.metallbVersion().isBefore("0.14.9")) {
                return;
            }
            for (Service s : d.topology().workloads().services()) {
                List<String> old = new ArrayList<>();
                for (String key : s.annotations().keySet()) {
                    if (key.startsWith(Service.OLD_PREFIX)) {
                        old.add(key);
                    }
                }
                if (old.isEmpty()) {
                    continue;
                }
                Map<String, String> renamed = new TreeMap<>();
                s.annotations().forEach((k, v) -> renamed.putIfAbsent(k.startsWith(Service.OLD_PREFIX)
                        ? Service.NEW_PREFIX + k.substring(Service.OLD_PREFIX.length()) : k, v));
                out.add(s.id().name() + " uses deprecated annotation" + (old.size() == 1 ? " " : "s ") + String.join(", ", old),
                        Fix.apply("Rename them to " + Service.NEW_PREFIX + "….",
                                Edits.serviceRequest(s, "annotations", "metallb.io/…", s.loadBalancerIP(), renamed)), s.id());
            }
        }
    }

    static final class SharedIp extends Rule {
        SharedIp() {
            super("SHARED_IP_RULES", Severity.ERROR, "Services that share an IP are allowed to",
                    "MetalLB lets services share an IP only with the same allow-shared-ip key, no (protocol, port) in common,"
                            + " and both Cluster or exactly the same pods; otherwise the second service gets no IP.",
                    MLB_USAGE + "#ip-address-sharing", WORKLOADS, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            // each later holder of an IP is checked against its first holder; no list per IP, as almost none is shared
            Map<IpAddr, Service> first = new HashMap<>();
            for (Service b : d.loadBalancers()) {
                for (IpAddr ip : b.status()) {
                    Service a = first.putIfAbsent(ip, b);
                    if (a != null) {
                        MetalLbAllocation.sharingProblem(a, b).ifPresent(problem ->
                                out.add(a.id().name() + " and " + b.id().name() + " share " + ip + " but may not: " + problem,
                                        Fix.say("Give both the same metallb.io/allow-shared-ip key with distinct ports and matching"
                                                + " policy/selectors, or use distinct IPs."), a.id(), b.id()));
                    }
                }
            }
        }
    }

    static final class SharedIpL2Selector extends Rule {
        SharedIpL2Selector() {
            super("SHARED_IP_L2_SVCSELECTOR", Severity.WARN, "Shared-IP services are not behind an L2Advertisement with serviceSelectors",
                    "MetalLB does not announce a shared IP through an L2Advertisement that uses serviceSelectors.",
                    MLB_USAGE + "#ip-address-sharing", WORKLOADS, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.l2Advertisements().stream().allMatch(a -> a.serviceSelectors().isEmpty())) {
                return;
            }
            for (Service s : d.loadBalancers()) {
                if (s.metallbAnnotation("allow-shared-ip").isEmpty()) {
                    continue;
                }
                d.allocation().assignment(s).filter(a -> a.pool() != null).ifPresent(a -> {
                    for (L2Advertisement adv : m.l2Advertisements()) {
                        if (!adv.serviceSelectors().isEmpty() && DesignIndex.selects(adv, a.pool().pool())) {
                            out.add(s.id().name() + " shares its IP (allow-shared-ip) and pool " + a.pool().pool().name()
                                            + " is announced by L2Advertisement " + adv.name() + " with serviceSelectors: not announced",
                                    Fix.say("Drop serviceSelectors from " + adv.name() + " or stop sharing the IP."), s.id(), adv.id());
                        }
                    }
                });
            }
        }
    }

    static final class ClassMismatch extends Rule {
        ClassMismatch() {
            super("LBCLASS_MISMATCH", Severity.ERROR, "Services and MetalLB agree on the loadBalancerClass",
                    "MetalLB with a class handles only services of that class; without one it ignores services that set any class.",
                    "https://github.com/metallb/metallb/blob/v0.16.1/internal/k8s/controllers/service_controller.go", WORKLOADS, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            // MetalLB's class is a Helm value: with the install unknown, so is the class (METALLB_INSTALL_UNKNOWN)
            if (m == null || !m.installKnown()) {
                return;
            }
            String mine = m.helm().loadBalancerClass();
            for (Service s : d.loadBalancers()) {
                if (!Objects.equals(mine, s.loadBalancerClass())) {
                    out.add(s.id().name() + " has loadBalancerClass " + (s.loadBalancerClass() == null ? "(none)" : s.loadBalancerClass())
                                    + " but MetalLB runs with " + (mine == null ? "no class" : "class " + mine) + ": MetalLB ignores it",
                            Fix.say("Align spec.loadBalancerClass with MetalLB's loadBalancerClass value."), s.id(), m.helm().id());
                }
            }
        }
    }

    static final class NodePortOutOfRange extends Rule {
        NodePortOutOfRange() {
            super("NODEPORT_OUT_OF_RANGE", Severity.ERROR, "Pinned nodePorts lie in the cluster's NodePort range",
                    "kube-apiserver rejects a nodePort outside --service-node-port-range (default 30000-32767).",
                    K8S_SERVICE + "#type-nodeport", WORKLOADS, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            PortRange range = d.topology().cluster().effectiveNodePortRange();
            for (Service s : d.topology().workloads().services()) {
                for (ServicePort p : s.ports()) {
                    if (p.nodePort() != null && !range.contains(p.nodePort())) {
                        out.add(s.id().name() + " pins nodePort " + p.nodePort() + " outside the NodePort range " + range,
                                Fix.say("Pick a nodePort in " + range + " or leave it unset."), s.id());
                    }
                }
            }
        }
    }

    static final class NodePortDuplicate extends Rule {
        NodePortDuplicate() {
            super("NODEPORT_DUPLICATE", Severity.ERROR, "No two services pin the same nodePort",
                    "A nodePort is allocated cluster-wide; the second service asking for it is rejected (\"provided port is already allocated\").",
                    K8S_SERVICE + "#type-nodeport", WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Map<Integer, Service> taken = new HashMap<>();
            for (Service s : d.topology().workloads().services()) {
                for (ServicePort p : s.ports()) {
                    claim(taken, p.nodePort(), s, out);
                }
                claim(taken, s.healthCheckNodePort(), s, out);
            }
        }

        /** A port the service itself already claimed is no clash: a service may name one port twice. */
        private static void claim(Map<Integer, Service> taken, Integer port, Service s, Report out) {
            if (port == null) {
                return;
            }
            Service other = taken.putIfAbsent(port, s);
            if (other != null && other != s) {
                out.add(s.id().name() + " and " + other.id().name() + " both use node port " + port,
                        Fix.say("Leave one of them unset so Kubernetes allocates a free port."), s.id(), other.id());
            }
        }
    }

    static final class NodePortRangeSanity extends Rule {
        NodePortRangeSanity() {
            super("NODEPORT_RANGE_SANITY", Severity.WARN, "The NodePort range stays clear of BGP and system ports",
                    "kube-proxy opens node ports on every node address; a range that includes BIRD's BGP port or ports below"
                            + " 1024 lets a service take a port a node daemon needs.", K8S_SERVICE + "#type-nodeport", CLUSTER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            PortRange range = d.topology().cluster().effectiveNodePortRange();
            int bgp = d.bgp().effectiveListenPort();
            if (range.contains(bgp) || range.first() < 1024) {
                out.add("the NodePort range " + range + (range.contains(bgp) ? " contains BIRD's BGP port " + bgp : " reaches below 1024"),
                        Fix.say("Use a range such as 30000-32767."), dev.lbstudio.model.BgpConfiguration.DEFAULT.id());
            }
        }
    }

    static final class HealthCheckNodePort extends Rule {
        HealthCheckNodePort() {
            super("HEALTHCHECK_NODEPORT", Severity.ERROR, "healthCheckNodePort is set only where it means something",
                    "healthCheckNodePort exists only for type LoadBalancer with externalTrafficPolicy Local; elsewhere the API"
                            + " server rejects it, and it must lie in the NodePort range.", K8S_SERVICE, WORKLOADS, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            PortRange range = d.topology().cluster().effectiveNodePortRange();
            for (Service s : d.topology().workloads().services()) {
                Integer port = s.healthCheckNodePort();
                if (port == null) {
                    continue;
                }
                if (!s.isLoadBalancer() || s.effectiveExternalTrafficPolicy() != Service.TrafficPolicy.LOCAL) {
                    out.add(s.id().name() + " sets healthCheckNodePort " + port + " but is not a LoadBalancer with externalTrafficPolicy Local",
                            Fix.say("Remove healthCheckNodePort."), s.id());
                } else if (!range.contains(port)) {
                    out.add(s.id().name() + " sets healthCheckNodePort " + port + " outside the NodePort range " + range,
                            Fix.say("Pick a port in " + range + " or leave it unset."), s.id());
                }
            }
        }
    }
}
