package dev.lbstudio.lab.kube;

/** A push that the cluster refused, explained in the user's terms with what to do about it. */
public final class PushException extends RuntimeException {
    private final int status;

    public PushException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the API server answered (0 when the cluster could not be reached). */
    public int status() {
        return status;
    }
}
