package dev.lbstudio.lab.exec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server on 127.0.0.1 for tests: generated host and client keys, one
 * authorized key bound to a forced command, so a test can only run what the wrapper allows.
 * Needs root (sshd privilege separation) and the openssh-server package.
 */
public final class TestSshd implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process sshd;

    private TestSshd(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    /** {@code forcedCommand} is a shell script body that reads $SSH_ORIGINAL_COMMAND. */
    public static TestSshd start(Path dir, String forcedCommand) throws Exception {
        require(Path.of("/usr/sbin/sshd"), "openssh-server");
        require(Path.of("/usr/bin/ssh-keygen"), "openssh-client");
        Files.createDirectories(Path.of("/run/sshd"));
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        Path wrapper = dir.resolve("forced.sh");
        Files.writeString(wrapper, "#!/bin/sh\n" + forcedCommand + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("authorized_keys"), "command=\"" + wrapper + "\",no-pty,no-port-forwarding,"
                + "no-agent-forwarding,no-X11-forwarding " + Files.readString(dir.resolve("client_key.pub")));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PermitRootLogin forced-commands-only",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "PidFile " + dir.resolve("sshd.pid"), "") );
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        TestSshd server = new TestSshd(dir, port, sshd);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IllegalStateException("sshd did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    private static void require(Path binary, String pkg) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: install the Debian package " + pkg
                    + " (bin/test-all does this when run as root)");
        }
    }

    private static void keygen(Path key) throws Exception {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return dir.resolve("client_key");
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it. */
    public String hostFingerprint() throws Exception {
        return run(List.of("ssh-keygen", "-lf", dir.resolve("host_key.pub").toString())).split(" ")[1];
    }

    /** A known_hosts file that trusts this server. */
    public Path knownHosts() throws Exception {
        Path file = dir.resolve("known_hosts");
        String[] pub = Files.readString(dir.resolve("host_key.pub")).trim().split(" ");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n");
        return file;
    }

    public SshTarget target(HostKeyPolicy policy) {
        return new SshTarget("root", "127.0.0.1", port, clientKey(), policy);
    }

    @Override
    public void close() {
        sshd.descendants().forEach(ProcessHandle::destroy);
        sshd.destroy();
        try {
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            sshd.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
