package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;
import static dev.lbstudio.validate.Rule.Section.NETWORK;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.HelmValues;
import dev.lbstudio.model.KubeProxy;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** MetalLB as installed beside Calico: what the chart runs, the speaker, and MetalLB's own BGP resources (domain-facts §2). */
final class MetalLbRules {
    private MetalLbRules() {
    }

    static final String MLB_CALICO = "https://metallb.universe.tf/configuration/calico/";
    static final String MLB_VALUES = "https://github.com/metallb/metallb/blob/v0.16.1/charts/metallb/values.yaml";

    static List<Rule> all() {
        return List.of(new SpeakerBgpWithCalico(), new Port179(), new HelmSpeakerMode(), new SpeakerUnused(),
                new FrrK8sOnUpgrade(), new SpeakerDisabledOldChart(), new InstallUnknown(), new StrictArp(), new PeerTimers());
    }

    /** The routers Calico's nodes peer with. */
    static Set<String> calicoRouters(DesignIndex d) {
        Set<String> routers = new TreeSet<>();
        d.routerSessions().forEach(s -> routers.add(s.router().name()));
        return routers;
    }

    static final class SpeakerBgpWithCalico extends Rule {
        SpeakerBgpWithCalico() {
            super("SPEAKER_BGP_WITH_CALICO_BGP", Severity.ERROR, "MetalLB does not peer with routers Calico already peers with",
                    "BGP allows one session per pair of addresses: a router already talking to a node's BIRD rejects MetalLB's"
                            + " session from the same node as a duplicate. Calico's docs: do not install the speaker.",
                    MLB_CALICO, METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            Set<String> routers = calicoRouters(d);
            if (m == null || routers.isEmpty()) {
                return;
            }
            for (MetalLbBgpPeer p : m.bgpPeers()) {
                if (p.peerAddress() == null) {
                    continue;
                }
                d.routerAt(p.peerAddress()).filter(r -> routers.contains(r.name())).ifPresent(r ->
                        out.add("MetalLB BGPPeer " + p.name() + " peers with " + r.name() + " (" + p.peerAddress()
                                        + "), which Calico's BIRD on the same nodes already peers with",
                                Fix.say("Let Calico announce the pools (serviceLoadBalancerIPs) and remove MetalLB's BGPPeer,"
                                        + " or peer MetalLB with other routers (e.g. spines)."), p.id(), r.id()));
            }
            if (!m.bgpAdvertisements().isEmpty() && m.bgpPeers().isEmpty()) {
                List<ElementId> ids = new ArrayList<>();
                m.bgpAdvertisements().forEach(a -> ids.add(a.id()));
                out.add("BGPAdvertisement " + Text.list(m.bgpAdvertisements().stream().map(a -> a.name()).toList())
                                + " asks MetalLB to announce over BGP while Calico peers with " + Text.list(routers, 3),
                        Fix.say("Remove the BGPAdvertisement: with Calico announcing, MetalLB should only assign IPs."), ids);
            }
        }
    }

    /**
     * True when the chart's values make the speaker run a BGP daemon (FRR or FRR-K8s) for this MetalLB
     * version; false also when that is unknown (no Helm values, or defaults of an unknown version),
     * which {@link InstallUnknown} reports instead.
     */
    static boolean speakerRunsBgp(MetalLb m) {
        return m.speakerBgpBackend().orElse(false);
    }

    static String backend(MetalLb m) {
        Version v = m.parsedVersion();
        HelmValues h = m.helm();
        String which = h.effectiveFrrk8sEnabled(v) ? "FRR-K8s (frrk8s.enabled" : "FRR (speaker.frr.enabled";
        boolean defaulted = h.effectiveFrrk8sEnabled(v) ? h.frrk8sEnabled() == null : h.speakerFrrEnabled() == null;
        return which + (defaulted ? ", the chart default for " + (m.version() == null ? "the latest MetalLB" : m.version()) : "") + ")";
    }

    static final class Port179 extends Rule {
        Port179() {
            super("PORT179_CONFLICT", Severity.ERROR, "Only one BGP daemon per node listens on port 179",
                    "calico-node's BIRD and the speaker's FRR both run in the host network namespace; the second to bind :179"
                            + " fails and its peers show \"Error: No listening socket\".",
                    "https://github.com/projectcalico/calico/issues/7893", METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || !speakerRunsBgp(m) || d.routerSessions().isEmpty() || d.bgp().effectiveListenPort() != 179) {
                return;
            }
            out.add("MetalLB's speaker runs " + backend(m) + " on every node beside Calico's BIRD, both on port 179",
                    Fix.apply("Run MetalLB controller-only (speaker.enabled: false), or move BIRD with BGPConfiguration listenPort.",
                            Edits.speakerEnabled(false)), m.helm().id(), BgpConfiguration.DEFAULT.id());
        }
    }

