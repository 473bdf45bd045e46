package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants known secrets where users keep them (a kubeconfig token and client key, an SSH private
 * key, a BGP password Secret) and checks that no output, error or rendered file repeats them.
 */
class SecretsHygieneTest {

    private static final String TOKEN = "lbs-planted-bearer-0a1b2c3d";
    private static final String KEY_MATERIAL = "lbs-planted-key-material-9z8y7x";

    @Test
    void unreachableClusterErrorsDoNotEchoTheKubeconfig(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: prod",
                "clusters:", "- name: prod", "  cluster:", "    server: https://127.0.0.1:1",
                "users:", "- name: admin", "  user:", "    token: " + TOKEN,
                "contexts:", "- name: prod", "  context:", "    cluster: prod", "    user: admin", ""));

        Cli push = Cli.run("push", RepoPaths.sample("seed-calico-metallb.yaml").toString(), "--kubeconfig=" + kubeconfig,
                "--dry-run");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.out() + push.err()).doesNotContain(TOKEN);
    }

    @Test
    void brokenKubeconfigIsNotQuoted(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "users:\n- name: admin\n  user:\n"
                + "    client-key-data: " + KEY_MATERIAL + "\n  : [broken\n");

        Cli result = Cli.run("import", "--kubeconfig=" + kubeconfig);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.out() + result.err()).doesNotContain(KEY_MATERIAL).contains(kubeconfig.toString());
    }

    @Test
    void sshKeyMaterialNeverAppearsInErrors(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n" + KEY_MATERIAL
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
        Path manifests = Files.createDirectories(dir.resolve("manifests"));

        Cli result = Cli.run("import", "--manifests=" + manifests, "--router=tor1=ssh://admin@127.0.0.1:1",
                "--ssh-key=" + key, "--host-key=SHA256:" + "A".repeat(43));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("router tor1").doesNotContain(KEY_MATERIAL);
    }

    @Test
    void bgpPasswordsAreSecretReferencesInDesignsAndBundles(@TempDir Path dir) throws Exception {
        String seed = Files.readString(RepoPaths.sample("seed-calico-metallb.yaml"));
        Path design = Files.writeString(dir.resolve("design.yaml"), seed.replace("      asNumber: 64512\n",
                "      asNumber: 64512\n      password:\n        name: tor1-bgp\n        key: password\n"));
        Path out = dir.resolve("bundle");

        Cli render = Cli.run("render", design.toString(), "--out=" + out);

        assertThat(render.exitCode()).as(render.err()).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            String all = files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            assertThat(all).contains("secretKeyRef").contains("tor1-bgp");
        }
    }
}
