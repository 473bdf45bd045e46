package dev.lbstudio.lab.netns;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names every namespace of one lab with the unique prefix {@code lbs-<labid>-}, so a sweep after a lost
 * journal can only ever match namespaces this lab made (lab-notes §7).
 */
public record LabNames(String labId, Path stateRoot) {

    public static final String PREFIX = "lbs-";
    public static final Path DEFAULT_STATE_ROOT = Path.of("/run/lbstudio");
    private static final Pattern LAB_ID = Pattern.compile("[0-9a-f]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public LabNames {
        if (!LAB_ID.matcher(labId).matches()) {
            throw new IllegalArgumentException("lab id must be 6 lowercase hex digits: " + labId);
        }
    }

    public static LabNames fresh(Path stateRoot) {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return new LabNames(HexFormat.of().formatHex(bytes), stateRoot);
    }

    public static boolean isLabId(String text) {
        return LAB_ID.matcher(text).matches();
    }

    public String prefix() {
        return PREFIX + labId + "-";
    }

    public Path stateDir() {
        return stateRoot.resolve(labId);
    }

    public String router(String name) {
        return prefix() + "r-" + name;
    }

    public String node(String name) {
        return prefix() + "n-" + name;
    }

    public String segment(String name) {
        return prefix() + "s-" + name;
    }

    public String client(String name) {
        return prefix() + "c-" + name;
    }

    public String pod(String name) {
        return prefix() + "p-" + name;
    }

    public boolean owns(String namespace) {
        return namespace.startsWith(prefix());
    }
}
