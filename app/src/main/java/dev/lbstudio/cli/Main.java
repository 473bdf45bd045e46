package dev.lbstudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lbstudio} command: every GUI action is also a command here, so designs can be checked in CI. */
@Command(name = "lbstudio", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Design, validate, predict and lab-test MetalLB + Calico BGP load balancing.",
                "'lbstudio FILE' opens a design in the app (like 'lbstudio gui FILE'); 'lbstudio' alone prints this help."},
        subcommands = {ShowCommand.class, SchemaCommand.class, ValidateCommand.class, RoutesCommand.class,
                TraceCommand.class, SimulateCommand.class, RenderCommand.class, ImportCommand.class,
                PushCommand.class, WatchCommand.class, LabCommand.class,
                GuiCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * A design file given without a command opens the app on it, the way desktop launchers and file
     * managers call a program; a subcommand name always wins, so commands never change meaning.
     */
    @CommandLine.Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A design file to open in the app, e.g. samples/seed-calico-metallb.yaml.")
    Path file;

    public static void main(String[] args) {
        ConsoleEncoding.useUtf8InTheCLocale();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 findings, 2 unusable input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers (tests, the GUI) that redirect its output. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** With {@code factory} building the commands, so a test can give {@code gui} a launcher that opens no window. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(Main.class, factory);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        if (file == null) {
            // Alone it stays a command-line tool: scripts and CI that call it bare get help, not a window.
            spec.commandLine().usage(spec.commandLine().getOut());
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("'" + file + "' is neither a command nor a design file; see lbstudio --help "
                    + "(to open a design: lbstudio samples/seed-calico-metallb.yaml)");
        }
        GuiCommand gui = spec.subcommands().get("gui").getCommand();
        gui.file = file;
        gui.run();
    }
}
