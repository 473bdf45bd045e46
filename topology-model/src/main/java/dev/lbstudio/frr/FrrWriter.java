package dev.lbstudio.frr;

import dev.lbstudio.frr.FrrConfig.Block;
import dev.lbstudio.frr.FrrConfig.Command;
import dev.lbstudio.frr.FrrConfig.Opaque;
import dev.lbstudio.frr.FrrConfig.Statement;
import java.util.List;

/**
 * Writes the vendor model back as FRR's integrated configuration: the statements in the order they
 * were read, commands in vtysh's full words, blocks closed the way FRR closes them, and the lines
 * it does not model exactly as they were. What was read is what is written.
 */
public final class FrrWriter {

    private FrrWriter() {
    }

    /**
     * The whole configuration, or with {@code daemon} set only the top-level statements that daemon
     * reads (for the per-daemon files the namespace lab starts daemons with). {@code bgpExtra} are
     * lines added to the default {@code router bgp} block (render options such as BMP).
     */
    public static String write(FrrConfig c, String hostname, String daemon, List<String> bgpExtra) {
        StringBuilder out = new StringBuilder();
        out.append("frr version ").append(c.version() != null ? c.version() : "8.4").append('\n');
        if (c.defaults() != null) {
            out.append("frr defaults ").append(c.defaults()).append('\n');
        }
        out.append("hostname ").append(hostname).append('\n');
        if (daemon == null) {
            c.statements().forEach(s -> statement(out, s, 0, bgpExtra));
            return out.toString();
        }
        out.append("! ").append(daemon).append(" part of router ").append(hostname).append("'s config; frr.conf holds all of it.\n!\n");
        // a comment goes with the statement before it, so a daemon's file keeps the separators of its own blocks
        boolean lastWritten = false;
        for (Statement s : c.statements()) {
            boolean comment = s instanceof Opaque o && o.lines().size() == 1 && o.lines().get(0).startsWith("!");
            boolean write = comment ? lastWritten : daemon.equals(daemonOf(s));
            if (write) {
                statement(out, s, 0, bgpExtra);
            }
            if (!comment) {
                lastWritten = write;
            }
        }
        return out.toString();
    }

    private static void statement(StringBuilder out, Statement s, int depth, List<String> bgpExtra) {
        String indent = " ".repeat(depth);
        if (s instanceof Command c) {
            out.append(indent).append(c.text()).append('\n');
        } else if (s instanceof Opaque o) {
            for (String line : o.lines()) {
                boolean raw = depth == 0 || !line.isEmpty() && Character.isWhitespace(line.charAt(0));
                out.append(raw ? "" : indent).append(line).append('\n');
            }
        } else if (s instanceof Block b) {
            out.append(indent).append(b.header()).append('\n');
            for (Statement inner : b.body()) {
                statement(out, inner, depth + 1, bgpExtra);
            }
            if (depth == 0 && b.header().matches("router bgp [0-9]+")) {
                bgpExtra.forEach(l -> out.append(' ').append(l).append('\n'));
            }
            out.append(indent).append(closing(b.header())).append('\n');
        }
    }

    /** How FRR closes a node in its own saved configuration (lib/command.c, bgpd/bgp_vty.c config writers). */
    private static String closing(String header) {
        if (header.startsWith("address-family")) {
            return "exit-address-family";
        }
        return header.startsWith("vrf ") ? "exit-vrf" : "exit";
    }

    /** The daemon that reads a top-level statement; null for what only the integrated file carries. */
    static String daemonOf(Statement s) {
        String head = s instanceof Command c ? c.text() : s instanceof Block b ? b.header() : "";
        if (head.startsWith("interface ") || head.startsWith("vrf ")) {
            return "zebra";
        }
        if (head.startsWith("bfd")) {
            return "bfdd";
        }
        if (head.startsWith("router bgp") || head.startsWith("route-map ") || head.startsWith("ip prefix-list")
                || head.startsWith("ipv6 prefix-list") || head.startsWith("bgp ")) {
            return "bgpd";
        }
        return null;
    }
}
