package dev.lbstudio.lab.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs commands inside a container with {@code docker exec}, for the FRR routers of a
 * containerlab lab (rendered by {@code lbstudio render --what clab}). The docker client is a local
 * process, so timeouts and missing-binary messages come from {@link LocalRunner}.
 */
public final class DockerExecRunner implements CommandRunner {

    private final String docker;
    private final String container;

    /** {@code docker} is the client binary ("docker" on the PATH unless told otherwise). */
    public DockerExecRunner(String docker, String container) {
        if (container == null || !container.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("'" + container + "' is not a container name (letters, digits, _ . -)");
        }
        this.docker = docker;
        this.container = container;
    }

    public static DockerExecRunner of(String container) {
        return new DockerExecRunner("docker", container);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) throws CommandException {
        List<String> command = new ArrayList<>(List.of(docker, "exec", container));
        command.addAll(argv);
        return LocalRunner.host().run(command, timeout);
    }

    @Override
    public String describe() {
        return "docker exec " + container;
    }
}
