package dev.lbstudio.validate;

import java.util.Optional;

/** How to resolve a finding: a sentence for people and, where one exists, an edit to apply. */
public record Fix(String text, Edit edit) {

    public static Fix say(String text) {
        return new Fix(text, null);
    }

    public static Fix apply(String text, Edit edit) {
        return new Fix(text, edit);
    }

    public Optional<Edit> editIfAny() {
        return Optional.ofNullable(edit);
    }
}
