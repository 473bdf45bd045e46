package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.METALLB;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Identified;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.Topology;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * References between MetalLB or Calico resources that name an object the design lacks. They load
 * (the API server stores them just as well, and an import keeps them, ADR 0500); these rules say
 * what the missing object means.
 */
final class ReferenceRules {
    private ReferenceRules() {
    }

    static List<Rule> all() {
        return List.of(new MissingBfdProfile(), new DanglingReference());
    }

    static final class MissingBfdProfile extends Rule {
        MissingBfdProfile() {
            super("MLB_BFD_PROFILE_MISSING", Severity.ERROR, "A MetalLB BGPPeer's bfdProfile exists",
                    "MetalLB refuses the whole configuration while a peer names a BFDProfile that does not exist (\"peer referencing"
                            + " non existing bfd profile\"), so no change to pools or peers takes effect until it is fixed.",
                    "https://github.com/metallb/metallb/blob/v0.14.9/internal/config/config.go", METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            Set<String> profiles = m.bfdProfiles().stream().map(p -> p.name()).collect(Collectors.toSet());
            for (MetalLbBgpPeer p : m.bgpPeers()) {
                if (p.bfdProfile() != null && !profiles.contains(p.bfdProfile())) {
                    out.add("MetalLB BGPPeer " + p.name() + " names BFDProfile " + p.bfdProfile() + ", which does not exist",
                            Fix.say("Create BFDProfile " + p.bfdProfile() + " in MetalLB's namespace, or remove bfdProfile from the peer."),
                            p.id());
                }
            }
        }
    }

    static final class DanglingReference extends Rule {
        DanglingReference() {
            super("DANGLING_REFERENCE", Severity.WARN, "MetalLB and Calico resources name objects that exist",
                    "MetalLB skips an advertisement's pool or peer name that matches nothing (the advertisement then announces less"
                            + " than it says); a Calico BGPPeer naming a missing node applies to no node, and one naming a missing"
                            + " BGPFilter does not get the filtering it asks for.",
                    "https://github.com/metallb/metallb/blob/v0.14.9/internal/config/config.go", METALLB, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            Topology t = d.topology();
            MetalLb m = t.metallb();
            if (m != null) {
                Set<String> pools = names(m.ipAddressPools().stream().map(p -> p.name()).toList());
                Set<String> peers = names(m.bgpPeers().stream().map(MetalLbBgpPeer::name).toList());
                for (L2Advertisement a : m.l2Advertisements()) {
                    missing(out, a, "L2Advertisement " + a.name(), "IPAddressPool", a.ipAddressPools(), pools);
                }
                for (BgpAdvertisement a : m.bgpAdvertisements()) {
                    missing(out, a, "BGPAdvertisement " + a.name(), "IPAddressPool", a.ipAddressPools(), pools);
                    missing(out, a, "BGPAdvertisement " + a.name(), "MetalLB BGPPeer", a.peers(), peers);
                }
            }
            Set<String> filters = names(t.calico().bgpFilters().stream().map(f -> f.name()).toList());
            Set<String> nodes = names(t.cluster().nodes().stream().map(n -> n.name()).toList());
            for (CalicoBgpPeer p : t.calico().bgpPeers()) {
                missing(out, p, "Calico BGPPeer " + p.name(), "BGPFilter", p.filters(), filters);
                if (p.node() != null) {
                    missing(out, p, "Calico BGPPeer " + p.name(), "node", List.of(p.node()), nodes);
                }
            }
        }

        private static void missing(Report out, Identified element, String label, String what, List<String> named, Set<String> known) {
            List<String> absent = named.stream().filter(n -> !known.contains(n)).toList();
            if (!absent.isEmpty()) {
                ElementId id = element.id();
                out.add(label + " names " + what + " " + Text.list(absent, 3) + ", which the design does not have",
                        Fix.say("Add the missing " + what + " or remove the name from " + label + "."), id);
            }
        }

        private static Set<String> names(List<String> names) {
            return Set.copyOf(names);
        }
    }
}
