package dev.lbstudio.cli;

import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.Finding;
import dev.lbstudio.validate.FindingsJson;
import dev.lbstudio.validate.Severity;
import dev.lbstudio.validate.ValidationResult;
import dev.lbstudio.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio validate FILE}: every rule over a design, as text, JSON or SARIF; the exit code follows --fail-on. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a design against every addressing, BGP and policy rule and explain each finding with a fix.",
                "Exit code: 0 no finding at or above --fail-on, 1 some, 2 unreadable design or bad arguments."})
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {

    enum Format { TEXT, JSON, SARIF }

    @Parameters(paramLabel = "FILE", description = "A design file (YAML), e.g. samples/seed-calico-metallb.yaml")
    Path file;

    @Option(names = "--format", paramLabel = "text|json|sarif", defaultValue = "text", converter = FormatConverter.class,
            description = "Output: text (grouped by severity, default), json (stable, see docs/validation.md) or sarif (2.1.0).")
    Format format;

    @Option(names = "--fail-on", paramLabel = "error|warn|info", defaultValue = "error", converter = SeverityConverter.class,
            description = "Exit 1 when a finding is at least this severe (default: error).")
    Severity failOn;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Topology t = Designs.load(file);
        ValidationResult result = Validator.validate(t);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> out.print(FindingsJson.write(t.name(), result));
            case SARIF -> out.print(Sarif.write(file, t, result));
            default -> text(out, t, result);
        }
        out.flush();
        return result.hasAtLeast(failOn) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static void text(PrintWriter out, Topology t, ValidationResult result) {
        out.println(t.name() + ": " + plural(result.count(Severity.ERROR), "error") + ", "
                + plural(result.count(Severity.WARN), "warning") + ", " + plural(result.count(Severity.INFO), "note"));
        for (Severity severity : Severity.values()) {
            List<Finding> findings = result.findings().stream().filter(f -> f.severity() == severity).toList();
            if (findings.isEmpty()) {
                continue;
            }
            out.println();
            out.println(severity.name() + " (" + findings.size() + ")");
            for (Finding f : findings) {
                out.println("  " + f.ruleId() + ": " + f.message());
                out.println("    at:   " + String.join(", ", f.elements().stream().map(Object::toString).toList()));
                out.println("    why:  " + f.rule().why());
                out.println("          " + f.rule().source());
                out.println("    fix:  " + f.fix().text());
                f.fix().editIfAny().ifPresent(e -> out.println("    edit: " + e.describe()));
            }
        }
        if (!result.disabled().isEmpty()) {
            out.println();
            out.println("Disabled by the design (" + result.disabled().size() + ")");
            result.disabled().forEach(d -> out.println("  " + d.rule() + (d.reason() == null ? "" : ": " + d.reason())));
        }
        result.unknownDisabled().forEach(id -> out.println("  note: validation.disabled names '" + id + "', which is no rule"));
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format; use text, json or sarif");
            }
        }
    }

    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.fromWord(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a severity; use error, warn or info");
            }
        }
    }
}
