package dev.lbstudio.io;

import dev.lbstudio.model.BfdProfile;
import dev.lbstudio.model.BgpNeighbor;
import dev.lbstudio.model.FrrProfile;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.RouterBgp;
import dev.lbstudio.model.RouterInterface;
import dev.lbstudio.model.Software;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the parts of an FRR configuration ({@code frr.conf} or {@code show running-config}) that
 * the model holds: interfaces, {@code router bgp} with neighbours, peer-groups and listen ranges,
 * and BFD profiles. Every other line becomes a warning with its line number, never an error.
 */
final class FrrConfigParser {

    /** What one router's config said, before segments are known. */
    record Parsed(Software software, List<Iface> interfaces, RouterBgp bgp) {
    }

    /** An interface address and the segment name its description gives (null when none), and the line it starts on. */
    record Iface(String name, IpPrefix address, String description, int line) {
    }

    /** Settings of a neighbour or peer-group as the lines set them; nulls are "not said". */
    private static final class Peer {
        Long remoteAs;
        String description;
        Integer port;
        Boolean passive;
        Integer multihop;
        Integer connect;
        Boolean bfd;
        String group;
        IpPrefix range;
        int line;
    }

    // FRR's CLI ranges: maximum-paths (1-128) (bgpd/bgp_vty.c), BFD intervals (10-60000) ms (doc/user/bfd.rst)
    private static final Function<String, Integer> MAXIMUM_PATHS = ImportValues.wholeNumber(1, 128);
    private static final Function<String, Integer> BFD_INTERVAL = ImportValues.wholeNumber(10, 60_000);

    private enum Block { TOP, INTERFACE, BGP, AF, BMP, BFD, PROFILE }

    private final String file;
    private final Consumer<ImportWarning> warn;
    private Block block = Block.TOP;
    private String version;
    private FrrProfile profile;
    private final List<Iface> interfaces = new ArrayList<>();
    private String ifName;
    private int ifLine;
    private IpPrefix ifAddress;
    private String ifDescription;
    private Long asn;
    private IpAddr routerId;
    private Integer keepalive;
    private Integer hold;
    private Integer maximumPaths;
    private Integer maximumPathsIbgp;
    private Boolean multipathRelax;
    private Boolean requiresPolicy;
    private Boolean gracefulRestart;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<String, Integer[]> bfdProfiles = new LinkedHashMap<>();
    private final Map<String, Boolean[]> bfdFlags = new LinkedHashMap<>();
    private String bfdProfileInUse;
    private String currentProfile;

    private FrrConfigParser(String file, Consumer<ImportWarning> warn) {
        this.file = file;
        this.warn = warn;
    }

