package dev.lbstudio.cli;

import dev.lbstudio.ui.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lbstudio gui [FILE]}: the desktop app, optionally opening a design. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Start the LB Studio window, optionally with a design, e.g. samples/seed-calico-metallb.yaml.")
final class GuiCommand implements Runnable {

    private final Consumer<String[]> launcher;

    GuiCommand() {
        this(Launcher::launch);
    }

    /** {@code launcher} starts the window with the app's arguments (blocking until it closes). */
    GuiCommand(Consumer<String[]> launcher) {
        this.launcher = launcher;
    }

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A design file (YAML) to open.")
    Path file;

    @Option(names = "--screenshot", paramLabel = "PNG",
            description = "Save a picture of the window once the design is drawn, then exit (needs a display, e.g. xvfb-run).")
    Path screenshot;

    @Option(names = "--panel", paramLabel = "NAME",
            description = "Side panel to show first: properties, findings, routes, packet-walk, lab.")
    String panel;

    @Option(names = "--run", paramLabel = "SCENARIO",
            description = "Play this scenario on the simulated lab once the design is open, e.g. node-crash.")
    String run;

    @Option(names = "--at", paramLabel = "SECONDS",
            description = "With --run and --screenshot: take the picture when the run reaches this lab time.")
    Double at;

    @Option(names = "--presenter",
            description = "Start in presenter mode (View > Presenter mode) on the lab panel, with the first step of "
                    + "the scenario predicted, as a trainer opens it.")
    boolean presenter;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Window size in pixels, e.g. 1920x1080 (a projector's resolution).")
    String size;

    @Option(names = "--walkthrough", paramLabel = "DIR",
            description = "Play the trainer's failover demo on the seed and two-racks samples, save a picture of each "
                    + "stage in DIR, then exit (needs a display, e.g. xvfb-run).")
    Path walkthrough;

    @Option(names = "--timing", description = "Print the time from JVM start to an interactive window.")
    boolean timing;

    @Option(names = "--measure-startup",
            description = "Print the milliseconds (wall and CPU) from JVM start to the first frames of the drawn, "
                    + "interactive design, then exit (needs a display, e.g. xvfb-run).")
    boolean measureStartup;

    @Override
    public void run() {
        // Refuse a bad path here, with the CLI's one-line message and exit code, before a window opens.
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserError("cannot open " + file + ": no such file (pass a design such as "
                    + "samples/seed-calico-metallb.yaml)");
        }
        List<String> args = new ArrayList<>();
        if (screenshot != null) {
            args.add("--screenshot=" + screenshot.toAbsolutePath());
        }
        if (panel != null) {
            args.add("--panel=" + panel);
        }
        if (run != null) {
            args.add("--run=" + run);
        }
        if (at != null) {
            args.add("--at=" + at);
        }
        if (presenter) {
            args.add("--presenter=true");
        }
        if (size != null) {
            if (!size.matches("\\d{3,5}x\\d{3,5}")) {
                throw new UserError("--size must be WIDTHxHEIGHT in pixels, e.g. 1920x1080, not " + size);
            }
            args.add("--size=" + size);
        }
        if (walkthrough != null) {
            args.add("--walkthrough=" + walkthrough.toAbsolutePath());
        }
        if (timing) {
            args.add("--timing=true");
        }
        if (measureStartup) {
            args.add("--measure-startup=true");
        }
        if (file != null) {
            args.add(file.toString());
        }
        launcher.accept(args.toArray(String[]::new));
    }
}
