package dev.lbstudio.render;

/**
 * Choices about the output that are not part of the design. {@code bmpHost}/{@code bmpPort}: a BMP
 * collector every FRR router reports to (null: none), e.g. the lab's relay on 127.0.0.1:11019 (lab-notes §4).
 */
public record RenderOptions(String bmpHost, Integer bmpPort) {

    public static final RenderOptions DEFAULT = new RenderOptions(null, null);

    public RenderOptions {
        if ((bmpHost == null) != (bmpPort == null)) {
            throw new IllegalArgumentException("a BMP target needs both host and port, e.g. 127.0.0.1:11019");
        }
        if (bmpPort != null && (bmpPort < 1 || bmpPort > 65535)) {
            throw new IllegalArgumentException("BMP port " + bmpPort + " is outside 1-65535");
        }
    }

    /** Reads {@code HOST:PORT}. */
    public static RenderOptions withBmp(String target) {
        int colon = target == null ? -1 : target.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + target + "' is not a BMP target; write HOST:PORT, e.g. 127.0.0.1:11019");
        }
        try {
            return new RenderOptions(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + target + "' has no port number; write HOST:PORT, e.g. 127.0.0.1:11019", e);
        }
    }

    public boolean hasBmp() {
        return bmpHost != null;
    }
}
