package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.Topology;
import dev.lbstudio.routing.RoutingEngine;
import dev.lbstudio.scenario.LabEvent;
import dev.lbstudio.scenario.Scenario;
import dev.lbstudio.scenario.SimulationResult;
import dev.lbstudio.scenario.Simulator;
import dev.lbstudio.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;

/**
 * Presenter mode's "predict then reveal": for the scenario's next step the audience first sees what the
 * simulator expects (route changes, outage, convergence), then the step is applied to the running lab and what
 * the lab reports fills in beside the prediction, the differences marked. Both sides are measured the same way
 * ({@link RunStats}) from the step on, until the next step.
 */
public final class PresenterViewModel {

    public enum Phase { READY, PREDICTING, PREDICTED, REVEALED }

    /** What differs between prediction and measurement, for highlighting. */
    public enum Field { ROUTES, OUTAGE, CONVERGENCE }

    /** One side of the comparison, measured from the step's time. */
    public record Outcome(List<String> routeChanges, Duration outage, Optional<Duration> converged) {

        /** The route changes, worst outage and convergence among {@code events} from {@code from} on. */
        static Outcome of(List<LabEvent> events, Duration from, Duration probeTimeout) {
            Measure m = new Measure(from, probeTimeout);
            m.add(events);
            return m.outcome();
        }
    }

    /** Collects one step's effects as events arrive; an outcome costs the routes and outage windows, not the samples. */
    static final class Measure {
        private final Duration from;
        private final RunStats stats = new RunStats();
        private final List<String> routes = new ArrayList<>();
        private Duration lastRoute;

        Measure(Duration from, Duration probeTimeout) {
            this.from = from;
            stats.timeout(probeTimeout);
        }

        void add(List<LabEvent> events) {
            List<LabEvent> window = events.stream().filter(e -> e.at().compareTo(from) >= 0).toList();
            for (LabEvent e : window) {
                if (e instanceof LabEvent.RouteChanged) {
                    TimelineRow r = TimelineRow.of(e, false);
                    routes.add(r.subject() + " " + r.what());
                    lastRoute = e.at();
                }
            }
            stats.addAll(window);
        }

        Outcome outcome() {
            Duration outage = stats.outages().stream().map(SimulationResult.FlowOutage::total)
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            return new Outcome(List.copyOf(routes), outage, Optional.ofNullable(lastRoute).map(t -> t.minus(from)));
        }
    }

    /** Figures within half a second or 20 % of each other count as the same: lab timers are not that exact. */
    static boolean close(Duration a, Duration b) {
        long diff = Math.abs(a.toMillis() - b.toMillis());
        return diff <= Math.max(500, Math.max(a.toMillis(), b.toMillis()) / 5);
    }

    public static Set<Field> differences(Outcome predicted, Outcome measured) {
        Set<Field> d = EnumSet.noneOf(Field.class);
        if (predicted.routeChanges().size() != measured.routeChanges().size()) {
            d.add(Field.ROUTES);
        }
        if (!close(predicted.outage(), measured.outage())) {
            d.add(Field.OUTAGE);
        }
        if (predicted.converged().isPresent() != measured.converged().isPresent()
                || predicted.converged().isPresent() && !close(predicted.converged().get(), measured.converged().get())) {
            d.add(Field.CONVERGENCE);
        }
        return d;
    }

