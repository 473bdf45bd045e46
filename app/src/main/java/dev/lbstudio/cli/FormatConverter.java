package dev.lbstudio.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code --format text|json} case-insensitively with a message that lists both. */
final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use text or json");
        }
    }
}
