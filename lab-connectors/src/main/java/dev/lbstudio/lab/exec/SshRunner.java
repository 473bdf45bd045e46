package dev.lbstudio.lab.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Runs commands on a router over SSH (SSHJ). The host key must match known_hosts or a pinned
 * fingerprint; an unknown or changed key is refused with its fingerprint so the user can check
 * it. One connection is kept and re-opened once if it dropped.
 */
public final class SshRunner implements CommandRunner {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final SshTarget target;
    private SSHClient ssh;
    private volatile String offeredFingerprint;

    public SshRunner(SshTarget target) {
        this.target = target;
    }

    @Override
    public synchronized CommandResult run(List<String> argv, Duration timeout) throws CommandException {
        String command = argv.stream().map(SshRunner::quote).collect(Collectors.joining(" "));
        try {
            return exec(connected(), command, timeout);
        } catch (TransportException | net.schmizz.sshj.connection.ConnectionException dropped) {
            // The kept connection may have died since the last command: reconnect once.
            disconnect();
            try {
                return exec(connected(), command, timeout);
            } catch (IOException e) {
                disconnect();
                throw new CommandException("'" + command + "' on " + target + " failed: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            disconnect();
            throw new CommandException("'" + command + "' on " + target + " failed: " + e.getMessage(), e);
        }
    }

    private CommandResult exec(SSHClient client, String command, Duration timeout) throws IOException, CommandException {
        long start = System.nanoTime();
        Session session = client.startSession();
        Session.Command cmd = session.exec(command);
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(cmd.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(cmd.getErrorStream()));
        try {
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (net.schmizz.sshj.connection.ConnectionException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw e;
            }
        }
        if (cmd.isOpen()) {
            // A graceful channel close would wait for the router; drop the connection instead.
            disconnect();
            throw new CommandException("'" + command + "' on " + target + " did not finish within "
                    + timeout.toMillis() + " ms and was abandoned");
        }
        session.close();
        Integer status = cmd.getExitStatus();
        try {
            return new CommandResult(status == null ? -1 : status, out.get(5, TimeUnit.SECONDS),
                    err.get(5, TimeUnit.SECONDS), Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            throw new CommandException("could not read the output of '" + command + "' on " + target, e);
        }
    }

    private SSHClient connected() throws CommandException {
        if (ssh != null && ssh.isConnected() && ssh.isAuthenticated()) {
            return ssh;
        }
        SSHClient client = new SSHClient();
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setTimeout(CONNECT_TIMEOUT_MS * 2);
        try {
            client.addHostKeyVerifier(verifier());
            client.connect(target.host(), target.port());
        } catch (TransportException e) {
            close(client);
            if (offeredFingerprint != null) {
                throw new CommandException("refusing " + target + ": its host key " + offeredFingerprint
                        + " is not trusted (unknown or changed). Check it on the router with 'ssh-keygen -lf "
                        + "/etc/ssh/ssh_host_ed25519_key.pub', then add the router to known_hosts or pin that fingerprint.");
            }
            throw new CommandException("cannot connect to " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            close(client);
            throw new CommandException("cannot connect to " + target + ": " + e.getMessage()
                    + " — check the address, the port and that sshd runs", e);
        }
        try {
            if (target.privateKey() != null) {
                client.authPublickey(target.user(), client.loadKeys(target.privateKey().toString()));
            } else {
                client.authPublickey(target.user());
            }
        } catch (UserAuthException e) {
            close(client);
            throw new CommandException("the router " + target + " refused our key for user " + target.user()
                    + ": add the public key to that user's authorized_keys", e);
        } catch (IOException e) {
            close(client);
            throw new CommandException("cannot log in to " + target + ": " + e.getMessage(), e);
        }
        ssh = client;
        return client;
    }

    private HostKeyVerifier verifier() throws IOException {
        HostKeyVerifier trusted;
        if (target.hostKeys() instanceof HostKeyPolicy.KnownHosts known) {
            trusted = new OpenSSHKnownHosts(known.file().toFile());
        } else {
            String pinned = ((HostKeyPolicy.Pinned) target.hostKeys()).sha256Fingerprint();
            trusted = new HostKeyVerifier() {
                @Override
                public boolean verify(String host, int port, PublicKey key) {
                    return sha256(key).equals(pinned);
                }

                @Override
                public List<String> findExistingAlgorithms(String host, int port) {
                    return List.of();
                }
            };
        }
        return new HostKeyVerifier() {
            @Override
            public boolean verify(String host, int port, PublicKey key) {
                boolean ok = trusted.verify(host, port, key);
                offeredFingerprint = ok ? null : sha256(key);
                return ok;
            }

            @Override
            public List<String> findExistingAlgorithms(String host, int port) {
                return trusted.findExistingAlgorithms(host, port);
            }
        };
    }

    /** The fingerprint as OpenSSH prints it: SHA256 of the key blob, unpadded base64. */
    static String sha256(PublicKey key) {
        try {
            byte[] blob = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void disconnect() {
        close(ssh);
        ssh = null;
    }

    private static void close(SSHClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    @Override
    public String describe() {
        return target.toString();
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
