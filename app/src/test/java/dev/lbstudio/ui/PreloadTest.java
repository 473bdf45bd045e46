package dev.lbstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.io.TopologyLoadException;
import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import dev.lbstudio.ui.viewmodel.DesignStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design on the command line is read ahead; the app sees exactly what a plain read would give. */
class PreloadTest {

    private static final Path SEED = RepoPaths.sample("seed-calico-metallb.yaml");

    @Test
    void theFirstReadOfTheNamedFileTakesThePreloadedDesignLaterReadsGoToTheFile(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(SEED, dir.resolve("seed.yaml"));
        Preload.start("--panel=lab", copy.toString());
        DesignStore store = Preload.store();
        assertThat(store).isNotSameAs(DesignStore.FILES);

        Topology first = store.read(copy);
        Files.writeString(copy, Files.readString(copy).replace("name: node-3", "name: node-9"));
        Topology second = store.read(copy);

        assertThat(first).isEqualTo(TopologyReader.read(SEED));
        assertThat(second.node("node-9")).as("a reopen reads the file as it is now").isPresent();
        assertThat(Preload.store()).as("used once, then gone").isSameAs(DesignStore.FILES);
    }

    @Test
    void aBrokenFileFailsWithTheSameLocatedProblemsAsAPlainRead(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: lbstudio/v1\nkind: Topology\nname: [\n");
        Preload.start(broken.toString());

        assertThatThrownBy(() -> Preload.store().read(broken)).isInstanceOf(TopologyLoadException.class)
                .hasMessage(catchMessage(broken));
    }

    @Test
    void withoutAFileArgumentNothingIsPreloaded() {
        Preload.start("--screenshot=/tmp/x.png");
        assertThat(Preload.store()).isSameAs(DesignStore.FILES);
    }

    private static String catchMessage(Path broken) {
        try {
            TopologyReader.read(broken);
            throw new AssertionError("expected " + broken + " to be refused");
        } catch (TopologyLoadException e) {
            return e.getMessage();
        }
    }
}
