package dev.lbstudio.cli;

/** A problem the user can fix (bad file, bad argument): printed as one clear message, exit code 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
