package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the lab must never change outside its own namespaces: root links, routes, forwarding and nftables, the
 * other namespaces and the non-lab entries of the state root. Every lab's `lbs-*` namespaces and state dirs are
 * left out, because other builds on the same machine start and stop labs meanwhile; tests check their own labs
 * by name instead.
 */
record RootSnapshot(String links, String routes4, String routes6, String forwarding, String nft,
        List<String> otherNamespaces, List<String> otherStateEntries) {

    private static final Pattern LAB_STATE_ENTRY = Pattern.compile("[0-9a-f]{6}(\\.new)?");

    static RootSnapshot take() {
        return new RootSnapshot(
                out("ip", "-o", "link", "show").replaceAll("\\s+", " ").replaceAll("link/\\S+ \\S+ brd \\S+", "")
                        .replaceAll("state \\S+", ""),
                out("ip", "route", "show", "table", "all"),
                out("ip", "-6", "route", "show", "table", "all"),
                out("sysctl", "-n", "net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"),
                out("nft", "list", "ruleset"),
                Netns.list().stream().filter(ns -> !ns.startsWith(LabNames.PREFIX)).sorted().toList(),
                otherStateEntries(LabNames.DEFAULT_STATE_ROOT));
    }

    private static List<String> otherStateEntries(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !LAB_STATE_ENTRY.matcher(n).matches())
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
    }

    private static String out(String... cmd) {
        return Commands.run(List.of(cmd)).orThrow().stdout();
    }
}
