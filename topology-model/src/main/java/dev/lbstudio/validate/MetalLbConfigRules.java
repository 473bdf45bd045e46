package dev.lbstudio.validate;

import static dev.lbstudio.validate.Rule.Section.CLUSTER;
import static dev.lbstudio.validate.Rule.Section.METALLB;

import dev.lbstudio.model.BgpAdvertisement;
import dev.lbstudio.model.L2Advertisement;
import dev.lbstudio.model.LabelSelector;
import dev.lbstudio.model.MetalLb;
import dev.lbstudio.model.MetalLbBfdProfile;
import dev.lbstudio.model.MetalLbBgpPeer;
import dev.lbstudio.model.MetalLbCommunity;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.PoolEntry;
import dev.lbstudio.model.Version;
import dev.lbstudio.validate.DesignIndex.PoolView;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What MetalLB's configuration parser and webhooks refuse (internal/config/config.go and validation.go,
 * api/v1beta1 CRD markers), rule by rule, as each version does it. When one object is refused MetalLB
 * keeps running its last good configuration, so none of the design's MetalLB changes apply.
 */
final class MetalLbConfigRules {
    private MetalLbConfigRules() {
    }

    static final String MLB_VALIDATION = "https://github.com/metallb/metallb/blob/v0.16.1/internal/config/validation.go";
    static final String MLB_ADV_TYPES = "https://github.com/metallb/metallb/blob/v0.16.1/api/v1beta1/bgpadvertisement_types.go";
    static final String MLB_BFD_TYPES = "https://github.com/metallb/metallb/blob/v0.16.1/api/v1beta1/bfdprofile_types.go";
    static final String MLB_COMMUNITY_GO = "https://github.com/metallb/metallb/blob/v0.16.1/internal/bgp/community/community.go";
    /** validateBGPAdvPerPool's local preference check, BFD echo with IPv6 and large communities arrived in v0.13.10. */
    static final String SINCE_ADV_CHECKS = "0.13.10";
    private static final BigInteger UINT16 = BigInteger.valueOf(65_535);
    private static final BigInteger UINT32 = BigInteger.valueOf(4_294_967_295L);

    static List<Rule> all() {
        return List.of(new AdvertisementFields(), new LocalPrefConflict(), new Communities(), new BfdEchoIpv6(),
                new BfdProfileRanges(), new PeerFields(), new FrrPeerConflict());
    }

    /** The aggregation length MetalLB uses for one family: as written, else /32 or /128. */
    static int aggregation(BgpAdvertisement a, boolean ipv4) {
        Integer written = ipv4 ? a.aggregationLength() : a.aggregationLengthV6();
        return written != null ? written : ipv4 ? 32 : 128;
    }

    /** The CRD's minimum of 1 for IPv4, config.go's maxima of 32 and 128; a negative IPv6 length fits no pool. */
    static boolean aggregationInBounds(int length, boolean ipv4) {
        return ipv4 ? length >= 1 && length <= 32 : length >= 0 && length <= 128;
    }

