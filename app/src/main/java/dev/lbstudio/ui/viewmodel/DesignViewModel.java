package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Layout;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.edit.ElementRename;
import dev.lbstudio.ui.edit.RecordPath;
import dev.lbstudio.ui.edit.TopologyEdits;
import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.edit.TopologyEdits.Change;
import dev.lbstudio.ui.scene.DesignScene;
import dev.lbstudio.ui.scene.ForceLayout;
import dev.lbstudio.ui.scene.LayeredLayout;
import dev.lbstudio.ui.scene.SceneBuilder;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open design: the current immutable {@link Topology}, its undo/redo history, the file it came
 * from, whether it has unsaved changes, the selection and the scene the canvas draws. Every edit goes
 * through {@link #apply}; later panels (findings' "Fix", lab-driven edits) use the same door, so
 * they are undoable too. FX thread only.
 */
public final class DesignViewModel {

    private final ReadOnlyObjectWrapper<Topology> design = new ReadOnlyObjectWrapper<>(this, "design");
    private final ReadOnlyObjectWrapper<DesignScene> scene = new ReadOnlyObjectWrapper<>(this, "scene");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<Topology> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "");
    private final ObservableList<ElementId> selection = FXCollections.observableArrayList();
    private final ObservableList<ElementId> flashed = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper loads = new ReadOnlyIntegerWrapper(this, "loads");
    private final History history = new History();
    /** True while {@link #load} replaces the document: its scene owes nothing to the previous design's. */
    private boolean loading;

    public DesignViewModel() {
        dirty.bind(Bindings.createBooleanBinding(() -> design.get() != saved.get(), design, saved));
        design.addListener((o, before, now) -> {
            // An edit keeps every element where it was drawn; a design just loaded is laid out afresh.
            scene.set(now == null ? new DesignScene(List.of(), List.of())
                    : SceneBuilder.build(now, loading ? null : scene.get()));
            selection.removeIf(id -> scene.get().box(id).isEmpty());
        });
        load(blank(), null);
    }

    /** The design a new document starts with: empty, named so it can be saved as is. */
    public static Topology blank() {
        return new Topology(null, null, "untitled", null, null, null, null, null, null, null, null);
    }

    /** Replaces the document (new, open, recover): clears history; {@code file} null means never saved. */
    public void load(Topology topology, Path from) {
        history.clear();
        selection.clear();
        file.set(from);
        loading = true;
        try {
            design.set(topology);
        } finally {
            loading = false;
        }
        saved.set(topology);
        refreshHistoryTexts();
        loads.set(loads.get() + 1);
    }

    /** Counts {@link #load}s: views reset their zoom when a different document arrives, not on every edit. */
    public ReadOnlyIntegerProperty loadsProperty() {
        return loads.getReadOnlyProperty();
    }

    /** Marks the current design as the one on disk at {@code at}. */
    public void markSaved(Topology topology, Path at) {
        file.set(at);
        saved.set(topology);
    }

    /** Marks the document as not saved anywhere (restored from a crash: it differs from any file). */
    public void markUnsaved() {
        saved.set(null);
    }

    public void apply(Change change) {
        apply(change.description(), change.topology());
        change.created().ifPresent(id -> selection.setAll(id));
    }

    /** The single door for edits: pushes the current design on the undo stack and shows the new one. */
    public void apply(String description, Topology next) {
        if (next == design.get()) {
            return;
        }
        history.push(design.get(), description);
        design.set(next);
        status.set(description);
        refreshHistoryTexts();
    }

    /** Runs an edit that may refuse (bad pairing, nothing to delete); a refusal goes to the status bar. */
    public boolean attempt(Supplier<Change> edit) {
        try {
            apply(edit.get());
            return true;
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return false;
        }
    }

    public void undo() {
        history.undo(design.get()).ifPresent(step -> {
            design.set(step.design());
            status.set("Undid: " + step.description());
        });
        refreshHistoryTexts();
    }

    public void redo() {
        history.redo(design.get()).ifPresent(step -> {
            design.set(step.design());
            status.set("Redid: " + step.description());
        });
        refreshHistoryTexts();
    }

    public boolean add(Addable kind, double x, double y, Optional<ElementId> onto) {
        return attempt(() -> TopologyEdits.add(design.get(), kind, new Layout.Position(Math.round(x), Math.round(y)),
                onto));
    }

    public boolean connect(ElementId a, ElementId b) {
        return attempt(() -> TopologyEdits.connect(design.get(), a, b));
    }

    public boolean deleteSelection() {
        if (selection.isEmpty()) {
            status.set("Select something to delete");
            return false;
        }
        return attempt(() -> TopologyEdits.delete(design.get(), List.copyOf(selection)));
    }

    /** The element F2 would rename: the one selected, if exactly one is. */
    public Optional<ElementId> renameTarget() {
        return selection.size() == 1 ? Optional.of(selection.get(0)) : Optional.empty();
    }

    /** Why {@code name} cannot be {@code id}'s new name, or empty when it can: shown as the user types. */
    public Optional<String> renameProblem(ElementId id, String name) {
        return ElementRename.problem(design.get(), id, name);
    }

    /** Renames {@code id} and every reference to it as one undoable step; a refusal goes to the status bar. */
    public boolean rename(ElementId id, String name) {
        // The drawing knows elements by id: pinned where it is drawn, the renamed element keeps its place.
        Topology t = design.get();
        Topology pinned = t.layout().positions().containsKey(id.toString()) ? t : scene.get().box(id)
                .map(b -> TopologyEdits.place(t, Map.of(id, new Layout.Position(b.x(), b.y())))).orElse(t);
        return attempt(() -> ElementRename.rename(pinned, id, name));
    }

    /** One undo step for a whole drag, however many pulses it took. */
    public void move(Map<ElementId, Layout.Position> where) {
        if (!where.isEmpty()) {
            apply("Moved " + (where.size() == 1 ? where.keySet().iterator().next() : where.size() + " elements"),
                    TopologyEdits.place(design.get(), where));
        }
    }

    /** Places every element afresh and saves the positions in the design's layout. */
    public void autoLayout(boolean force) {
        Topology t = design.get();
        Topology unplaced = RecordPath.of("layout").set(t, Layout.empty());
        Map<ElementId, Layout.Position> at = force ? ForceLayout.compute(SceneBuilder.build(unplaced))
                : LayeredLayout.compute(unplaced);
        apply(force ? "Auto-layout (force-directed)" : "Auto-layout (layered)", TopologyEdits.place(unplaced, at));
    }

    public void select(Collection<ElementId> ids) {
        selection.setAll(ids);
    }

    public void toggle(ElementId id) {
        if (!selection.remove(id)) {
            selection.add(id);
        }
    }

    /** Asks the canvas to draw attention to elements (a finding's, a packet's path) for a moment. */
    public void flash(List<ElementId> ids) {
        flashed.setAll(ids);
    }

    /** The elements last asked to flash; views animate on each change. */
    public ObservableList<ElementId> flashed() {
        return flashed;
    }

    public void selectAll() {
        selection.setAll(scene.get().boxes().stream().map(DesignScene.Box::id).toList());
    }

    public void say(String message) {
        status.set(message);
    }

    private void refreshHistoryTexts() {
        undoText.set(history.nextUndo().orElse(""));
        redoText.set(history.nextRedo().orElse(""));
    }

    public ReadOnlyObjectProperty<Topology> designProperty() {
        return design.getReadOnlyProperty();
    }

    public Topology design() {
        return design.get();
    }

    public ReadOnlyObjectProperty<DesignScene> sceneProperty() {
        return scene.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Path file() {
        return file.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public BooleanBinding canUndo() {
        return undoText.isNotEmpty();
    }

    public BooleanBinding canRedo() {
        return redoText.isNotEmpty();
    }

    public ObservableList<ElementId> selection() {
        return selection;
    }
}
