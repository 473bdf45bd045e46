package dev.lbstudio.frr;

/** Where the reader and the conversion report what they could not take as FRR would: a line of the file and why. */
@FunctionalInterface
public interface LineWarnings {
    void warn(int line, String message);
}
