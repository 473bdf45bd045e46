package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import} exits 1 when the design lacks something the input held, 0 with --allow-lossy, 2 on unusable input. */
class ImportExitCodeTest {

    private static final String POOL = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: pool, namespace: metallb-system}
            spec: {addresses: [10.208.1.0/24]}
            """;

    @Test
    void nothingLostExitsZero(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.yaml"), POOL + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
        Cli result = Cli.run("import", "--manifests", dir.toString(), "--out", dir.resolve("d.yaml").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).doesNotContain("import lost");
    }

    @Test
    void aDroppedValueAndADanglingReferenceExitOneAndAreCounted(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("manifests"));
        Files.writeString(dir.resolve("m.yaml"), POOL + """
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: spine, namespace: metallb-system}
                spec: {myASN: 64513, peerASN: 64512, peerAddress: 10.0.0.1, holdTime: soon, bfdProfile: fast}
                """);
        Path design = tmp.resolve("d.yaml");
        Cli result = Cli.run("import", "--manifests", dir.toString(), "--out", design.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.err()).contains(dir.resolve("m.yaml") + ":9:71: BGPPeer spine: holdTime: 'soon' is not a duration")
                .contains("import lost 1 value, 1 dangling reference; exit code 1 (--allow-lossy accepts this)");
        assertThat(result.out()).contains("lost 1 value, 1 dangling reference");
        // the peer is kept, with its dangling reference, in a design that loads and that validate explains
        Cli validate = Cli.run("validate", design.toString());
        assertThat(validate.out()).contains("MLB_BFD_PROFILE_MISSING");

        Cli lossy = Cli.run("import", "--manifests", dir.toString(), "--out", design.toString(), "--allow-lossy");
        assertThat(lossy.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(lossy.err()).contains("import lost 1 value, 1 dangling reference (accepted: --allow-lossy)");
    }

    @Test
    void unusableInputExitsTwo(@TempDir Path dir) {
        Cli result = Cli.run("import", "--manifests", dir.resolve("missing").toString(), "--allow-lossy");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
