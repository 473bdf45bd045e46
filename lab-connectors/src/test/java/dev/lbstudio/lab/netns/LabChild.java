package dev.lbstudio.lab.netns;

import dev.lbstudio.model.Topology;

/** A lab driver in its own JVM, for the kill -9 test: starts the seed lab and holds it (bounded to 60 s). */
public final class LabChild {

    public static void main(String[] args) throws Exception {
        Topology seed = LabDesigns.sample("seed-calico-metallb.yaml");
        try (NetnsLab lab = NetnsLab.start(seed, new RenderConfigs(), LabNames.DEFAULT_STATE_ROOT, m -> { }, p -> { })) {
            Thread.sleep(60_000);
        }
    }
}
