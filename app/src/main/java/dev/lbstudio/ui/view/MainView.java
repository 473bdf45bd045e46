package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.DesignViewModel;
import dev.lbstudio.ui.viewmodel.FilesViewModel;
import dev.lbstudio.ui.viewmodel.MainViewModel;
import dev.lbstudio.ui.viewmodel.Samples;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Separator;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's layout: menu and tool bar on top, palette on the left, the canvas in the
 * centre, the property sheet and the engine panels on the right, status bar at the bottom. Dumb:
 * it binds to {@link MainViewModel} and forwards gestures; file choosers and dialogs live here
 * because they are windows, but what happens next is the view model's business.
 */
public final class MainView extends BorderPane {

    private final MainViewModel vm;
    private final DesignViewModel doc;
    private final FilesViewModel files;
    private final DesignCanvas canvas;
    private final TabPane panels = new TabPane();
    private final Runnable presenterColumn;

    public MainView(MainViewModel vm) {
        this.vm = vm;
        this.doc = vm.document();
        this.files = vm.files();
        getStyleClass().add("main-view");
        canvas = new DesignCanvas(doc);
        canvas.setOnContextMenuRequested(e -> {
            // A right-click on an element that is not selected acts on that element, as in file managers.
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null; n = n.getParent()) {
                if (n.getProperties().get(DesignCanvas.ELEMENT_ID) instanceof dev.lbstudio.model.ElementId id) {
                    if (!doc.selection().contains(id)) {
                        doc.select(List.of(id));
                    }
                    break;
                }
            }
            if (!doc.selection().isEmpty()) {
                new javafx.scene.control.ContextMenu(item("Re_name…", "F2", Feather.EDIT_3, this::rename),
                        item("_Delete", "Delete", Feather.TRASH_2, doc::deleteSelection))
                        .show(canvas, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        files.onProblem(p -> Dialogs.problem(window(), p));
        vm.imports().onProblem(p -> Dialogs.problem(window(), p));
        vm.render().onProblem(p -> Dialogs.problem(window(), p));
        doc.loadsProperty().addListener((o, a, b) -> canvas.fitOnNextLayout());

        canvas.presenterProperty().bind(vm.lab().presenter().activeProperty());
        ToolBar tools = toolBar();
        // On the projector the room goes to the drawing: no editing tools, no status line (the step card talks).
        tools.visibleProperty().bind(canvas.presenterProperty().not());
        tools.managedProperty().bind(tools.visibleProperty());
        setTop(new VBox(menuBar(), tools));
        PaletteView palette = new PaletteView();
        panels.getStyleClass().add("side-panels");
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        panels.getTabs().add(tab("Properties", Feather.SLIDERS, new PropertiesView(vm.properties())));
        panels.getTabs().add(tab("Findings", Feather.ALERT_TRIANGLE, new FindingsView(vm.findings())));
        panels.getTabs().add(tab("Routes", Feather.GIT_MERGE, new RoutesView(vm.routes(), vm.live())));
        Tab walk = tab("Packet walk", Feather.NAVIGATION, new PacketWalkView(vm.packetWalk()));
        // Opening the panel is asking to see the walk on the canvas; leaving it (or Clear) puts it away.
        walk.selectedProperty().addListener((o, a, selected) -> vm.packetWalk().onCanvasProperty().set(selected));
        panels.getTabs().add(walk);
        canvas.showLive(vm.live());
        Tab lab = tab("Lab", Feather.ACTIVITY, new LabView(vm.lab()));
        panels.getTabs().add(lab);
        SplitPane split = new SplitPane(palette, canvas, panels);
        split.setOrientation(Orientation.HORIZONTAL);
        // The side panels' share fits all five tabs at the default window size (1440 wide).
        split.setDividerPositions(0.11, 0.62);
        // The lab panel's chart and timeline need room; the user can drag the divider back.
        Runnable widen = () -> {
            if (panels.getSelectionModel().getSelectedItem() == lab && split.getWidth() > 0
                    && !vm.lab().presenter().activeProperty().get()
                    && panels.getWidth() < LAB_WIDTH) {
                split.setDividerPosition(split.getDividers().size() - 1, Math.max(0.4, 1 - LAB_WIDTH / split.getWidth()));
                canvas.fitOnNextLayout();
            }
        };
        panels.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> widen.run());
        // Chosen before the window was laid out (--panel=lab): widen once it has its size.
        panels.widthProperty().addListener((o, was, now) -> {
            if (was.doubleValue() == 0) {
                widen.run();
            }
        });
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(panels, false);
        // On the projector the column has its width whatever the window did before (a --size applied after the
        // first layout) and whichever panel comes to the front.
        presenterColumn = () -> {
            if (vm.lab().presenter().activeProperty().get() && split.getWidth() > 0 && split.getItems().size() == 2) {
                split.setDividerPositions(1 - presenterPanelWidth(split.getWidth()) / split.getWidth());
            }
        };
        split.widthProperty().addListener((o, a, b) -> presenterColumn.run());
        panels.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> presenterColumn.run());
        // A trainer presents, not edits: the palette's room goes to the canvas, which fits the design again.
        vm.lab().presenter().activeProperty().addListener((o, was, on) -> {
            double[] dividers = split.getDividerPositions();
            // The column keeps the projector's width whichever panel is in front (the packet walk's row of
            // controls would otherwise take half the screen): the panel wraps instead.
            panels.setMinWidth(on ? 0 : Region.USE_COMPUTED_SIZE);
            if (on && split.getItems().contains(palette)) {
                split.getItems().remove(palette);
                presenterColumn.run();
            } else if (!on && !split.getItems().contains(palette)) {
                split.getItems().add(0, palette);
                split.setDividerPositions(0.11, dividers[0]);
            }
            canvas.fitOnNextLayout();
        });
        setCenter(split);
        HBox status = statusBar();
        status.visibleProperty().bind(canvas.presenterProperty().not());
        status.managedProperty().bind(status.visibleProperty());
        setBottom(status);
    }

    public DesignCanvas canvas() {
        return canvas;
    }

    /** Brings a side panel to the front by its tab title, e.g. "Findings"; false when there is none. */
    public boolean showPanel(String title) {
        return panels.getTabs().stream().filter(t -> t.getText().equalsIgnoreCase(title)).findFirst()
                .map(t -> {
                    panels.getSelectionModel().select(t);
                    return true;
                }).orElse(false);
    }

    private static Tab tab(String title, Feather icon, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(new FontIcon(icon));
        return tab;
    }

    // --- menus and tools ---------------------------------------------------------------------------------

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        Menu samples = new Menu("Open _Sample");
        for (String name : Samples.names()) {
            MenuItem item = new MenuItem(name.replace(".yaml", ""));
            item.setOnAction(e -> files.openSample(name));
            samples.getItems().add(item);
        }
        Menu recent = new Menu("Open _Recent");
        files.recent().files().addListener((ListChangeListener<Path>) c -> fillRecent(recent));
        fillRecent(recent);
        MenuItem exit = item("E_xit", null, null, () -> {
            if (window() != null) {
                window().fireEvent(new javafx.stage.WindowEvent(window(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        file.getItems().addAll(item("_New", "Shortcut+N", Feather.FILE, this::newDesign),
                item("_Open…", "Shortcut+O", Feather.FOLDER, this::open), samples, recent, new SeparatorMenuItem(),
                item("_Save", "Shortcut+S", Feather.SAVE, this::save),
                item("Save _As…", "Shortcut+Shift+S", null, this::saveAs), new SeparatorMenuItem(),
                item("_Import…", "Shortcut+I", Feather.DOWNLOAD, this::importFiles),
                item("Import from _cluster…", null, Feather.CLOUD, this::importCluster),
                item("_Render…", "Shortcut+R", Feather.PACKAGE, this::render), new SeparatorMenuItem(),
                item("Export _PNG…", null, Feather.IMAGE, this::exportPng),
                item("Export S_VG…", null, null, this::exportSvg), new SeparatorMenuItem(), exit);

        MenuItem undo = item("_Undo", "Shortcut+Z", Feather.CORNER_UP_LEFT, doc::undo);
        undo.textProperty().bind(Bindings.when(doc.canUndo()).then(Bindings.concat("Undo ", doc.undoTextProperty()))
                .otherwise("Undo"));
        undo.disableProperty().bind(doc.canUndo().not());
        MenuItem redo = item("_Redo", "Shortcut+Shift+Z", Feather.CORNER_UP_RIGHT, doc::redo);
        redo.textProperty().bind(Bindings.when(doc.canRedo()).then(Bindings.concat("Redo ", doc.redoTextProperty()))
                .otherwise("Redo"));
        redo.disableProperty().bind(doc.canRedo().not());
        Menu edit = new Menu("_Edit");
        edit.getItems().addAll(undo, redo, item("Redo", "Shortcut+Y", null, doc::redo), new SeparatorMenuItem(),
                item("Re_name…", "F2", Feather.EDIT_3, this::rename),
                item("_Delete", "Delete", Feather.TRASH_2, doc::deleteSelection),
                item("Select _All", "Shortcut+A", null, doc::selectAll));
        edit.getItems().get(2).setVisible(false);

        Menu arrange = new Menu("_Arrange");
        arrange.getItems().addAll(item("Auto-layout: _layered (spine / ToR / rack)", "Shortcut+L", Feather.LAYOUT,
                        () -> doc.autoLayout(false)),
                item("Auto-layout: _force-directed", "Shortcut+Shift+L", null, () -> doc.autoLayout(true)),
                new SeparatorMenuItem(),
                item("_Fit to window", "Shortcut+0", Feather.MAXIMIZE, canvas::fit),
                item("Zoom _in", "Shortcut+EQUALS", Feather.ZOOM_IN, () -> canvas.zoomBy(1.25)),
                item("Zoom _out", "Shortcut+MINUS", Feather.ZOOM_OUT, () -> canvas.zoomBy(0.8)));
        return new MenuBar(file, edit, arrange, viewMenu());
    }

    /** Presenter mode: larger type, high contrast, and the lab's "predict then reveal" strip (F11). */
    private Menu viewMenu() {
        CheckMenuItem presenter = new CheckMenuItem("_Presenter mode");
        presenter.setId("presenter-mode");
        presenter.setAccelerator(KeyCombination.keyCombination("F11"));
        presenter.selectedProperty().bindBidirectional(vm.lab().presenter().activeProperty());
        vm.lab().presenter().activeProperty().addListener((o, was, on) -> {
            if (getScene() != null) {
                getScene().getStylesheets().remove(PRESENTER_CSS);
                if (on) {
                    getScene().getStylesheets().add(PRESENTER_CSS);
                }
            }
            if (on) {
                showPanel("Lab");
            }
        });
        Menu view = new Menu("_View");
        view.getItems().add(presenter);
        return view;
    }

    private static final double LAB_WIDTH = 660;

    /**
     * The step card, chart and timeline's column on the projector: wide enough for the card's buttons and the
     * comparison at presenter type (16 px), the rest is the drawing's.
     */
    static double presenterPanelWidth(double windowWidth) {
        return Math.max(440, Math.min(660, 0.34 * windowWidth));
    }

    static final String PRESENTER_CSS = MainView.class.getResource("/dev/lbstudio/ui/presenter.css").toExternalForm();

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path p : files.recent().files()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openChecked(p));
            recent.getItems().add(item);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private ToolBar toolBar() {
        ToggleButton connect = new ToggleButton("Connect", new FontIcon(Feather.LINK));
        connect.setTooltip(new Tooltip("Connect mode: drag from one element to another (or hold Alt while dragging)"));
        connect.selectedProperty().bindBidirectional(canvas.connectModeProperty());
        connect.setId("connect-mode");
        Button undo = tool(Feather.CORNER_UP_LEFT, "Undo", doc::undo);
        undo.disableProperty().bind(doc.canUndo().not());
        Button redo = tool(Feather.CORNER_UP_RIGHT, "Redo", doc::redo);
        redo.disableProperty().bind(doc.canRedo().not());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label zoom = new Label();
        zoom.textProperty().bind(Bindings.format("%.0f%%", canvas.zoomProperty().multiply(100)));
        zoom.getStyleClass().add("zoom-label");
        return new ToolBar(tool(Feather.FILE, "New", this::newDesign), tool(Feather.FOLDER, "Open…", this::open),
                tool(Feather.SAVE, "Save", this::save), new Separator(), undo, redo,
                tool(Feather.TRASH_2, "Delete", doc::deleteSelection), new Separator(), connect,
                tool(Feather.LAYOUT, "Auto-layout", () -> doc.autoLayout(false)),
                tool(Feather.MAXIMIZE, "Fit to window", canvas::fit), new Separator(),
                tool(Feather.IMAGE, "Export PNG…", this::exportPng), grow, zoom);
    }

    private static Button tool(Feather icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.getStyleClass().add("tool");
        b.setAccessibleText(tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static MenuItem item(String text, String accelerator, Feather icon, Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.textProperty().bind(doc.statusProperty());
        status.getStyleClass().add("status-text");
        status.setId("status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label dirty = new Label();
        dirty.textProperty().bind(Bindings.when(doc.dirtyProperty()).then("● unsaved changes").otherwise("saved"));
        dirty.getStyleClass().add("dirty-flag");
        Label where = new Label();
        where.textProperty().bind(Bindings.createStringBinding(() -> doc.file() == null ? "not saved yet"
                : doc.file().toString(), doc.fileProperty()));
        HBox bar = new HBox(16, status, grow, dirty, where);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** F2: renames the one selected element; the dialog says why a name is refused before it is tried. */
    public void rename() {
        Optional<dev.lbstudio.model.ElementId> target = doc.renameTarget();
        if (target.isEmpty()) {
            doc.say("Select one element to rename");
            return;
        }
        dev.lbstudio.model.ElementId id = target.get();
        Dialogs.rename(window(), id.toString(), dev.lbstudio.ui.edit.ElementRename.shortName(id),
                name -> doc.renameProblem(id, name)).ifPresent(name -> doc.rename(id, name));
    }

    // --- file actions ------------------------------------------------------------------------------------

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void newDesign() {
        if (confirmDiscard()) {
            files.newDesign();
        }
    }

    private void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = chooser("Open design");
        File chosen = chooser.showOpenDialog(window());
        if (chosen != null) {
            files.open(chosen.toPath());
        }
    }

    private void openChecked(Path file) {
        if (confirmDiscard()) {
            files.open(file);
        }
    }

    /** Saves; asks where first when the design has never been saved. Empty when the user cancelled. */
    private void save() {
        save(() -> { });
    }

    private Optional<Task<?>> save(Runnable then) {
        Optional<Task<?>> task = files.save(then).map(t -> t);
        return task.isPresent() ? task : saveAs(then);
    }

    private void saveAs() {
        saveAs(() -> { });
    }

    private Optional<Task<?>> saveAs(Runnable then) {
        FileChooser chooser = chooser("Save design");
        chooser.setInitialFileName(doc.design().name() + ".yaml");
        File chosen = chooser.showSaveDialog(window());
        return chosen == null ? Optional.empty() : Optional.of(files.saveAs(chosen.toPath(), then));
    }

    private void importFiles() {
        ImportDialog.chooseFiles(window()).ifPresent(this::importFiles);
    }

    /** The import dialog for chosen files (the menu asks a file chooser first). */
    void importFiles(List<Path> chosen) {
        openImport(ImportDialog.forFiles(window(), vm.imports(), new java.util.ArrayList<>(chosen)));
    }

    void importCluster() {
        openImport(ImportDialog.forCluster(window(), vm.imports()));
    }

    /** "Open as new design" replaces the document, so unsaved changes are asked about first (Save runs, then it opens). */
    private void openImport(ImportDialog dialog) {
        dialog.showAndWait().filter(b -> b == ImportDialog.OPEN).ifPresent(b -> {
            if (confirmDiscard(vm.imports()::openAsNewDesign)) {
                vm.imports().openAsNewDesign();
            }
        });
    }

    /** The render dialog; it writes next to the design by default ({@code NAME-rendered/}). */
    public void render() {
        Path base = doc.file() != null && doc.file().toAbsolutePath().getParent() != null
                ? doc.file().toAbsolutePath().getParent() : Path.of(System.getProperty("user.dir"));
        new RenderDialog(window(), vm.render(), base.resolve(doc.design().name() + "-rendered")).showAndWait();
    }

    private void exportPng() {
        File chosen = exportChooser("Export PNG", "PNG image", "*.png", ".png").showSaveDialog(window());
        if (chosen != null) {
            exportPng(chosen.toPath());
        }
    }

    /** Snapshots the whole drawing at twice the design's size (crisp on slides) and writes it off the FX thread. */
    public Task<Path> exportPng(Path file) {
        BufferedImage pixels = Images.pixels(Images.snapshot(canvas.drawing(), 2));
        return files.export(file, f -> Images.writePng(pixels, f));
    }

    private void exportSvg() {
        File chosen = exportChooser("Export SVG", "SVG drawing", "*.svg", ".svg").showSaveDialog(window());
        if (chosen != null) {
            files.exportSvg(chosen.toPath());
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LB Studio design", "*.yaml", "*.yml"));
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(doc.file().toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    private FileChooser exportChooser(String title, String kind, String pattern, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        chooser.setInitialFileName(doc.design().name() + extension);
        return chooser;
    }

    /**
     * Asks what to do with unsaved changes before they would be replaced or lost. True when it is
     * fine to go on now; a chosen Save runs in the background and {@code afterSave} runs when it is done.
     */
    public boolean confirmDiscard(Runnable afterSave) {
        if (!doc.isDirty()) {
            return true;
        }
        String name = doc.file() != null ? doc.file().getFileName().toString() : doc.design().name();
        Optional<ButtonType> answer = Dialogs.unsaved(window(), name);
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == Dialogs.DISCARD) {
            return true;
        }
        save(() -> {
            if (!doc.isDirty()) {
                afterSave.run();
            }
        });
        return false;
    }

    private boolean confirmDiscard() {
        return confirmDiscard(() -> { });
    }

    /** Offers the crash-recovery copy, if the last session left one. */
    public void offerRecovery() {
        files.pendingRecovery().ifPresent(found -> {
            String what = found.original() != null ? found.original().getFileName().toString()
                    : "\"" + found.design().name() + "\"";
            if (Dialogs.recover(window(), what).filter(b -> b == Dialogs.RESTORE).isPresent()) {
                files.restore(found);
            } else {
                files.clearRecovery();
            }
        });
    }
}
