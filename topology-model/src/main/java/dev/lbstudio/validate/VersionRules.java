package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.WORKLOADS;

import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.IpAddressPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.Version;
import java.util.ArrayList;
import java.util.List;

/** Rules that depend on the Calico and MetalLB versions in the design (field history in domain-facts §1.1, §1.4, §2.1). */
final class VersionRules {
    private VersionRules() {
    }

    static List<Rule> all() {
        return List.of(new AggregationVersion(), new SingleIpEntryVersion(), new RrVersion(), new KeepaliveVersion(),
                new PeerFieldVersion(), new LbAdvertisementVersion(), new AnnotationTooNew(), new MetalLbFieldVersion());
    }

    static String calico(DesignIndex d) {
        return "Calico " + d.topology().calico().version();
    }

    static final class AggregationVersion extends Rule {
        AggregationVersion() {
            super("AGGREGATION_DISABLED_VERSION", Severity.ERROR, "serviceLoadBalancerAggregation is used only with Calico v3.31+",
                    "The field first appears in Calico v3.31.0 (PR #10719); older versions reject or ignore it.",
                    "https://github.com/projectcalico/calico/pull/10719", CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (d.bgp().serviceLoadBalancerAggregation() != null && d.calicoVersion().isBefore("3.31.0")) {
                out.add("serviceLoadBalancerAggregation is set, but " + calico(d) + " predates it (v3.31.0)",
                        Fix.apply("Upgrade Calico to v3.31+ or remove the field.", Edits.unsetAggregation()), d.bgp().id());
            }
        }
    }

    static final class SingleIpEntryVersion extends Rule {
        SingleIpEntryVersion() {
            super("SINGLE_IP_ENTRY_VERSION", Severity.WARN, "/32 serviceLoadBalancerIPs entries work for IPs only in status",
                    "Before Calico v3.32 a /32 entry gave a Cluster service its host route only when spec.loadBalancerIP named"
                            + " the IP, not when MetalLB wrote it to status (fixed by PR #11917).",
                    "https://github.com/projectcalico/calico/pull/11917", CALICO, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.calicoVersion().isBefore("3.32.0")) {
                return;
            }
            List<IpPrefix> singles = d.bgp().serviceLoadBalancerIPs().stream().filter(p -> p.length() == p.address().getBitCount()).toList();
            if (singles.isEmpty()) {
                return;
            }
            for (Service s : d.loadBalancers()) {
                if (s.effectiveExternalTrafficPolicy() != Service.TrafficPolicy.CLUSTER) {
                    continue;
                }
                for (IpAddr ip : s.status()) {
                    if (singles.stream().anyMatch(p -> p.contains(ip)) && !ip.equals(s.loadBalancerIP())) {
                        out.add(s.id().name() + " has " + ip + " only in status; " + calico(d) + " advertises its /32 entry only"
                                        + " when spec.loadBalancerIP names it",
                                Fix.say("Upgrade Calico to v3.32+, or cover the IP with a CIDR entry."), s.id(), d.bgp().id());
                    }
                }
            }
        }
    }

    static final class RrVersion extends Rule {
        RrVersion() {
            super("RR_VERSION_LOCAL_32", Severity.WARN, "Route reflectors reflect Local service /32s",
                    "Before the fix back-ported to Calico v3.27 a route reflector without a local endpoint did not re-advertise"
                            + " a Local service's /32.", "https://github.com/projectcalico/calico/issues/8162", CALICO, CLUSTER, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.calicoVersion().isBefore("3.27.0") || d.localLoadBalancers().isEmpty()) {
                return;
            }
            List<ElementId> rrs = d.topology().cluster().nodes().stream().filter(n -> n.routeReflectorClusterId() != null)
                    .map(Node::id).toList();
            if (!rrs.isEmpty()) {
                out.add(calico(d) + " with route reflectors (" + Text.list(rrs.stream().map(ElementId::name).toList(), 3)
                                + ") does not reflect Local services' /32s from RRs without an endpoint",
                        Fix.say("Upgrade Calico to v3.27 or later."), rrs);
            }
        }
    }

    static final class KeepaliveVersion extends Rule {
        KeepaliveVersion() {
            super("CALICO_KEEPALIVE_VERSION", Severity.ERROR, "BGPPeer keepaliveTime is used only with Calico v3.32+",
                    "keepaliveTime was added to BGPPeer in Calico v3.32.0.", CalicoRules.CAL_BGPPEER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.calicoVersion().isBefore("3.32.0")) {
                return;
            }
            for (CalicoBgpPeer p : d.topology().calico().bgpPeers()) {
                if (p.keepaliveTime() != null) {
                    out.add("BGPPeer " + p.name() + " sets keepaliveTime, which " + calico(d) + " does not know (v3.32.0+)",
                            Fix.apply("Upgrade Calico or remove keepaliveTime.", Edits.unsetPeerKeepalive(p)), p.id());
                }
            }
        }
    }

