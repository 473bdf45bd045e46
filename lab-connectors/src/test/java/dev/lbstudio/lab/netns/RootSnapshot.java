package dev.lbstudio.lab.netns;

import java.util.List;

/** What the lab must never change in the root namespace: links, routes, forwarding and nftables. */
record RootSnapshot(String links, String routes4, String routes6, String forwarding, String nft) {

    static RootSnapshot take() {
        return new RootSnapshot(
                out("ip", "-o", "link", "show").replaceAll("\\s+", " ").replaceAll("link/\\S+ \\S+ brd \\S+", "")
                        .replaceAll("state \\S+", ""),
                out("ip", "route", "show", "table", "all"),
                out("ip", "-6", "route", "show", "table", "all"),
                out("sysctl", "-n", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"),
                out("nft", "list", "ruleset"));
    }

    private static String out(String... cmd) {
        return Commands.run(List.of(cmd)).orThrow().stdout();
    }
}
