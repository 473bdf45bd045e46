package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CALICO;
import static dev.lbstudio.validate.Rule.Section.CLUSTER;

import dev.lbstudio.model.BgpConfiguration;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.CalicoBgpPeer;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPool;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Calico's API validator (libcalico-go/lib/validator/v3/validator.go), its client-side checks
 * (libcalico-go/lib/clientv3/ippool.go) and the CRDs' CEL rules refuse for IPPool, BGPConfiguration,
 * BGPPeer and BGPFilter. A refused object is never stored, so the design's intent for it is lost.
 */
final class CalicoSpecRules {
    private CalicoSpecRules() {
    }

    static final String CAL_VALIDATOR = "https://github.com/projectcalico/calico/blob/v3.32.1/libcalico-go/lib/validator/v3/validator.go";
    static final String CAL_IPPOOL_CLIENT = "https://github.com/projectcalico/calico/blob/v3.32.1/libcalico-go/lib/clientv3/ippool.go";
    static final String CAL_ASNUMBER = "https://github.com/projectcalico/calico/blob/v3.32.1/api/pkg/lib/numorstring/asnumber.go";
    static final long MAX_ASN = 4_294_967_295L;
    /** The LoadBalancer allowed use (and its checks) arrived in v3.30.0. */
    static final String SINCE_LB_POOLS = "3.30.0";
    private static final IpPrefix V4_LINK_LOCAL = IpPrefix.parse("169.254.0.0/16");
    private static final IpPrefix V6_LINK_LOCAL = IpPrefix.parse("fe80::/10");
    private static final Pattern STANDARD = Pattern.compile("(\\d+):(\\d+)");
    private static final Pattern LARGE = Pattern.compile("(\\d+):(\\d+):(\\d+)");

    static List<Rule> all() {
        return List.of(new IpPoolSpec(), new AsNumbers(), new BgpConfigurationSpec(), new BgpFilterFamilies());
    }

    static final class IpPoolSpec extends Rule {
        IpPoolSpec() {
            super("CALICO_IPPOOL_INVALID", Severity.ERROR, "Calico IPPools are what Calico's validator accepts",
                    "Calico refuses an IPPool whose CIDR has host bits, overlaps link-local space or is smaller than its"
                            + " blockSize (IPv4 20-32, IPv6 116-128), IPIP on IPv6, and (v3.30+) a LoadBalancer pool with"
                            + " IPIP/VXLAN, disableBGPExport, a nodeSelector other than all() or other uses beside it.",
                    CAL_VALIDATOR, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            boolean lbKnown = !d.calicoVersion().isBefore(SINCE_LB_POOLS);
            out.addProblemsOf(d.topology().calico().ipPools(), p -> "IPPool " + p.name(), FIX, (p, problems) -> {
                IpPrefix cidr = p.cidr();
                int block = p.effectiveBlockSize();
                if (cidr.hasHostBits()) {
                    problems.add("cidr " + cidr + " has host bits set (write " + cidr.network() + ")");
                }
                if (cidr.overlaps(cidr.isIpv4() ? V4_LINK_LOCAL : V6_LINK_LOCAL)) {
                    problems.add("cidr " + cidr + " overlaps the link-local range " + (cidr.isIpv4() ? V4_LINK_LOCAL : V6_LINK_LOCAL));
                }
                boolean blockOk = cidr.isIpv4() ? block >= 20 && block <= 32 : block >= 116 && block <= 128;
                if (!blockOk) {
                    problems.add("blockSize " + block + " is outside " + (cidr.isIpv4() ? "20-32" : "116-128"));
                } else if (cidr.length() > block) {
                    problems.add("a /" + cidr.length() + " is smaller than one /" + block + " block");
                }
                IpPool.Encapsulation encap = p.encapsulation();
                boolean ipip = encap == IpPool.Encapsulation.IPIP || encap == IpPool.Encapsulation.IPIP_CROSS_SUBNET;
                boolean vxlan = encap == IpPool.Encapsulation.VXLAN || encap == IpPool.Encapsulation.VXLAN_CROSS_SUBNET;
                if (!cidr.isIpv4() && ipip) {
                    problems.add("IPIP is not supported on an IPv6 pool");
                }
                List<String> uses = p.effectiveAllowedUses();
                for (String use : new java.util.LinkedHashSet<>(uses)) {
                    if (!List.of("Workload", "Tunnel", "LoadBalancer").contains(use) || use.equals("LoadBalancer") && !lbKnown) {
                        problems.add("allowedUses " + use + " is unknown" + (use.equals("LoadBalancer")
                                ? " before Calico v" + SINCE_LB_POOLS : ""));
                    }
                }
                if (p.isLoadBalancerPool() && lbKnown) {
                    if (ipip || vxlan) {
                        problems.add("a LoadBalancer pool cannot use " + encap.word());
                    }
                    if (p.effectiveDisableBgpExport()) {
                        problems.add("a LoadBalancer pool cannot set disableBGPExport");
                    }
                    if (p.nodeSelector() != null && !p.nodeSelector().strip().equals("all()")) {
                        problems.add("a LoadBalancer pool needs nodeSelector all(), not " + p.nodeSelector());
                    }
                    if (uses.contains("Workload") || uses.contains("Tunnel")) {
                        problems.add("LoadBalancer cannot be combined with Workload or Tunnel");
                    }
                }
            });
        }

        private static final Fix FIX = Fix.say("Use a masked CIDR outside link-local space and at least one block wide; for a"
                + " LoadBalancer pool, allowedUses [LoadBalancer] alone, no encapsulation, BGP export on and nodeSelector all().");
    }

