package dev.lbstudio.cli;

import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.Topology;
import dev.lbstudio.render.RenderOptions;
import dev.lbstudio.render.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lbstudio render FILE --out DIR}: manifests, router configs and lab files, written atomically. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a design: MetalLB/Calico/workload manifests, FRR and BIRD configs, lab files, or the whole bundle.")
final class RenderCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "A design file (YAML), e.g. samples/seed-calico-metallb.yaml")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path out;

    @Option(names = "--what", paramLabel = "WHAT", defaultValue = "bundle",
            description = "manifests, frr, bird, clab or bundle (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--bmp", paramLabel = "HOST:PORT", description = "Make every FRR router report to this BMP collector.")
    String bmp;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Rendered configs are mounted into router containers and read by daemons that drop to their own
     * user (FRR runs as frr), so they must not keep the temp file's owner-only mode.
     */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(file.toString().endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    @Override
    public void run() {
        Renderer.What selected;
        try {
            selected = Renderer.What.fromWord(what);
        } catch (IllegalArgumentException e) {
            throw new UserError("--what " + what + " is not one of " + Arrays.stream(Renderer.What.values())
                    .map(w -> w.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        RenderOptions options;
        try {
            options = bmp == null ? RenderOptions.DEFAULT : RenderOptions.withBmp(bmp);
        } catch (IllegalArgumentException e) {
            throw new UserError("--bmp: " + e.getMessage());
        }
        Topology t = Designs.load(file);
        Map<String, String> files;
        try {
            files = Renderer.render(t, selected, options, Renderer.VALIDATION);
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot render " + file + ": " + e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = out.resolve(f.getKey());
            try {
                TopologyWriter.writeAtomically(target, f.getValue());
                readableByAll(target);
            } catch (IOException e) {
                throw new UserError("cannot write " + target + ": " + e.getMessage());
            }
            w.println("wrote " + target);
        }
        w.println(files.size() + " files for design " + t.name());
        w.flush();
    }
}
