package dev.lbstudio.lab.bird;

import dev.lbstudio.lab.netns.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * birdc against one node's control socket. BIRD has no JSON output (lab-notes §6), so text is parsed by the
 * header's column positions, which BIRD aligns, rather than by splitting on spaces (the Since column can hold
 * a date and a time).
 */
public final class BirdControl {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

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
        return Commands.run(cmd, TIMEOUT, null).orThrow().stdout();
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

    public static List<Protocol> parseProtocols(String text) {
        List<Protocol> result = new ArrayList<>();
        int[] columns = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Name ")) {
                columns = new int[] {0, line.indexOf("Proto"), line.indexOf("Table"), line.indexOf("State"),
                    line.indexOf("Since"), line.indexOf("Info")};
                continue;
            }
            if (columns == null || line.isBlank()) {
                continue;
            }
            String[] cells = new String[6];
            for (int i = 0; i < 6; i++) {
                int from = Math.min(columns[i], line.length());
                int to = i < 5 ? Math.min(columns[i + 1], line.length()) : line.length();
                cells[i] = line.substring(from, to).strip();
            }
            // A name longer than its column pushes the row right; then fall back to whitespace fields.
            if (!line.startsWith(cells[0] + " ") || cells[0].contains(" ")) {
                String[] f = line.strip().split("\\s+", 6);
                cells = new String[] {f[0], at(f, 1), at(f, 2), at(f, 3), at(f, 4), at(f, 5)};
            }
            result.add(new Protocol(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]));
        }
        return result;
    }

    private static String at(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }
}
