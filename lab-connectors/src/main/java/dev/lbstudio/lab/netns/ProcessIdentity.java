package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A pid plus its kernel start time, so a recorded pid that the kernel has since reused for someone
 * else's process is never signalled (the start time in /proc/PID/stat field 22 differs).
 */
public record ProcessIdentity(long pid, long startTime) {

    public static ProcessIdentity self() {
        return of(ProcessHandle.current().pid()).orElseThrow();
    }

    public static Optional<ProcessIdentity> of(long pid) {
        return startTimeOf(pid).map(t -> new ProcessIdentity(pid, t));
    }

    static Optional<ProcessIdentity> parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isAlive() {
        return startTimeOf(pid).map(t -> t == startTime).orElse(false);
    }

    private static Optional<Long> startTimeOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces and parentheses; fields are counted after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[19]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return pid + " " + startTime;
    }
}
