package dev.lbstudio.frr;

import dev.lbstudio.frr.FrrConfig.AddressFamily;
import dev.lbstudio.frr.FrrConfig.BgpInstance;
import dev.lbstudio.frr.FrrConfig.Block;
import dev.lbstudio.frr.FrrConfig.Command;
import dev.lbstudio.frr.FrrConfig.Iface;
import dev.lbstudio.frr.FrrConfig.ListenRange;
import dev.lbstudio.frr.FrrConfig.Opaque;
import dev.lbstudio.frr.FrrConfig.Peer;
import dev.lbstudio.frr.FrrConfig.PeerKind;
import dev.lbstudio.frr.FrrConfig.PeerSettings;
import dev.lbstudio.frr.FrrConfig.Setting;
import dev.lbstudio.frr.FrrConfig.Statement;
import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RouterFrr.StaticRoute;
import dev.lbstudio.model.RoutingPolicy;
import dev.lbstudio.model.RoutingPolicy.AsPathEntry;
import dev.lbstudio.model.RoutingPolicy.CommunityEntry;
import dev.lbstudio.model.RoutingPolicy.PrefixEntry;
import dev.lbstudio.model.RoutingPolicy.RouteMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads FRR's integrated configuration ({@code frr.conf}, {@code show running-config}) the way
 * {@code vtysh -f} does: commands are matched against the node they are in, with vtysh's
 * abbreviations; a command the node does not know is tried in the enclosing nodes, which it then
 * leaves (lib/command.c command_config_read_one_line); {@code exit}, {@code exit-address-family},
 * {@code end} and {@code !}/{@code #} comments change nodes or nothing. Lines it does not model are
 * kept verbatim; lines FRR itself refuses are dropped with a warning saying so.
 */
public final class FrrReader {

    private enum Kind { CONFIG, INTERFACE, VRF, BGP, BGP_AF, ROUTE_MAP, BFD, BFD_PROFILE, OPAQUE, REFUSED }

    private static final Map<Kind, Grammar> GRAMMARS = Map.of(Kind.CONFIG, FrrCommands.CONFIG, Kind.INTERFACE, FrrCommands.INTERFACE,
            Kind.VRF, FrrCommands.VRF, Kind.BGP, FrrCommands.BGP, Kind.BGP_AF, FrrCommands.BGP_AF, Kind.ROUTE_MAP,
            FrrCommands.ROUTE_MAP, Kind.BFD, FrrCommands.BFD, Kind.BFD_PROFILE, FrrCommands.BFD_PROFILE);

    /** An open node: its statements so far and what it is building. */
    private static final class Node {
        final Kind kind;
        final int line;
        final String header;
        final List<Statement> body = new ArrayList<>();
        final List<String> verbatim = new ArrayList<>();
        IfaceBuilder iface;
        BgpBuilder bgp;
        AfBuilder af;
        RouteMapBuilder routeMap;
        BfdBuilder profile;

        Node(Kind kind, int line, String header) {
            this.kind = kind;
            this.line = line;
            this.header = header;
        }
    }

    private static final class IfaceBuilder {
        String name;
        String vrf;
        String description;
        final List<IpPrefix> addresses = new ArrayList<>();
        int line;
    }

    private static final class PeerBuilder {
        final String name;
        final PeerKind kind;
        final int line;
        final List<Setting> settings = new ArrayList<>();

        PeerBuilder(String name, PeerKind kind, int line) {
            this.name = name;
            this.kind = kind;
            this.line = line;
        }

        String group() {
            return FrrConfig.last(settings, "peer-group").map(Setting::args).orElse(null);
        }

        boolean hasRemoteAs() {
            return FrrConfig.last(settings, "remote-as").isPresent();
        }
    }

    private static final class AfBuilder {
        final String afi;
        final String safi;
        final int line;
        final List<Setting> settings = new ArrayList<>();
        final Map<String, List<Setting>> peers = new LinkedHashMap<>();

        AfBuilder(String afi, String safi, int line) {
            this.afi = afi;
            this.safi = safi;
            this.line = line;
        }
    }

    private static final class BgpBuilder {
        long asn;
        String vrf;
        boolean view;
        int line;
        final List<Setting> settings = new ArrayList<>();
        final Map<String, PeerBuilder> peers = new LinkedHashMap<>();
        final List<ListenRange> ranges = new ArrayList<>();
        final Map<String, AfBuilder> families = new LinkedHashMap<>();

        AfBuilder family(String afi, String safi, int line) {
            return families.computeIfAbsent(afi + " " + safi, k -> new AfBuilder(afi, safi, line));
        }
    }

    private static final class RouteMapBuilder {
        String name;
        int sequence;
        boolean permit;
        String prefixList;
        String community;
        String largeCommunity;
        String asPath;
        Long localPreference;
        Long metric;
        Integer weight;
        List<String> setCommunity;
        Boolean additive;
        List<Long> prepend;
        Integer continueAt;
        final List<String> unmodelled = new ArrayList<>();
    }

    private static final class BfdBuilder {
        String name;
        Integer rx;
        Integer tx;
        Integer multiplier;
        Integer minimumTtl;
        Integer echo;
        Boolean echoMode;
        Boolean passiveMode;
    }

    private final LineWarnings warn;
    private final Deque<Node> stack = new ArrayDeque<>();
    private String version;
    private String defaults;
    private String hostname;
    private final List<Iface> interfaces = new ArrayList<>();
    private final List<BgpBuilder> instances = new ArrayList<>();
    private final Map<String, java.util.TreeMap<Integer, RoutingPolicy.Entry>> routeMaps = new LinkedHashMap<>();
    private final Map<String, java.util.TreeMap<Integer, PrefixEntry>> prefixLists = new LinkedHashMap<>();
    private final Map<String, List<CommunityEntry>> communityLists = new LinkedHashMap<>();
    private final Map<String, Boolean> largeCommunityLists = new LinkedHashMap<>();
    private final Map<String, List<AsPathEntry>> asPathLists = new LinkedHashMap<>();
    private final List<StaticRoute> statics = new ArrayList<>();
    private final List<BfdProfile> bfdProfiles = new ArrayList<>();

    private FrrReader(LineWarnings warn) {
        this.warn = warn;
        stack.push(new Node(Kind.CONFIG, 0, null));
    }

    /** The configuration in {@code text}; never throws on content, every refusal is a warning. */
    public static FrrConfig read(String text, LineWarnings warn) {
        FrrReader r = new FrrReader(warn);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            r.line(lines[i], i + 1);
        }
        return r.result();
    }

    private void line(String raw, int n) {
        String line = raw.strip();
        Node top = stack.peek();
        if (top.kind == Kind.OPAQUE) {
            if (!raw.isEmpty() && Character.isWhitespace(raw.charAt(0)) && !(stack.size() > 2 && line.equals("exit"))) {
                top.verbatim.add(raw);
                return;
            }
            if (line.equals("exit") || line.equals("end")) {
                top.verbatim.add(raw);
                close();
                return;
            }
            if (stack.size() > 2 && !line.isEmpty()) {
                top.verbatim.add(raw);
                return;
            }
            close();
            top = stack.peek();
        }
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("!") || line.startsWith("#")) {
            // comments are nothing to vtysh, but kept so that what is written back reads as what was read
            if (top.kind != Kind.REFUSED) {
                top.body.add(new Opaque(n, List.of(line)));
            }
            return;
        }
        if (top.kind == Kind.REFUSED) {
            if (Character.isWhitespace(raw.charAt(0))) {
                return;
            } else if (line.equals("exit")) {
                close();
            } else {
                close();
                line(raw, n);
            }
            return;
        }
        String[] words = words(line);
        if (words[0].equals("exit") || words[0].equals("quit") || words[0].equals("exit-vrf") && top.kind == Kind.VRF) {
            if (top.kind != Kind.CONFIG) {
                close();
            }
            return;
        }
        for (Node node : stack) {
            Grammar.Result result = GRAMMARS.get(node.kind).match(words);
            if (result.match() != null) {
                while (stack.peek() != node) {
                    close();
                }
                command(node, result.match(), n, line);
                return;
            }
            if (result.failure() != Grammar.Failure.UNKNOWN && node == top) {
                warn.warn(n, switch (result.failure()) {
                    case AMBIGUOUS -> "ambiguous command (vtysh: \"% Ambiguous command\"); dropped: ";
                    case INCOMPLETE -> "incomplete command (vtysh: \"% Command incomplete\"); dropped: ";
                    default -> "a value vtysh refuses (not an address, prefix or number in range); dropped: ";
                } + line);
                if (top.kind == Kind.CONFIG) {
                    // what a refused top-level command opened is refused with it
                    open(Kind.REFUSED, n, null);
                }
                return;
            }
        }
        boolean indented = Character.isWhitespace(raw.charAt(0));
        if (top.kind != Kind.CONFIG && indented) {
            top.body.add(new Opaque(n, List.of(line)));
            if (top.routeMap != null) {
                top.routeMap.unmodelled.add(line);
            }
            warn.warn(n, "not modelled, kept verbatim: " + line);
            return;
        }
        while (stack.peek().kind != Kind.CONFIG) {
            close();
        }
        warn.warn(n, "not modelled, kept verbatim: " + line);
        Node opaque = new Node(Kind.OPAQUE, n, null);
        opaque.verbatim.add(raw);
        stack.push(opaque);
    }

    /** The line's words (split at whitespace) without a regex per line: reading 80,000 lines, that showed. */
    private static String[] words(String line) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (space && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out.toArray(new String[0]);
    }

    static boolean remoteAsWord(String w) {
        return w.equals("external") || w.equals("internal") || w.equals("auto");
    }

    private void command(Node node, Grammar.Match m, int n, String line) {
        List<String> a = m.args();
        switch (m.id()) {
            case "frr-version" -> {
                String v = String.join(" ", a);
                if (v.matches("[0-9]+(\\.[0-9]+){0,2}([-~+][0-9A-Za-z.~+-]*)?")) {
                    version = v;
                } else {
                    warn.warn(n, "frr version '" + v + "' is not a version such as 8.4 or 9.1.2; ignored");
                }
            }
            case "frr-defaults" -> {
                // lib/defaults.c frr_defaults_profile_valid: only these two profiles exist
                if (a.get(0).equals("traditional") || a.get(0).equals("datacenter")) {
                    defaults = a.get(0);
                } else {
                    warn.warn(n, "frr defaults " + a.get(0) + ": FRR knows only traditional and datacenter; vtysh refuses it, dropped");
                }
            }
            case "hostname" -> hostname = a.get(0);
            case "end", "ignored" -> {
                if (!m.id().equals("end")) {
                    record(node, n, m);
                }
            }
            case "interface" -> {
                Node child = open(Kind.INTERFACE, n, m.text());
                child.iface = new IfaceBuilder();
                child.iface.name = a.get(0);
                child.iface.vrf = a.size() > 1 ? a.get(1) : null;
                child.iface.line = n;
            }
            case "description" -> {
                node.iface.description = a.isEmpty() ? null : String.join(" ", a);
                record(node, n, m);
            }
            case "address" -> {
                IpPrefix p = prefix(a.get(0), n, line);
                if (p != null) {
                    node.iface.addresses.add(p);
                    record(node, n, m);
                }
            }
            case "vrf" -> open(Kind.VRF, n, m.text());
            case "router-bgp" -> routerBgp(m, n);
            case "setting" -> {
                settings(node).add(new Setting(m.keywords(0), m.argsAfter(0), n));
                record(node, n, m);
            }
            case "maximum-paths" -> maximumPaths(node, m, n);
            case "listen-range" -> listenRange(node, m, n, line);
            case "peer-group", "interface-peer", "peer" -> peer(node, m, n, line);
            case "peer-af" -> peerAf(node, m, n, line);
            case "address-family" -> {
                String afi = m.words().get(1);
                String safi = m.words().size() > 2 ? m.words().get(2) : "unicast";
                Node child = open(Kind.BGP_AF, n, "address-family " + afi + " " + safi);
                child.bgp = node.bgp;
                child.af = node.bgp.family(afi, safi, n);
            }
            case "exit-address-family" -> close();
            case "network", "aggregate", "redistribute" -> {
                node.af.settings.add(new Setting(m.words().get(0), String.join(" ", m.words().subList(1, m.words().size())), n));
                record(node, n, m);
            }
            case "route-map" -> routeMap(m, n);
            case "prefix-list" -> prefixList(m, n, line);
            case "prefix-list-description" -> record(node, n, m);
            case "community-list", "community-list-expanded" -> communityList(m, n);
            case "as-path" -> {
                asPathLists.computeIfAbsent(a.get(0), k -> new ArrayList<>())
                        .add(new AsPathEntry(m.words().contains("permit"), a.get(a.size() - 1)));
                record(node, n, m);
            }
            case "static" -> staticRoute(node, m, n, line);
            case "bfd" -> open(Kind.BFD, n, "bfd");
            case "profile" -> {
                Node child = open(Kind.BFD_PROFILE, n, m.text());
                child.profile = new BfdBuilder();
                child.profile.name = a.get(0);
            }
            case "bfd-peer" -> open(Kind.OPAQUE, n, null).verbatim.add(" " + line);
            case "bfd-setting", "bfd-flag" -> bfdSetting(node, m, n, line);
            default -> routeMapClause(node, m, n, line);
        }
    }

    private void record(Node node, int n, Grammar.Match m) {
        node.body.add(new Command(n, m.text()));
    }

    private Node open(Kind kind, int n, String header) {
        Node child = new Node(kind, n, header);
        stack.push(child);
        return child;
    }

    /** Leaves the innermost node: its statements become a block of the node around it, and what it built is kept. */
    private void close() {
        Node node = stack.pop();
        Node parent = stack.peek();
        switch (node.kind) {
            case OPAQUE -> parent.body.add(new Opaque(node.line, node.verbatim));
            case REFUSED -> {
            }
            default -> parent.body.add(new Block(node.line, node.header, node.body));
        }
        if (node.kind == Kind.INTERFACE) {
            IfaceBuilder b = node.iface;
            interfaces.add(new Iface(b.name, b.vrf, b.description, b.addresses, b.line));
        } else if (node.kind == Kind.ROUTE_MAP) {
            RouteMapBuilder b = node.routeMap;
            // re-entering an entry replaces it, as bgpd edits the existing one
            routeMaps.computeIfAbsent(b.name, k -> new java.util.TreeMap<>()).put(b.sequence, new RoutingPolicy.Entry(b.sequence, b.permit, b.prefixList,
                    b.community, b.largeCommunity, b.asPath, b.localPreference, b.metric, b.weight, b.setCommunity, b.additive,
                    b.prepend, b.continueAt, b.unmodelled));
        } else if (node.kind == Kind.BFD_PROFILE) {
            BfdBuilder b = node.profile;
            bfdProfiles.removeIf(p -> p.name().equals(b.name));
            bfdProfiles.add(new BfdProfile(b.name, b.rx, b.tx, b.multiplier, b.minimumTtl, b.echo, b.echoMode, b.passiveMode));
        }
    }

    private List<Setting> settings(Node node) {
        return node.kind == Kind.BGP_AF ? node.af.settings : node.bgp.settings;
    }

    /**
     * FRR keeps one instance per VRF: {@code router bgp} with another AS for a VRF that has one is
     * refused ("BGP instance name and AS number mismatch", bgpd/bgpd.c bgp_lookup_by_name checks in
     * bgp_get), and so is everything inside it; {@code router bgp} without an AS enters the existing one.
     */
    private void routerBgp(Grammar.Match m, int n) {
        List<String> w = m.words();
        int at = w.indexOf("vrf") > 0 ? w.indexOf("vrf") : w.indexOf("view");
        String vrf = at > 0 ? w.get(at + 1) : null;
        String asText = w.size() > 2 && !w.get(2).equals("vrf") && !w.get(2).equals("view") ? w.get(2) : null;
        BgpBuilder existing = instances.stream().filter(b -> java.util.Objects.equals(b.vrf, vrf)).findFirst().orElse(null);
        Long asn = asText == null ? null : asn(asText);
        if (asText != null && asn == null) {
            warn.warn(n, "router bgp: '" + asText + "' is not an AS number (1-4294967295); vtysh refuses the block, its lines are ignored");
            open(Kind.REFUSED, n, null);
            return;
        }
        if (existing != null && asn != null && asn != existing.asn) {
            warn.warn(n, "router bgp " + asn + (vrf != null ? " vrf " + vrf : "") + ": FRR refuses a second AS for the "
                    + (vrf != null ? "VRF" : "default instance") + " (BGP is already running; AS is " + existing.asn
                    + "); the first, from line " + existing.line + ", is kept and this block is ignored");
            open(Kind.REFUSED, n, null);
            return;
        }
        if (existing == null && asn == null) {
            warn.warn(n, "router bgp without an AS number and no instance to enter; vtysh refuses the block, its lines are ignored");
            open(Kind.REFUSED, n, null);
            return;
        }
        BgpBuilder b = existing;
        if (b == null) {
            b = new BgpBuilder();
            b.asn = asn;
            b.vrf = vrf;
            b.view = at > 0 && w.get(at).equals("view");
            b.line = n;
            instances.add(b);
        }
        Node child = open(Kind.BGP, n, "router bgp " + b.asn + (vrf != null ? (b.view ? " view " : " vrf ") + vrf : ""));
        child.bgp = b;
    }

    private static Long asn(String text) {
        try {
            long v;
            int dot = text.indexOf('.');
            if (dot > 0) {
                // asdot notation: HIGH.LOW (bgpd/bgp_aspath.c asn_str2asn)
                long high = Long.parseLong(text.substring(0, dot));
                long low = Long.parseLong(text.substring(dot + 1));
                v = high > 65_535 || low > 65_535 ? -1 : high * 65_536 + low;
            } else {
                v = Long.parseLong(text);
            }
            return v >= 1 && v <= 4_294_967_295L ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void maximumPaths(Node node, Grammar.Match m, int n) {
        AfBuilder af = node.kind == Kind.BGP_AF ? node.af : node.bgp.family("ipv4", "unicast", n);
        boolean ibgp = m.words().get(1).equals("ibgp");
        int value = Integer.parseInt(m.args().get(0));
        // maximum-paths (1-MULTIPATH_NUM): bgpd/bgp_vty.c bgp_maxpaths_config_vty; Debian builds MULTIPATH_NUM 64
        if (value < 1 || value > 128) {
            warn.warn(n, "maximum-paths " + value + " is outside FRR's range 1-128; vtysh refuses it, line dropped");
            return;
        }
        af.settings.add(new Setting(ibgp ? "maximum-paths ibgp" : "maximum-paths", String.valueOf(value), n));
        record(node, n, m);
    }

    private void listenRange(Node node, Grammar.Match m, int n, String line) {
        IpPrefix range = prefix(m.args().get(0), n, line);
        String group = m.args().get(1);
        PeerBuilder g = node.bgp.peers.get(group);
        if (range == null) {
            return;
        }
        if (g == null || g.kind != PeerKind.GROUP) {
            warn.warn(n, "bgp listen range " + range + ": peer-group " + group + " is not defined above it; vtysh refuses the line "
                    + "(\"Configure the peer-group first\"), dropped");
            return;
        }
        node.bgp.ranges.add(new ListenRange(range, group, n));
        record(node, n, m);
    }

    /** neighbor commands of the router node, with the checks bgpd makes before it accepts them (bgpd/bgp_vty.c, bgpd/bgpd.c). */
    private void peer(Node node, Grammar.Match m, int n, String line) {
        BgpBuilder bgp = node.bgp;
        String name = m.args().get(0);
        Setting setting = setting(m.words(), 2, n, "");
        String key = setting.key();
        String args = setting.args();
        PeerBuilder p = bgp.peers.get(name);
        if (m.id().equals("peer-group")) {
            if (p == null) {
                bgp.peers.put(name, new PeerBuilder(name, PeerKind.GROUP, n));
            }
            record(node, n, m);
            return;
        }
        if (m.id().equals("interface-peer")) {
            if (p == null) {
                p = new PeerBuilder(name, PeerKind.INTERFACE, n);
                bgp.peers.put(name, p);
            }
            int group = m.words().indexOf("peer-group");
            int remote = m.words().indexOf("remote-as");
            if (group > 0 && !bind(bgp, p, m.words().get(group + 1), n)) {
                return;
            }
            if (remote > 0) {
                p.settings.add(new Setting("remote-as", m.words().get(remote + 1), n));
            }
            record(node, n, m);
            return;
        }
        boolean address = isAddress(name);
        boolean creates = p == null && address && (key.equals("remote-as") || key.equals("peer-group"));
        if (creates) {
            // kept only once the command is accepted: a refused remote-as creates no neighbour in bgpd
            p = new PeerBuilder(name, PeerKind.ADDRESS, n);
        }
        if (p == null) {
            warn.warn(n, "neighbor " + name + ": " + (address ? "no remote-as or peer-group given for it before this line"
                    : "no peer-group or interface neighbour of that name is defined before this line")
                    + "; vtysh refuses the line (\"Specify remote-as or peer-group commands first\"), dropped");
            return;
        }
        if (key.equals("peer-group")) {
            if (bind(bgp, p, args, n)) {
                bgp.peers.putIfAbsent(name, p);
                record(node, n, m);
            }
            return;
        }
        if (key.equals("remote-as")) {
            PeerBuilder g = p.group() == null ? null : bgp.peers.get(p.group());
            if (g != null && g.hasRemoteAs()) {
                // bgpd/bgpd.c peer_remote_as: BGP_ERR_PEER_GROUP_MEMBER at frr-8.4, frr-9.1 and frr-10.x alike
                warn.warn(n, "neighbor " + name + " remote-as " + args + ": " + name + " is in peer-group " + g.name
                        + ", which has a remote-as; FRR refuses the override (\"Peer-group member cannot override remote-as of "
                        + "peer-group\"), dropped");
                return;
            }
            if (args.equals("auto") && !versionAtLeast(10, 2)) {
                // remote-as auto came with FRR 10.2 (bgpd/bgp_vty.c at frr-10.2; absent at frr-10.1 and before)
                warn.warn(n, "neighbor " + name + " remote-as auto: FRR " + (version == null ? "8.4 (no frr version line)" : version)
                        + " does not have it (it came with 10.2); vtysh refuses it, dropped");
                return;
            }
            if (!remoteAsWord(args) && asn(args) == null) {
                warn.warn(n, "neighbor " + name + " remote-as " + args + ": not an AS number (1-4294967295); vtysh refuses it, dropped");
                return;
            }
        }
        p.settings.add(setting);
        bgp.peers.putIfAbsent(name, p);
        record(node, n, m);
    }

    /** Commands of a neighbour named by two keywords; every other one is named by its first. */
    private static final java.util.Set<String> TWO_WORD_KEYS = java.util.Set.of("timers connect", "timers delayopen", "bfd profile",
            "bfd check-control-plane-failure", "capability extended-nexthop", "capability dynamic", "capability orf",
            "soft-reconfiguration inbound", "ttl-security hops");

    /** A neighbour setting from the words after the neighbour's name: its key and the words after the key. */
    private static Setting setting(List<String> words, int from, int n, String prefix) {
        int keyWords = from + 1 < words.size() && TWO_WORD_KEYS.contains(words.get(from) + " " + words.get(from + 1)) ? 2 : 1;
        return new Setting(prefix + String.join(" ", words.subList(from, from + keyWords)),
                String.join(" ", words.subList(from + keyWords, words.size())), n);
    }

    private boolean bind(BgpBuilder bgp, PeerBuilder p, String group, int n) {
        PeerBuilder g = bgp.peers.get(group);
        if (g == null || g.kind != PeerKind.GROUP) {
            warn.warn(n, "neighbor " + p.name + " peer-group " + group + ": the peer-group is not defined before this line; vtysh "
                    + "refuses it (\"Configure the peer-group first\"), dropped");
            return false;
        }
        p.settings.add(new Setting("peer-group", group, n));
        return true;
    }

    /** A neighbour's address-family command; directly under router bgp it is for IPv4 unicast, as bgpd takes it. */
    private void peerAf(Node node, Grammar.Match m, int n, String line) {
        boolean no = m.words().get(0).equals("no");
        int skip = no ? 2 : 1;
        String name = m.words().get(skip);
        if (!node.bgp.peers.containsKey(name)) {
            warn.warn(n, "neighbor " + name + ": not defined before this line (remote-as, peer-group or interface first); "
                    + "vtysh refuses it, dropped");
            return;
        }
        AfBuilder af = node.kind == Kind.BGP_AF ? node.af : node.bgp.family("ipv4", "unicast", n);
        af.peers.computeIfAbsent(name, k -> new ArrayList<>()).add(setting(m.words(), skip + 1, n, no ? "no " : ""));
        record(node, n, m);
    }

    private void routeMap(Grammar.Match m, int n) {
        Node child = open(Kind.ROUTE_MAP, n, m.text());
        RouteMapBuilder b = new RouteMapBuilder();
        b.name = m.args().get(0);
        b.permit = m.words().get(2).equals("permit");
        b.sequence = Integer.parseInt(m.args().get(1));
        child.routeMap = b;
    }

    private void routeMapClause(Node node, Grammar.Match m, int n, String line) {
        RouteMapBuilder b = node.routeMap;
        List<String> a = m.args();
        switch (m.id()) {
            case "match-prefix-list" -> b.prefixList = a.get(0);
            case "match-community" -> b.community = a.get(0);
            case "match-large-community" -> b.largeCommunity = a.get(0);
            case "match-as-path" -> b.asPath = a.get(0);
            case "set-local-preference" -> b.localPreference = Long.parseLong(a.get(0));
            case "set-weight" -> b.weight = Integer.parseInt(a.get(0));
            case "set-metric" -> {
                if (a.size() == 1 && a.get(0).matches("[0-9]+")) {
                    b.metric = Long.parseLong(a.get(0));
                } else {
                    b.unmodelled.add(m.text());
                }
            }
            case "set-community" -> {
                List<String> values = new ArrayList<>(a);
                b.additive = values.remove("additive") ? Boolean.TRUE : null;
                b.setCommunity = values.equals(List.of("none")) ? List.of() : values;
            }
            case "set-prepend" -> prepend(b, m, n);
            case "on-match" -> b.continueAt = a.isEmpty() ? 0 : Integer.parseInt(a.get(0));
            case "match-other", "set-other" -> {
                b.unmodelled.add(m.text());
                warn.warn(n, "route-map " + b.name + " " + b.sequence + ": '" + m.text() + "' is kept but not evaluated by routing"
                        + (m.id().equals("match-other") ? "; predictions treat this entry as never matching" : ""));
            }
            default -> throw new IllegalStateException("no handler for command " + m.id());
        }
        record(node, n, m);
    }

    private void prepend(RouteMapBuilder b, Grammar.Match m, int n) {
        List<Long> path = new ArrayList<>();
        for (String w : m.args()) {
            Long as = asn(w);
            if (as == null) {
                b.unmodelled.add(m.text());
                warn.warn(n, "route-map " + b.name + " " + b.sequence + ": '" + m.text() + "' (last-as) is kept but not evaluated by routing");
                return;
            }
            path.add(as);
        }
        b.prepend = path;
    }

    private void prefixList(Grammar.Match m, int n, String line) {
        List<String> w = m.words();
        String name = w.get(2);
        java.util.TreeMap<Integer, PrefixEntry> entries = prefixLists.computeIfAbsent(name, k -> new java.util.TreeMap<>());
        int seqAt = w.indexOf("seq");
        // lib/plist.c: without seq an entry gets the highest sequence so far plus 5
        int seq = seqAt > 0 ? Integer.parseInt(w.get(seqAt + 1)) : (entries.isEmpty() ? 0 : entries.lastKey()) + 5;
        boolean permit = w.contains("permit");
        int action = Math.max(w.indexOf("permit"), w.indexOf("deny"));
        String target = w.get(action + 1);
        IpPrefix prefix = target.equals("any") ? null : prefix(target, n, line);
        if (prefix == null && !target.equals("any")) {
            return;
        }
        Integer ge = w.indexOf("ge") > 0 ? Integer.valueOf(w.get(w.indexOf("ge") + 1)) : null;
        Integer le = w.indexOf("le") > 0 ? Integer.valueOf(w.get(w.indexOf("le") + 1)) : null;
        int max = prefix == null || prefix.isIpv4() ? 32 : 128;
        // lib/plist.c vty_prefix_list_install: len < ge <= le <= max, else "Invalid prefix range"
        if (prefix != null && (ge != null && (ge <= prefix.length() || ge > max) || le != null && (le <= prefix.length() && ge == null
                || le > max || ge != null && le < ge))) {
            warn.warn(n, "prefix-list " + name + ": invalid prefix range for " + prefix + " (FRR needs length < ge <= le <= " + max
                    + "); vtysh refuses it, dropped");
            return;
        }
        entries.put(seq, new PrefixEntry(seq, permit, prefix, ge, le));
        record(stack.peekLast(), n, m);
    }

    private void communityList(Grammar.Match m, int n) {
        List<String> w = m.words();
        boolean large = w.get(1).equals("large-community-list");
        boolean expanded = m.id().equals("community-list-expanded");
        int nameAt = w.get(2).equals("standard") || w.get(2).equals("expanded") ? 3 : 2;
        String name = w.get(nameAt);
        int action = Math.max(w.indexOf("permit"), w.indexOf("deny"));
        List<String> values = w.subList(action + 1, w.size());
        CommunityEntry entry = expanded ? new CommunityEntry(w.get(action).equals("permit"), List.of(), String.join(" ", values))
                : new CommunityEntry(w.get(action).equals("permit"), values, null);
        communityLists.computeIfAbsent(name, k -> new ArrayList<>()).add(entry);
        largeCommunityLists.put(name, large);
        record(stack.peekLast(), n, m);
    }

    private void staticRoute(Node node, Grammar.Match m, int n, String line) {
        IpPrefix p = prefix(m.args().get(0), n, line);
        if (p == null) {
            return;
        }
        List<String> rest = Arrays.asList(m.words().subList(3, m.words().size()).toArray(String[]::new));
        Integer distance = null;
        String vrf = node.kind == Kind.VRF ? node.header.substring("vrf ".length()) : null;
        String hop = rest.isEmpty() ? null : rest.get(0);
        for (int i = 1; i < rest.size(); i++) {
            if (rest.get(i).matches("[0-9]+") && distance == null) {
                distance = Integer.valueOf(rest.get(i));
            } else if (rest.get(i).equals("vrf") && i + 1 < rest.size()) {
                vrf = rest.get(i + 1);
            }
        }
        statics.add(new StaticRoute(p, hop, distance, vrf));
        record(node, n, m);
    }

    private void bfdSetting(Node node, Grammar.Match m, int n, String line) {
        BfdBuilder b = node.profile;
        List<String> w = m.words();
        if (m.id().equals("bfd-flag")) {
            boolean on = !w.get(0).equals("no");
            String flag = w.get(w.size() - 1);
            if (flag.equals("echo-mode")) {
                b.echoMode = on;
            } else if (flag.equals("passive-mode")) {
                b.passiveMode = on;
            }
            record(node, n, m);
            return;
        }
        int value = Integer.parseInt(m.args().get(0));
        String what = String.join(" ", w.subList(0, w.size() - 1));
        // bfdd/bfdd_cli.c ranges: detect-multiplier (2-255), intervals (10-60000) ms, minimum-ttl (1-254)
        int[] range = switch (what) {
            case "detect-multiplier" -> new int[] {2, 255};
            case "minimum-ttl" -> new int[] {1, 254};
            default -> new int[] {10, 60_000};
        };
        if (value < range[0] || value > range[1]) {
            warn.warn(n, "BFD profile " + b.name + ": " + what + " " + value + " is outside " + range[0] + "-" + range[1]
                    + "; vtysh refuses it, dropped");
            return;
        }
        switch (what) {
            case "detect-multiplier" -> b.multiplier = value;
            case "receive-interval" -> b.rx = value;
            case "transmit-interval" -> b.tx = value;
            case "minimum-ttl" -> b.minimumTtl = value;
            default -> b.echo = value;
        }
        record(node, n, m);
    }

    private IpPrefix prefix(String text, int n, String line) {
        try {
            return IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            warn.warn(n, "'" + text + "' is not a prefix (" + e.getMessage() + "); vtysh refuses the line, dropped: " + line);
            return null;
        }
    }

    /** Whether the config's {@code frr version} is at least major.minor; a config without one is taken as FRR 8.4, the design default. */
    private boolean versionAtLeast(int major, int minor) {
        String[] parts = (version == null ? "8.4" : version).split("[^0-9]+");
        int ma = Integer.parseInt(parts[0]);
        int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return ma > major || ma == major && mi >= minor;
    }

    private static boolean isAddress(String text) {
        try {
            IpAddr.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private FrrConfig result() {
        while (stack.size() > 1) {
            close();
        }
        List<BgpInstance> built = new ArrayList<>();
        for (BgpBuilder b : instances) {
            List<Peer> peers = b.peers.values().stream().map(p -> new Peer(p.name, p.kind, p.line, p.settings)).toList();
            List<AddressFamily> families = b.families.values().stream().map(f -> new AddressFamily(f.afi, f.safi, f.line, f.settings,
                    f.peers.entrySet().stream().map(e -> new PeerSettings(e.getKey(), e.getValue())).toList())).toList();
            built.add(new BgpInstance(b.asn, b.vrf, b.view, b.line, b.settings, peers, b.ranges, families));
        }
        RoutingPolicy policy = new RoutingPolicy(
                routeMaps.entrySet().stream().map(e -> new RouteMap(e.getKey(), List.copyOf(e.getValue().values()))).toList(),
                prefixLists.entrySet().stream().map(e -> new RoutingPolicy.PrefixList(e.getKey(), List.copyOf(e.getValue().values()))).toList(),
                communityLists.entrySet().stream().map(e -> new RoutingPolicy.CommunityList(e.getKey(), largeCommunityLists.get(e.getKey()),
                        e.getValue())).toList(),
                asPathLists.entrySet().stream().map(e -> new RoutingPolicy.AsPathList(e.getKey(), e.getValue())).toList());
        return new FrrConfig(version, defaults, hostname, stack.peek().body, interfaces, built, policy, statics, bfdProfiles);
    }
}
