package dev.lbstudio.lab.netns;

import java.nio.file.Path;

/**
 * The pod workload: an HTTP server answering with its pod name and the client address it sees. socat forks
 * one bash per connection and exports the peer as SOCAT_PEERADDR, so no runtime beyond Debian's socat and
 * bash is needed and an idle pod costs one small process.
 */
public final class EchoServer {

    static final String SCRIPT = """
            #!/bin/bash
            # Reads the request head (bounded by 1 s per line) so closing never resets unread bytes.
            while IFS= read -r -t 1 line; do line=${line%$'\\r'}; [ -z "$line" ] && break; done
            body="pod=$1 client=$SOCAT_PEERADDR"
            printf 'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s\\n' \\
              $((${#body} + 1)) "$body"
            """;

    private EchoServer() {
    }

    public static Process start(String namespace, Path dir, String podName, int port) {
        Path script = dir.resolve("echo.sh");
        Daemons.write(script, SCRIPT);
        return Daemons.startForeground(namespace, dir.resolve("echo.log"), "socat", "-T", "2",
                "TCP-LISTEN:" + port + ",fork,reuseaddr,backlog=128",
                "EXEC:/bin/bash " + script + " " + podName);
    }
}
