package dev.lbstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lbstudio} command: every GUI action is also a command here, so designs can be checked in CI. */
@Command(name = "lbstudio", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Design, validate, predict and lab-test MetalLB + Calico BGP load balancing.",
        subcommands = {ShowCommand.class, SchemaCommand.class, ValidateCommand.class, RoutesCommand.class,
                TraceCommand.class, SimulateCommand.class, RenderCommand.class, ImportCommand.class,
                PushCommand.class, WatchCommand.class, LabCommand.class,
                GuiCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 findings, 2 unusable input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for callers (tests, the GUI) that redirect its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
