package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabFeedTest {

    private final ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
    private final LabFeed feed = new LabFeed(fxQueue::add);

    private static LabEvent note(int i) {
        return new LabEvent.Note(Duration.ofMillis(i), LabEvent.Severity.INFO, "event " + i, null);
    }

    @Test
    void aBurstReachesListenersAsOneBatchInOrder() {
        List<List<LabEvent>> batches = new ArrayList<>();
        feed.subscribe(b -> batches.add(b.stream().map(LabFeed.Stamped::event).toList()));
        for (int i = 0; i < 1000; i++) {
            feed.publish(note(i));
        }
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(1000).first().isEqualTo(note(0));
        assertThat(batches.get(0).get(999)).isEqualTo(note(999));
    }

    @Test
    void anEventPublishedWhileListenersRunQueuesTheNextHandOver() {
        List<LabEvent> seen = new ArrayList<>();
        feed.subscribe(b -> {
            b.forEach(s -> seen.add(s.event()));
            if (seen.size() == 1) {
                feed.publish(note(2));
            }
        });
        feed.publish(note(1));
        fxQueue.poll().run();
        assertThat(fxQueue).hasSize(1);
        fxQueue.poll().run();
        assertThat(seen).containsExactly(note(1), note(2));
    }

    @Test
    void everyListenerSeesTheSameBatchWithItsPublishTime() {
        List<LabFeed.Stamped> first = new ArrayList<>();
        List<LabFeed.Stamped> second = new ArrayList<>();
        feed.subscribe(first::addAll);
        feed.subscribe(second::addAll);
        long before = System.nanoTime();
        feed.publish(note(7));
        fxQueue.poll().run();
        assertThat(first).isEqualTo(second).hasSize(1);
        assertThat(first.get(0).publishedNanos()).isGreaterThanOrEqualTo(before);
    }
}
