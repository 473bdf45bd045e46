package dev.lbstudio.lab.exec;

import java.time.Duration;

/** What a command printed, how it exited and how long it took. */
public record CommandResult(int exitCode, String stdout, String stderr, Duration took) {
    public boolean ok() {
        return exitCode == 0;
    }
}
