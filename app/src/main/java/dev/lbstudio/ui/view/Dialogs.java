package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.FilesViewModel;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** The app's dialogs, kept in one place so they look alike. */
final class Dialogs {

    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
    static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.YES);
    static final ButtonType DROP = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private Dialogs() {
    }

    /** Load and save problems: one located line each (file:line:column: path: message), selectable for copying. */
    static void problem(Window owner, FilesViewModel.Problem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("LB Studio");
        alert.setHeaderText(problem.title());
        TextArea lines = new TextArea(String.join("\n", problem.lines()));
        lines.setEditable(false);
        lines.setWrapText(true);
        lines.setPrefRowCount(Math.min(12, Math.max(3, problem.lines().size() + 1)));
        lines.getStyleClass().add("problem-lines");
        alert.getDialogPane().setContent(lines);
        alert.getDialogPane().setPrefWidth(720);
        alert.show();
    }

    /** Save / Don't Save / Cancel for unsaved changes. */
    static Optional<ButtonType> unsaved(Window owner, String name) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Your changes are lost if you don't save them.", SAVE,
                DISCARD, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("LB Studio");
        alert.setHeaderText("Save changes to " + name + "?");
        return alert.showAndWait();
    }

    static Optional<ButtonType> recover(Window owner, String what) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "LB Studio closed without saving changes to " + what
                + ". Restore them?", RESTORE, DROP);
        alert.initOwner(owner);
        alert.setTitle("LB Studio");
        alert.setHeaderText("Unsaved changes found");
        return alert.showAndWait();
    }
}
