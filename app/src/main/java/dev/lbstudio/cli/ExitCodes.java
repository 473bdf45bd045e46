package dev.lbstudio.cli;

/** What the exit code of every command means. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command worked and found what it reports on (validation findings at or above --fail-on). */
    public static final int FINDINGS = 1;
    /** The input could not be used: missing, unreadable or broken file, bad arguments. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
