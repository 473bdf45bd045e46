package dev.lbstudio.lab.api;

/**
 * The stated bounds of the namespace lab's commands (issue 9 "a lab command never blocks longer than its stated
 * timeout"), as compile-time constants so the CLI's help can quote them. A hung daemon (SIGSTOP, a dead
 * namespace, a blocked socket) turns into a clear failure after these, never a hang.
 */
public final class LabTimeouts {

    /** One vtysh or birdc call; then the call is killed and reported with the daemon and the command. */
    public static final int DAEMON_CALL_SECONDS = 5;
    /** One command of a trigger (nft, kill, a wait for a process to stop); a trigger stops at the first that fails. */
    public static final int STEP_COMMAND_SECONDS = 5;
    /** `lab status` per ToR: its sessions and its routes, one daemon call each; a ToR that does not answer is shown so. */
    public static final int STATUS_PER_ROUTER_SECONDS = 2 * DAEMON_CALL_SECONDS;
    /** Teardown's SIGTERM grace before SIGKILL (a stopped daemon gets SIGKILL, which needs no cooperation). */
    public static final int TEARDOWN_GRACE_SECONDS = 3;

    private LabTimeouts() {
    }
}
