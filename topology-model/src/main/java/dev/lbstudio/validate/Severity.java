package dev.lbstudio.validate;

import java.util.Locale;

/** How bad a finding is; declared worst first so sorting puts errors on top. */
public enum Severity {
    /** Will not work, or the platform rejects it. */
    ERROR,
    /** Works, but not as the design intends. */
    WARN,
    /** Advice worth knowing. */
    INFO;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as bad as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    public static Severity fromWord(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
