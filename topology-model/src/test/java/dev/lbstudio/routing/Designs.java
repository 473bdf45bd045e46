package dev.lbstudio.routing;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** Samples, and variants of them made by replacing exact text, for routing tests. */
final class Designs {
    private Designs() {
    }

    static Topology sample(String name) {
        return variant(name);
    }

    /** The sample with each {@code from → to} pair applied; a pair that matches nothing fails the test. */
    static Topology variant(String name, String... fromTo) {
        try {
            String yaml = Files.readString(RepoPaths.sample(name + ".yaml"));
            for (int i = 0; i < fromTo.length; i += 2) {
                if (!yaml.contains(fromTo[i])) {
                    throw new IllegalArgumentException(name + " has no text '" + fromTo[i] + "'");
                }
                yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
            }
            return TopologyReader.parse(name, yaml);
        } catch (IOException | TopologyLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    static ElementId router(String name) {
        return ElementId.of(ElementKind.ROUTER, name);
    }

    static ElementId node(String name) {
        return ElementId.of(ElementKind.NODE, name);
    }

    static IpPrefix prefix(String text) {
        return IpPrefix.parse(text);
    }

    static List<IpAddr> ips(String... texts) {
        return java.util.Arrays.stream(texts).map(IpAddr::parse).toList();
    }

    /** The FIB next hops of a speaker for exactly this prefix, or an empty list. */
    static List<IpAddr> fib(RoutingState s, String speaker, String prefix) {
        ElementId id = s.plan().speakers().stream().filter(x -> x.name().equals(speaker)).findFirst().orElseThrow().id();
        return s.fib(id).stream().filter(f -> f.prefix().equals(prefix(prefix))).findFirst()
                .map(FibEntry::nextHops).orElse(List.of());
    }

    static FibEntry fibEntry(RoutingState s, String router, String prefix) {
        return s.fib(router(router)).stream().filter(f -> f.prefix().equals(prefix(prefix))).findFirst().orElseThrow();
    }
}
