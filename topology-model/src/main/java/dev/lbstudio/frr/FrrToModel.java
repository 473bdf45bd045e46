package dev.lbstudio.frr;

import dev.lbstudio.frr.FrrConfig.AddressFamily;
import dev.lbstudio.frr.FrrConfig.BgpInstance;
import dev.lbstudio.frr.FrrConfig.Iface;
import dev.lbstudio.frr.FrrConfig.ListenRange;
import dev.lbstudio.frr.FrrConfig.Peer;
import dev.lbstudio.frr.FrrConfig.PeerKind;
import dev.lbstudio.frr.FrrConfig.PeerSettings;
import dev.lbstudio.frr.FrrConfig.Setting;
import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.BgpNeighbor.RemoteAsType;
import dev.lbstudio.model.FrrProfile;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterFrr;
import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.Software;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place the FRR vendor model becomes the topology model: the default BGP instance becomes
 * the router's {@link RouterBgp}, with peer-group settings folded into each member and each
 * {@code bgp listen range} becoming a neighbour with its group's settings; other VRFs and views are
 * kept as they are; policy, static routes and originations go to {@link RouterFrr}.
 */
public final class FrrToModel {

    /** What one router's configuration gives the model; {@code bgp} is null when it has no default instance. */
    public record Converted(Software software, List<Iface> interfaces, RouterBgp bgp, RouterFrr frr) {
    }

    private final LineWarnings warn;
    private final FrrConfig config;

    private FrrToModel(FrrConfig config, LineWarnings warn) {
        this.config = config;
        this.warn = warn;
    }

    /** {@code source} is the text the config was read from; render writes the router from it again. */
    public static Converted convert(FrrConfig config, String source, LineWarnings warn) {
        return new FrrToModel(config, warn).convert(source);
    }

    private Converted convert(String source) {
        FrrProfile profile = null;
        if (config.defaults() != null) {
            profile = FrrProfile.fromWord(config.defaults());
        }
        Software software = new Software("frr", config.version(), profile);
        RouterBgp bgp = config.defaultInstance().map(this::instance).orElse(null);
        List<RouterFrr.Instance> others = new ArrayList<>();
        for (BgpInstance i : config.instances()) {
            if (!i.isDefault()) {
                others.add(new RouterFrr.Instance(i.vrf(), i.view(), instance(i)));
            }
        }
        List<IpPrefix> networks = new ArrayList<>();
        List<IpPrefix> aggregates = new ArrayList<>();
        List<String> redistribute = new ArrayList<>();
        config.defaultInstance().stream().flatMap(i -> i.families().stream())
                .filter(af -> af.isIpv4Unicast() || af.isIpv6Unicast()).forEach(af -> {
            for (Setting s : af.settings()) {
                switch (s.key()) {
                    case "network" -> networks.add(IpPrefix.parse(s.args().split(" ")[0]));
                    case "aggregate-address" -> aggregates.add(IpPrefix.parse(s.args().split(" ")[0]));
                    case "redistribute" -> redistribute.add(s.args());
                    default -> {
                    }
                }
            }
        });
        checkPolicyReferences();
        RouterFrr frr = new RouterFrr(config.policy(), others, config.staticRoutes(), networks, aggregates, redistribute, source);
        return new Converted(software, config.interfaces(), bgp, frr);
    }

    private static Optional<AddressFamily> family(BgpInstance i, java.util.function.Predicate<AddressFamily> which) {
        return i.families().stream().filter(which).findFirst();
    }

    private static RouterBgp.Multipath multipath(Optional<AddressFamily> af) {
        return new RouterBgp.Multipath(
                af.flatMap(a -> FrrConfig.last(a.settings(), "maximum-paths")).map(s -> Integer.valueOf(s.args())).orElse(null),
                af.flatMap(a -> FrrConfig.last(a.settings(), "maximum-paths ibgp"))
                        .map(s -> Integer.valueOf(s.args().split(" ")[0])).orElse(null));
    }

