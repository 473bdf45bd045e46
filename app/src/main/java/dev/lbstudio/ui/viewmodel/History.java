package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.Topology;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo as two stacks of whole designs. Designs are immutable and an edit rebuilds only the
 * records on the path to the change, so consecutive snapshots share almost everything.
 */
final class History {

    /** A design and the sentence that made it, e.g. "Added node node-4". */
    record Step(Topology design, String description) {
    }

    static final int LIMIT = 500;

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();

    void clear() {
        undo.clear();
        redo.clear();
    }

    /** Remembers {@code before} so the edit described can be undone; a new edit drops the redo stack. */
    void push(Topology before, String description) {
        undo.push(new Step(before, description));
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
    }

    Optional<Step> undo(Topology current) {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        Step step = undo.pop();
        redo.push(new Step(current, step.description()));
        return Optional.of(step);
    }

    Optional<Step> redo(Topology current) {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        Step step = redo.pop();
        undo.push(new Step(current, step.description()));
        return Optional.of(step);
    }

    Optional<String> nextUndo() {
        return Optional.ofNullable(undo.peek()).map(Step::description);
    }

    Optional<String> nextRedo() {
        return Optional.ofNullable(redo.peek()).map(Step::description);
    }
}
