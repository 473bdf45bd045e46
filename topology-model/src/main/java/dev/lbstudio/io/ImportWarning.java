package dev.lbstudio.io;

/**
 * Something an import could not place, located like Batfish's unrecognised-line warnings:
 * file:line[:column]: message. {@code loss} says whether the design lacks something the input held,
 * so callers (the CLI's exit code, the summary) count losses without reading the message.
 */
public record ImportWarning(String file, int line, int column, String message, Loss loss) {

    /** What the warning cost the design. */
    public enum Loss {
        /** Nothing the design models: an unrelated kind, a replaced duplicate, a guess that is reported. */
        NONE,
        /** One value (or one entry of a list) was not read; the object that held it is kept. */
        FIELD,
        /** A whole object (or file) was not read. */
        OBJECT,
        /** An object is kept although it refers to something the input does not hold; validation flags it. */
        DANGLING;

        public boolean lost() {
            return this != NONE;
        }
    }

    public ImportWarning {
        loss = loss == null ? Loss.NONE : loss;
    }

    /** A warning that cost nothing, at a line only (router configs are located by line). */
    public ImportWarning(String file, int line, String message) {
        this(file, line, 0, message, Loss.NONE);
    }

    public boolean lost() {
        return loss.lost();
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
