package dev.lbstudio.lab.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The labs of ours on this host, from their state dirs: what `lbstudio lab status` and `lab down` act on. */
public final class Labs {

    /** One lab: its names, its driver (pid, or -1) and whether that still runs, whether it was detached, its ToRs. */
    public record Info(LabNames names, long ownerPid, boolean ownerAlive, boolean detached, List<String> routers) {
    }

    private Labs() {
    }

    public static List<Info> list(Path stateRoot) {
        if (!Files.isDirectory(stateRoot)) {
            return List.of();
        }
        List<Info> labs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(stateRoot)) {
            for (Path dir : dirs.sorted().toList()) {
                String id = dir.getFileName().toString();
                if (!LabNames.isLabId(id)) {
                    continue;
                }
                Journal journal = Journal.open(dir);
                List<String> routers;
                try (Stream<Path> entries = Files.list(dir)) {
                    routers = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("r-"))
                            .map(n -> n.substring(2)).sorted().toList();
                } catch (java.nio.file.NoSuchFileException removed) {
                    // Torn down (a sweep, `lab down`) while we listed: it is no longer a lab.
                    continue;
                }
                labs.add(new Info(new LabNames(id, stateRoot), journal.owner().map(ProcessIdentity::pid).orElse(-1L),
                        journal.owner().map(ProcessIdentity::isAlive).orElse(false), journal.detached(), routers));
            }
        } catch (IOException e) {
            throw new LabException("cannot list the labs in " + stateRoot + ": " + e.getMessage(), e);
        }
        return labs;
    }
}
