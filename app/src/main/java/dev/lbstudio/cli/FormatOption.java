package dev.lbstudio.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option the routing commands share (a picocli mixin). */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})", converter = FormatConverter.class)
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
