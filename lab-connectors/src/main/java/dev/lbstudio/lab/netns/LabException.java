package dev.lbstudio.lab.netns;

/** A lab operation failed; the message names what failed and, where known, how to fix it. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
