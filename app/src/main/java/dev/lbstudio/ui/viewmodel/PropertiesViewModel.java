package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.edit.ElementPaths;
import dev.lbstudio.ui.edit.PropertyField;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The property sheet's state: the fields of the one selected element (or the design-wide settings
 * when nothing is selected), a check for typed text, and a commit that turns accepted text into an
 * undoable edit. Refused text never reaches the design.
 */
public final class PropertiesViewModel {

    private final DesignViewModel document;
    private final ObservableList<PropertyField> fields = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");

    public PropertiesViewModel(DesignViewModel document) {
        this.document = document;
        document.designProperty().addListener((o, a, b) -> refresh());
        document.selection().addListener((javafx.collections.ListChangeListener<ElementId>) c -> refresh());
        refresh();
    }

    private void refresh() {
        Topology t = document.design();
        List<ElementId> selected = document.selection();
        if (selected.isEmpty()) {
            title.set("Design settings");
            fields.setAll(PropertyField.ofDesign(t));
        } else if (selected.size() == 1) {
            ElementId id = selected.get(0);
            title.set(id.toString());
            fields.setAll(ElementPaths.of(t, id).map(p -> PropertyField.of(t, p)).orElse(List.of()));
        } else {
            title.set(selected.size() + " elements selected");
            fields.clear();
        }
    }

    /**
     * True for the selected element's own name: the sheet edits it, but as a rename that rewrites
     * every reference ({@link DesignViewModel#rename}), never as a plain field edit.
     */
    public boolean isName(PropertyField field) {
        return document.renameTarget().flatMap(id -> ElementPaths.of(document.design(), id))
                .map(p -> p.then("name").equals(field.path())).orElse(false);
    }

    /** Null when {@code text} would be accepted, else the reason in the user's terms. */
    public String check(PropertyField field, String text) {
        if (isName(field)) {
            return field.text(document.design()).equals(text.trim()) ? null
                    : document.renameProblem(document.renameTarget().orElseThrow(), text.trim()).orElse(null);
        }
        return field.problem(document.design(), text);
    }

    /** Applies {@code text} as one undoable edit; false (and the reason in the status bar) when refused. */
    public boolean commit(PropertyField field, String text) {
        Topology t = document.design();
        if (field.text(t).equals(text.trim())) {
            return true;
        }
        if (isName(field)) {
            return document.rename(document.renameTarget().orElseThrow(), text.trim());
        }
        try {
            Topology next = field.apply(t, text);
            String subject = document.selection().size() == 1 ? document.selection().get(0) + " " : "";
            document.apply("Set " + subject + field.path().field() + " to " + (text.isBlank() ? "(default)" : text.trim()),
                    next);
            return true;
        } catch (IllegalArgumentException e) {
            document.say("Not applied: " + field.name() + ": " + e.getMessage());
            return false;
        }
    }

    public ObservableList<PropertyField> fields() {
        return fields;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public Topology design() {
        return document.design();
    }
}