    static final class AsNumbers extends Rule {
        AsNumbers() {
            super("CALICO_ASN_RANGE", Severity.ERROR, "Calico AS numbers are 32-bit",
                    "Calico reads an AS number as a 32-bit unsigned integer (plain, or asdot such as 1.10 = 65546); a larger"
                            + " value in BGPConfiguration, a BGPPeer or a Node is refused.", CAL_ASNUMBER, CALICO, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            BgpConfiguration b = d.bgp();
            range(out, "BGPConfiguration asNumber", b.asNumber(), b.id());
            for (CalicoBgpPeer p : d.topology().calico().bgpPeers()) {
                range(out, "BGPPeer " + p.name() + " asNumber", p.asNumber(), p.id());
                range(out, "BGPPeer " + p.name() + " localASNumber", p.localASNumber(), p.id());
            }
            for (Node n : d.topology().cluster().nodes()) {
                range(out, "node " + n.name() + " asNumber", n.asNumber(), n.id());
            }
        }

        private static void range(Report out, String what, Long asn, ElementId id) {
            if (asn != null && (asn < 0 || asn > MAX_ASN)) {
                out.add(what + " " + asn + " is outside 0-" + MAX_ASN,
                        Fix.say("Use an AS number of at most " + MAX_ASN + " (4-byte), e.g. 64512 or asdot 1.10."), id);
            }
        }
    }

    /** validator.go isValidCommunity: aa:nn with 16-bit parts, or aa:nn:mm with 32-bit parts. */
    static boolean validCommunity(String value) {
        if (value == null) {
            return false;
        }
        boolean standard = STANDARD.matcher(value).matches();
        if (!standard && !LARGE.matcher(value).matches()) {
            return false;
        }
        BigInteger max = BigInteger.valueOf(standard ? 65_535 : MAX_ASN);
        for (String part : value.split(":")) {
            if (new BigInteger(part).compareTo(max) > 0) {
                return false;
            }
        }
        return true;
    }

