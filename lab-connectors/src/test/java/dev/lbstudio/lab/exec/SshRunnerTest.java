package dev.lbstudio.lab.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSHJ against a real OpenSSH server on loopback: trust, refusal with fingerprint, timeouts. */
class SshRunnerTest {

    @TempDir
    static Path dir;
    static TestSshd sshd;

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(dir, """
                case "$SSH_ORIGINAL_COMMAND" in
                  "echo "*|"sleep "*) eval "$SSH_ORIGINAL_COMMAND" ;;
                  *) echo "refused: $SSH_ORIGINAL_COMMAND" >&2; exit 97 ;;
                esac""");
    }

    @AfterAll
    static void stop() {
        sshd.close();
    }

    @Test
    void pinnedFingerprintRunsTheCommandWithArgumentsQuoted() throws Exception {
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.Pinned(sshd.hostFingerprint())))) {
            CommandResult result = runner.run(List.of("echo", "show bgp summary json", "it's"), Duration.ofSeconds(10));
            assertThat(result.ok()).isTrue();
            assertThat(result.stdout()).isEqualTo("show bgp summary json it's\n");
            CommandResult second = runner.run(List.of("echo", "again"), Duration.ofSeconds(10));
            assertThat(second.stdout()).isEqualTo("again\n");
        }
    }

    @Test
    void knownHostsFileIsHonoured() throws Exception {
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.KnownHosts(sshd.knownHosts())))) {
            assertThat(runner.run(List.of("echo", "ok"), Duration.ofSeconds(10)).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void unknownHostKeyIsRefusedShowingItsFingerprint() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.KnownHosts(empty)))) {
            assertThatThrownBy(() -> runner.run(List.of("echo", "x"), Duration.ofSeconds(10)))
                    .isInstanceOf(CommandException.class)
                    .hasMessageContaining("its host key " + sshd.hostFingerprint() + " is not trusted");
        }
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        String wrong = "SHA256:" + "A".repeat(43);
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.Pinned(wrong)))) {
            assertThatThrownBy(() -> runner.run(List.of("echo", "x"), Duration.ofSeconds(10)))
                    .hasMessageContaining(sshd.hostFingerprint()).hasMessageContaining("unknown or changed");
        }
    }

    @Test
    void slowCommandTimesOut() throws Exception {
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.Pinned(sshd.hostFingerprint())))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> runner.run(List.of("sleep", "20"), Duration.ofMillis(500)))
                    .hasMessageContaining("did not finish within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void forcedCommandRefusalIsAReadableResult() throws Exception {
        try (SshRunner runner = new SshRunner(sshd.target(new HostKeyPolicy.Pinned(sshd.hostFingerprint())))) {
            CommandResult result = runner.run(List.of("configure", "terminal"), Duration.ofSeconds(10));
            assertThat(result.exitCode()).isEqualTo(97);
            assertThat(result.stderr()).contains("refused: configure terminal");
        }
    }

    @Test
    void keyTheRouterDoesNotKnowIsRefused() throws Exception {
        Path stranger = dir.resolve("stranger");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).start().waitFor();
        var target = new SshTarget("root", "127.0.0.1", sshd.port(), stranger, new HostKeyPolicy.Pinned(sshd.hostFingerprint()));
        try (SshRunner runner = new SshRunner(target)) {
            assertThatThrownBy(() -> runner.run(List.of("echo", "x"), Duration.ofSeconds(10)))
                    .hasMessageContaining("refused our key for user root");
        }
    }

    @Test
    void urlsWithPasswordsAreRefused() {
        assertThatThrownBy(() -> SshTarget.parse("ssh://admin:secret@10.0.0.1", null, HostKeyPolicy.userKnownHosts()))
                .hasMessageContaining("passwords in URLs are not accepted").hasMessageNotContaining("secret");
    }
}
