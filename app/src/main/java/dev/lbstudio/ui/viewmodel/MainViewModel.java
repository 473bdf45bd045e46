package dev.lbstudio.ui.viewmodel;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;

/**
 * Everything the main window shows, wired once. The seams for the panels still to come are here:
 * a findings, routes, packet-walk or lab view model takes {@link #document()} (design property,
 * selection, {@code apply} for undoable fixes) and runs its engine in Tasks like {@link #files()} does.
 */
public final class MainViewModel {

    private final DesignViewModel document = new DesignViewModel();
    private final PropertiesViewModel properties = new PropertiesViewModel(document);
    private final FilesViewModel files;
    private final ExecutorService background;

    public MainViewModel(Settings settings) {
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lbstudio-files");
            t.setDaemon(true);
            return t;
        });
        this.files = new FilesViewModel(document, settings.store(), new RecentFiles(settings.prefs()),
                new Recovery(settings.home().resolve("recovery")), background);
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

    public void shutdown() {
        files.stop();
        background.shutdownNow();
    }
}
