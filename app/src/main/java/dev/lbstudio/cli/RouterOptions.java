package dev.lbstudio.cli;

import dev.lbstudio.lab.exec.CommandException;
import dev.lbstudio.lab.exec.CommandResult;
import dev.lbstudio.lab.exec.HostKeyPolicy;
import dev.lbstudio.lab.exec.SshRunner;
import dev.lbstudio.lab.exec.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --router NAME=FRR_CONFIG} or {@code --router NAME=ssh://user@host[:port]}, with the SSH
 * key and host-key trust to reach the routers over SSH.
 */
final class RouterOptions {

    @Option(names = "--router", paramLabel = "NAME=SOURCE",
            description = "A router: its FRR config file (frr.conf or show running-config output), or ssh://user@host[:port] to read it live.")
    List<String> routers = List.of();

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for ssh:// routers (default: your default SSH keys).")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts for ssh:// routers (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-key", paramLabel = "SHA256:...", description = "Pin the routers' host key fingerprint instead of known_hosts.")
    String hostKey;

    /** Router name → a local FRR config file; ssh:// routers are read with {@code show running-config} into {@code dir}. */
    Map<String, Path> configs(Path dir) {
        Map<String, Path> configs = new LinkedHashMap<>();
        for (String r : routers) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new UserError("--router " + r + ": write NAME=FILE or NAME=ssh://user@host, e.g. --router tor1=tor1/frr.conf");
            }
            String name = r.substring(0, eq);
            String source = r.substring(eq + 1);
            configs.put(name, source.startsWith("ssh://") ? fetch(name, source, dir) : localFile(r, source));
        }
        return configs;
    }

    /** The ssh:// routers as live vtysh connections, for watching and triggers (callers close the runners). */
    Map<String, dev.lbstudio.lab.frr.Vtysh> liveRouters(List<AutoCloseable> opened) {
        Map<String, dev.lbstudio.lab.frr.Vtysh> live = new LinkedHashMap<>();
        for (String r : routers) {
            int eq = r.indexOf('=');
            if (eq <= 0 || !r.substring(eq + 1).startsWith("ssh://")) {
                throw new UserError("--router " + r + ": a live lab needs NAME=ssh://user@host[:port]");
            }
            SshRunner ssh = new SshRunner(target(r.substring(0, eq), r.substring(eq + 1)));
            opened.add(ssh);
            live.put(r.substring(0, eq), dev.lbstudio.lab.frr.Vtysh.over(ssh));
        }
        return live;
    }

    private SshTarget target(String name, String url) {
        try {
            return SshTarget.parse(url, sshKey, hostKey != null ? new HostKeyPolicy.Pinned(hostKey)
                    : knownHosts != null ? new HostKeyPolicy.KnownHosts(knownHosts) : HostKeyPolicy.userKnownHosts());
        } catch (IllegalArgumentException e) {
            throw new UserError("--router " + name + ": " + e.getMessage());
        }
    }

    private static Path localFile(String option, String source) {
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new UserError("--router " + option + ": " + file + " is not a file");
        }
        return file;
    }

    private Path fetch(String name, String url, Path dir) {
        SshTarget target = target(name, url);
        try (SshRunner ssh = new SshRunner(target)) {
            CommandResult result = ssh.run(List.of("vtysh", "-c", "show running-config"), Duration.ofSeconds(20));
            if (!result.ok()) {
                throw new UserError("router " + name + " (" + target + ") answered exit " + result.exitCode() + " to "
                        + "'vtysh -c show running-config': " + result.stderr().strip());
            }
            return Files.writeString(dir.resolve(name + ".frr.conf"), result.stdout());
        } catch (CommandException e) {
            throw new UserError("router " + name + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot keep router " + name + "'s config: " + e.getMessage());
        }
    }
}
