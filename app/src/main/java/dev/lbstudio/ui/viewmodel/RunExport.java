package dev.lbstudio.ui.viewmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.scenario.SimulationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A recorded run as a file: CSV (one line per timeline row, for a spreadsheet) or JSON (rows plus the outage
 * per flow and the convergence per step, for scripts). Both are written atomically, through a temporary file
 * renamed over the target, so a reader never sees half an export.
 */
public final class RunExport {

    public enum Format { CSV, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run was: the rows in time order and the figures the chart shows. */
    public record Content(String scenario, String backend, List<TimelineRow> rows,
                          List<SimulationResult.FlowOutage> outages, List<RunStats.Convergence> convergence) {
    }

    record JsonRun(String scenario, String backend, List<JsonRow> events, List<JsonOutage> outages,
                   List<JsonConvergence> convergence) {
    }

    record JsonRow(double at, String kind, String subject, String what, String reason) {
    }

    record JsonOutage(String flow, int probes, int failures, double seconds, List<double[]> windows) {
    }

    record JsonConvergence(int step, double stepAt, Double seconds) {
    }

    private RunExport() {
    }

    public static void writeCsv(Content run, Path file) throws IOException {
        TopologyWriter.writeAtomically(file, csv(run.rows()));
    }

    public static void writeJson(Content run, Path file) throws IOException {
        TopologyWriter.writeAtomically(file, json(run));
    }

    static String csv(List<TimelineRow> rows) {
        StringBuilder out = new StringBuilder("time_s,kind,subject,what,reason\n");
        for (TimelineRow r : rows) {
            out.append(TimelineRow.seconds(r.at())).append(',').append(r.kind().label()).append(',')
                    .append(field(r.subject())).append(',').append(field(r.what())).append(',')
                    .append(field(r.reason())).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    private static String field(String s) {
        return s.matches("(?s).*[\",\r\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String json(Content run) {
        List<JsonRow> rows = run.rows().stream().map(r -> new JsonRow(RunStats.seconds(r.at()), r.kind().label(),
                r.subject(), r.what(), r.reason())).toList();
        List<JsonOutage> outages = run.outages().stream().map(o -> new JsonOutage(o.flow(), o.probes(), o.failures(),
                RunStats.seconds(o.total()), o.windows().stream().map(w -> new double[] {RunStats.seconds(w.start()),
                        RunStats.seconds(w.end())}).toList())).toList();
        List<JsonConvergence> convergence = run.convergence().stream().map(c -> new JsonConvergence(c.step(),
                RunStats.seconds(c.stepAt()), c.took().map(RunStats::seconds).orElse(null))).toList();
        try {
            return JSON.writeValueAsString(new JsonRun(run.scenario(), run.backend(), rows, outages, convergence));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run as JSON", e);
        }
    }
}
