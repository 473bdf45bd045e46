package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzLoopTest {

    @Test
    void anInputThatNeverReturnsFailsNamingIt() {
        assertThatThrownBy(() -> FuzzLoop.run(10, Duration.ofMillis(200), i -> {
            if (i == 3) {
                Thread.sleep(Long.MAX_VALUE);
            }
        })).isInstanceOf(AssertionError.class).hasMessageStartingWith("input 3 has run for").hasMessageEndingWith("a hang");
    }

    @Test
    void everyInputRunsInOrderAndAFailureEscapesAsItself() throws Exception {
        List<Integer> seen = new ArrayList<>();
        FuzzLoop.run(5, Duration.ofSeconds(20), seen::add);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> FuzzLoop.run(5, Duration.ofSeconds(20), i -> {
            throw new IllegalStateException("input " + i);
        })).isInstanceOf(IllegalStateException.class).hasMessage("input 0");
    }
}
