package dev.lbstudio.ui.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The designs opened or saved most recently, newest first, kept in java.util.prefs across runs. */
public final class RecentFiles {

    static final int LIMIT = 8;
    private static final String KEY = "recent.";

    private final Preferences prefs;
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    public RecentFiles(Preferences prefs) {
        this.prefs = prefs;
        for (int i = 0; i < LIMIT; i++) {
            String value = prefs.get(KEY + i, null);
            if (value != null) {
                files.add(Path.of(value));
            }
        }
    }

    public void remember(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(absolute);
        next.add(0, absolute);
        files.setAll(next.subList(0, Math.min(LIMIT, next.size())));
        store();
    }

    /** Drops a file that no longer opens, so the menu does not keep offering it. */
    public void forget(Path file) {
        files.remove(file.toAbsolutePath().normalize());
        store();
    }

    private void store() {
        for (int i = 0; i < LIMIT; i++) {
            if (i < files.size()) {
                prefs.put(KEY + i, files.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // The list still works for this session; it is a convenience, not data.
        }
    }

    public ObservableList<Path> files() {
        return files;
    }
}
