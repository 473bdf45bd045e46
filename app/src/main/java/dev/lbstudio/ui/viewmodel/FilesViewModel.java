package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.io.LoadProblem;
import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.scene.SvgWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.util.Duration;

/**
 * File work for the open design: new, open, open sample, save, save as, recent files, autosave and
 * crash recovery. Reading and writing run in {@link Task}s on a background executor; results come
 * back on the FX thread, so the window never freezes on a slow disk. FX thread only.
 */
public final class FilesViewModel {

    /** Something the user must see in a dialog: a title and one line per problem (file:line:column: path: message). */
    public record Problem(String title, List<String> lines) {
    }

    private final DesignViewModel document;
    private final DesignStore store;
    private final RecentFiles recent;
    private final Recovery recovery;
    private final Executor executor;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Consumer<Problem> problems = p -> { };
    private Topology lastAutosaved;
    private Timeline autosave;

    public FilesViewModel(DesignViewModel document, DesignStore store, RecentFiles recent, Recovery recovery,
                          Executor executor) {
        this.document = document;
        this.store = store;
        this.recent = recent;
        this.recovery = recovery;
        this.executor = executor;
    }

    /** Where problems go (the view shows a dialog). */
    public void onProblem(Consumer<Problem> sink) {
        this.problems = sink;
    }

    public void newDesign() {
        document.load(DesignViewModel.blank(), null);
        document.say("New design");
    }

    public Task<Topology> open(Path file) {
        return run("Opening " + file.getFileName(), () -> store.read(file), design -> {
            document.load(design, file);
            recent.remember(file);
            document.say("Opened " + file);
        }, error -> {
            if (!(error instanceof TopologyLoadException)) {
                recent.forget(file);
            }
            problems.accept(new Problem("Cannot open " + file.getFileName(), lines(error)));
        });
    }

    /** Opens a bundled sample as a new, unsaved document, so saving never overwrites the sample. */
    public Task<Topology> openSample(String name) {
        return run("Opening sample " + name, () -> TopologyReader.parse("samples/" + name, Samples.read(name)),
                design -> {
                    document.load(design, null);
                    document.say("Opened sample " + name + " (Save As to keep your changes)");
                }, error -> problems.accept(new Problem("Cannot open sample " + name, lines(error))));
    }

    /** Saves to the document's file; empty when it has none yet (the view then asks where: Save As). */
    public Optional<Task<Topology>> save(Runnable then) {
        return Optional.ofNullable(document.file()).map(f -> saveAs(f, then));
    }

    /** Saves to {@code file}; {@code then} runs on the FX thread after a successful save. */
    public Task<Topology> saveAs(Path file, Runnable then) {
        Topology snapshot = document.design();
        return run("Saving " + file.getFileName(), () -> {
            store.write(snapshot, file);
            return snapshot;
        }, written -> {
            document.markSaved(written, file);
            recent.remember(file);
            document.say("Saved " + file);
            if (!document.isDirty()) {
                clearRecovery();
            }
            then.run();
        }, error -> problems.accept(new Problem("Cannot save " + file.getFileName(), lines(error))));
    }

    /** Something that writes one file, e.g. a PNG or SVG export. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Writes an export off the FX thread and says where it went. */
    public Task<Path> export(Path file, FileWriter writer) {
        return run("Exporting " + file.getFileName(), () -> {
            writer.write(file);
            return file;
        }, written -> document.say("Exported " + written), error -> problems.accept(
                new Problem("Cannot export " + file.getFileName(), lines(error))));
    }

    /** The design as SVG, drawn from the same scene as the canvas. */
    public Task<Path> exportSvg(Path file) {
        String svg = SvgWriter.write(document.sceneProperty().get(), document.design().name());
        return export(file, f -> TopologyWriter.writeAtomically(f, svg));
    }

    /** Writes the recovery copy every {@code period} while there are unsaved changes. */
    public void startAutosave(Duration period) {
        autosave = new Timeline(new KeyFrame(period, e -> autosaveNow()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    public Optional<Task<Topology>> autosaveNow() {
        Topology snapshot = document.design();
        if (!document.isDirty() || snapshot == lastAutosaved) {
            return Optional.empty();
        }
        Path original = document.file();
        lastAutosaved = snapshot;
        return Optional.of(run(null, () -> {
            recovery.write(snapshot, original);
            return snapshot;
        }, written -> { }, error -> document.say("Autosave failed: " + error.getMessage())));
    }

    /** A recovery copy left by a session that ended without saving, if any. */
    public Optional<Recovery.Found> pendingRecovery() {
        return recovery.find();
    }

    public void restore(Recovery.Found found) {
        document.load(found.design(), found.original());
        document.markUnsaved();
        document.say("Restored unsaved changes" + (found.original() != null ? " to " + found.original() : ""));
    }

    /** Called on a clean exit and when the user declines a recovery copy. */
    public void clearRecovery() {
        try {
            recovery.clear();
        } catch (IOException e) {
            document.say("Could not remove the recovery copy " + recovery.file() + ": " + e.getMessage());
        }
    }

    public void stop() {
        if (autosave != null) {
            autosave.stop();
        }
    }

    private <T> Task<T> run(String what, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        if (what != null) {
            busy.set(true);
            document.say(what + " …");
        }
        task.setOnSucceeded(e -> {
            busy.set(false);
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            failed.accept(task.getException());
        });
        executor.execute(task);
        return task;
    }

    /** One line per located problem for load errors; the message for anything else. */
    static List<String> lines(Throwable error) {
        if (error instanceof TopologyLoadException load) {
            return load.problems().stream().map(LoadProblem::toString).toList();
        }
        return List.of(error.getMessage() != null ? error.getMessage() : error.toString());
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public RecentFiles recent() {
        return recent;
    }
}
