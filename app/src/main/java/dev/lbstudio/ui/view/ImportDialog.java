package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.ImportViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * File ▸ Import… and Import from cluster…: runs the import in the background with progress and
 * Cancel, then shows what was found per kind and every warning (file:line) before "Open as new
 * design". The caller asks about unsaved changes before opening; this dialog only reports the choice.
 */
final class ImportDialog extends Dialog<ButtonType> {

    static final ButtonType OPEN = new ButtonType("Open as new design", ButtonBar.ButtonData.OK_DONE);

    private ImportDialog(Window owner, ImportViewModel vm, String title, javafx.scene.Node source) {
        vm.reset();
        initOwner(owner);
        setTitle("LB Studio");
        setHeaderText(title);
        setResizable(true);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label progress = new Label();
        progress.setId("import-progress");
        progress.textProperty().bind(vm.progressProperty());
        Button cancel = new Button("Cancel import");
        cancel.setId("import-cancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox running = new HBox(8, spinner, progress, cancel);
        running.visibleProperty().bind(vm.runningProperty());
        running.managedProperty().bind(running.visibleProperty());

        ListView<String> found = new ListView<>();
        found.setId("import-found");
        found.setPrefHeight(170);
        ListView<String> warnings = new ListView<>();
        warnings.setId("import-warnings");
        warnings.setPrefHeight(170);
        Label warningsTitle = new Label("Warnings");
        vm.previewProperty().addListener((o, was, p) -> {
            found.setItems(FXCollections.observableArrayList(p == null ? List.of() : p.found()));
            warnings.setItems(FXCollections.observableArrayList(p == null ? List.of()
                    : p.warningLines()));
            warningsTitle.setText(p == null ? "Warnings" : p.warnings().size() + " warnings (file:line: message)");
        });
        found.setPrefWidth(230);
        found.setMinWidth(200);
        HBox lists = new HBox(12, titled("Found", found), titled(warningsTitle, warnings));
        HBox.setHgrow(lists.getChildren().get(1), Priority.ALWAYS);
        VBox.setVgrow(lists, Priority.ALWAYS);

        VBox content = new VBox(10, source, running, lists);
        content.setPadding(new Insets(4, 0, 0, 0));
        getDialogPane().setContent(content);
        getDialogPane().setPrefSize(900, 560);
        Dialogs.widerThanTheTheme(getDialogPane());
        getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CLOSE);
        getDialogPane().lookupButton(OPEN).disableProperty().bind(vm.previewProperty().isNull());
        // Closing while an import runs abandons it; nothing half-imported reaches the design.
        setOnHidden(e -> vm.cancel());
    }

    private static VBox titled(String title, ListView<String> list) {
        return titled(new Label(title), list);
    }

    private static VBox titled(Label title, ListView<String> list) {
        title.getStyleClass().add("panel-title");
        VBox box = new VBox(4, title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    /** For chosen files: the import starts at once; "Add files…" imports a new selection. */
    static ImportDialog forFiles(Window owner, ImportViewModel vm, List<Path> files) {
        Label chosen = new Label();
        chosen.setWrapText(true);
        Button more = new Button("Choose other files…");
        more.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox source = new HBox(8, more, chosen);
        source.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        ImportDialog dialog = new ImportDialog(owner, vm, "Import manifests, Helm values and FRR configs", source);
        Runnable start = () -> {
            chosen.setText(files.size() + " file(s): " + String.join(", ", files.stream()
                    .map(p -> p.getFileName().toString()).toList()));
            vm.importFiles(files);
        };
        more.setOnAction(e -> chooseFiles(dialog.getDialogPane().getScene().getWindow()).ifPresent(again -> {
            files.clear();
            files.addAll(again);
            start.run();
        }));
        start.run();
        return dialog;
    }

    /** A multi-select chooser for manifests, values files and FRR configs; empty when cancelled. */
    static java.util.Optional<List<Path>> chooseFiles(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import manifests, Helm values, FRR configs");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("YAML manifests, values and FRR configs", "*.yaml", "*.yml", "*.json",
                        "*.conf", "*.cfg", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> picked = chooser.showOpenMultipleDialog(owner);
        return picked == null || picked.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new java.util.ArrayList<>(picked.stream().map(File::toPath).toList()));
    }

    /** For a live cluster: kubeconfig and context, defaulting like kubectl; "Read cluster" starts it. */
    static ImportDialog forCluster(Window owner, ImportViewModel vm) {
        Path defaultConfig = ImportViewModel.defaultKubeconfig(System.getenv(), Path.of(System.getProperty("user.home")));
        TextField kubeconfig = new TextField(defaultConfig.toString());
        kubeconfig.setId("import-kubeconfig");
        HBox.setHgrow(kubeconfig, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        ComboBox<String> context = new ComboBox<>();
        context.setId("import-context");
        context.setEditable(true);
        context.setPromptText("current context");
        Runnable contexts = () -> context.getItems().setAll(ImportViewModel.contexts(Path.of(kubeconfig.getText().trim())));
        kubeconfig.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                contexts.run();
            }
        });
        contexts.run();
        Button read = new Button("Read cluster");
        read.setId("import-read");
        read.disableProperty().bind(vm.runningProperty().or(Bindings.createBooleanBinding(
                () -> kubeconfig.getText().isBlank(), kubeconfig.textProperty())));
        read.setOnAction(e -> vm.importCluster(Path.of(kubeconfig.getText().trim()), context.getEditor().getText()));
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("kubeconfig"), new HBox(8, kubeconfig, browse));
        form.addRow(1, new Label("context"), new HBox(8, context, read));
        GridPane.setHgrow(form.getChildren().get(1), Priority.ALWAYS);
        ImportDialog dialog = new ImportDialog(owner, vm, "Import from a live cluster (read only)", form);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("kubeconfig");
            File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                kubeconfig.setText(f.toString());
                contexts.run();
            }
        });
        return dialog;
    }
}
