package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.lab.api.Capabilities;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;

/**
 * Everything the main window shows, wired once. Each engine panel's view model takes
 * {@link #document()} (design property, selection, {@code apply} for undoable edits) and runs its
 * engine in Tasks on the analysis thread; the lab panel runs labs on its own threads and reports through
 * {@link #labFeed()}.
 */
public final class MainViewModel {

    private final DesignViewModel document = new DesignViewModel();
    private final PropertiesViewModel properties = new PropertiesViewModel(document);
    private final FilesViewModel files;
    private final FindingsViewModel findings;
    private final RoutesViewModel routes;
    private final PacketWalkViewModel packetWalk;
    private final LabViewModel lab;
    private final LiveViewModel live;
    private final LabFeed labFeed = new LabFeed(Platform::runLater);
    private final ExecutorService background;
    private final ExecutorService analysis;
    private final ExecutorService importer;
    private final ImportViewModel imports;
    private final RenderViewModel render;

    public MainViewModel(Settings settings) {
        this(settings, Capabilities::check);
    }

    /** {@code capabilities} says whether the namespace lab can run here; tests pass a fixed report. */
    public MainViewModel(Settings settings, Supplier<Capabilities.Report> capabilities) {
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lbstudio-files");
            t.setDaemon(true);
            return t;
        });
        this.files = new FilesViewModel(document, settings.store(), new RecentFiles(settings.prefs()),
                new Recovery(settings.home().resolve("recovery")), background);
        // Engines run on their own thread so a long analysis never delays a save.
        this.analysis = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lbstudio-analysis");
            t.setDaemon(true);
            return t;
        });
        // Work handed over after shutdown (a result arriving as the window closes) is dropped; both
        // submitting and shutting down happen on the FX thread, so the check cannot race.
        Executor engines = task -> {
            if (!analysis.isShutdown()) {
                analysis.execute(task);
            }
        };
        this.findings = new FindingsViewModel(document, engines);
        this.routes = new RoutesViewModel(document, engines);
        this.packetWalk = new PacketWalkViewModel(document, routes, engines);
        this.lab = new LabViewModel(document, labFeed, capabilities);
        this.live = new LiveViewModel(document, routes, packetWalk, labFeed, lab.timeline());
        // A cluster import can wait seconds on the network; its own thread keeps saves and analysis moving.
        this.importer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lbstudio-import");
            t.setDaemon(true);
            return t;
        });
        this.imports = new ImportViewModel(document, importer);
        this.render = new RenderViewModel(document, background);
    }

    /** Where the app keeps its state; tests point it at a temp directory and their own prefs node. */
    public record Settings(Path home, Preferences prefs, DesignStore store) {
        public static Settings forUser() {
            Path home = Path.of(System.getProperty("lbstudio.home",
                    Path.of(System.getProperty("user.home"), ".lbstudio").toString()));
            String node = System.getProperty("lbstudio.prefsNode", "dev/lbstudio");
            return new Settings(home, Preferences.userRoot().node(node), DesignStore.FILES);
        }
    }

    public DesignViewModel document() {
        return document;
    }

    public PropertiesViewModel properties() {
        return properties;
    }

    public FilesViewModel files() {
        return files;
    }

    public FindingsViewModel findings() {
        return findings;
    }

    /** Starts validation and routing; the app calls it once the window is drawn (see {@link Analysis#start}). */
    public void startEngines() {
        findings.start();
        routes.start();
    }

    public RoutesViewModel routes() {
        return routes;
    }

    public LabViewModel lab() {
        return lab;
    }

    /** Live lab events on the FX thread, for every panel that shows or animates them. */
    public LabFeed labFeed() {
        return labFeed;
    }

    /** Lab events animated on the canvas and compared with the prediction in the routes panel. */
    public LiveViewModel live() {
        return live;
    }

    /** File ▸ Import: manifests, Helm values, FRR configs or a live cluster, previewed before they replace the design. */
    public ImportViewModel imports() {
        return imports;
    }

    /** File ▸ Render: the design's manifests, router configs and lab files, previewed and written atomically. */
    public RenderViewModel render() {
        return render;
    }

    public PacketWalkViewModel packetWalk() {
        return packetWalk;
    }

    public void shutdown() {
        lab.shutdown();
        files.stop();
        findings.stop();
        routes.stop();
        background.shutdownNow();
        analysis.shutdownNow();
        importer.shutdownNow();
    }
}
