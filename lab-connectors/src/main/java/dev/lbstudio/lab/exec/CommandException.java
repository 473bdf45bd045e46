package dev.lbstudio.lab.exec;

/** A command that could not be run or did not finish in time; the message says where and why. */
public class CommandException extends Exception {
    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
