package dev.lbstudio.lab.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRunnerTest {

    @Test
    void capturesOutputAndExitCode() throws Exception {
        CommandResult result = LocalRunner.host().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void hungCommandIsKilledWithItsChildren() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> LocalRunner.host().run(List.of("sh", "-c", "sleep 30 & sleep 30"), Duration.ofMillis(300)))
                .isInstanceOf(CommandException.class).hasMessageContaining("did not finish within 300 ms and was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingProgramIsNamed() {
        assertThatThrownBy(() -> LocalRunner.host().run(List.of("no-such-program-lbs"), Duration.ofSeconds(5)))
                .hasMessageContaining("cannot start 'no-such-program-lbs' on this host")
                .hasMessageContaining("is it installed");
    }
}