    static final class PeerFieldVersion extends Rule {
        PeerFieldVersion() {
            super("CALICO_PEER_FIELD_VERSION", Severity.ERROR, "BGPPeer fields exist in the design's Calico version",
                    "numAllowedLocalASNumbers arrived in v3.24; ttlSecurity, reachableBy and filters in v3.26; localASNumber"
                            + " and nextHopMode in v3.31. Older Calico rejects them.", CalicoRules.CAL_BGPPEER, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Version v = d.calicoVersion();
            for (CalicoBgpPeer p : d.topology().calico().bgpPeers()) {
                List<String> fields = new ArrayList<>();
                add(fields, v, "3.24.0", p.numAllowedLocalASNumbers(), "numAllowedLocalASNumbers");
                add(fields, v, "3.26.0", p.ttlSecurity(), "ttlSecurity");
                add(fields, v, "3.26.0", p.reachableBy(), "reachableBy");
                add(fields, v, "3.26.0", p.filters().isEmpty() ? null : p.filters(), "filters");
                add(fields, v, "3.31.0", p.localASNumber(), "localASNumber");
                add(fields, v, "3.31.0", p.nextHopMode(), "nextHopMode");
                if (!fields.isEmpty()) {
                    out.add("BGPPeer " + p.name() + " uses " + String.join(", ", fields) + ", unknown to " + calico(d),
                            Fix.say("Upgrade Calico or remove those fields."), p.id());
                }
            }
        }

        private static void add(List<String> fields, Version v, String since, Object value, String name) {
            if (value != null && v.isBefore(since)) {
                fields.add(name + " (v" + since.replaceAll("\\.0$", "") + "+)");
            }
        }
    }

    static final class LbAdvertisementVersion extends Rule {
        LbAdvertisementVersion() {
            super("CALICO_LB_ADVERTISEMENT_VERSION", Severity.ERROR, "Calico is new enough to advertise LoadBalancer IPs",
                    "Calico advertises LoadBalancer IPs since v3.18 (confd PR #422); older versions ignore serviceLoadBalancerIPs.",
                    "https://metallb.universe.tf/configuration/calico/", CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.bgp().serviceLoadBalancerIPs().isEmpty() && d.calicoVersion().isBefore("3.18.0")) {
                out.add(calico(d) + " does not advertise LoadBalancer IPs (v3.18+)", Fix.say("Upgrade Calico."), d.bgp().id());
            }
        }
    }

    static final class AnnotationTooNew extends Rule {
        AnnotationTooNew() {
            super("METALLB_ANNOTATION_TOO_NEW", Severity.ERROR, "metallb.io/ annotations are used only with MetalLB v0.14.9+",
                    "MetalLB reads the metallb.io/ prefix since v0.14.9; older versions only know metallb.universe.tf/.",
                    "https://metallb.universe.tf/release-notes/", METALLB, WORKLOADS);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            if (!d.metallbVersion().isBefore("0.14.9")) {
                return;
            }
            for (Service s : d.topology().workloads().services()) {
                List<String> keys = s.annotations().keySet().stream().filter(k -> k.startsWith(Service.NEW_PREFIX)).toList();
                if (!keys.isEmpty()) {
                    out.add(s.id().name() + " uses " + String.join(", ", keys) + ", which MetalLB " + d.topology().metallb().version()
                                    + " ignores", Fix.say("Use the metallb.universe.tf/ prefix, or upgrade MetalLB to v0.14.9+."), s.id());
                }
            }
        }
    }

    static final class MetalLbFieldVersion extends Rule {
        MetalLbFieldVersion() {
            super("METALLB_FIELD_VERSION", Severity.ERROR, "MetalLB resources and fields exist in the design's MetalLB version",
                    "CRDs replaced the ConfigMap in v0.13.2, avoidBuggyIPs came back in v0.13.4, serviceAllocation arrived in"
                            + " v0.13.9 and BGPAdvertisement serviceSelectors in v0.16.0; older MetalLB rejects or ignores them.",
                    "https://metallb.universe.tf/release-notes/", METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            Version v = m.parsedVersion();
            if (v.isBefore("0.13.2")) {
                out.add("MetalLB " + m.version() + " is configured by ConfigMap; the design's IPAddressPools and advertisements need v0.13.2+",
                        Fix.say("Upgrade MetalLB to v0.13.2 or later."), m.effectiveHelm().id());
                return;
            }
            for (IpAddressPool p : m.ipAddressPools()) {
                if (p.avoidBuggyIPs() != null && v.isBefore("0.13.4")) {
                    out.add("pool " + p.name() + " sets avoidBuggyIPs, which MetalLB " + m.version() + " lacks (v0.13.4+)",
                            Fix.say("Upgrade MetalLB or use ranges that skip .0/.255."), p.id());
                }
                if (p.serviceAllocation() != null && v.isBefore("0.13.9")) {
                    out.add("pool " + p.name() + " sets serviceAllocation, which MetalLB " + m.version() + " lacks (v0.13.9+)",
                            Fix.say("Upgrade MetalLB or use the address-pool annotation."), p.id());
                }
            }
            // api/v1beta1/bgpadvertisement_types.go has no ServiceSelectors before v0.16.0: the API server prunes it
            for (BgpAdvertisement a : m.bgpAdvertisements()) {
                if (!a.serviceSelectors().isEmpty() && v.isBefore("0.16.0")) {
                    out.add("BGPAdvertisement " + a.name() + " sets serviceSelectors, which MetalLB " + m.version()
                                    + " lacks (v0.16.0+): it would announce every service of its pools",
                            Fix.say("Upgrade MetalLB to v0.16.0, or give the selected services their own pool."), a.id());
                }
            }
        }
    }
}
