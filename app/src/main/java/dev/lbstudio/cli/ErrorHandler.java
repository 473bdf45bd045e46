package dev.lbstudio.cli;

import picocli.CommandLine;

/** Turns failures into one readable line and an exit code, never a stack trace for the user's mistakes. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof UserError) {
            cli.getErr().println("lbstudio: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        cli.getErr().println("lbstudio: internal error: " + e + " (please report it with the design file)");
        // Only our own bugs reach here (user mistakes are UserErrors above): the trace is what the report needs.
        e.printStackTrace(cli.getErr());
        return 3;
    }
}
