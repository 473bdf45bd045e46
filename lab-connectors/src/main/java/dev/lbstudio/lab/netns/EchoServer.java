package dev.lbstudio.lab.netns;

import java.nio.file.Path;
import java.util.Map;

/**
 * The pod workload: an HTTP server answering with its pod name and the client address it sees. socat forks
 * one shell per connection and exports the peer as SOCAT_PEERADDR, so nothing beyond Debian's socat and sh is
 * needed and an idle pod costs one small process.
 */
public final class EchoServer {

    /**
     * Run by dash (/bin/sh on Debian), which starts several times faster than bash: under load the per-request
     * fork and exec dominate probe latency. It reads the request head so closing never resets unread bytes;
     * CR comes from the environment because dash has no $'\r'.
     */
    static final String SCRIPT = "while read -r l; do case \"$l\" in \"$CR\"|\"\") break;; esac; done; "
            + "b=\"pod=$POD client=$SOCAT_PEERADDR\"; "
            + "printf 'HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s\\n' $((${#b} + 1)) \"$b\"";

    private EchoServer() {
    }

    /**
     * Waits until the server listens on {@code port}, read from /proc/PID/net/tcp, which lists the sockets of the
     * process's network namespace (`ip netns exec` execs socat, so the process is socat itself): no fork per poll.
     */
    public static void awaitListening(Process server, int port, java.time.Duration timeout) {
        Path table = Path.of("/proc", Long.toString(server.pid()), "net", "tcp");
        String local = String.format(":%04X", port);
        Path self = Path.of("/proc/self/ns/net");
        Path its = Path.of("/proc", Long.toString(server.pid()), "ns", "net");
        Daemons.await(() -> {
            if (!server.isAlive()) {
                throw new LabException("the echo server (pid " + server.pid() + ") exited before it listened on " + port);
            }
            try {
                // Until `ip netns exec` has entered the pod's namespace its table is the root namespace's.
                if (java.nio.file.Files.readSymbolicLink(its).equals(java.nio.file.Files.readSymbolicLink(self))) {
                    return false;
                }
                // Fields: sl local_address rem_address st …; st 0A is LISTEN.
                return java.nio.file.Files.readAllLines(table).stream().skip(1).map(l -> l.strip().split("\\s+"))
                        .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals("0A"));
            } catch (java.io.IOException e) {
                return false;
            }
        }, timeout, "the echo server (pid " + server.pid() + ") did not listen on port " + port + " within "
                + timeout.toMillis() + " ms");
    }

    public static Process start(String namespace, Path dir, String podName, int port) {
        return start(namespace, dir, podName, port, 4);
    }

    /**
     * The server of one family: socat's TCP-LISTEN takes IPv4 only, so a dual-stack pod runs a second one on
     * TCP6-LISTEN (ipv6only, so IPv4 clients keep their plain address in SOCAT_PEERADDR).
     */
    public static Process start(String namespace, Path dir, String podName, int port, int family) {
        Path script = dir.resolve("echo.sh");
        Daemons.write(script, SCRIPT + "\n");
        String listen = family == 4 ? "TCP-LISTEN:" + port : "TCP6-LISTEN:" + port + ",ipv6only=1";
        // EXEC, not SYSTEM: socat would split a SYSTEM command at its colons and commas.
        return Daemons.startForeground(namespace, dir.resolve(family == 4 ? "echo.log" : "echo6.log"), Map.of("POD", podName, "CR", "\r"),
                "socat", "-T", "2", listen + ",fork,reuseaddr,backlog=128", "EXEC:/bin/sh " + script);
    }
}