    /** The nodes a MetalLB object's node selectors pick: all nodes without selectors, else those any selector matches. */
    static Set<String> selectedNodes(DesignIndex d, List<LabelSelector> selectors) {
        Set<String> names = new TreeSet<>();
        for (Node n : d.topology().cluster().nodes()) {
            if (selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(n.labels()))) {
                names.add(n.name());
            }
        }
        return names;
    }

    /** Items written twice in one list (config.go validateDuplicate / validateLabelSelectorDuplicate). */
    static <T> List<String> duplicates(String field, List<T> items) {
        Set<T> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (T item : items) {
            if (!seen.add(item)) {
                twice.add(field + " lists " + item + " twice");
            }
        }
        return List.copyOf(twice);
    }

    static final class AdvertisementFields extends Rule {
        AdvertisementFields() {
            super("MLB_ADV_FIELDS", Severity.ERROR, "BGP and L2 advertisements have valid aggregation lengths and no repeated entries",
                    "MetalLB rejects an aggregationLength outside 1-32 (aggregationLengthV6 above 128), serviceSelectors"
                            + " together with a non-default aggregation length (v0.16+), and a pool, peer, community or selector"
                            + " listed twice in one advertisement.", MLB_ADV_TYPES, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            out.addProblemsOf(m.bgpAdvertisements(), a -> "BGPAdvertisement " + a.name(), FIX, (a, problems) -> {
                if (a.aggregationLength() != null && !aggregationInBounds(a.aggregationLength(), true)) {
                    problems.add("aggregationLength " + a.aggregationLength() + " is outside 1-32");
                }
                if (a.aggregationLengthV6() != null && !aggregationInBounds(a.aggregationLengthV6(), false)) {
                    problems.add("aggregationLengthV6 " + a.aggregationLengthV6() + " is outside 0-128");
                }
                if (!a.serviceSelectors().isEmpty() && (aggregation(a, true) != 32 || aggregation(a, false) != 128)) {
                    problems.add("serviceSelectors cannot be combined with an aggregation length other than /32 and /128");
                }
                problems.addAll(duplicates("ipAddressPools", a.ipAddressPools()));
                problems.addAll(duplicates("communities", a.communities()));
                problems.addAll(duplicates("peers", a.peers()));
                problems.addAll(duplicates("ipAddressPoolSelectors", a.ipAddressPoolSelectors()));
                problems.addAll(duplicates("nodeSelectors", a.nodeSelectors()));
                problems.addAll(duplicates("serviceSelectors", a.serviceSelectors()));
            });
            out.addProblemsOf(m.l2Advertisements(), a -> "L2Advertisement " + a.name(), FIX, (a, problems) -> {
                problems.addAll(duplicates("ipAddressPools", a.ipAddressPools()));
                problems.addAll(duplicates("ipAddressPoolSelectors", a.ipAddressPoolSelectors()));
                problems.addAll(duplicates("nodeSelectors", a.nodeSelectors()));
                problems.addAll(duplicates("serviceSelectors", a.serviceSelectors()));
            });
        }

        private static final Fix FIX = Fix.say("List each entry once, keep aggregationLength within 1-32 (aggregationLengthV6"
                + " within 0-128), and use serviceSelectors only with the default /32 and /128.");
    }

    static final class LocalPrefConflict extends Rule {
        LocalPrefConflict() {
            super("MLB_ADV_LOCALPREF_CONFLICT", Severity.ERROR, "Advertisements of one pool to the same peers and nodes agree on localPref",
                    "Since v0.13.10 MetalLB rejects a BGPAdvertisement whose localPref differs from another one announcing the"
                            + " same pool with the same aggregation length to a common peer from a common node: one BGP update"
                            + " cannot carry two LOCAL_PREF values.", PoolRules.MLB_CONFIG, METALLB, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.parsedVersion().isBefore(SINCE_ADV_CHECKS)) {
                return;
            }
            Set<String> reported = new HashSet<>();
            for (PoolView p : d.pools()) {
                List<BgpAdvertisement> advs = m.bgpAdvertisements().stream()
                        .filter(a -> a.serviceSelectors().isEmpty() && DesignIndex.surelySelects(a, p.pool())).toList();
                for (int j = 1; j < advs.size(); j++) {
                    for (int i = 0; i < j; i++) {
                        BgpAdvertisement earlier = advs.get(i);
                        BgpAdvertisement later = advs.get(j);
                        if (collide(d, p, earlier, later) && reported.add(earlier.name() + " " + later.name())) {
                            out.add("BGPAdvertisement " + later.name() + " sets localPref " + localPref(later) + " but "
                                            + earlier.name() + " announces pool " + p.pool().name() + " with localPref "
                                            + localPref(earlier) + " at the same aggregation length to the same peers and nodes",
                                    Fix.say("Give both advertisements the same localPref, or split them by peers, nodeSelectors"
                                            + " or aggregation length."), later.id(), earlier.id(), p.pool().id());
                        }
                    }
                }
            }
        }

        private static long localPref(BgpAdvertisement a) {
            return a.localPref() == null ? 0 : a.localPref();
        }

        /** config.go BGPAdvertisementsHaveCompatibleLocalPref, negated. */
        private static boolean collide(DesignIndex d, PoolView p, BgpAdvertisement a, BgpAdvertisement b) {
            if (localPref(a) == localPref(b)) {
                return false;
            }
            boolean v4 = p.entries().stream().anyMatch(PoolEntry::isIpv4);
            boolean v6 = p.entries().stream().anyMatch(e -> !e.isIpv4());
            boolean sameV4 = aggregation(a, true) == aggregation(b, true);
            boolean sameV6 = aggregation(a, false) == aggregation(b, false);
            if (!v4 && !v6 || !sameV4 && !v6 || !sameV6 && !v4 || !sameV4 && !sameV6) {
                return false;
            }
            if (!a.peers().isEmpty() && !b.peers().isEmpty() && a.peers().stream().noneMatch(b.peers()::contains)) {
                return false;
            }
            Set<String> nodes = selectedNodes(d, a.nodeSelectors());
            nodes.retainAll(selectedNodes(d, b.nodeSelectors()));
            return !nodes.isEmpty();
        }
    }

    /** What MetalLB makes of one community string, given the aliases the Community resources define. */
    static Optional<String> communityProblem(String value, Set<String> aliases, Version metallb) {
        if (aliases.contains(value)) {
            return Optional.empty();
        }
        String[] parts = value.split(":", -1);
        boolean large = parts.length == 4 && !metallb.isBefore(SINCE_ADV_CHECKS);
        if (parts.length == 2) {
            return fits(parts, 0, UINT16) ? Optional.empty()
                    : Optional.of("'" + value + "' is not a standard community (two numbers 0-65535, e.g. 64512:100)");
        }
        if (large && !parts[0].equals("large")) {
            return Optional.of("'" + value + "' is not a large community (large:<uint32>:<uint32>:<uint32>)");
        }
        if (large) {
            return fits(parts, 1, UINT32) ? Optional.empty()
                    : Optional.of("'" + value + "' is not a large community (three numbers 0-4294967295 after large:)");
        }
        if (parts.length == 4) {
            return Optional.of("'" + value + "' is a large community, which MetalLB reads only since v" + SINCE_ADV_CHECKS);
        }
        return Optional.of("'" + value + "' is neither a community value nor an alias any Community resource defines");
    }

    /** Go's strconv.ParseUint(s, 10, bits): digits only, within max. */
    private static boolean fits(String[] parts, int from, BigInteger max) {
        for (int i = from; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]+") || new BigInteger(parts[i]).compareTo(max) > 0) {
                return false;
            }
        }
        return true;
    }

    static final class Communities extends Rule {
        Communities() {
            super("MLB_COMMUNITY", Severity.ERROR, "BGP communities parse and every alias is defined once",
                    "MetalLB reads a community as aa:nn (16-bit numbers), large:aa:nn:mm (32-bit numbers, since v0.13.10) or"
                            + " the name of an alias in a Community resource; anything else, an alias defined twice or with a"
                            + " bad value keeps the configuration from loading.", MLB_COMMUNITY_GO, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            Set<String> aliases = new HashSet<>();
            for (MetalLbCommunity c : m.communities()) {
                for (MetalLbCommunity.Alias alias : c.communities()) {
                    String value = alias.value() == null ? "" : alias.value();
                    communityProblem(value, Set.of(), m.parsedVersion()).ifPresent(problem -> out.add("Community " + c.name()
                                    + " defines " + alias.name() + " as " + problem,
                            Fix.say("Write the value as aa:nn or large:aa:nn:mm."), c.id()));
                    if (!aliases.add(alias.name())) {
                        out.add("Community " + c.name() + " defines the alias " + alias.name() + " again",
                                Fix.say("Define each alias once across all Community resources."), c.id());
                    }
                }
            }
            for (BgpAdvertisement a : m.bgpAdvertisements()) {
                for (String value : new LinkedHashSet<>(a.communities())) {
                    communityProblem(value, aliases, m.parsedVersion()).ifPresent(problem -> out.add("BGPAdvertisement "
                                    + a.name() + ": " + problem,
                            Fix.say("Write aa:nn (e.g. 64512:100), large:aa:nn:mm, or define the alias in a Community resource."),
                            a.id()));
                }
            }
        }
    }

    static final class BfdEchoIpv6 extends Rule {
        BfdEchoIpv6() {
            super("MLB_BFD_ECHO_IPV6", Severity.ERROR, "IPv6 pools are not announced to peers with BFD echo mode",
                    "Since v0.13.10 MetalLB rejects a BGPAdvertisement of a pool with IPv6 addresses towards a peer whose BFD"
                            + " profile enables echo mode (\"bfd echo enabled, which is not possible\"); BFD echo has no IPv6.",
                    MLB_VALIDATION, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || m.parsedVersion().isBefore(SINCE_ADV_CHECKS)) {
                return;
            }
            Map<String, MetalLbBfdProfile> profiles = new HashMap<>();
            m.bfdProfiles().forEach(b -> profiles.putIfAbsent(b.name(), b));
            for (PoolView p : d.pools()) {
                if (p.entries().stream().allMatch(PoolEntry::isIpv4)) {
                    continue;
                }
                for (BgpAdvertisement a : m.bgpAdvertisements()) {
                    if (!DesignIndex.surelySelects(a, p.pool())) {
                        continue;
                    }
                    for (MetalLbBgpPeer peer : m.bgpPeers()) {
                        MetalLbBfdProfile profile = peer.bfdProfile() == null ? null : profiles.get(peer.bfdProfile());
                        if ((a.peers().isEmpty() || a.peers().contains(peer.name())) && profile != null
                                && Boolean.TRUE.equals(profile.echoMode())) {
                            out.add("BGPAdvertisement " + a.name() + " announces IPv6 pool " + p.pool().name() + " to BGPPeer "
                                            + peer.name() + ", whose BFD profile " + profile.name() + " enables echo mode",
                                    Fix.say("Set echoMode: false in BFD profile " + profile.name() + ", or leave " + peer.name()
                                            + " out of the advertisement's peers."),
                                    profile.id(), peer.id(), a.id(), p.pool().id());
                        }
                    }
                }
            }
        }
    }

    static final class BfdProfileRanges extends Rule {
        BfdProfileRanges() {
            super("MLB_BFD_PROFILE_RANGES", Severity.ERROR, "BFD profile values are within MetalLB's ranges",
                    "MetalLB rejects receive, transmit and echo intervals outside 10-60000 ms, a detectMultiplier outside 2-255"
                            + " and a minimumTtl outside 1-254.", MLB_BFD_TYPES, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            out.addProblemsOf(m.bfdProfiles(), b -> "BFD profile " + b.name(),
                    Fix.say("Use intervals of 10-60000 ms, detectMultiplier 2-255 and minimumTtl 1-254."), (b, problems) -> {
                        range(problems, "receiveInterval", b.receiveInterval(), 10, 60_000);
                        range(problems, "transmitInterval", b.transmitInterval(), 10, 60_000);
                        range(problems, "echoInterval", b.echoInterval(), 10, 60_000);
                        range(problems, "detectMultiplier", b.detectMultiplier(), 2, 255);
                        range(problems, "minimumTtl", b.minimumTtl(), 1, 254);
                    });
        }

        private static void range(List<String> problems, String field, Integer value, int min, int max) {
            if (value != null && (value < min || value > max)) {
                problems.add(field + " " + value + " is outside " + min + "-" + max);
            }
        }
    }

    static final class PeerFields extends Rule {
        PeerFields() {
            super("MLB_PEER_FIELDS", Severity.ERROR, "MetalLB BGPPeers name both AS numbers and a valid port",
                    "MetalLB rejects a BGPPeer without myASN, with neither or both of peerASN and dynamicASN, a dynamicASN"
                            + " other than internal or external, AS numbers above 4294967295 or a peerPort above 16384.",
                    PoolRules.MLB_CONFIG, METALLB);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null) {
                return;
            }
            out.addProblemsOf(m.bgpPeers(), p -> "MetalLB BGPPeer " + p.name(), Fix.say("Set myASN, exactly one of peerASN or"
                    + " dynamicASN (internal/external), and a peerPort of at most 16384."), PeerFields::problems);
        }

        private static void problems(MetalLbBgpPeer p, List<String> problems) {
            boolean peerAsn = p.peerASN() != null && p.peerASN() != 0;
            if (p.myASN() == 0) {
                problems.add("myASN is missing");
            }
            if (!peerAsn && p.dynamicASN() == null) {
                problems.add("neither peerASN nor dynamicASN is set");
            }
            if (peerAsn && p.dynamicASN() != null) {
                problems.add("both peerASN and dynamicASN are set");
            }
            if (p.dynamicASN() != null && !List.of("internal", "external").contains(p.dynamicASN())) {
                problems.add("dynamicASN is '" + p.dynamicASN() + "', not internal or external");
            }
            if (p.myASN() < 0 || p.myASN() > UINT32.longValue() || p.peerASN() != null && (p.peerASN() < 0
                    || p.peerASN() > UINT32.longValue())) {
                problems.add("an AS number is outside 0-4294967295");
            }
            if (p.peerPort() != null && (p.peerPort() < 0 || p.peerPort() > 16_384)) {
                problems.add("peerPort " + p.peerPort() + " is outside 1-16384");
            }
        }
    }

    /**
     * True when MetalLB is known to run in FRR or FRR-K8s mode, where its webhooks check peers per node; an
     * install the design does not describe is not assumed to be either (ADR 0501).
     */
    static boolean frrMode(MetalLb m) {
        return m.speakerBgpBackend().orElse(false);
    }

    static final class FrrPeerConflict extends Rule {
        FrrPeerConflict() {
            super("MLB_FRR_PEER_CONFLICT", Severity.ERROR, "In FRR mode, BGPPeers that select the same node do not clash",
                    "FRR runs one BGP instance per node: MetalLB's webhook rejects two BGPPeers selecting a common node with"
                            + " the same address (\"FRR mode doesn't support duplicate BGPPeers\"), different routerIDs or"
                            + " different myASNs.", MLB_VALIDATION, METALLB, CLUSTER);
        }

        @Override
        protected void check(DesignIndex d, Report out) {
            MetalLb m = d.topology().metallb();
            if (m == null || !frrMode(m)) {
                return;
            }
            boolean anyNodes = !d.topology().cluster().nodes().isEmpty();
            List<MetalLbBgpPeer> peers = m.bgpPeers();
            for (int i = 1; i < peers.size(); i++) {
                for (int j = 0; j < i; j++) {
                    MetalLbBgpPeer p = peers.get(i);
                    MetalLbBgpPeer q = peers.get(j);
                    Set<String> shared = selectedNodes(d, p.nodeSelectors());
                    shared.retainAll(selectedNodes(d, q.nodeSelectors()));
                    // validation.go peersShareNode: with no nodes known, every pair shares one
                    if (anyNodes && shared.isEmpty()) {
                        continue;
                    }
                    String clash = !Objects.equals(p.routerID(), q.routerID()) ? "a different routerID than"
                            : p.peerAddress() != null && p.peerAddress().equals(q.peerAddress()) ? "the same peerAddress "
                            + p.peerAddress() + " as"
                            : p.myASN() != q.myASN() ? "a different myASN (" + p.myASN() + " vs " + q.myASN() + ") than" : null;
                    if (clash != null) {
                        out.add("MetalLB BGPPeer " + p.name() + " has " + clash + " " + q.name() + ", and both select "
                                        + (shared.isEmpty() ? "every node" : Text.list(shared, 3)),
                                Fix.say("Merge the two peers, give them disjoint nodeSelectors, or align routerID and myASN."),
                                p.id(), q.id());
                    }
                }
            }
        }
    }
}