    private RouterBgp instance(BgpInstance i) {
        Optional<AddressFamily> af = family(i, AddressFamily::isIpv4Unicast);
        Optional<AddressFamily> af6 = family(i, AddressFamily::isIpv6Unicast);
        RouterBgp.Multipath paths = multipath(af);
        RouterBgp.Multipath paths6 = af6.isPresent() ? multipath(af6) : null;
        Integer keepalive = timer(i.last("timers bgp"), 0);
        Integer hold = timer(i.last("timers bgp"), 1);
        Boolean requiresPolicy = flag(i.settings(), "bgp ebgp-requires-policy");
        Boolean multipathRelax = i.last("bgp bestpath as-path multipath-relax").isPresent() ? Boolean.TRUE : null;
        Boolean gracefulRestart = i.last("bgp graceful-restart-disable").isPresent() ? Boolean.FALSE : null;
        IpAddr routerId = i.last("bgp router-id").map(s -> IpAddr.parse(s.args())).orElse(null);
        // bgpd: "no bgp default ipv4-unicast" leaves neighbours not activated unless told (bgpd/bgp_vty.c, BGP_FLAG_NO_DEFAULT_IPV4)
        boolean activatedByDefault = !Boolean.FALSE.equals(flag(i.settings(), "bgp default ipv4-unicast"));
        // and IPv6 unicast only with "bgp default ipv6-unicast" (bgpd/bgpd.c default_af, frr-10.2.6)
        boolean activated6ByDefault = Boolean.TRUE.equals(flag(i.settings(), "bgp default ipv6-unicast"));
        Defaults defaults = new Defaults(activatedByDefault, activated6ByDefault, af, af6);
        List<BgpNeighbor> neighbors = new ArrayList<>();
        for (Peer p : i.peers()) {
            if (p.kind() != PeerKind.GROUP) {
                Peer group = p.last("peer-group").flatMap(s -> i.peer(s.args())).orElse(null);
                neighbor(p, group, null, defaults).ifPresent(neighbors::add);
            }
        }
        for (ListenRange r : i.listenRanges()) {
            Peer group = i.peer(r.group()).orElseThrow();
            neighbor(group, null, r, defaults).ifPresent(neighbors::add);
        }
        BfdProfile bfd = neighbors.stream().map(BgpNeighbor::bfdProfile).filter(b -> b != null).findFirst().orElse(null);
        return new RouterBgp(i.asn(), routerId, keepalive, hold, null, paths.maximumPaths(), paths.maximumPathsIbgp(), multipathRelax,
                requiresPolicy, null, null, bfd, gracefulRestart, null, neighbors, bestpath(i), paths6);
    }

    /** The MED options of bgp_path_info_cmp; {@code bgp bestpath med confed|missing-as-worst} takes the words in either order. */
    private static RouterBgp.Bestpath bestpath(BgpInstance i) {
        Boolean always = i.last("bgp always-compare-med").isPresent() ? Boolean.TRUE : null;
        Boolean missingAsWorst = i.settings().stream().anyMatch(x -> x.key().startsWith("bgp bestpath med")
                && (x.key() + " " + x.args()).contains("missing-as-worst")) ? Boolean.TRUE : null;
        return new RouterBgp.Bestpath(always, flag(i.settings(), "bgp deterministic-med"), missingAsWorst);
    }

    /** What a neighbour gets when it says nothing: the instance's default activation per family, and the two unicast blocks. */
    private record Defaults(boolean activated4, boolean activated6, Optional<AddressFamily> ipv4, Optional<AddressFamily> ipv6) {
    }

