package dev.lbstudio.lab.bird;

import dev.lbstudio.lab.netns.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * birdc against one node's control socket. BIRD has no JSON output (lab-notes §6), so its text is parsed.
 */
public final class BirdControl {

    static final Duration TIMEOUT = Duration.ofSeconds(dev.lbstudio.lab.api.LabTimeouts.DAEMON_CALL_SECONDS);

    /** One line of `show protocols`. */
    public record Protocol(String name, String proto, String table, String state, String since, String info) {
        public boolean established() {
            return "BGP".equals(proto) && "up".equals(state) && info.startsWith("Established");
        }
    }

    private final Path socket;

    public BirdControl(Path socket) {
        this.socket = socket;
    }

    public String command(String... words) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket.toString()));
        cmd.addAll(List.of(words));
        return Commands.run(cmd, TIMEOUT).orThrow().stdout();
    }

    public List<Protocol> protocols() {
        return parseProtocols(command("show", "protocols"));
    }

    /** Re-reads bird.conf and its includes, which is what confd does after rewriting static routes. */
    public void configure() {
        String out = command("configure");
        if (!out.contains("Reconfigured") && !out.contains("Reconfiguration in progress")) {
            throw new dev.lbstudio.lab.netns.LabException("BIRD on " + socket + " refused the new configuration: "
                    + out.strip());
        }
    }

    /**
     * Name, Proto, Table and State never hold spaces; Since is one token ("02:50:57.440") or, with
     * `timeformat protocol iso long`, a date and a time; Info is the rest. Names longer than their column
     * push the row right, so columns are found by tokens, not by the header's offsets.
     */
    public static List<Protocol> parseProtocols(String text) {
        List<Protocol> result = new ArrayList<>();
        boolean table = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Name ")) {
                table = true;
                continue;
            }
            if (!table || line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 7);
            if (f.length < 4) {
                continue;
            }
            String since = at(f, 4);
            String info;
            if (since.matches("\\d{4}-\\d{2}-\\d{2}") && f.length > 5) {
                since = since + " " + f[5];
                info = at(f, 6);
            } else {
                info = f.length > 5 ? String.join(" ", java.util.Arrays.copyOfRange(f, 5, f.length)) : "";
            }
            result.add(new Protocol(f[0], f[1], f[2], f[3], since, info.strip()));
        }
        return result;
    }

    private static String at(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }
}
