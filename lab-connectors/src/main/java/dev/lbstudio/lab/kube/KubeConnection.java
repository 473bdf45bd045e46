package dev.lbstudio.lab.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a client for a kubeconfig file and context, or the in-cluster service account. Errors
 * name the file and context but never echo the kubeconfig's content (it holds credentials).
 */
public final class KubeConnection {
    private KubeConnection() {
    }

    public static KubernetesClient open(Path kubeconfig, String context) {
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().withConfig(interactive(Config.autoConfigure(context))).build();
        }
        String content;
        try {
            content = Files.readString(kubeconfig);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig + ": " + e.getClass().getSimpleName()
                    + " — check the path and its permissions");
        }
        List<String> contexts = contexts(content, kubeconfig);
        if (context != null && !contexts.contains(context)) {
            throw new IllegalArgumentException("kubeconfig " + kubeconfig + " has no context '" + context + "'; it has: "
                    + String.join(", ", contexts));
        }
        try {
            Config config = Config.fromKubeconfig(context, content, kubeconfig.toString());
            return new KubernetesClientBuilder().withConfig(interactive(config)).build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("kubeconfig " + kubeconfig + " could not be used: "
                    + e.getClass().getSimpleName() + " (is it a kubeconfig file?)");
        }
    }

    /**
     * A person is waiting: an unreachable API server should be reported in seconds, not after
     * fabric8's default ten retries with exponential back-off, and a watch that keeps failing is
     * given up after {@value #WATCH_RECONNECTS} reconnects (fabric8's default is forever, silently).
     */
    private static Config interactive(Config config) {
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        config.setWatchReconnectLimit(WATCH_RECONNECTS);
        config.setWatchReconnectInterval(500);
        return config;
    }

    static final int WATCH_RECONNECTS = 4;

    /** The context names in a kubeconfig, for a context chooser. */
    public static List<String> contexts(String kubeconfigContent, Path source) {
        try {
            var parsed = io.fabric8.kubernetes.client.internal.KubeConfigUtils.parseConfigFromString(kubeconfigContent);
            return parsed.getContexts() == null ? List.of()
                    : parsed.getContexts().stream().map(c -> c.getName()).toList();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("kubeconfig " + source + " is not a kubeconfig file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
