package dev.lbstudio.cli;

import dev.lbstudio.io.TopologySchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lbstudio schema}: the JSON Schema of the design format, for editors that complete YAML. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print (or write) the JSON Schema of the design file format.")
final class SchemaCommand implements Runnable {

    @Option(names = "--out", paramLabel = "FILE", description = "Write the schema to FILE instead of printing it.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String schema = TopologySchema.generate();
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(schema);
            w.flush();
            return;
        }
        try {
            dev.lbstudio.io.TopologyWriter.writeAtomically(out, schema);
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + e.getMessage());
        }
    }
}
