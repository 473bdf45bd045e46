package dev.lbstudio.cli;

import dev.lbstudio.lab.kube.KubeConnection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every cluster command shares: which kubeconfig and context to use. */
final class KubeOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or the in-cluster service account)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one)")
    String context;

    KubernetesClient open() {
        try {
            return KubeConnection.open(kubeconfig, context);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
