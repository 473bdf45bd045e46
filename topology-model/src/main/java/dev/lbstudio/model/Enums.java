package dev.lbstudio.model;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads enum words from files with a message that lists the accepted words. */
public final class Enums {
    private Enums() {
    }

    public static <E extends Enum<E>> E fromWord(Class<E> type, String word, Function<E, String> wordOf) {
        for (E value : type.getEnumConstants()) {
            if (wordOf.apply(value).equalsIgnoreCase(word)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(wordOf).collect(Collectors.joining(", ")));
    }
}