    static final class BgpConfigurationSpec extends Rule {
        BgpConfigurationSpec() {
            super("CALICO_BGPCONFIG_INVALID", Severity.ERROR, "BGPConfiguration default is what Calico's validator accepts",
                    "Calico refuses a BGPConfiguration whose listenPort is outside 1-65535, whose communities are not aa:nn"
                            + " (16-bit) or aa:nn:mm (32-bit) or are defined without prefixAdvertisements using them, whose"
                            + " prefixAdvertisements name an undefined community, or that sets nodeMeshPassword or"
                            + " nodeMeshMaxRestartTime with the node-to-node mesh disabled.", CAL_VALIDATOR, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            BgpConfiguration b = d.bgp();
            List<String> problems = new ArrayList<>();
            if (b.listenPort() != null && (b.listenPort() < 1 || b.listenPort() > 65_535)) {
                problems.add("listenPort " + b.listenPort() + " is outside 1-65535");
            }
            Set<String> defined = new HashSet<>();
            for (BgpConfiguration.Community c : b.communities()) {
                defined.add(c.name());
                if (!validCommunity(c.value())) {
                    problems.add("community " + c.name() + " has the value '" + c.value() + "', not aa:nn or aa:nn:mm");
                }
            }
            if (!b.communities().isEmpty() && b.prefixAdvertisements().isEmpty()) {
                problems.add("communities are defined but no prefixAdvertisements use them");
            }
            for (BgpConfiguration.PrefixAdvertisement pa : b.prefixAdvertisements()) {
                for (String c : pa.communities()) {
                    if (!validCommunity(c) && !defined.contains(c)) {
                        problems.add("prefixAdvertisements " + pa.cidr() + " uses '" + c + "', neither a value nor a defined community");
                    }
                }
            }
            if (Boolean.FALSE.equals(b.nodeToNodeMeshEnabled())) {
                if (b.nodeMeshPassword() != null) {
                    problems.add("nodeMeshPassword is set with the node-to-node mesh disabled");
                }
                if (b.nodeMeshMaxRestartTime() != null) {
                    problems.add("nodeMeshMaxRestartTime is set with the node-to-node mesh disabled");
                }
            }
            out.addProblems("BGPConfiguration default", problems, Fix.say("Keep listenPort within 1-65535, write communities"
                    + " as aa:nn or aa:nn:mm and use them in prefixAdvertisements, and drop mesh settings when the mesh is off."), b.id());
        }
    }

    static final class BgpFilterFamilies extends Rule {
        BgpFilterFamilies() {
            super("CALICO_BGPFILTER_FAMILY", Severity.ERROR, "BGPFilter V4 rules match IPv4 CIDRs and V6 rules IPv6 CIDRs",
                    "Calico validates exportV4/importV4 CIDRs as IPv4 networks and exportV6/importV6 CIDRs as IPv6 networks;"
                            + " a CIDR of the other family is refused.", CAL_VALIDATOR, CALICO);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            out.addProblemsOf(d.topology().calico().bgpFilters(), f -> "BGPFilter " + f.name(),
                    Fix.say("Move each rule to the list of its CIDR's family (V4 or V6)."), (f, problems) -> {
                        family(problems, "exportV4", f.exportV4(), true);
                        family(problems, "importV4", f.importV4(), true);
                        family(problems, "exportV6", f.exportV6(), false);
                        family(problems, "importV6", f.importV6(), false);
                    });
        }

        private static void family(List<String> problems, String list, List<BgpFilter.Rule> rules, boolean ipv4) {
            for (BgpFilter.Rule r : rules) {
                if (r.cidr() != null && r.cidr().isIpv4() != ipv4) {
                    problems.add(list + " matches " + r.cidr() + ", an " + (ipv4 ? "IPv6" : "IPv4") + " CIDR");
                }
            }
        }
    }

    /** validator.go validateReachableBy: an address of the peerIP's family; null when fine. */
    static String reachableByProblem(CalicoBgpPeer p) {
        if (p.reachableBy() == null || p.peerIP() == null) {
            return null;
        }
        IpAddr gateway;
        try {
            gateway = IpAddr.parse(p.reachableBy());
        } catch (IllegalArgumentException e) {
            return "reachableBy '" + p.reachableBy() + "' is not an IP address";
        }
        return p.peerAddress().map(ip -> ip.isIpv4() != gateway.isIpv4() ? "reachableBy and peerIP of different families" : null)
                .orElse(null);
    }
}
