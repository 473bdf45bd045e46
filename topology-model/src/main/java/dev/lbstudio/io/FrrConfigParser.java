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

/**
 * Reads the parts of an FRR configuration ({@code frr.conf} or {@code show running-config}) that
 * the model holds: interfaces, {@code router bgp} with neighbours, peer-groups and listen ranges,
 * and BFD profiles. Every other line becomes a warning with its line number, never an error.
 */
final class FrrConfigParser {

    /** What one router's config said, before segments are known. */
    record Parsed(Software software, List<Iface> interfaces, RouterBgp bgp) {
    }

    /** An interface address and the segment name its description gives (null when none). */
    record Iface(String name, IpPrefix address, String description) {
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

    private enum Block { TOP, INTERFACE, BGP, AF, BMP, BFD, PROFILE }

    private final String file;
    private final Consumer<ImportWarning> warn;
    private Block block = Block.TOP;
    private String version;
    private FrrProfile profile;
    private final List<Iface> interfaces = new ArrayList<>();
    private String ifName;
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
            try {
                p.line(lines[i], i + 1);
            } catch (RuntimeException e) {
                p.warn(i + 1, "cannot read '" + lines[i].strip() + "': " + e.getMessage());
            }
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
        if (line.startsWith("frr version ")) {
            version = w[2];
        } else if (line.startsWith("frr defaults ")) {
            profile = FrrProfile.fromWord(w[2]);
        } else if (w[0].equals("interface")) {
            block = Block.INTERFACE;
            ifName = w[1];
        } else if (line.startsWith("router bgp ")) {
            if (w.length > 3) {
                warn(n, "router bgp in a VRF is not modelled; only the default instance is read");
            }
            asn = Long.parseLong(w[2]);
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
        } else if (w[0].equals("description")) {
            ifDescription = line.substring("description".length()).strip();
        } else if ((w[0].equals("ip") || w[0].equals("ipv6")) && w.length == 3 && w[1].equals("address")) {
            if (ifAddress != null) {
                warn(n, "interface " + ifName + " has a second address; the model keeps one per interface");
            } else {
                ifAddress = IpPrefix.parse(w[2]);
            }
        } else {
            warn(n, "interface setting not modelled, ignored: " + line);
        }
    }

    private void endInterface() {
        if (ifName != null && ifAddress != null) {
            interfaces.add(new Iface(ifName, ifAddress, ifDescription));
        }
        ifName = null;
        ifAddress = null;
        ifDescription = null;
    }

    private void bgp(String line, String[] w, int n) {
        if (line.equals("exit")) {
            block = Block.TOP;
        } else if (line.startsWith("bgp router-id ")) {
            routerId = IpAddr.parse(w[2]);
        } else if (line.equals("no bgp ebgp-requires-policy") || line.equals("bgp ebgp-requires-policy")) {
            requiresPolicy = !line.startsWith("no ");
        } else if (line.equals("bgp bestpath as-path multipath-relax")) {
            multipathRelax = true;
        } else if (line.equals("bgp graceful-restart-disable")) {
            gracefulRestart = false;
        } else if (line.startsWith("timers bgp ") && w.length == 4) {
            keepalive = Integer.parseInt(w[2]);
            hold = Integer.parseInt(w[3]);
        } else if (line.startsWith("bgp listen range ") && w.length == 6 && w[4].equals("peer-group")) {
            peer(w[5], n).range = IpPrefix.parse(w[3]);
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
                if (w[3].matches("\\d+")) {
                    p.remoteAs = Long.parseLong(w[3]);
                } else {
                    warn(n, "remote-as " + w[3] + " is not modelled; write the peer's AS number");
                }
            }
            case "description" -> p.description = line.substring(line.indexOf("description") + "description".length()).strip();
            case "port" -> p.port = Integer.parseInt(w[3]);
            case "passive" -> p.passive = true;
            case "ebgp-multihop" -> p.multihop = w.length > 3 ? Integer.parseInt(w[3]) : 255;
            case "timers" -> {
                if (w.length == 5 && w[3].equals("connect")) {
                    p.connect = Integer.parseInt(w[4]);
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
        } else if (line.startsWith("maximum-paths ibgp ")) {
            maximumPathsIbgp = Integer.parseInt(w[2]);
        } else if (line.startsWith("maximum-paths ")) {
            maximumPaths = Integer.parseInt(w[1]);
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
            case "receive-interval" -> v[0] = Integer.parseInt(w[1]);
            case "transmit-interval" -> v[1] = Integer.parseInt(w[1]);
            case "detect-multiplier" -> v[2] = Integer.parseInt(w[1]);
            case "minimum-ttl" -> v[3] = Integer.parseInt(w[1]);
            case "echo-interval" -> v[4] = Integer.parseInt(w[1]);
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
            IpAddr address = null;
            if (p.range == null) {
                try {
                    address = IpAddr.parse(e.getKey());
                } catch (IllegalArgumentException notAnAddress) {
                    warn(p.line, "neighbour " + e.getKey() + " is neither an address nor a peer-group with a listen range; skipped");
                    continue;
                }
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

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private void warn(int line, String message) {
        warn.accept(new ImportWarning(file, line, message));
    }
}
