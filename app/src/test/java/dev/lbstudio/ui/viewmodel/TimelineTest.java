package dev.lbstudio.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.scenario.LabEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording behind the timeline: times from its origin, replays not recorded twice, annotations, exports. */
class TimelineTest {

    @TempDir
    Path dir;

    private static final LabEvent STEP = new LabEvent.StepApplied(Duration.ofMillis(7_000), 0,
            "node node-1 crashes silently");
    private static final LabEvent ROUTE = new LabEvent.RouteChanged(Duration.ofMillis(187_075),
            ElementId.parse("router/tor1"), IpPrefix.parse("10.208.1.0/24"),
            List.of(IpAddr.parse("10.0.0.11"), IpAddr.parse("10.0.0.12")), List.of(IpAddr.parse("10.0.0.12")),
            "hold timer expired, \"180 s\"", ElementId.parse("node/node-1"));
    private static final LabEvent PROBE = new LabEvent.ProbeSample(Duration.ofMillis(7_000), "client1:40000→10.208.1.1:80",
            false, null, null, null);

    @Test
    void eachRecordingStartsCleanEventsFromBeforeItsOriginAreNotItsOwn() {
        Timeline t = new Timeline();
        t.clear(Duration.ofSeconds(2));
        t.accept(List.of(STEP, ROUTE));
        long resets = t.resetsProperty().get();
        t.clear(Duration.ofSeconds(200));
        assertThat(t.resetsProperty().get()).as("whoever shows the lab's state starts over").isEqualTo(resets + 1);
        // The previous run's late probes and route changes arrive after the new run began.
        t.accept(List.of(PROBE, ROUTE, new LabEvent.StepApplied(Duration.ofSeconds(205), 0, "again")));
        assertThat(t.rows()).extracting(TimelineRow::at).containsExactly(Duration.ofSeconds(5));
        assertThat(t.stats().first()).contains(Duration.ofSeconds(5));
        assertThat(t.shownEvents()).hasSize(1);
    }

    @Test
    void rowsCountFromTheOriginAndAReplayShowsTheRunAgainWithoutRecordingItTwice() {
        Timeline t = new Timeline();
        t.clear(Duration.ofSeconds(2));
        t.accept(List.of(STEP, PROBE));
        t.accept(List.of(ROUTE));

        assertThat(t.rows()).extracting(TimelineRow::at).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(185_075));
        assertThat(t.visible()).as("probes hidden at first").extracting(TimelineRow::kind)
                .containsExactly(TimelineRow.Kind.STEP, TimelineRow.Kind.ROUTE);
        t.shown().add(TimelineRow.Kind.PROBE);
        assertThat(t.visible()).hasSize(3);
        assertThat(t.endProperty().get()).isEqualTo(Duration.ofMillis(185_075));
        assertThat(t.stats().convergence().get(0).took()).contains(Duration.ofMillis(180_075));

        List<LabEvent> again = t.beginReplay();
        assertThat(again).containsExactly(STEP, PROBE, ROUTE);
        assertThat(t.rows()).isEmpty();
        t.accept(List.of(STEP));
        LabEvent live = new LabEvent.Note(Duration.ofSeconds(8), LabEvent.Severity.WARNING, "bgpd died", null);
        t.accept(List.of(live));
        t.accept(List.of(PROBE, ROUTE));
        assertThat(t.rows()).hasSize(4);
        assertThat(t.recordedRows()).as("the replayed events once, the live one added")
                .extracting(TimelineRow::what).containsExactly("step 0: node node-1 crashes silently", "failed",
                        "bgpd died", "10.208.1.0/24: 10.0.0.11, 10.0.0.12 → 10.0.0.12");
    }

    @Test
    void anAbandonedReplayShowsTheWholeRecordingAgain() {
        Timeline t = new Timeline();
        t.accept(List.of(STEP, ROUTE));
        t.beginReplay();
        t.accept(List.of(STEP));
        t.abandonReplay();
        assertThat(t.rows()).extracting(TimelineRow::event).containsExactly(STEP, ROUTE);
        t.accept(List.of(ROUTE));
        assertThat(t.recordedRows()).as("after abandoning, an event is live again").hasSize(3);
    }

    @Test
    void anAnnotationIsARowOfItsOwnKindAndGoesIntoBothExports() throws Exception {
        Timeline t = new Timeline();
        t.clear(Duration.ofSeconds(2));
        t.accept(List.of(STEP, ROUTE));
        LabEvent note = t.annotation(Duration.ofSeconds(100), "hold timer, see: 180 s");
        t.accept(List.of(note));

        TimelineRow row = t.rows().get(2);
        assertThat(row.kind()).isEqualTo(TimelineRow.Kind.ANNOTATION);
        assertThat(row.at()).isEqualTo(Duration.ofSeconds(98));

        RunExport.Content content = new RunExport.Content("node-crash", "simulated", t.recordedRows(),
                t.stats().outages(), t.stats().convergence());
        Path csv = dir.resolve("run.csv");
        Path json = dir.resolve("run.json");
        RunExport.writeCsv(content, csv);
        RunExport.writeJson(content, json);

        assertThat(Files.readAllLines(csv)).containsExactly("time_s,kind,subject,what,reason",
                "5.000,step,,step 0: node node-1 crashes silently,",
                "98.000,annotation,,\"hold timer, see: 180 s\",",
                "185.075,route,tor1,\"10.208.1.0/24: 10.0.0.11, 10.0.0.12 → 10.0.0.12\","
                        + "\"hold timer expired, \"\"180 s\"\"\"");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("scenario").asText()).isEqualTo("node-crash");
        assertThat(root.get("events")).hasSize(3);
        assertThat(root.get("events").get(1).get("kind").asText()).isEqualTo("annotation");
        assertThat(root.get("events").get(1).get("what").asText()).isEqualTo("hold timer, see: 180 s");
        assertThat(root.get("events").get(2).get("at").asDouble()).isEqualTo(185.075);
        assertThat(root.get("convergence").get(0).get("seconds").asDouble()).isEqualTo(180.075);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left behind")
                    .containsExactlyInAnyOrder("run.csv", "run.json");
        }
    }
}
