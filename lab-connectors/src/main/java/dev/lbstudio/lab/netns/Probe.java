package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded HTTP probe from a client namespace. The JVM stays in the root namespace: each request is a new
 * connection to a UNIX socket on which socat, running inside the client namespace, opens a fresh TCP
 * connection to the target. So the TCP source is really the client's, and the root namespace never gets a
 * route or a link into the lab.
 */
public final class Probe implements AutoCloseable {

    /** One probe result: ok, latency, which pod served and the client address the pod saw. */
    public record Result(String flow, int sequence, long startNanos, boolean ok, Duration latency, String pod,
                         String sourceSeen, String error) {
    }

    private static final Pattern BODY = Pattern.compile("pod=(\\S+) client=(\\S+)");
    private static final byte[] REQUEST = "GET / HTTP/1.0\r\nHost: lab\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String flow;
    private final Path socket;
    private final Process relay;

    private Probe(String flow, Path socket, Process relay) {
        this.flow = flow;
        this.socket = socket;
        this.relay = relay;
    }

    /**
     * Starts the relay in the client namespace; the timeout bounds socat's TCP connect too. A probe whose
     * connections all leave from {@code sourcePort} (0: any), so they form one flow that ECMP
     * hashes to one next hop every time, as the simulator's probe flows do. Reusing the port right away works
     * because the relay aborts each connection when it is done (linger 0), so no TIME_WAIT or orphan holds it.
     */
    static Probe open(String client, String clientNamespace, Path dir, String target, int port, Duration timeout,
            int sourcePort) {
        boolean v6 = target.contains(":");
        // socat splits addresses at colons: an IPv6 target goes in brackets, and none may be in the socket's name
        String name = "probe-" + target.replace(':', '_') + "-" + port + (sourcePort > 0 ? "-from-" + sourcePort : "");
        Path socket = dir.resolve(name + ".sock");
        // -t and linger=0: once the probe has given up (the UNIX side closed), its TCP connection is aborted with
        // a RST after at most one more timeout. A connection cut by a path change otherwise lingers as an orphan
        // in FIN-WAIT-1 (its FINs go to a node without its conntrack entry and are never answered) and holds the
        // flow's fixed 4-tuple: every later connect of the flow failed with "Cannot assign requested address"
        // for seconds, which was the 2-4 s "relocation outage". A real client takes a new port per connection,
        // so an old stuck connection never blocks its new ones; aborting ours keeps the flow's hash and does
        // the same.
        Process relay = Daemons.startForeground(clientNamespace, dir.resolve(name + ".log"),
                "socat", "-t", Double.toString(timeout.toMillis() / 1000.0), "UNIX-LISTEN:" + socket + ",fork,unlink-early,backlog=64",
                (v6 ? "TCP6:[" + target + "]:" : "TCP:" + target + ":") + port + ",connect-timeout=" + timeout.toMillis() / 1000.0 + ",linger=0"
                        + (sourcePort > 0 ? ",sourceport=" + sourcePort + ",reuseaddr" : ""));
        Daemons.awaitFile(socket, "the probe relay in " + clientNamespace);
        return new Probe(client + ":" + (sourcePort > 0 ? sourcePort : "*") + "→" + target + ":" + port, socket, relay);
    }

    public String flow() {
        return flow;
    }

    /** Sends {@code count} requests, one every {@code interval}; each is bounded by {@code timeout}. */
    public List<Result> run(int count, Duration interval, Duration timeout, Consumer<Result> sink) {
        List<Result> results = new ArrayList<>(count);
        long due = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Teardown.sleep(wait / 1_000_000);
            }
            // Paced from each start, never bursting to catch up after a slow (timed-out) request.
            due = System.nanoTime() + interval.toNanos();
            Result r = once(i, timeout);
            results.add(r);
            sink.accept(r);
        }
        return results;
    }

    public Result once(int sequence, Duration timeout) {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(REQUEST));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                    return failure(sequence, begin, "timeout after " + timeout.toMillis() + " ms");
                }
                selector.selectedKeys().clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                if (!buffer.hasRemaining()) {
                    break;
                }
            }
            String response = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            Matcher m = BODY.matcher(response);
            if (!response.startsWith("HTTP/1.0 200") || !m.find()) {
                return failure(sequence, begin, response.isEmpty() ? "connection refused or reset" : "bad answer");
            }
            return new Result(flow, sequence, begin, true, Duration.ofNanos(System.nanoTime() - begin), m.group(1),
                    address(m.group(2)), null);
        } catch (IOException e) {
            return failure(sequence, begin, e.getMessage());
        }
    }

    private Result failure(int sequence, long begin, String error) {
        return new Result(flow, sequence, begin, false, Duration.ofNanos(System.nanoTime() - begin), null, null, error);
    }

    @Override
    public void close() {
        relay.destroy();
    }

    /** socat writes an IPv6 peer in brackets and in full ({@code [fd00:0198:0000:…:0010]}): the canonical form, as IPv4 is. */
    static String address(String seen) {
        return seen.startsWith("[") && seen.endsWith("]")
                ? dev.lbstudio.model.IpAddr.parse(seen.substring(1, seen.length() - 1)).toString() : seen;
    }
}
