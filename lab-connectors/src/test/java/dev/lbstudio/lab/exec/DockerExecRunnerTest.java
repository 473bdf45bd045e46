package dev.lbstudio.lab.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This machine has no Docker engine, so a stand-in client records what it was asked: the
 * runner must hand the container and every argument over unchanged.
 */
class DockerExecRunnerTest {

    @Test
    void passesContainerAndArgumentsToTheDockerClient(@TempDir Path dir) throws Exception {
        Path docker = dir.resolve("docker");
        Files.writeString(docker, "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>' \"$a\"; done\n");
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwx------"));

        CommandResult result = new DockerExecRunner(docker.toString(), "clab-seed-tor1")
                .run(List.of("vtysh", "-c", "show bgp summary json"), Duration.ofSeconds(10));

        assertThat(result.stdout()).isEqualTo("<exec><clab-seed-tor1><vtysh><-c><show bgp summary json>");
    }

    @Test
    void refusesContainerNamesThatAreNotNames() {
        assertThatThrownBy(() -> DockerExecRunner.of("tor1; rm -rf /")).hasMessageContaining("is not a container name");
    }
}
