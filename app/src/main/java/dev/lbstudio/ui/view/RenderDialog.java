package dev.lbstudio.ui.view;

import dev.lbstudio.render.Renderer;
import dev.lbstudio.ui.viewmodel.RenderViewModel;
import dev.lbstudio.ui.viewmodel.RenderViewModel.RenderedFile;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.event.ActionEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * File ▸ Render…: what to render (the choices of {@code lbstudio render --what}), where, the list of
 * files with a preview of each, and Write — which asks before replacing files that exist and
 * closes only once everything is written.
 */
final class RenderDialog extends Dialog<ButtonType> {

    static final ButtonType WRITE = new ButtonType("Write", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType REPLACE = new ButtonType("Replace", ButtonBar.ButtonData.YES);
    static final ButtonType KEEP = new ButtonType("Keep existing files", ButtonBar.ButtonData.CANCEL_CLOSE);

    RenderDialog(Window owner, RenderViewModel vm, Path defaultTarget) {
        initOwner(owner);
        setTitle("LB Studio");
        setHeaderText("Render manifests, router configs and lab files");
        setResizable(true);

        ChoiceBox<Renderer.What> what = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                Renderer.What.values()));
        what.setId("render-what");
        what.setConverter(new StringConverter<>() {
            @Override
            public String toString(Renderer.What w) {
                return w == null ? "" : w.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public Renderer.What fromString(String s) {
                return Renderer.What.fromWord(s);
            }
        });
        TextField target = new TextField(defaultTarget.toString());
        target.setId("render-target");
        HBox.setHgrow(target, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Render into");
            File dir = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (dir != null) {
                target.setText(dir.toString());
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        Label render = new Label("Render");
        Label into = new Label("into");
        render.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        into.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(8, render, what, into, target, browse, busy);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ListView<RenderedFile> list = new ListView<>(vm.files());
        list.setId("render-files");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RenderedFile f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.path());
            }
        });
        TextArea preview = new TextArea();
        preview.setId("render-preview");
        preview.setEditable(false);
        preview.getStyleClass().add("render-preview");
        preview.setStyle("-fx-font-family: monospace;");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> preview.setText(f == null ? "" : f.content()));
        vm.files().addListener((javafx.collections.ListChangeListener<RenderedFile>) c -> {
            if (!vm.files().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        SplitPane panes = new SplitPane(list, preview);
        panes.setDividerPositions(0.35);
        panes.setPrefSize(900, 460);
        Label count = new Label();
        count.textProperty().bind(javafx.beans.binding.Bindings.size(vm.files()).asString("%d files"));

        VBox content = new VBox(8, top, panes, count);
        VBox.setVgrow(panes, Priority.ALWAYS);
        getDialogPane().setContent(content);
        getDialogPane().setPrefSize(960, 640);
        Dialogs.widerThanTheTheme(getDialogPane());
        getDialogPane().getButtonTypes().addAll(WRITE, ButtonType.CANCEL);
        Button write = (Button) getDialogPane().lookupButton(WRITE);
        write.disableProperty().bind(vm.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(vm.files())));
        // Write keeps the dialog open: it closes once the files are on disk, or stays up after a refusal.
        write.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            Path dir = Path.of(target.getText().trim());
            if (!confirmReplace(dir, vm.existing(dir))) {
                return;
            }
            vm.write(dir).addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, done -> {
                setResult(WRITE);
                close();
            });
        });
        what.valueProperty().addListener((o, a, w) -> vm.render(w));
        what.setValue(Renderer.What.BUNDLE);
    }

    private boolean confirmReplace(Path dir, List<String> existing) {
        if (existing.isEmpty()) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, String.join("\n", existing.stream().limit(12).toList())
                + (existing.size() > 12 ? "\n… and " + (existing.size() - 12) + " more" : ""), REPLACE, KEEP);
        ask.initOwner(getDialogPane().getScene().getWindow());
        ask.setTitle("LB Studio");
        ask.setHeaderText("Replace " + existing.size() + " existing file" + (existing.size() == 1 ? "" : "s") + " in "
                + dir + "?");
        return ask.showAndWait().filter(b -> b == REPLACE).isPresent();
    }
}
