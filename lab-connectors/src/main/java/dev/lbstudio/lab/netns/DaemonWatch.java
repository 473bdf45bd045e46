package dev.lbstudio.lab.netns;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.Node;
import dev.lbstudio.model.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds lab daemons that died (FRR's zebra/bfdd/bgpd per ToR, BIRD per node) by the pid files they were started
 * with (issue 9 "daemon faults … reported as an event and in `lab status`, not a hang"). A crashed daemon leaves
 * its pid file behind, so "pid file present, process gone" is the crash signature.
 */
public final class DaemonWatch {

    static final List<String> FRR_DAEMONS = List.of("zebra", "bfdd", "bgpd");

    /** A daemon whose recorded process no longer runs. */
    public record Dead(String daemon, ElementId where, long pid) {
        public String describe() {
            return daemon + " on " + where.kind().name().toLowerCase() + " " + where.name() + " is not running (pid "
                    + pid + " is gone); the lab's routing no longer matches the design until it is restarted";
        }
    }

    private DaemonWatch() {
    }

    public static List<Dead> dead(NetnsLab lab) {
        List<Dead> dead = new ArrayList<>();
        for (Router r : lab.topology().network().routers()) {
            for (String daemon : FRR_DAEMONS) {
                check(daemon, r.id(), lab.routerDir(r.name()).resolve(daemon + ".pid"), dead);
            }
        }
        for (Node n : lab.topology().cluster().nodes()) {
            check("bird", n.id(), lab.nodeDir(n.name()).resolve("bird.pid"), dead);
        }
        return dead;
    }

    private static void check(String daemon, ElementId where, Path pidFile, List<Dead> dead) {
        pid(pidFile).ifPresent(pid -> {
            if (!ProcessIdentity.running(pid, daemon)) {
                dead.add(new Dead(daemon, where, pid));
            }
        });
    }

    /** The pid a daemon wrote; empty while it is not written yet (the daemon is still starting) or unreadable. */
    static OptionalLong pid(Path pidFile) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