    /**
     * One neighbour: {@code p}'s own settings over its {@code group}'s (bgpd copies a group's
     * configuration into each member unless the member sets its own, bgpd/bgpd.c peer_group2peer_config_copy).
     * For a listen range {@code p} is the group itself.
     */
    private Optional<BgpNeighbor> neighbor(Peer p, Peer group, ListenRange range, Defaults defaults) {
        Layers s = new Layers(p.settings(), group == null ? List.of() : group.settings());
        String label = range != null ? "listen range " + range.range() + " (peer-group " + p.name() + ")" : "neighbor " + p.name();
        int line = range != null ? range.line() : p.line();
        Optional<Setting> remote = s.get("remote-as");
        if (remote.isEmpty()) {
            warn.warn(line, label + " has no remote-as" + (group != null ? ", nor has peer-group " + group.name() : "")
                    + "; FRR never brings it up, so it is dropped");
            return Optional.empty();
        }
        Long remoteAs = null;
        RemoteAsType type = null;
        String as = remote.get().args();
        if (FrrReader.remoteAsWord(as)) {
            type = RemoteAsType.fromWord(as);
        } else {
            remoteAs = asNumber(as);
        }
        Layers a = familyLayers(defaults.ipv4(), p, group);
        Boolean activate = a.flag("activate");
        if (activate == null) {
            activate = defaults.activated4();
        }
        Integer multihop = s.get("ebgp-multihop").map(x -> x.args().isEmpty() ? 255 : Integer.parseInt(x.args())).orElse(null);
        Integer connect = s.get("timers connect").map(x -> Integer.valueOf(x.args())).orElse(null);
        Integer keepalive = timer(s.get("timers"), 0);
        Integer hold = timer(s.get("timers"), 1);
        Boolean bfd = null;
        BfdProfile bfdProfile = null;
        Optional<Setting> named = s.get("bfd profile");
        Optional<Setting> legacy = s.get("bfd");
        if (named.isPresent()) {
            bfd = true;
            String name = named.get().args();
            bfdProfile = config.bfdProfiles().stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElse(new BfdProfile(name, null, null, null, null, null, null, null));
        } else if (legacy.isPresent()) {
            bfd = true;
            String[] t = legacy.get().args().isEmpty() ? new String[0] : legacy.get().args().split(" ");
            // legacy "neighbor X bfd MULT RX TX" (bgpd/bgp_bfd.c): the same three numbers a profile holds
            bfdProfile = t.length == 3 ? new BfdProfile("neighbor-" + p.name(), Integer.valueOf(t[1]), Integer.valueOf(t[2]),
                    Integer.valueOf(t[0]), null, null, null, null) : null;
        }
        Long localAs = s.get("local-as").map(x -> asNumber(x.args().split(" ")[0])).orElse(null);
        Integer allowasIn = allowasIn(a);
        return Optional.of(new BgpNeighbor(
                range == null && p.kind() == PeerKind.ADDRESS ? IpAddr.parse(p.name()) : null,
                range != null ? range.range() : null,
                remoteAs, s.get("description").map(Setting::args).orElse(null), bfd,
                s.get("passive").isPresent() ? Boolean.TRUE : null, multihop,
                s.get("port").map(x -> Integer.valueOf(x.args())).orElse(null),
                range == null && p.kind() == PeerKind.INTERFACE ? p.name() : null, type,
                group != null ? group.name() : range != null ? p.name() : null,
                s.get("shutdown").isPresent() ? Boolean.TRUE : null, activate, connect, keepalive, hold,
                s.get("update-source").map(Setting::args).orElse(null),
                a.get("next-hop-self").isPresent() ? Boolean.TRUE : null,
                a.get("route-reflector-client").isPresent() ? Boolean.TRUE : null, localAs, allowasIn,
                a.get("weight").map(x -> Integer.valueOf(x.args())).orElse(null),
                direction(a, "route-map", "in"), direction(a, "route-map", "out"),
                direction(a, "prefix-list", "in"), direction(a, "prefix-list", "out"), bfdProfile,
                ipv6Unicast(familyLayers(defaults.ipv6(), p, group), defaults.activated6())));
    }

    /** A neighbour's own settings inside an address-family block over its peer-group's. */
    private static Layers familyLayers(Optional<AddressFamily> af, Peer p, Peer group) {
        List<Setting> own = new ArrayList<>();
        List<Setting> fromGroup = new ArrayList<>();
        af.ifPresent(a -> {
            for (PeerSettings ps : a.peers()) {
                if (ps.peer().equals(p.name())) {
                    own.addAll(ps.settings());
                } else if (group != null && ps.peer().equals(group.name())) {
                    fromGroup.addAll(ps.settings());
                }
            }
        });
        return new Layers(own, fromGroup);
    }

