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
        widerThanTheTheme(alert.getDialogPane());
        alert.show();
    }

    /**
     * Lets a dialog take the width it asks for: AtlantaFX caps dialog panes at 600 px, too narrow for file:line
     * lists and file previews, and in layout a minimum above a maximum wins.
     */
    static void widerThanTheTheme(javafx.scene.control.DialogPane pane) {
        pane.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
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

    /**
     * Asks for a new name, saying as the user types why a name would be refused (clash, not a
     * Kubernetes name); OK stays disabled until the name is acceptable.
     */
    static Optional<String> rename(Window owner, String what, String current,
                                   java.util.function.Function<String, Optional<String>> problem) {
        javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("LB Studio");
        dialog.setHeaderText("Rename " + what);
        javafx.scene.control.TextField name = new javafx.scene.control.TextField(current);
        name.setId("rename-field");
        javafx.scene.control.Label why = new javafx.scene.control.Label();
        why.setId("rename-problem");
        why.getStyleClass().add("inline-problem");
        why.setWrapText(true);
        why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        why.setMaxWidth(460);
        dialog.getDialogPane().setContent(new javafx.scene.layout.VBox(8, new javafx.scene.control.Label(
                "New name (every reference follows):"), name, why));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setPrefWidth(520);
        javafx.scene.Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        Runnable recheck = () -> {
            boolean unchanged = name.getText().trim().equals(current);
            Optional<String> refused = unchanged ? Optional.empty() : problem.apply(name.getText().trim());
            why.setText(refused.orElse(""));
            ok.setDisable(unchanged || refused.isPresent());
            // The reason can take three lines: grow the window with it rather than cut it off.
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        };
        name.textProperty().addListener((o, a, b) -> recheck.run());
        recheck.run();
        dialog.setOnShown(e -> {
            name.requestFocus();
            name.selectAll();
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? name.getText().trim() : null);
        return dialog.showAndWait();
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
