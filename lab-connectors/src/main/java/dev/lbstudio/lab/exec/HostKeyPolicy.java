package dev.lbstudio.lab.exec;

import java.nio.file.Path;

/**
 * How a router's SSH host key is trusted: listed in a known_hosts file, or pinned by its SHA256
 * fingerprint (as {@code ssh-keygen -lf} prints it). There is deliberately no "accept anything".
 */
public sealed interface HostKeyPolicy {

    record KnownHosts(Path file) implements HostKeyPolicy {
    }

    record Pinned(String sha256Fingerprint) implements HostKeyPolicy {
        public Pinned {
            if (sha256Fingerprint == null || !sha256Fingerprint.startsWith("SHA256:")) {
                throw new IllegalArgumentException("a pinned host key is written SHA256:..., as 'ssh-keygen -lf' prints it");
            }
        }
    }

    static HostKeyPolicy userKnownHosts() {
        return new KnownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }
}