    static final class HelmSpeakerMode extends Rule {
        HelmSpeakerMode() {
            super("HELM_SPEAKER_MODE", Severity.WARN, "In a Calico-BGP design the chart does not start a BGP speaker",
                    "The chart's defaults start a BGP backend with the speaker: FRR-K8s since v0.16.0, FRR mode up to v0.15.x."
                            + " With Calico announcing, MetalLB only needs its controller.", MLB_VALUES, METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || !d.usesCalicoBgp() || !speakerRunsBgp(m)) {
                return;
            }
            out.add("the MetalLB " + (m.version() == null ? "" : m.version() + " ") + "chart runs the speaker with " + backend(m)
                            + " although Calico announces the LoadBalancer IPs",
                    Fix.apply("Set speaker.enabled: false (controller only); for L2 only, set both frrk8s.enabled and"
                            + " speaker.frr.enabled to false.", Edits.speakerEnabled(false)), m.helm().id());
        }
    }

    static final class SpeakerUnused extends Rule {
        SpeakerUnused() {
            super("SPEAKER_UNUSED", Severity.WARN, "The MetalLB speaker runs only when it announces something",
                    "With Calico announcing LoadBalancer IPs and no L2Advertisement or BGPAdvertisement, the speaker has"
                            + " nothing to do; Calico's and MetalLB's docs say to run the controller only.",
                    MLB_CALICO, METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.speakerBgpBackend().isEmpty() || !m.helm().effectiveSpeakerEnabled() || speakerRunsBgp(m) || !d.usesCalicoBgp()
                    || !m.l2Advertisements().isEmpty() || !m.bgpAdvertisements().isEmpty()) {
                return;
            }
            out.add("MetalLB's speaker is enabled but there is no L2Advertisement or BGPAdvertisement; Calico already announces "
                            + Text.list(d.bgp().serviceLoadBalancerIPs(), 3),
                    Fix.apply("Set speaker.enabled: false so only the controller runs.", Edits.speakerEnabled(false)), m.helm().id());
        }
    }

    static final class FrrK8sOnUpgrade extends Rule {
        FrrK8sOnUpgrade() {
            super("HELM_FRRK8S_DEFAULT_ON_UPGRADE", Severity.INFO, "Upgrading MetalLB to v0.16 does not silently start FRR-K8s",
                    "From v0.16.0 the chart defaults frrk8s.enabled to true; a speaker left at chart defaults starts a BGP"
                            + " daemon beside Calico's BIRD after the upgrade.", MLB_VALUES, METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.speakerBgpBackend().isEmpty() || !m.helm().effectiveSpeakerEnabled() || m.helm().frrk8sEnabled() != null
                    || !m.parsedVersion().isBefore("0.16.0") || !d.usesCalicoBgp() || speakerRunsBgp(m)) {
                return;
            }
            out.add("MetalLB " + m.version() + " leaves frrk8s.enabled at the chart default; upgrading to v0.16+ turns FRR-K8s on"
                            + " in the speaker beside Calico's BIRD",
                    Fix.apply("Pin frrk8s.enabled: false (or disable the speaker).", Edits.frrk8sEnabled(false)), m.helm().id());
        }
    }

    static final class SpeakerDisabledOldChart extends Rule {
        SpeakerDisabledOldChart() {
            super("HELM_SPEAKER_DISABLED_OLD_CHART", Severity.WARN, "speaker.enabled: false really removes the speaker",
                    "Charts before v0.14.9 still rendered speaker resources with speaker.enabled: false (fixed by MetalLB PR #2466).",
                    "https://github.com/metallb/metallb/pull/2466", METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m != null && m.installKnown() && !m.helm().effectiveSpeakerEnabled() && m.parsedVersion().isBefore("0.14.9")) {
                out.add("MetalLB " + m.version() + "'s chart still creates speaker resources although speaker.enabled is false",
                        Fix.say("Upgrade MetalLB to v0.14.9 or later, or delete the speaker DaemonSet after install."), m.helm().id());
            }
        }
    }

