package dev.lbstudio.validate;

import dev.lbstudio.model.ElementId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One validation rule: a stable id, a severity, what it checks, why it matters (with the upstream
 * source) and the parts of the design it reads, so re-validation after an edit can skip it when
 * none of them changed.
 */
public abstract class Rule {

    /** The top-level parts of a design a rule can read. */
    public enum Section { NETWORK, CLUSTER, CALICO, METALLB, WORKLOADS }

    private final String id;
    private final Severity severity;
    private final String title;
    private final String why;
    private final String source;
    private final Set<Section> reads;

    protected Rule(String id, Severity severity, String title, String why, String source, Section... reads) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.why = why;
        this.source = source;
        this.reads = reads.length == 0 ? EnumSet.allOf(Section.class) : EnumSet.of(reads[0], reads);
    }

    public final String id() {
        return id;
    }

    public final Severity severity() {
        return severity;
    }

    /** What the rule checks, in one line. */
    public final String title() {
        return title;
    }

    /** Why it matters, in one or two sentences. */
    public final String why() {
        return why;
    }

    /** The upstream source (code, issue or documentation) the rule is based on. */
    public final String source() {
        return source;
    }

    public final Set<Section> reads() {
        return reads;
    }

    /** Looks at the design through the shared index and reports what is wrong. */
    protected abstract void check(DesignIndex design, Report out);

    protected final Finding finding(String message, Fix fix, List<ElementId> elements) {
        return new Finding(this, elements, message, fix);
    }

    @Override
    public final String toString() {
        return id;
    }
}
