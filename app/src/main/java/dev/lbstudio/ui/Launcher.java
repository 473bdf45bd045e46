package dev.lbstudio.ui;

import javafx.application.Application;

/**
 * Starts the JavaFX app from a plain class: a main class that extends {@link Application} fails in a
 * fat jar with "JavaFX runtime components are missing" (build-notes), this one does not.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        launch(args);
    }

    /** Blocks until the window closes. */
    public static void launch(String... args) {
        Preload.start(args);
        Application.launch(LbStudioApp.class, args);
    }
}
