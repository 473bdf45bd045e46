package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** comment-preserving save: what the user wrote around the data survives a save, and so does the file's mode. */
class CommentKeepingSaveTest {

    @TempDir
    Path dir;

    private static final String HAND_WRITTEN = """
            # Our lab, by hand.
            kind: Topology
            apiVersion: lbstudio/v1
            name: lab   # the name the CLI shows

            network:
              # the routers, spines first
              routers:
                - name: tor1
                  role: tor
                  bgp:
                    asn: 64512   # private AS
              segments: []
            # end of file
            """;

    @Test
    void savingOverAFileKeepsItsCommentsBlankLinesAndKeyOrder() throws Exception {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, HAND_WRITTEN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Topology read = TopologyReader.read(file);
        Topology renamed = new Topology(read.apiVersion(), read.kind(), "lab-two", read.description(), read.network(),
                read.cluster(), read.calico(), read.metallb(), read.workloads(), read.validation(), read.layout());

        TopologyWriter.save(renamed, file);

        String saved = Files.readString(file);
        for (String comment : List.of("# Our lab, by hand.", "# the name the CLI shows", "# the routers, spines first",
                "# private AS", "# end of file")) {
            assertThat(saved).contains(comment);
        }
        assertThat(saved).as("the changed value").contains("name: lab-two");
        assertThat(saved.indexOf("kind:")).as("the file's key order").isLessThan(saved.indexOf("apiVersion:"));
        assertThat(saved).as("the blank line before network").contains("\n\nnetwork:");
        assertThat(TopologyReader.read(file)).isEqualTo(renamed);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void theSeedSampleKeepsItsHeaderAfterAnEditAndANewFileIsReadableByOthers() throws Exception {
        Path file = dir.resolve("seed.yaml");
        Files.copy(RepoPaths.sample("seed-calico-metallb.yaml"), file);
        Topology seed = TopologyReader.read(file);
        Topology edited = new Topology(seed.apiVersion(), seed.kind(), seed.name(), "edited", seed.network(),
                seed.cluster(), seed.calico(), seed.metallb(), seed.workloads(), seed.validation(), seed.layout());
        TopologyWriter.save(edited, file);
        assertThat(Files.readString(file)).startsWith("# The seed article's design");
        assertThat(TopologyReader.read(file)).isEqualTo(edited);

        Path fresh = dir.resolve("new.yaml");
        TopologyWriter.save(edited, fresh);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    }

    @Test
    void aMergeThatWouldChangeTheDataIsNotUsed() {
        String updated = "name: b\nitems:\n  - 1\n  - 2\n";
        assertThat(CommentKeepingYaml.merge("# c\nname: a\nitems:\n  - 1\n", updated)).contains("# c", "name: b");
        assertThat(CommentKeepingYaml.merge("not: [valid", updated)).isEqualTo(updated);
    }
}
