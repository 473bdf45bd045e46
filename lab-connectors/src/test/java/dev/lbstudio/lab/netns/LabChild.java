package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Topology;

/**
 * A lab driver in its own JVM, for the kill -9 tests: starts the seed lab and holds it (bounded to 60 s). With
 * {@code park-when-staged} it stops between staging its state dir and renaming it into place (the fault
 * injection point of {@link Journal#create}), so it can be killed exactly there.
 */
public final class LabChild {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("park-when-staged")) {
            Journal.afterStaging = () -> Teardown.sleep(60_000);
        }
        Topology seed = LabDesigns.sample("seed-calico-metallb.yaml");
        try (NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { })) {
            Thread.sleep(60_000);
        }
    }
}