    static Parsed parse(String file, String text, Consumer<ImportWarning> warn) {
        FrrConfigParser p = new FrrConfigParser(file, warn);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            p.line(lines[i], i + 1);
        }
        p.endInterface();
        return p.result();
    }

    private void line(String raw, int n) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("!") || line.equals("end")) {
            return;
        }
        if (!raw.startsWith(" ") && block != Block.TOP && !line.startsWith("exit")) {
            // configs written without 'exit' end a block with the next top-level line
            endInterface();
            block = Block.TOP;
        }
        String[] w = line.split("\\s+");
        switch (block) {
            case TOP -> top(line, w, n);
            case INTERFACE -> iface(line, w, n);
            case BGP -> bgp(line, w, n);
            case AF -> af(line, w, n);
            case BMP -> {
                if (line.equals("exit")) {
                    block = Block.BGP;
                }
            }
            case BFD -> bfd(line, w, n);
            case PROFILE -> profileLine(line, w, n);
            default -> throw new IllegalStateException();
        }
    }

    private void top(String line, String[] w, int n) {
        if (line.startsWith("frr version")) {
            version = value(n, w, 2, "frr version", ImportValues::version);
        } else if (line.startsWith("frr defaults")) {
            profile = value(n, w, 2, "frr defaults", FrrProfile::fromWord);
        } else if (w[0].equals("interface")) {
            block = Block.INTERFACE;
            ifName = value(n, w, 1, "interface name", name -> name);
            ifLine = n;
        } else if (line.startsWith("router bgp")) {
            if (w.length > 3) {
                warn(n, "router bgp in a VRF is not modelled; only the default instance is read");
            }
            // the block is entered even with a bad AS number, so its lines are not reported as top-level ones
            asn = value(n, w, 2, "router bgp AS number", ImportValues::asn);
            block = Block.BGP;
        } else if (line.equals("bfd")) {
            block = Block.BFD;
        } else if (!(w[0].equals("hostname") || w[0].equals("log") || w[0].equals("service") || line.startsWith("line vty"))) {
            warn(n, "not modelled, ignored: " + line);
        }
    }

    private void iface(String line, String[] w, int n) {
        if (line.equals("exit")) {
            endInterface();
            block = Block.TOP;
        } else if (w[0].equals("description") && w.length > 1) {
            ifDescription = line.substring("description".length()).strip();
        } else if ((w[0].equals("ip") || w[0].equals("ipv6")) && w.length == 3 && w[1].equals("address")) {
            if (ifAddress != null || interfaces.stream().anyMatch(i -> i.name().equals(ifName))) {
                warn(n, "interface " + ifName + " has a second address; the model keeps one per interface");
            } else {
                ifAddress = value(n, w, 2, "interface address", IpPrefix::parse);
            }
        } else {
            warn(n, "interface setting not modelled, ignored: " + line);
        }
    }

    private void endInterface() {
        if (ifName != null && ifAddress != null) {
            interfaces.add(new Iface(ifName, ifAddress, ifDescription, ifLine));
        }
        ifName = null;
        ifAddress = null;
        ifDescription = null;
    }

    private void bgp(String line, String[] w, int n) {
        if (line.equals("exit")) {
            block = Block.TOP;
        } else if (line.startsWith("bgp router-id")) {
            routerId = value(n, w, 2, "bgp router-id", IpAddr::parse);
        } else if (line.equals("no bgp ebgp-requires-policy") || line.equals("bgp ebgp-requires-policy")) {
            requiresPolicy = !line.startsWith("no ");
        } else if (line.equals("bgp bestpath as-path multipath-relax")) {
            multipathRelax = true;
        } else if (line.equals("bgp graceful-restart-disable")) {
            gracefulRestart = false;
        } else if (line.startsWith("timers bgp ") && w.length == 4) {
            // FRR: timers bgp (0-65535) (0-65535)
            Integer ka = value(n, w, 2, "keepalive", ImportValues.wholeNumber(0, 65_535));
            Integer hd = value(n, w, 3, "hold time", ImportValues.wholeNumber(0, 65_535));
            if (ka != null && hd != null) {
                keepalive = ka;
                hold = hd;
            }
        } else if (line.startsWith("bgp listen range ") && w.length == 6 && w[4].equals("peer-group")) {
            IpPrefix range = value(n, w, 3, "listen range", IpPrefix::parse);
            if (range != null) {
                peer(w[5], n).range = range;
            }
        } else if (w[0].equals("neighbor") && w.length >= 3) {
            neighbor(line, w, n);
        } else if (line.equals("address-family ipv4 unicast")) {
            block = Block.AF;
        } else if (line.startsWith("bmp targets ")) {
            warn(n, "BMP target ignored: it is a render option (lbstudio render --bmp HOST:PORT), not part of the design");
            block = Block.BMP;
        } else {
            warn(n, "router bgp setting not modelled, ignored: " + line);
        }
    }

    private void neighbor(String line, String[] w, int n) {
        Peer p = peer(w[1], n);
        switch (w[2]) {
            case "peer-group" -> {
                if (w.length == 4) {
                    p.group = w[3];
                }
            }
            case "remote-as" -> {
                if (w.length > 3 && (w[3].equals("internal") || w[3].equals("external"))) {
                    warn(n, "remote-as " + w[3] + " is not modelled; write the peer's AS number");
                } else {
                    p.remoteAs = value(n, w, 3, "remote-as", ImportValues::asn);
                }
            }
            case "description" -> p.description = line.substring(line.indexOf("description") + "description".length()).strip();
            // FRR's CLI ranges: port (0-65535), ebgp-multihop (1-255), timers connect (1-65535)
            case "port" -> p.port = value(n, w, 3, "neighbour port", ImportValues.wholeNumber(0, 65_535));
            case "passive" -> p.passive = true;
            case "ebgp-multihop" -> p.multihop = w.length > 3 ? value(n, w, 3, "ebgp-multihop", ImportValues.wholeNumber(1, 255)) : 255;
            case "timers" -> {
                if (w.length == 5 && w[3].equals("connect")) {
                    p.connect = value(n, w, 4, "timers connect", ImportValues.wholeNumber(1, 65_535));
                } else {
                    warn(n, "per-neighbour BGP timers are not modelled (the router's timers bgp is): " + line);
                }
            }
            case "bfd" -> {
                p.bfd = true;
                if (w.length == 5 && w[3].equals("profile")) {
                    bfdProfileInUse = bfdProfileInUse == null ? w[4] : bfdProfileInUse;
                    if (!bfdProfileInUse.equals(w[4])) {
                        warn(n, "a second BFD profile (" + w[4] + "); the model has one per router, " + bfdProfileInUse + " is kept");
                    }
                }
            }
            default -> warn(n, "neighbour setting not modelled, ignored: " + line);
        }
    }

    private Peer peer(String name, int n) {
        return peers.computeIfAbsent(name, k -> {
            Peer p = new Peer();
            p.line = n;
            return p;
        });
    }

    private void af(String line, String[] w, int n) {
        if (line.equals("exit-address-family")) {
            block = Block.BGP;
        } else if (line.startsWith("maximum-paths ibgp")) {
            maximumPathsIbgp = value(n, w, 2, "maximum-paths ibgp", MAXIMUM_PATHS);
        } else if (line.startsWith("maximum-paths")) {
            maximumPaths = value(n, w, 1, "maximum-paths", MAXIMUM_PATHS);
        } else if (!(w[0].equals("neighbor") && (line.endsWith(" activate") || line.endsWith(" soft-reconfiguration inbound")))) {
            warn(n, "address-family setting not modelled, ignored: " + line);
        }
    }

    private void bfd(String line, String[] w, int n) {
        if (line.equals("exit")) {
            block = Block.TOP;
        } else if (w[0].equals("profile") && w.length == 2) {
            currentProfile = w[1];
            bfdProfiles.put(currentProfile, new Integer[5]);
            bfdFlags.put(currentProfile, new Boolean[2]);
            block = Block.PROFILE;
        } else {
            warn(n, "BFD setting not modelled, ignored: " + line);
        }
    }

    private void profileLine(String line, String[] w, int n) {
        Integer[] v = bfdProfiles.get(currentProfile);
        Boolean[] f = bfdFlags.get(currentProfile);
        switch (w[0]) {
            case "exit" -> block = Block.BFD;
            case "receive-interval" -> v[0] = value(n, w, 1, w[0], BFD_INTERVAL);
            case "transmit-interval" -> v[1] = value(n, w, 1, w[0], BFD_INTERVAL);
            case "detect-multiplier" -> v[2] = value(n, w, 1, w[0], ImportValues.wholeNumber(2, 255));
            case "minimum-ttl" -> v[3] = value(n, w, 1, w[0], ImportValues.wholeNumber(1, 254));
            case "echo-interval" -> v[4] = value(n, w, 1, w[0], BFD_INTERVAL);
            case "echo-mode" -> f[0] = true;
            case "passive-mode" -> f[1] = true;
            default -> warn(n, "BFD profile setting not modelled, ignored: " + line);
        }
    }

    private Parsed result() {
        Software software = new Software("frr", version, profile);
        if (asn == null) {
            return new Parsed(software, interfaces, null);
        }
        BfdProfile bfd = null;
        String chosen = bfdProfileInUse != null ? bfdProfileInUse : bfdProfiles.keySet().stream().findFirst().orElse(null);
        if (chosen != null && bfdProfiles.containsKey(chosen)) {
            Integer[] v = bfdProfiles.get(chosen);
            Boolean[] f = bfdFlags.get(chosen);
            bfd = new BfdProfile(chosen, v[0], v[1], v[2], v[3], v[4], f[0], f[1]);
        }
        List<BgpNeighbor> neighbors = new ArrayList<>();
        Integer connect = null;
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            Peer p = e.getValue();
            boolean isGroup = p.range != null || peers.values().stream().anyMatch(o -> e.getKey().equals(o.group));
            if (isGroup && p.range == null) {
                continue;
            }
            Peer g = p.group != null ? peers.get(p.group) : null;
            if (p.group != null && g == null) {
                warn(p.line, "neighbour " + e.getKey() + " is in peer-group " + p.group + ", which is not defined");
            }
            Long remoteAs = first(p.remoteAs, g == null ? null : g.remoteAs);
            if (remoteAs == null) {
                warn(p.line, "neighbour " + e.getKey() + " has no remote-as; skipped");
                continue;
            }
            IpAddr address = p.range != null ? null : ImportValues.parse(e.getKey(), IpAddr::parse, why -> warn(p.line,
                    "neighbour " + e.getKey() + " is neither an address nor a peer-group with a listen range; skipped"));
            if (p.range == null && address == null) {
                continue;
            }
            Boolean bfdOn = first(p.bfd, g == null ? null : g.bfd);
            connect = connect != null ? connect : first(p.connect, g == null ? null : g.connect);
            neighbors.add(new BgpNeighbor(address, p.range, remoteAs, first(p.description, g == null ? null : g.description),
                    bfdOn != null ? bfdOn : bfd != null ? Boolean.FALSE : null, first(p.passive, g == null ? null : g.passive),
                    first(p.multihop, g == null ? null : g.multihop), first(p.port, g == null ? null : g.port)));
        }
        RouterBgp bgp = new RouterBgp(asn, routerId, keepalive, hold, connect, maximumPaths, maximumPathsIbgp, multipathRelax,
                requiresPolicy, null, null, bfd, gracefulRestart, null, neighbors);
        return new Parsed(software, interfaces, bgp);
    }

    /**
     * Word {@code index} of a line made into a T by {@code parser}; null, with a warning naming the
     * line, when the word is missing or does not parse. vtysh refuses such a line, so it is ignored.
     */
    private <T> T value(int n, String[] w, int index, String what, Function<String, T> parser) {
        if (index >= w.length) {
            warn(n, what + " is missing; line ignored");
            return null;
        }
        return ImportValues.parse(w[index], parser, why -> warn(n, what + ": " + why + "; line ignored"));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private void warn(int line, String message) {
        warn.accept(new ImportWarning(file, line, message));
    }
}
