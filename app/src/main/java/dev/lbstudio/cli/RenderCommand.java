package dev.lbstudio.cli;

import dev.lbstudio.model.Topology;
import dev.lbstudio.render.RenderOptions;
import dev.lbstudio.render.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
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
            description = "manifests, frr, bird (the lab's BIRD), calico-bird (the files calico-node's confd writes), clab or bundle"
                    + " (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--bmp", paramLabel = "HOST:PORT", description = "Make every FRR router report to this BMP collector.")
    String bmp;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Renderer.What selected;
        try {
            selected = Renderer.What.fromWord(what);
        } catch (IllegalArgumentException e) {
            throw new UserError("--what " + what + " is not one of " + Arrays.stream(Renderer.What.values())
                    .map(Renderer.What::word).collect(Collectors.joining(", ")));
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
        try {
            RenderedFiles.write(out, files).forEach(target -> w.println("wrote " + target));
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        w.println(files.size() + " files for design " + t.name());
        w.flush();
    }
}
