package dev.lbstudio.lab.kube;

import dev.lbstudio.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real kube-apiserver (v1.32.13 from ../shared/envtest) with Debian's etcd, both on 127.0.0.1,
 * started once per test JVM and shared by every test class (ADR 0800). Identities are bearer
 * tokens from a token-auth file: {@link #admin()} is in system:masters, and {@link #userWith}
 * hands out a fresh user bound to exactly the RBAC rules a test gives. The processes are stopped
 * by their PIDs when the JVM exits. No binary is a test failure naming what to install, never a skip.
 */
public final class RealApiServer {

    public static final String VERSION = "1.32.13";
    private static final String PACKED = "kube-apiserver-v" + VERSION + "-linux-amd64.xz";
    private static final String SHA256 = "66643db247c0292925652abc46d499653c43485d04e2034a787314bb0b7af1dc";
    private static final int USERS = 40;
    private static final String ADMIN_TOKEN = "lbs-admin-" + UUID.randomUUID();

    private static RealApiServer shared;

    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> userTokens = new ArrayList<>();
    private final AtomicInteger nextUser = new AtomicInteger();
    private final String url;
    private final KubernetesClient admin;

    /** The one server of this JVM, started on first use. */
    public static synchronized RealApiServer shared() {
        if (shared == null) {
            shared = new RealApiServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "real-apiserver-stop"));
        }
        return shared;
    }

    private RealApiServer() {
        long begin = System.nanoTime();
        Path binaries = binaries();
        try {
            Path shm = Path.of("/dev/shm");
            // etcd fsyncs every write; on tmpfs that costs nothing, which keeps the suite fast.
            work = Files.isWritable(shm) ? Files.createTempDirectory(shm, "lbstudio-apiserver-")
                    : Files.createTempDirectory("lbstudio-apiserver-");
            int etcdPort = freePort();
            int peerPort = freePort();
            int apiPort = freePort();
            start(work.resolve("etcd.log"), binaries.resolve("etcd").toString(), "--name=lbstudio-test",
                    "--data-dir=" + work.resolve("etcd"), "--listen-client-urls=http://127.0.0.1:" + etcdPort,
                    "--advertise-client-urls=http://127.0.0.1:" + etcdPort,
                    "--listen-peer-urls=http://127.0.0.1:" + peerPort,
                    "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
                    "--initial-cluster=lbstudio-test=http://127.0.0.1:" + peerPort);
            writeServiceAccountKey();
            writeTokens();
            start(work.resolve("apiserver.log"), binaries.resolve("kube-apiserver").toString(),
                    "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                    "--cert-dir=" + work.resolve("certs"), "--etcd-servers=http://127.0.0.1:" + etcdPort,
                    "--token-auth-file=" + work.resolve("tokens.csv"), "--authorization-mode=RBAC",
                    "--service-cluster-ip-range=10.96.0.0/12",
                    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                    "--service-account-key-file=" + work.resolve("sa.pub"),
                    "--service-account-signing-key-file=" + work.resolve("sa.key"),
                    "--api-audiences=https://kubernetes.default.svc.cluster.local",
                    // Debian's etcd 3.4.23 lacks RequestWatchProgress: with WatchList on, every watch is a 500.
                    "--feature-gates=WatchList=false",
                    // no controller-manager creates the default ServiceAccount the admission plugin wants for pods
                    "--disable-admission-plugins=ServiceAccount");
            url = "https://127.0.0.1:" + apiPort;
            admin = client(ADMIN_TOKEN);
            awaitReady();
            installCrds();
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start the test API server", e);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        // the figure docs/benchmarks.md records: processes started, /readyz ok, CRDs established
        System.err.printf("real kube-apiserver v%s with etcd ready at %s in %.2f s (binaries in %s)%n", VERSION, url,
                (System.nanoTime() - begin) / 1e9, binaries);
    }

    public KubernetesClient admin() {
        return admin;
    }

    /** A new user no test has used, bound cluster-wide to exactly {@code rules}; returns its token. */
    public String userWith(List<PolicyRule> rules) {
        int n = nextUser.getAndIncrement();
        if (n >= USERS) {
            throw new IllegalStateException("the test API server has only " + USERS + " users; raise USERS");
        }
        String user = "tester-" + n;
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(user).endMetadata()
                .withRules(rules).build()).create();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(user)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", user).addNewSubject()
                .withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user).endSubject().build()).create();
        return userTokens.get(n);
    }

    public KubernetesClient client(String token) {
        Config config = new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).withOauthToken(token)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(5_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Creates namespace {@code name} as the admin unless it exists (tests share the server). */
    public void ensureNamespace(String name) {
        if (admin.namespaces().withName(name).get() == null) {
            admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(name).endMetadata().build()).create();
        }
    }

    public String adminToken() {
        return ADMIN_TOKEN;
    }

    /** A kubeconfig file reaching this server as the holder of {@code token}, with context {@code real}. */
    public Path kubeconfig(Path dir, String token) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: real",
                "clusters:", "- name: real", "  cluster:", "    server: " + url, "    insecure-skip-tls-verify: true",
                "users:", "- name: tester", "  user:", "    token: " + token,
                "contexts:", "- name: real", "  context:", "    cluster: real", "    user: tester", ""));
    }

    /**
     * The unpacked binaries: {@code LBSTUDIO_ENVTEST_DIR} if set (a folder with kube-apiserver and
     * etcd), else the packed server from ../shared/envtest unpacked under target/ once (checked by
     * its sha256) with Debian's etcd linked beside it — the layout envtest uses.
     */
    private static Path binaries() {
        String configured = System.getenv("LBSTUDIO_ENVTEST_DIR");
        if (configured != null) {
            Path dir = Path.of(configured);
            requireExecutable(dir.resolve("kube-apiserver"), "LBSTUDIO_ENVTEST_DIR=" + dir + " has no kube-apiserver");
            requireExecutable(dir.resolve("etcd"), "LBSTUDIO_ENVTEST_DIR=" + dir + " has no etcd");
            return dir;
        }
        Path packed = RepoPaths.root().resolve("../shared/envtest").resolve(PACKED).normalize();
        if (!Files.isReadable(packed)) {
            throw new IllegalStateException("the Kubernetes tests need a real kube-apiserver v" + VERSION + ", expected at "
                    + packed + " (see shared/envtest/README.md), or LBSTUDIO_ENVTEST_DIR naming a folder with "
                    + "kube-apiserver and etcd");
        }
        Path etcd = Path.of("/usr/bin/etcd");
        requireExecutable(etcd, "the Kubernetes tests need etcd at /usr/bin/etcd: apt-get install etcd-server "
                + "(bin/deps.sh installs it)");
        Path dir = RepoPaths.root().resolve("target/envtest/k8s/" + VERSION + "-linux-amd64");
        Path server = dir.resolve("kube-apiserver");
        try {
            Files.createDirectories(dir);
            Path verified = dir.resolve("kube-apiserver.sha256");
            if (!Files.isExecutable(server) || !Files.exists(verified) || !Files.readString(verified).equals(SHA256)) {
                Path partial = dir.resolve("kube-apiserver.partial");
                Process xz = new ProcessBuilder("xz", "-dc", packed.toString()).redirectOutput(partial.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (!xz.waitFor(120, TimeUnit.SECONDS) || xz.exitValue() != 0) {
                    xz.destroyForcibly();
                    throw new IllegalStateException("cannot unpack " + packed + " with xz (apt-get install xz-utils)");
                }
                String sum = sha256(partial);
                if (!sum.equals(SHA256)) {
                    throw new IllegalStateException(packed + " unpacks to sha256 " + sum + ", expected " + SHA256);
                }
                partial.toFile().setExecutable(true);
                Files.move(partial, server, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(verified, SHA256);
            }
            Path link = dir.resolve("etcd");
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, etcd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the API server binaries in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + packed, e);
        }
        return dir;
    }

    private static void requireExecutable(Path file, String message) {
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException(message);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void start(Path log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private void writeServiceAccountKey() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(work.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(work.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void writeTokens() throws IOException {
        StringBuilder csv = new StringBuilder(ADMIN_TOKEN + ",lbs-admin,uid-admin,\"system:masters\"\n");
        for (int i = 0; i < USERS; i++) {
            String token = "lbs-tester-" + i + "-" + UUID.randomUUID();
            userTokens.add(token);
            csv.append(token).append(",tester-").append(i).append(",uid-").append(i).append('\n');
        }
        Files.writeString(work.resolve("tokens.csv"), csv);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the test " + (processes.indexOf(p) == 0 ? "etcd" : "kube-apiserver")
                            + " exited with " + p.exitValue() + "; its log:\n" + tail(processes.indexOf(p) == 0
                            ? "etcd.log" : "apiserver.log"));
                }
            }
            try {
                last = admin.raw(url + "/readyz");
                if ("ok".equals(last)) {
                    return;
                }
            } catch (KubernetesClientException e) {
                last = e.getMessage();
            }
            sleep(100);
        }
        throw new IllegalStateException("the test kube-apiserver was not ready within 60 s (" + last + "); its log:\n"
                + tail("apiserver.log"));
    }

    /** The upstream MetalLB and Calico CRDs (both API groups), as a real install has them. */
    private void installCrds() throws IOException {
        Path crds = RepoPaths.crds();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(crds)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") && isCrd(f)).sorted().toList();
        }
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
                admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                names.add(crd.getMetadata().getName());
            }
        }
        for (String name : names) {
            admin.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(c -> c != null
                    && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions()
                    .stream().anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
                    30, TimeUnit.SECONDS);
        }
    }

    private static boolean isCrd(Path file) {
        try {
            return Files.readString(file).contains("kind: CustomResourceDefinition");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail(String log) {
        try {
            List<String> lines = Files.readAllLines(work.resolve(log));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test API server", e);
        }
    }

    /** Stops the API server, then etcd, by their PIDs, and removes their data. */
    private synchronized void stop() {
        if (admin != null) {
            admin.close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (work != null) {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + work + ": " + e.getMessage());
            }
        }
    }
}