    /** {@code address-family ipv6 unicast} as the neighbour has it; null when neither it nor the instance default activates or sets anything. */
    private static BgpNeighbor.AddressFamilySettings ipv6Unicast(Layers a, boolean activatedByDefault) {
        Boolean activate = a.flag("activate");
        if (activate == null) {
            activate = activatedByDefault;
        }
        if (!activate && a.own().isEmpty() && a.group().isEmpty()) {
            return null;
        }
        return new BgpNeighbor.AddressFamilySettings(activate, direction(a, "route-map", "in"), direction(a, "route-map", "out"),
                direction(a, "prefix-list", "in"), direction(a, "prefix-list", "out"),
                a.get("next-hop-self").isPresent() ? Boolean.TRUE : null,
                a.get("route-reflector-client").isPresent() ? Boolean.TRUE : null, allowasIn(a),
                a.get("weight").map(x -> Integer.valueOf(x.args())).orElse(null));
    }

    private static Integer allowasIn(Layers a) {
        return a.get("allowas-in").map(x -> x.args().isEmpty() ? 3 : x.args().equals("origin") ? 1 : Integer.parseInt(x.args()))
                .orElse(null);
    }

    /** Keepalive (0) or hold (1) of a {@code timers [bgp] KEEPALIVE HOLD} setting, or null when there is none. */
    private static Integer timer(Optional<Setting> timers, int which) {
        return timers.map(t -> Integer.valueOf(t.args().split(" ")[which])).orElse(null);
    }

    private static String direction(Layers a, String key, String dir) {
        return a.all(key).stream().filter(x -> x.args().endsWith(" " + dir)).reduce((x, y) -> y)
                .map(x -> x.args().substring(0, x.args().length() - dir.length() - 1)).orElse(null);
    }

    private static long asNumber(String text) {
        int dot = text.indexOf('.');
        return dot > 0 ? Long.parseLong(text.substring(0, dot)) * 65_536 + Long.parseLong(text.substring(dot + 1)) : Long.parseLong(text);
    }

    /** The last of {@code key} and {@code no key}: true, false, or null when neither is said. */
    static Boolean flag(List<Setting> settings, String key) {
        Boolean value = null;
        for (Setting s : settings) {
            if (s.key().equals(key)) {
                value = true;
            } else if (s.key().equals("no " + key)) {
                value = false;
            }
        }
        return value;
    }

    /** A member's own settings over its peer-group's. */
    private record Layers(List<Setting> own, List<Setting> group) {
        Optional<Setting> get(String key) {
            Optional<Setting> mine = FrrConfig.last(own, key);
            return mine.isPresent() ? mine : FrrConfig.last(group, key);
        }

        List<Setting> all(String key) {
            List<Setting> out = new ArrayList<>();
            group.stream().filter(s -> s.key().equals(key)).forEach(out::add);
            own.stream().filter(s -> s.key().equals(key)).forEach(out::add);
            return out;
        }

        Boolean flag(String key) {
            Boolean mine = FrrToModel.flag(own, key);
            return mine != null ? mine : FrrToModel.flag(group, key);
        }
    }

    /** Names a neighbour or route-map uses that nothing defines: FRR then denies (bgpd/bgp_route.c, lib/plist.c). */
    private void checkPolicyReferences() {
        RoutingPolicy policy = config.policy();
        for (BgpInstance i : config.instances()) {
            for (AddressFamily af : i.families()) {
                for (PeerSettings ps : af.peers()) {
                    for (Setting s : ps.settings()) {
                        String name = s.args().split(" ")[0];
                        if (s.key().equals("route-map") && policy.routeMap(name).isEmpty()
                                || s.key().equals("prefix-list") && policy.prefixList(name).isEmpty()) {
                            warn.warn(s.line(), "neighbor " + ps.peer() + " " + s.key() + " " + s.args() + ": no " + s.key() + " " + name
                                    + " is defined; FRR denies every route through it");
                        }
                    }
                }
            }
        }
    }
}
