package dev.lbstudio.io;

import java.util.List;
import java.util.stream.Collectors;

/** A design file that could not be loaded, with every problem found, each located. */
public final class TopologyLoadException extends Exception {
    private final List<LoadProblem> problems;

    public TopologyLoadException(List<LoadProblem> problems) {
        super(problems.stream().map(LoadProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public TopologyLoadException(LoadProblem problem) {
        this(List.of(problem));
    }

    public List<LoadProblem> problems() {
        return problems;
    }
}
