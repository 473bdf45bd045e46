package dev.lbstudio.lab.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What this host lacks for the real namespace lab, each item with the fix. Blocking items stop the netns
 * backend (the simulated backend still runs); limitations only remove a trigger (netem: lab-notes §8).
 */
public final class Capabilities {

    /** One thing missing: what, why it matters, and the command or step that fixes it. */
    public record Missing(String what, String why, String fix, boolean blocking) {
        @Override
        public String toString() {
            return what + " (" + why + "); fix: " + fix;
        }
    }

    public record Report(List<Missing> missing) {
        public boolean canRunNetnsLab() {
            return missing.stream().noneMatch(Missing::blocking);
        }

        public List<Missing> limitations() {
            return missing.stream().filter(m -> !m.blocking()).toList();
        }

        public String describe() {
            if (missing.isEmpty()) {
                return "everything the namespace lab needs is present";
            }
            List<String> lines = new ArrayList<>();
            missing.forEach(m -> lines.add((m.blocking() ? "missing: " : "limitation: ") + m));
            return String.join("\n", lines);
        }
    }

    /** A tool the lab runs, the Debian package that ships it, and what the lab needs it for. */
    record Tool(String path, String pkg, String purpose) {
    }

    static final List<Tool> TOOLS = List.of(
            new Tool("/usr/sbin/ip", "iproute2", "creates namespaces and links"),
            new Tool("/usr/lib/frr/zebra", "frr", "runs the ToR routers"),
            new Tool("/usr/lib/frr/bgpd", "frr", "runs the ToR routers"),
            new Tool("/usr/lib/frr/bfdd", "frr", "runs BFD on the ToRs"),
            new Tool("/usr/bin/vtysh", "frr", "reads router state"),
            new Tool("/usr/sbin/bird", "bird2", "runs Calico's BIRD on every node"),
            new Tool("/usr/sbin/birdc", "bird2", "reconfigures and reads BIRD"),
            new Tool("/usr/sbin/nft", "nftables", "emulates kube-proxy NAT and packet loss"),
            new Tool("/usr/bin/socat", "socat", "serves pods' HTTP, relays BMP and probes"));

    private Capabilities() {
    }

    public static Report check() {
        return check(Path.of("/"), currentUid());
    }

    /** {@code root} lets tests point the check at a fake file system. */
    static Report check(Path root, long uid) {
        List<Missing> missing = new ArrayList<>();
        if (uid != 0) {
            missing.add(new Missing("root privileges", "network namespaces, veths and daemons need CAP_NET_ADMIN",
                    "run as root, e.g. sudo lbstudio lab up FILE, or use --backend sim", true));
        }
        Set<String> packages = new LinkedHashSet<>();
        List<String> tools = new ArrayList<>();
        for (Tool t : TOOLS) {
            if (!Files.isExecutable(root.resolve(t.path().substring(1)))) {
                packages.add(t.pkg());
                tools.add(t.path() + " (" + t.purpose() + ")");
            }
        }
        if (!packages.isEmpty()) {
            missing.add(new Missing(String.join(", ", tools), "the lab runs these real programs",
                    "sudo apt-get install -y " + String.join(" ", packages), true));
        }
        if (!userExists(root, "frr") && !packages.contains("frr")) {
            missing.add(new Missing("user frr", "FRR daemons drop privileges to user frr",
                    "reinstall the frr package: sudo apt-get install --reinstall frr", true));
        }
        if (!kernelAtLeast(root, 5, 12)) {
            missing.add(new Missing("Linux 5.12 or newer", "per-flow ECMP in the lab needs the custom multipath hash"
                    + " (fib_multipath_hash_policy=3)", "run the lab on a newer kernel (Debian 12 ships 6.1)", true));
        }
        if (kernelOption(root, "CONFIG_NET_SCH_NETEM").filter(v -> !v.equals("n")).isEmpty()) {
            missing.add(new Missing("kernel netem qdisc (CONFIG_NET_SCH_NETEM)",
                    "link delay and jitter cannot be emulated; random loss still works through nftables",
                    "use a kernel built with CONFIG_NET_SCH_NETEM (most distribution kernels: modprobe sch_netem)",
                    false));
        }
        return new Report(List.copyOf(missing));
    }

    static boolean kernelAtLeast(Path root, int major, int minor) {
        try {
            String[] v = Files.readString(root.resolve("proc/sys/kernel/osrelease")).strip().split("[.-]");
            int maj = Integer.parseInt(v[0]);
            int min = Integer.parseInt(v[1]);
            return maj > major || maj == major && min >= minor;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through: unknown counts as not root, which only makes the report stricter.
        }
        return -1;
    }

    private static boolean userExists(Path root, String user) {
        try {
            return Files.readAllLines(root.resolve("etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The kernel's build option: "y", "m" or "n"; empty when no config can be found. Reads /proc/config.gz,
     * else /boot/config-RELEASE, which is where Debian and most distributions put it.
     */
    static Optional<String> kernelOption(Path root, String option) {
        Optional<String> config = readConfig(root);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        for (String line : config.get().split("\n")) {
            if (line.startsWith(option + "=")) {
                return Optional.of(line.substring(option.length() + 1).strip());
            }
        }
        return Optional.of("n");
    }

    private static Optional<String> readConfig(Path root) {
        Path gz = root.resolve("proc/config.gz");
        try {
            if (Files.exists(gz)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            String release = Files.readString(root.resolve("proc/sys/kernel/osrelease")).strip();
            Path boot = root.resolve("boot/config-" + release);
            return Files.exists(boot) ? Optional.of(Files.readString(boot)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
