package dev.lbstudio.ui;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.model.Topology;
import dev.lbstudio.ui.scene.SceneBuilder;
import dev.lbstudio.ui.viewmodel.DesignStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the design named on the command line while JavaFX starts and the window is built, instead
 * of after the window shows: on a cold JVM the read (YAML, schema, model) and the first scene build
 * cost about as much as the toolkit start, and the two overlap on a second core. The app's first
 * open of that file takes the result; every other read and every write go to the files as usual.
 */
final class Preload implements DesignStore {

    private static volatile Preload pending;

    private final Path file;
    private final CompletableFuture<Topology> design;
    private final AtomicBoolean taken = new AtomicBoolean();

    private Preload(Path file) {
        this.file = file;
        this.design = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                Topology t = FILES.read(file);
                // Loads the layout and session-planning classes the first frame needs; the result is rebuilt on the FX thread.
                SceneBuilder.build(t);
                design.complete(t);
            } catch (Throwable e) {
                design.completeExceptionally(e);
            }
        }, "lbstudio-preload");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts reading {@code file} now (the first plain argument of the app's command line). */
    static void start(String... appArgs) {
        pending = null;
        for (String a : appArgs) {
            if (!a.startsWith("--")) {
                pending = new Preload(Path.of(a));
                return;
            }
        }
    }

    /** The store the app should use: this preload for its file, the files otherwise. */
    static DesignStore store() {
        Preload p = pending;
        return p != null ? p : FILES;
    }

    @Override
    public Topology read(Path f) throws TopologyLoadException {
        if (!f.equals(file) || !taken.compareAndSet(false, true)) {
            return FILES.read(f);
        }
        pending = null;
        try {
            return design.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof TopologyLoadException load) {
                throw load;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void write(Topology t, Path f) throws IOException {
        FILES.write(t, f);
    }
}
