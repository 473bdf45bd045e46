package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.cli.RenderedFiles;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.Renderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The render dialog's state: renders the open design (the same choices as {@code lbstudio render})
 * in a background {@link Task}, lists the files with their content for a preview, says which would
 * replace existing files, and writes them each atomically. FX thread only.
 */
public final class RenderViewModel {

    /** One file the renderer produced: its path under the target directory and its text. */
    public record RenderedFile(String path, String content) {
    }

    private final DesignViewModel document;
    private final Executor executor;
    private final ObservableList<RenderedFile> files = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Consumer<FilesViewModel.Problem> problems = p -> { };

    public RenderViewModel(DesignViewModel document, Executor executor) {
        this.document = document;
        this.executor = executor;
    }

    public void onProblem(Consumer<FilesViewModel.Problem> sink) {
        this.problems = sink;
    }

    /** Renders {@code what} from the design as it is now; the file list fills in when done. */
    public Task<List<RenderedFile>> render(Renderer.What what) {
        Topology snapshot = document.design();
        files.clear();
        return run("Cannot render " + snapshot.name(), () -> Renderer.render(snapshot, what).entrySet().stream()
                .map(e -> new RenderedFile(e.getKey(), e.getValue())).toList(), files::setAll);
    }

    /** The listed files that already exist in {@code target}: writing replaces them, so the view asks first. */
    public List<String> existing(Path target) {
        return RenderedFiles.existing(target, files.stream().map(RenderedFile::path).toList());
    }

    /** Writes the listed files into {@code target}, each through a temp file and an atomic rename. */
    public Task<List<Path>> write(Path target) {
        Map<String, String> contents = new LinkedHashMap<>();
        files.forEach(f -> contents.put(f.path(), f.content()));
        return run("Cannot write into " + target, () -> RenderedFiles.write(target, contents),
                written -> document.say("Wrote " + written.size() + " files into " + target));
    }

    private <T> Task<T> run(String failure, java.util.concurrent.Callable<T> work, Consumer<T> done) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        busy.set(true);
        task.setOnSucceeded(e -> {
            busy.set(false);
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            busy.set(false);
            problems.accept(new FilesViewModel.Problem(failure, FilesViewModel.lines(task.getException())));
        });
        executor.execute(task);
        return task;
    }

    public ObservableList<RenderedFile> files() {
        return files;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
