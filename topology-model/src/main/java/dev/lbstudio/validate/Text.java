package dev.lbstudio.validate;

import java.util.Collection;
import java.util.stream.Collectors;

/** Wording helpers for finding messages. */
final class Text {
    private Text() {
    }

    /** "a, b and 3 more": long lists stay readable in messages. */
    static String list(Collection<?> items, int shown) {
        var strings = items.stream().map(String::valueOf).toList();
        if (strings.size() <= shown) {
            return String.join(", ", strings);
        }
        return strings.stream().limit(shown).collect(Collectors.joining(", ")) + " and " + (strings.size() - shown) + " more";
    }

    static String list(Collection<?> items) {
        return list(items, 5);
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
