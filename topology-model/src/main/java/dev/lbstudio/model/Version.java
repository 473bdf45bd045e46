package dev.lbstudio.model;

/**
 * A release version such as {@code v3.32.1} or {@code 0.14.9}, compared numerically. An unknown
 * (null) version compares as the newest, so version rules stay quiet when the user did not say.
 */
public record Version(int major, int minor, int patch, boolean known) implements Comparable<Version> {

    public static final Version UNKNOWN = new Version(Integer.MAX_VALUE, 0, 0, false);

    public static Version parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String[] parts = text.trim().replaceFirst("^[vV]", "").split("[.+-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 && parts[2].matches("\\d+") ? Integer.parseInt(parts[2]) : 0;
            return new Version(major, minor, patch, true);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a version; write e.g. v3.32.1", e);
        }
    }

    public boolean isBefore(String other) {
        return compareTo(parse(other)) < 0;
    }

    public boolean isAtLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return known ? major + "." + minor + "." + patch : "unknown";
    }
}
