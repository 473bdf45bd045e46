package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacing logic on a clock the test moves by hand: which events are due when, at which speed. */
class PacerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<LabEvent> out = new ArrayList<>();

    private static LabEvent at(long millis) {
        return new LabEvent.Note(Duration.ofMillis(millis), LabEvent.Severity.INFO, "at " + millis, null);
    }

    private void advance(long millis) {
        clock.addAndGet(millis * 1_000_000);
    }

    @Test
    void eventsGoOutWhenTheClockReachesTheirLabTime() {
        Pacer p = new Pacer(clock::get, Duration.ZERO, 1, out::add);
        p.add(at(0));
        p.add(at(5_000));
        p.add(at(10_000));

        assertThat(p.release()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(out).containsExactly(at(0));
        advance(4_999);
        assertThat(p.release()).isEqualTo(Duration.ofMillis(1).toNanos());
        assertThat(out).hasSize(1);
        advance(1);
        p.release();
        assertThat(out).containsExactly(at(0), at(5_000));
        advance(5_000);
        assertThat(p.release()).as("empty, more may come").isEqualTo(-1);
        assertThat(out).containsExactly(at(0), at(5_000), at(10_000));
    }

    @Test
    void speedCompressesTheRunAndFromShiftsItsStart() {
        Pacer p = new Pacer(clock::get, Duration.ofSeconds(100), 10, out::add);
        p.add(at(100_000));
        p.add(at(280_000));

        p.release();
        assertThat(out).containsExactly(at(100_000));
        assertThat(p.labTime()).isEqualTo(Duration.ofSeconds(100));
        advance(17_999);
        p.release();
        assertThat(out).hasSize(1);
        advance(1);
        p.release();
        assertThat(out).containsExactly(at(100_000), at(280_000));
        assertThat(p.labTime()).as("18 s of wall clock at 10× is 180 s of lab time").isEqualTo(Duration.ofSeconds(280));
    }

    @Test
    void eventsAddedOutOfOrderGoOutInLabTimeOrderAndTiesKeepTheirOrder() {
        Pacer p = new Pacer(clock::get, Duration.ZERO, 1, out::add);
        LabEvent a = new LabEvent.Note(Duration.ofSeconds(2), LabEvent.Severity.INFO, "a", null);
        LabEvent b = new LabEvent.Note(Duration.ofSeconds(2), LabEvent.Severity.INFO, "b", null);
        p.add(at(3_000));
        p.add(a);
        p.add(b);
        p.add(at(1_000));
        advance(3_000);
        p.release();
        assertThat(out).containsExactly(at(1_000), a, b, at(3_000));
    }

    @Test
    void aFinishedRunPlaysOnToItsEndAfterItsLastEvent() {
        Pacer p = new Pacer(clock::get, Duration.ZERO, 2, out::add);
        p.add(at(1_000));
        p.finish(Duration.ofSeconds(10), () -> { });
        advance(500);
        assertThat(p.release()).as("5 s of wall clock left at 2× until lab time 10 s").isEqualTo(4_500_000_000L);
        advance(4_500);
        assertThat(p.release()).as("over").isZero();
    }

    @Test
    void cancellingDropsWhatIsQueuedAndRefusesMore() {
        Pacer p = new Pacer(clock::get, Duration.ZERO, 1, out::add);
        p.add(at(1_000));
        p.cancel();
        p.add(at(2_000));
        advance(5_000);
        assertThat(p.release()).isZero();
        assertThat(out).isEmpty();
        assertThat(p.queued()).isZero();
    }

    @Test
    void theTickSeesTheLabTimeAfterEachRelease() throws Exception {
        List<Duration> ticks = new ArrayList<>();
        Pacer p = new Pacer(clock::get, Duration.ZERO, 1, out::add).onTick(ticks::add);
        p.add(at(0));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        p.finish(Duration.ZERO, done::countDown);
        p.start("pacer-test");
        assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsExactly(at(0));
        assertThat(ticks).isNotEmpty().allMatch(Duration.ZERO::equals);
    }

    @Test
    void speedMustBePositive() {
        assertThatThrownBy(() -> new Pacer(clock::get, Duration.ZERO, 0, out::add))
                .hasMessageContaining("speed must be positive");
    }
}
