package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.stream.Collectors;

/** Maps API server answers to messages that name the object, the cause and the fix. */
final class KubeErrors {
    private KubeErrors() {
    }

    static PushException explain(KubernetesClientException e, String doing, ObjectKey key) {
        Status status = e.getStatus();
        String server = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String what = doing + " " + key;
        String message = switch (e.getCode()) {
            case 401 -> "the cluster did not accept our credentials while trying to " + what
                    + " (401 Unauthorized): refresh the token or client certificate of this kubeconfig context";
            case 403 -> "not allowed to " + what + " (403 Forbidden): " + server + " — " + forbiddenAdvice(server, String.valueOf(e.getMessage()));
            case 404 -> notFound(status, server, what, key);
            case 409 -> conflict(status, server, what, doing);
            case 429 -> "the cluster refused to " + what + " (429): " + server
                    + " — a PodDisruptionBudget allows no more disruption now; wait for replicas to be ready or relax it";
            case 422 -> "the cluster rejected " + key + " as invalid (422): " + invalidFields(status, server);
            // fabric8 reports a refused or dropped connection as 0 or -1 depending on the call path
            case 0, -1 -> "cannot reach the cluster while trying to " + what + ": " + rootCause(e)
                    + " — check the kubeconfig server address and that the API server is up";
            default -> "the cluster answered " + e.getCode() + " while trying to " + what + ": " + server;
        };
        return new PushException(e.getCode(), message, e);
    }

    /** RBAC says "User ... cannot verb resource"; anything else forbidden is admission, not permissions. */
    private static String forbiddenAdvice(String server, String exception) {
        if (server.contains("because it is being terminated")) {
            return "the namespace is being deleted; wait until it is gone, or push into another namespace";
        }
        if (server.contains("admission webhook")) {
            return "an admission webhook refused it, not RBAC; change what its message names or ask its owners";
        }
        // a refused websocket upgrade (a watch) carries no Status body: only RBAC refuses a watch
        if (server.matches("(?s).*is forbidden: (User|ServiceAccount|Group) .* cannot .*")
                || exception.contains("Received 403 on websocket")) {
            return "grant the kubeconfig user that verb on that resource (RBAC) or use a context that has it";
        }
        return "the API server's admission refused it (not RBAC); its message says why";
    }

    private static String notFound(Status status, String server, String what, ObjectKey key) {
        String kind = status != null && status.getDetails() != null ? status.getDetails().getKind() : null;
        if ("namespaces".equals(kind)) {
            return "namespace " + status.getDetails().getName() + " does not exist while trying to " + what
                    + " (404): create it first, or let the design create it";
        }
        if (kind == null || kind.isEmpty()) {
            return "the cluster does not serve " + key.kind() + " in " + key.apiVersion() + " while trying to "
                    + what + " (404): " + missingApiHint(key);
        }
        return key + " is gone while trying to " + what + " (404): " + server + " — it was deleted meanwhile; plan again";
    }

    private static String conflict(Status status, String server, String what, String doing) {
        boolean fieldConflict = status != null && status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> "FieldManagerConflict".equals(c.getReason()));
        if (fieldConflict || (doing.equals("create") || doing.equals("update")) && "Conflict".equals(reason(status))
                && server.contains("conflict")) {
            return "field conflict while trying to " + what + " (409): " + conflicts(status, server)
                    + " — another manager owns these fields; re-run with --force-conflicts to take them over";
        }
        if ("AlreadyExists".equals(reason(status))) {
            return "cannot " + what + " (409): " + server + " — someone created it meanwhile; plan again";
        }
        return "conflict while trying to " + what + " (409): " + server + " — it changed meanwhile; try again";
    }

    private static String reason(Status status) {
        return status != null ? status.getReason() : null;
    }

    /** The fields of a server-side apply conflict and who owns them, for a plan line. */
    static String conflicts(KubernetesClientException e) {
        return conflicts(e.getStatus(), e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage());
    }

    private static String missingApiHint(ObjectKey key) {
        if (key.apiVersion().startsWith("metallb.io")) {
            return "install MetalLB (its CRDs) first, e.g. with the rendered Helm values";
        }
        if (key.apiVersion().startsWith("projectcalico.org")) {
            return "the Calico API server is not installed, so projectcalico.org/v3 is not served; "
                    + "apply the rendered calicoctl commands instead (LB Studio never writes crd.projectcalico.org/v1 "
                    + "behind Calico's back)";
        }
        return "the object's namespace or API is missing";
    }

    private static String conflicts(Status status, String fallback) {
        List<StatusCause> causes = status != null && status.getDetails() != null ? status.getDetails().getCauses() : List.of();
        if (causes == null || causes.isEmpty()) {
            return fallback;
        }
        return causes.stream().map(c -> c.getField() + " (" + c.getMessage() + ")").collect(Collectors.joining(", "));
    }

    private static String invalidFields(Status status, String fallback) {
        List<StatusCause> causes = status != null && status.getDetails() != null ? status.getDetails().getCauses() : List.of();
        if (causes == null || causes.isEmpty()) {
            return fallback;
        }
        return causes.stream().map(c -> c.getField() + ": " + c.getMessage()).collect(Collectors.joining("; "));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
