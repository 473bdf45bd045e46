package dev.lbstudio.model;

import java.util.Objects;

/**
 * The stable identity of an element: kind plus name. Namespaced things (services, deployments,
 * pods) use {@code namespace/name} as the name. Written as {@code kind/name}, e.g. {@code node/node-1}.
 */
public record ElementId(ElementKind kind, String name) implements Comparable<ElementId> {

    public ElementId {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an element of kind " + kind.word() + " needs a name");
        }
    }

    public static ElementId of(ElementKind kind, String name) {
        return new ElementId(kind, name);
    }

    public static ElementId parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not an element id; write kind/name, e.g. node/node-1");
        }
        return new ElementId(ElementKind.fromWord(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ElementId other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return kind.word() + "/" + name;
    }
}
