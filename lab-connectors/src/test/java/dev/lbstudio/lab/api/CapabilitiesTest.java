package dev.lbstudio.lab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilitiesTest {

    @TempDir
    Path root;

    private void tool(String path) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void kernelConfig(String text) throws IOException {
        Files.createDirectories(root.resolve("proc"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("proc/config.gz")))) {
            out.write(text.getBytes());
        }
    }

    private void osRelease(String release) throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), release + "\n");
    }

    private void passwd(String text) throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), text);
    }

    static final String FRR_USER = "frr:x:103:107::/nonexistent:/usr/sbin/nologin\n";

    /** A fake host: every tool except those of {@code missingPackages}, an /etc/passwd and a kernel config. */
    private Capabilities.Report host(long uid, Set<String> missingPackages, String passwd, String kernel) throws IOException {
        for (Capabilities.Tool t : Capabilities.TOOLS) {
            if (!missingPackages.contains(t.pkg())) {
                tool(t.path());
            }
        }
        passwd(passwd);
        kernelConfig(kernel);
        if (!Files.exists(root.resolve("proc/sys/kernel/osrelease"))) {
            osRelease("6.18.44-fc-v657");
        }
        return Capabilities.check(root, uid);
    }

    @Test
    void completeHostCanRunTheLab() throws IOException {
        Capabilities.Report report = host(0, Set.of(), FRR_USER, "CONFIG_VETH=y\nCONFIG_NET_SCH_NETEM=m\n");
        assertThat(report.canRunNetnsLab()).isTrue();
        assertThat(report.missing()).isEmpty();
        assertThat(report.describe()).contains("everything");
    }

    @Test
    void nonRootWithoutBirdAndSocatSaysWhatToInstall() throws IOException {
        Capabilities.Report report = host(1000, Set.of("bird2", "socat"), FRR_USER, "CONFIG_NET_SCH_NETEM=y\n");
        assertThat(report.canRunNetnsLab()).isFalse();
        assertThat(report.describe())
                .contains("missing: root privileges")
                .contains("sudo apt-get install -y bird2 socat")
                .contains("/usr/sbin/birdc");
    }

    @Test
    void kernelWithoutNetemIsALimitationNotABlocker() throws IOException {
        Capabilities.Report report = host(0, Set.of(), FRR_USER, "# CONFIG_NET_SCH_NETEM is not set\n");
        assertThat(report.canRunNetnsLab()).isTrue();
        assertThat(report.limitations()).singleElement().satisfies(m -> {
            assertThat(m.what()).contains("netem");
            assertThat(m.why()).contains("random loss still works");
        });
    }

    @Test
    void kernelsWithoutTheCustomMultipathHashCannotRunTheLab() throws IOException {
        osRelease("5.10.0-28-amd64");
        Capabilities.Report report = host(0, Set.of(), FRR_USER, "CONFIG_NET_SCH_NETEM=y\n");
        assertThat(report.canRunNetnsLab()).isFalse();
        assertThat(report.describe()).contains("Linux 5.12 or newer").contains("fib_multipath_hash_policy=3");
    }

    @Test
    void missingFrrUserIsNamed() throws IOException {
        assertThat(host(0, Set.of(), "root:x:0:0::/root:/bin/bash\n", "CONFIG_NET_SCH_NETEM=y\n").describe())
                .contains("user frr").contains("--reinstall frr");
    }
}
