package dev.lbstudio.lab.netns;

import dev.lbstudio.lab.exec.CommandException;
import dev.lbstudio.lab.exec.CommandResult;
import dev.lbstudio.lab.exec.LocalRunner;
import java.time.Duration;
import java.util.List;

/**
 * Runs short-lived host commands (ip, nft, vtysh, birdc) through {@link LocalRunner} with a hard timeout, so
 * a hung daemon socket can never hang the lab driver (lab-notes §7: "Give every vtysh and birdc call a
 * timeout"), and turns failures into {@link LabException}s that name the command.
 */
public final class Commands {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Commands() {
    }

    public record Result(List<String> command, CommandResult result) {
        public boolean ok() {
            return result.ok();
        }

        public String stdout() {
            return result.stdout();
        }

        public String stderr() {
            return result.stderr();
        }

        /** Throws with the command and its stderr, which is what a user needs to see the cause. */
        public Result orThrow() {
            if (!ok()) {
                throw new LabException("'" + String.join(" ", command) + "' failed (exit " + result.exitCode() + "): "
                        + (stderr().isBlank() ? stdout().strip() : stderr().strip()));
            }
            return this;
        }
    }

    public static Result run(List<String> command) {
        return run(command, DEFAULT_TIMEOUT);
    }

    public static Result run(List<String> command, Duration timeout) {
        return run(LocalRunner.host(), command, timeout);
    }

    /** Runs through any runner: a router over SSH or docker exec fails the same way a local command does. */
    public static Result run(dev.lbstudio.lab.exec.CommandRunner runner, List<String> command, Duration timeout) {
        try {
            return new Result(List.copyOf(command), runner.run(command, timeout));
        } catch (CommandException e) {
            throw new LabException(e.getMessage(), e);
        }
    }
}