    private final LabViewModel lab;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final ReadOnlyIntegerWrapper next = new ReadOnlyIntegerWrapper(this, "next");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.READY);
    private final ReadOnlyObjectWrapper<Outcome> predicted = new ReadOnlyObjectWrapper<>(this, "predicted");
    private final ReadOnlyObjectWrapper<Outcome> measured = new ReadOnlyObjectWrapper<>(this, "measured");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Measure measuring;
    private boolean awaitingStep;
    /** The index of the StepApplied that starts the measurement, or -1 for the first one (a step applied live). */
    private int awaitedIndex = -1;
    private Duration timeout;

    PresenterViewModel(LabViewModel lab) {
        this.lab = lab;
        lab.scenarioProperty().addListener((o, a, b) -> restart());
    }

    /** Back to the scenario's first step. */
    public void restart() {
        next.set(0);
        reset();
    }

    private void reset() {
        phase.set(Phase.READY);
        predicted.set(null);
        measured.set(null);
        measuring = null;
        awaitingStep = false;
        status.set("");
    }

    /** The step the audience is about to see, or empty when the scenario is done. */
    public Optional<Step> nextStep() {
        Scenario s = lab.scenarioProperty().get();
        return s == null || next.get() >= s.steps().size() ? Optional.empty() : Optional.of(s.steps().get(next.get()));
    }

    /** Simulates the scenario up to the next step, in the background, and shows what that step should do. */
    public void predict() {
        Scenario s = lab.scenarioProperty().get();
        Optional<Step> step = nextStep();
        if (step.isEmpty() || phase.get() == Phase.PREDICTING) {
            return;
        }
        int i = next.get();
        Topology design = lab.design();
        phase.set(Phase.PREDICTING);
        Task<Outcome> task = new Task<>() {
            @Override
            protected Outcome call() {
                Scenario upTo = upTo(s, i);
                SimulationResult r = Simulator.run(RoutingEngine.compute(design), upTo);
                Scenario.Probe probe = LabViewModel.probe(s);
                return Outcome.of(ProbeRepeater.fill(r.events(), probe, upTo.effectiveDuration()), step.get().time(),
                        probe.effectiveTimeout());
            }
        };
        task.setOnSucceeded(e -> {
            predicted.set(task.getValue());
            phase.set(Phase.PREDICTED);
        });
        task.setOnFailed(e -> phase.set(Phase.READY));
        Thread t = new Thread(task, "lbstudio-predict");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Shows what the lab measures for the predicted step. On the simulated lab the run up to the step plays at the
     * lab panel's speed from the step on ({@code jump}: its end at once), so a 180 s hold timer takes 6 s at 30×;
     * a namespace lab or cluster gets the step applied now and runs in real time. {@link #statusProperty} says which.
     */
    public void reveal(boolean jump) {
        Optional<Step> step = nextStep();
        Scenario s = lab.scenarioProperty().get();
        if (phase.get() != Phase.PREDICTED || step.isEmpty()) {
            return;
        }
        int n = next.get() + 1;
        timeout = LabViewModel.probe(s).effectiveTimeout();
        measuring = null;
        awaitingStep = true;
        measured.set(new Outcome(List.of(), Duration.ZERO, Optional.empty()));
        phase.set(Phase.REVEALED);
        if (lab.activeBackend() == LabViewModel.Backend.SIMULATED) {
            double pace = jump ? LabViewModel.JUMP : lab.speedProperty().get();
            Scenario upTo = upTo(s, next.get());
            Duration length = upTo.effectiveDuration().minus(step.get().time());
            status.set(jump ? "Jumping to the lab's result of step " + n + " …"
                    : String.format(Locale.ROOT, "Playing the lab's run of step %d at %.0f×: %.0f s of lab time in %.1f s …",
                    n, pace, length.toMillis() / 1000.0, length.toMillis() / 1000.0 / pace));
            // The step's StepApplied comes after the earlier steps', which replay at once.
            awaitedIndex = next.get();
            lab.runScenario(upTo, step.get().time(), pace, () -> status.set("Measured step " + n + (jump
                    ? " (jumped to the end of its run)." : String.format(Locale.ROOT, " (played at %.0f×).", pace))));
        } else {
            awaitedIndex = -1;
            status.set("Applying step " + n + " to the " + lab.activeBackend().label().toLowerCase(Locale.ROOT)
                    + ": a real lab runs in real time (1×), the measurement fills in as it happens …");
            Runnable apply = () -> lab.apply(step.get(), () -> { });
            if (lab.stateProperty().get() == LabViewModel.State.STOPPED) {
                lab.start(apply);
            } else {
                apply.run();
            }
        }
    }

    /** The scenario's steps up to and including the {@code i}-th: what a prediction or a reveal of that step runs. */
    private static Scenario upTo(Scenario s, int i) {
        return new Scenario(s.name(), s.description(), null, s.probe(), s.assume(), s.steps().subList(0, i + 1));
    }

    /** On to the scenario's following step. */
    public void advance() {
        if (nextStep().isPresent()) {
            next.set(next.get() + 1);
        }
        reset();
    }

    /** Lab events as they reach the panel: after a reveal, the step's StepApplied starts the measurement. */
    void observe(List<LabEvent> events) {
        if (phase.get() != Phase.REVEALED) {
            return;
        }
        List<LabEvent> after = events;
        if (awaitingStep) {
            int i = 0;
            while (i < events.size() && !(events.get(i) instanceof LabEvent.StepApplied a
                    && (awaitedIndex < 0 || a.index() == awaitedIndex))) {
                i++;
            }
            if (i == events.size()) {
                return;
            }
            awaitingStep = false;
            measuring = new Measure(events.get(i).at(), timeout);
            after = events.subList(i, events.size());
        }
        if (measuring != null) {
            measuring.add(after);
            measured.set(measuring.outcome());
        }
    }

    /** What the reveal is doing now (playing at which speed, jumping, waiting for a real lab), for the audience. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty activeProperty() {
        return active;
    }

    public ReadOnlyIntegerProperty nextProperty() {
        return next.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> predictedProperty() {
        return predicted.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> measuredProperty() {
        return measured.getReadOnlyProperty();
    }
}
