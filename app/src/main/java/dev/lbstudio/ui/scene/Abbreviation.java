package dev.lbstudio.ui.scene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Shorter forms of an element's name for a box too narrow for it, each one a whole-word cut that keeps what
 * tells elements apart: a namespace goes first ("demo/web-server" → "web-server"), then the middle parts of a
 * hyphenated name, keeping its end, where replicas differ ("web-server-5d8f7c9b6-x2k4p" → "web-server-…-x2k4p").
 * The canvas shows the full name on hover.
 */
public final class Abbreviation {

    private Abbreviation() {
    }

    /** The name itself, then ever shorter forms of it. */
    public static List<String> forms(String name) {
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        forms.add(name);
        int slash = name.lastIndexOf('/');
        String base = slash > 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
        forms.add(base);
        String[] parts = base.split("-");
        String last = parts[parts.length - 1];
        for (int keep = parts.length - 2; keep >= 1; keep--) {
            forms.add(String.join("-", Arrays.copyOf(parts, keep)) + "-…-" + last);
        }
        if (parts.length > 1 && !last.isEmpty()) {
            forms.add("…-" + last);
        }
        return new ArrayList<>(forms);
    }
}
