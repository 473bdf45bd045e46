package dev.lbstudio.render;

import dev.lbstudio.model.Topology;
import java.util.Optional;

/**
 * The validation findings section of a design bundle ({@link Renderer#VALIDATION} by default);
 * the bundle writes {@code findings.md} only when a source gives Markdown.
 */
@FunctionalInterface
public interface BundleFindings {

    BundleFindings NONE = t -> Optional.empty();

    /** Markdown for {@code findings.md}, or empty to leave the file out. */
    Optional<String> markdown(Topology topology);
}
