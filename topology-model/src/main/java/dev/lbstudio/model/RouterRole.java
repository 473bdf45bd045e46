package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum RouterRole {
    TOR, SPINE, CORE;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RouterRole fromWord(String word) {
        return Enums.fromWord(RouterRole.class, word, RouterRole::word);
    }
}
