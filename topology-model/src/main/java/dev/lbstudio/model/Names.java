package dev.lbstudio.model;

final class Names {
    private Names() {
    }

    static void require(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every " + what + " needs a name");
        }
    }
}
