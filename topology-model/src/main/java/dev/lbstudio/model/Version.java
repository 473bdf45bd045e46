package dev.lbstudio.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version such as {@code v3.32.1} or {@code 0.14.9}, compared numerically. An unknown
 * (null) version compares as the newest, so version rules stay quiet when the user did not say.
 */
public record Version(int major, int minor, int patch, boolean known) implements Comparable<Version> {

    public static final Version UNKNOWN = new Version(Integer.MAX_VALUE, 0, 0, false);

    /** major[.minor[.patch]] with an optional v, more numbers, and a pre-release or build suffix (v3.32.1-rc1, 8.4.4+deb12). */
    private static final Pattern FORM = Pattern.compile("[vV]?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.\\d+)*(?:[+~-].*)?");

    public static Version parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        Matcher m = FORM.matcher(text.trim());
        try {
            if (m.matches()) {
                return new Version(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), true);
            }
        } catch (NumberFormatException tooLarge) {
            // falls through to the same message as any other text that is no version
        }
        throw new IllegalArgumentException("'" + text + "' is not a version; write e.g. v3.32.1");
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