    /**
     * The install-dependent rules above need to know how MetalLB was installed; when the design does
     * not say, that is reported once at INFO instead of assuming the newest chart's defaults (ADR 0501).
     */
    static final class InstallUnknown extends Rule {
        InstallUnknown() {
            super("METALLB_INSTALL_UNKNOWN", Severity.INFO, "How MetalLB was installed is known where BGP runs",
                    "Whether the speaker runs FRR or FRR-K8s beside Calico's BIRD (one of them then cannot bind port 179) depends"
                            + " on the Helm values and, where they are left at the chart defaults, on the MetalLB version.",
                    MLB_VALUES, METALLB, CALICO, NETWORK, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.speakerBgpBackend().isPresent() || d.routerSessions().isEmpty() && !d.usesCalicoBgp()) {
                return;
            }
            String missing = !m.installKnown() ? "no Helm values or speaker DaemonSet are given"
                    : "the Helm values leave the speaker's BGP backend at the chart default and the MetalLB version is unknown";
            List<ElementId> ids = new ArrayList<>();
            ids.add(BgpConfiguration.DEFAULT.id());
            if (m.installKnown()) {
                ids.add(0, m.helm().id());
            }
            out.add("whether MetalLB's speaker runs a BGP daemon beside Calico's BIRD (port 179) is not checked: " + missing,
                    Fix.say("Give the Helm values or import from the cluster to check this"
                            + (m.installKnown() ? " (or set the MetalLB version)." : ".")), ids);
        }
    }

    static final class StrictArp extends Rule {
        StrictArp() {
            super("L2_IPVS_STRICTARP", Severity.ERROR, "MetalLB L2 with kube-proxy IPVS has strictARP",
                    "In IPVS mode every node holds every service IP on kube-ipvs0 and answers ARP for it unless strictARP is"
                            + " set, so L2 announcements fight each other.", "https://metallb.universe.tf/installation/#preparation",
                    METALLB, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            KubeProxy kp = d.topology().cluster().kubeProxy();
            if (m != null && !m.l2Advertisements().isEmpty() && kp.mode() == KubeProxy.Mode.IPVS && !kp.effectiveStrictArp()) {
                List<ElementId> ids = new ArrayList<>();
                m.l2Advertisements().forEach(a -> ids.add(a.id()));
                out.add("L2Advertisement " + Text.list(m.l2Advertisements().stream().map(a -> a.name()).toList(), 3)
                                + " with kube-proxy in IPVS mode and strictARP off: every node answers ARP for every service IP",
                        Fix.apply("Set kube-proxy ipvs.strictARP: true.", Edits.strictArp()), ids);
            }
        }
    }

    static final class PeerTimers extends Rule {
        PeerTimers() {
            super("MLB_PEER_TIMERS", Severity.ERROR, "MetalLB BGPPeer timers and multihop are valid",
                    "MetalLB rejects a holdTime that is not 0 and below 3 s once cut to whole seconds, a keepaliveTime above"
                            + " the holdTime (a missing one is derived: hold = 3 x keepalive, keepalive = hold / 3), and"
                            + " ebgpMultiHop when peerASN equals myASN.", PoolRules.MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            out.addProblemsOf(m.bgpPeers(), p -> "MetalLB BGPPeer " + p.name(),
                    Fix.say("Use holdTime 0 or at least 3s, keepaliveTime at most holdTime, and ebgpMultiHop only for eBGP."),
                    PeerTimers::problems);
        }

        private static void problems(MetalLbBgpPeer p, List<String> problems) {
            Duration hold = p.holdTime() == null ? null : p.holdTime().duration();
            Duration keepalive = p.keepaliveTime() == null ? null : p.keepaliveTime().duration();
            // config.go parseTimers: the missing timer follows from the other one
            if (hold == null && keepalive != null) {
                hold = keepalive.multipliedBy(3);
            } else if (keepalive == null && hold != null) {
                keepalive = hold.dividedBy(3);
            }
            long wholeSeconds = hold == null ? 0 : hold.getSeconds();
            if (wholeSeconds != 0 && wholeSeconds < 3) {
                problems.add((p.holdTime() != null ? "holdTime " + p.holdTime()
                        : "the holdTime of 3 x keepaliveTime (" + hold.toMillis() + "ms)") + " is below 3s");
            }
            if (hold != null && keepalive.compareTo(hold) > 0) {
                problems.add("keepaliveTime " + p.keepaliveTime() + " exceeds holdTime " + p.holdTime());
            }
            // dynamicASN leaves peerASN 0, which never equals myASN: MetalLB accepts multihop there
            if (Boolean.TRUE.equals(p.ebgpMultiHop()) && p.peerASN() != null && p.peerASN() == p.myASN()) {
                problems.add("ebgpMultiHop is set on an iBGP peer (AS " + p.myASN() + " on both ends)");
            }
        }
    }
}
