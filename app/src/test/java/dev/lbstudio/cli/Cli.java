package dev.lbstudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code lbstudio} in-process and keeps what it printed, for CLI tests. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** With {@code factory} building the commands (e.g. a {@code gui} that records instead of opening a window). */
    public static Cli run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}
