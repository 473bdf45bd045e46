package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.Topology;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.util.Duration;

/**
 * Runs an engine over the design after edits settle: waits {@code delay} after the last change
 * (typing in the property sheet, dragging), computes in a {@link Task} on the analysis thread and
 * publishes on the FX thread, dropping results for a design that has been replaced meanwhile.
 */
final class Analysis<R> {

    private final DesignViewModel document;
    private final Executor executor;
    private final Function<Topology, R> engine;
    private final Consumer<R> publish;
    private final PauseTransition debounce;
    private boolean stopped;
    private boolean started;

    Analysis(DesignViewModel document, Executor executor, Duration delay, Function<Topology, R> engine,
             Consumer<R> publish) {
        this.document = document;
        this.executor = executor;
        this.engine = engine;
        this.publish = publish;
        this.debounce = new PauseTransition(delay);
        debounce.setOnFinished(e -> run());
        document.designProperty().addListener((o, a, b) -> {
            if (started) {
                debounce.playFromStart();
            }
        });
    }

    /**
     * Starts following the design. Not done at construction: on two cores an engine warming up (class
     * loading, JIT) beside the first frames doubled the cold start, so the app starts its engines once
     * the window is drawn.
     */
    void start() {
        started = true;
        run();
    }

    /** Analyses the current design now. */
    private void run() {
        debounce.stop();
        if (stopped || !started) {
            return;
        }
        Topology design = document.design();
        Task<R> task = new Task<>() {
            @Override
            protected R call() {
                return engine.apply(design);
            }
        };
        task.setOnSucceeded(e -> {
            if (document.design() == design) {
                publish.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> document.say("Analysis failed: " + task.getException()));
        executor.execute(task);
    }

    /** No more runs: the window is closing and the analysis thread is going away. */
    void stop() {
        stopped = true;
        debounce.stop();
    }
}
