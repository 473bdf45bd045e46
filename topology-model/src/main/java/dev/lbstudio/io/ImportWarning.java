package dev.lbstudio.io;

/** Something an import could not place, located like Batfish's unrecognised-line warnings: file:line: message. */
public record ImportWarning(String file, int line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
