package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.lab.api.Capabilities;
import dev.lbstudio.lab.api.RunResult;
import dev.lbstudio.lab.sim.SimLab;
import dev.lbstudio.model.Topology;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.Scenarios;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The lab panel: pick a backend and a scenario, run it, read the timeline and the outage per flow.
 * The simulated lab runs here, in a Task, on the same {@code Lab} API as the real backends; the
 * namespace lab is offered only when the capability check passes (otherwise it says what is
 * missing) and runs from {@code lbstudio lab} for now, as does the cluster backend.
 */
public final class LabViewModel {

    private final DesignViewModel document;
    private final Executor executor;
    private final ObservableList<Scenario> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final ObservableList<String> timeline = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper namespaceLab = new ReadOnlyStringWrapper(this, "namespaceLab",
            "checking what this machine has …");
    private final ReadOnlyBooleanWrapper namespaceAvailable = new ReadOnlyBooleanWrapper(this, "namespaceAvailable");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");

    private final LabFeed feed;

    public LabViewModel(DesignViewModel document, Executor executor, LabFeed feed) {
        this.document = document;
        this.executor = executor;
        this.feed = feed;
        document.designProperty().addListener((o, a, t) -> choices(t));
        choices(document.design());
    }

    private void choices(Topology t) {
        Scenario chosen = scenario.get();
        scenarios.setAll(Scenarios.builtIn(t));
        scenario.set(scenarios.stream().filter(s -> chosen != null && s.name().equals(chosen.name())).findFirst()
                .orElse(scenarios.isEmpty() ? null : scenarios.get(0)));
    }

    /** Checks once, in the background, whether this machine can run the namespace lab. */
    public void checkCapabilities() {
        Task<Capabilities.Report> task = new Task<>() {
            @Override
            protected Capabilities.Report call() {
                return Capabilities.check();
            }
        };
        task.setOnSucceeded(e -> {
            namespaceAvailable.set(task.getValue().canRunNetnsLab());
            namespaceLab.set(task.getValue().canRunNetnsLab()
                    ? "Available here: run it with lbstudio lab run (root; it starts FRR and BIRD in namespaces)."
                    : "Not available here: " + task.getValue().describe());
        });
        task.setOnFailed(e -> namespaceLab.set("Could not check: " + task.getException().getMessage()));
        executor.execute(task);
    }

    /** Runs the chosen scenario on the simulated lab with the current design. */
    public void runSimulated() {
        Scenario s = scenario.get();
        if (s == null || running.get()) {
            return;
        }
        Topology design = document.design();
        running.set(true);
        timeline.clear();
        summary.set("Running " + s.name() + " on the simulated lab …");
        Task<RunResult> task = new Task<>() {
            @Override
            protected RunResult call() {
                try (SimLab lab = new SimLab()) {
                    lab.events().consume(feed::publish);
                    lab.start(design);
                    return lab.run(s);
                }
            }
        };
        task.setOnSucceeded(e -> {
            running.set(false);
            show(task.getValue());
        });
        task.setOnFailed(e -> {
            running.set(false);
            summary.set("The run failed: " + task.getException().getMessage());
        });
        executor.execute(task);
    }

    private void show(RunResult r) {
        timeline.setAll(r.events().stream().filter(ev -> !(ev instanceof LabEvent.ProbeSample p) || !p.ok())
                .map(LabViewModel::line).toList());
        String flows = r.outages().stream().map(o -> o.flow() + " " + seconds(o.total()))
                .collect(Collectors.joining(", "));
        summary.set(r.scenario().name() + ": " + r.routeChanges().size() + " route changes; worst outage "
                + seconds(r.worstOutage()) + (flows.isEmpty() ? "" : " (" + flows + ")"));
    }

    /** One timeline line per event; successful probes are left out, failed ones show the outage. */
    static String line(LabEvent e) {
        String what;
        if (e instanceof LabEvent.StepApplied s) {
            what = "step " + s.index() + ": " + s.description();
        } else if (e instanceof LabEvent.SessionChanged s) {
            what = "session " + s.router().name() + " – " + s.peer().name() + ": " + s.from() + " → " + s.to()
                    + (s.reason() == null ? "" : " (" + s.reason() + ")");
        } else if (e instanceof LabEvent.RouteChanged c) {
            what = "route " + c.router().name() + " " + c.prefix() + ": " + c.before() + " → " + c.after()
                    + (c.reason() == null ? "" : " (" + c.reason() + ")");
        } else if (e instanceof LabEvent.ProbeSample p) {
            what = "probe " + p.flow() + (p.ok() ? " ok" : " failed");
        } else {
            LabEvent.Note n = (LabEvent.Note) e;
            what = n.severity().name().toLowerCase(Locale.ROOT) + ": " + n.text();
        }
        return String.format(Locale.ROOT, "%8.3f s  %s", e.at().toNanos() / 1e9, what);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public ObservableList<Scenario> scenarios() {
        return scenarios;
    }

    public ObjectProperty<Scenario> scenarioProperty() {
        return scenario;
    }

    public ObservableList<String> timeline() {
        return timeline;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namespaceLabProperty() {
        return namespaceLab.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty namespaceAvailableProperty() {
        return namespaceAvailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
