package dev.lbstudio.lab.exec;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command somewhere: a local process (optionally inside a lab network namespace), a
 * router over SSH, or a containerlab router through docker exec. Every call is bounded by a
 * timeout, so a hung router never hangs the caller.
 */
public interface CommandRunner extends AutoCloseable {

    CommandResult run(List<String> argv, Duration timeout) throws CommandException;

    /** Where commands run, for messages: "ssh admin@10.0.0.1:22", "netns lbs-1-tor1". */
    String describe();

    @Override
    default void close() {
    }
}
