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

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive} counts a zombie as alive, and an orphan (a daemonized
     * BIRD, the connection children of a pod's socat) is reaped by init, which on these VMs (PID 1 is the
     * Firecracker agent) reaps only every ~2 s (measured: 1.6-1.7 s): waiting for isAlive delayed a pod's replacement
     * and a shutdown node's link-down by that much. A zombie has exited and holds no socket or namespace.
     */
    static boolean running(ProcessHandle p) {
        return running(p.pid(), null);
    }

    /** As {@link #running(ProcessHandle)}, and named {@code command} (field 2) if given: a reused pid is another program's. */
    static boolean running(long pid, String command) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return (command == null || comm.equals(command)) && state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
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
