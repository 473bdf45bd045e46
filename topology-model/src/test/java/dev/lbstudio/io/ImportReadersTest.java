package dev.lbstudio.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.io.ImportWarning.Loss;
import dev.lbstudio.model.BgpFilter;
import dev.lbstudio.model.Service;
import dev.lbstudio.model.ServiceEndpoint;
import dev.lbstudio.model.Topology;
import dev.lbstudio.validate.Finding;
import dev.lbstudio.validate.Severity;
import dev.lbstudio.validate.Validator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each reader of an import keeps what it can: a refused value costs that value (or its list entry),
 * never its object, and is reported at its own line and column; a reference to an object the input
 * lacks stays in the design and a rule flags it; an install the input does not describe is unknown.
 */
class ImportReadersTest {

    private static final String NODES = """
            apiVersion: v1
            kind: Node
            metadata: {name: w1}
            status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: w2}
            status: {addresses: [{type: InternalIP, address: 10.0.0.12}]}
            ---
            """;

    /** Calico announcing the LoadBalancer IPs to a ToR: the designs whose MetalLB install matters. */
    private static final String CALICO_BGP = """
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: default}
            spec: {asNumber: 64513, nodeToNodeMeshEnabled: false, serviceLoadBalancerIPs: [{cidr: 10.208.1.0/24}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: BGPPeer
            metadata: {name: tor}
            spec: {peerIP: 10.0.0.1, asNumber: 64512}
            ---
            """;

    private ManifestImporter.Result result;

    private Topology imported(String yaml) {
        result = ManifestImporter.importTexts("t", Map.of("m.yaml", yaml), Map.of());
        try {
            // what an import writes is a design that loads, dangling references and all
            TopologyReader.parse("t.yaml", TopologyWriter.toYaml(result.topology()));
        } catch (TopologyLoadException e) {
            throw new AssertionError("the imported design does not load: " + e.getMessage(), e);
        }
        return result.topology();
    }

    private List<String> warnings(Loss loss) {
        return result.warnings().stream().filter(w -> w.loss() == loss).map(ImportWarning::toString).toList();
    }

    private static List<Finding> findings(Topology t, String rule) {
        return Validator.validate(t).of(rule);
    }

    @Test
    void aBgpFilterWithOneBadCidrKeepsItsOtherRules() {
        Topology t = imported("""
                apiVersion: projectcalico.org/v3
                kind: BGPFilter
                metadata: {name: f1}
                spec:
                  exportV4:
                    - {action: Accept, matchOperator: In, cidr: 10.208.0.0/16}
                    - {action: Reject, matchOperator: In, cidr: 10.208.999.0/24}
                """);
        BgpFilter f = t.calico().bgpFilters().get(0);
        assertThat(f.exportV4()).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("Accept"));
        // a rule without its cidr would match every route: the rule goes, not just the value
        assertThat(warnings(Loss.FIELD)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("m.yaml:7:49: BGPFilter f1: exportV4[1].cidr: '10.208.999.0/24' is not a CIDR")
                .endsWith("; the entry spec.exportV4[1] is left out, the rest kept"));
    }

    @Test
    void aBadFieldOfTheBgpConfigurationKeepsItsAsNumber() {
        Topology t = imported("""
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata: {name: default}
                spec:
                  asNumber: 64513
                  nodeToNodeMeshEnabled: maybe
                """);
        assertThat(t.calico().bgpConfiguration().asNumber()).isEqualTo(64513L);
        assertThat(warnings(Loss.FIELD)).singleElement().satisfies(w -> assertThat(w)
                .startsWith("m.yaml:6:26: BGPConfiguration default: nodeToNodeMeshEnabled").endsWith("the rest kept"));
    }

    @Test
    void anEmptyPoolIsKept() {
        Topology t = imported("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: empty, namespace: metallb-system}
                spec: {addresses: []}
                """);
        assertThat(t.metallb().ipAddressPools()).singleElement().satisfies(p -> assertThat(p.addresses()).isEmpty());
        assertThat(result.losses()).isEmpty();
    }

    @Test
    void referencesToMissingObjectsStayAndRulesFlagThem() {
        Topology t = imported("""
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: spine, namespace: metallb-system}
                spec: {myASN: 64513, peerASN: 64512, peerAddress: 10.0.0.1, bfdProfile: fast}
                ---
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {name: l2, namespace: metallb-system}
                spec: {ipAddressPools: [gone]}
                ---
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: tor}
                spec: {peerIP: 10.0.0.1, asNumber: 64512, filters: [nofilter]}
                """);
        assertThat(t.metallb().bgpPeers()).singleElement().satisfies(p -> assertThat(p.bfdProfile()).isEqualTo("fast"));
        assertThat(t.metallb().l2Advertisements()).singleElement().satisfies(a -> assertThat(a.ipAddressPools()).containsExactly("gone"));
        assertThat(t.calico().bgpPeers()).singleElement().satisfies(p -> assertThat(p.filters()).containsExactly("nofilter"));
        assertThat(warnings(Loss.DANGLING)).containsExactly(
                "m.yaml:14:53: Calico BGPPeer tor refers to BGPFilter nofilter, which is not in the input; kept as written",
                "m.yaml:9:25: L2Advertisement l2 refers to IPAddressPool gone, which is not in the input; kept as written",
                "m.yaml:4:73: MetalLB BGPPeer spine refers to BFDProfile fast, which is not in the input; kept as written");
        assertThat(findings(t, "MLB_BFD_PROFILE_MISSING")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings(t, "DANGLING_REFERENCE")).hasSize(2);
    }

    @Test
    void withoutHelmValuesOrSpeakerTheInstallIsUnknownAndOnlyAnInfoSaysSo() {
        Topology t = imported(NODES + CALICO_BGP + """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool, namespace: metallb-system}
                spec: {addresses: [10.208.1.0/24]}
                """);
        assertThat(t.metallb().helm()).isNull();
        var all = Validator.validate(t).findings();
        assertThat(all).noneMatch(f -> List.of("PORT179_CONFLICT", "HELM_SPEAKER_MODE", "SPEAKER_UNUSED").contains(f.ruleId()));
        assertThat(findings(t, "METALLB_INSTALL_UNKNOWN")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.fix().text()).contains("Give the Helm values or import from the cluster to check this");
        });
    }

    @Test
    void chartDefaultsOfAnUnknownVersionLeaveTheBackendUnknown() {
        Topology t = imported(NODES + CALICO_BGP + """
                speaker: {enabled: true}
                """);
        assertThat(t.metallb().installKnown()).isTrue();
        assertThat(t.metallb().speakerBgpBackend()).isEmpty();
        assertThat(findings(t, "PORT179_CONFLICT")).isEmpty();
        assertThat(findings(t, "METALLB_INSTALL_UNKNOWN")).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith("the Helm values leave the speaker's BGP backend at the chart default and the MetalLB version is unknown"));
    }

    @Test
    void theSpeakerDaemonSetTellsTheBackendAndTheVersion() {
        Topology t = imported("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: speaker, namespace: metallb-system, labels: {app: metallb, component: speaker}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: speaker
                          image: quay.io/metallb/speaker:v0.15.2
                          args: [--port=7472, --log-level=info]
                          env:
                            - {name: METALLB_BGP_TYPE, value: frr-k8s}
                        - name: frr-status
                          image: quay.io/frrouting/frr:9.1.0
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool, namespace: metallb-system}
                spec: {addresses: [10.208.1.0/24]}
                """);
        assertThat(t.metallb().version()).isEqualTo("v0.15.2");
        assertThat(t.metallb().helm().speakerEnabled()).isTrue();
        assertThat(t.metallb().helm().frrk8sEnabled()).isTrue();
        assertThat(t.metallb().helm().speakerFrrEnabled()).isFalse();
        assertThat(t.metallb().speakerBgpBackend()).contains(true);
    }

    @Test
    void aNativeSpeakerDaemonSetRunsNoBgpDaemon() {
        Topology t = imported("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: metallb-speaker, namespace: metallb-system}
                spec: {template: {spec: {containers: [{name: speaker, image: quay.io/metallb/speaker:v0.14.9}]}}}
                """);
        assertThat(t.metallb().speakerBgpBackend()).contains(false);
    }

    @Test
    void podsOfStatefulSetsDaemonSetsAndBarePodsAreEndpoints() {
        Topology t = imported(NODES + """
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: data}
                spec: {type: LoadBalancer, externalTrafficPolicy: Local, selector: {app: db}, ports: [{port: 5432}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-0
                  namespace: data
                  labels: {app: db}
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true, uid: a}]
                spec: {nodeName: w1}
                status: {podIP: 10.244.1.5, conditions: [{type: Ready, status: "True"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db-agent-x7k2p
                  namespace: data
                  labels: {app: db}
                  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: db-agent, controller: true, uid: b}]
                spec: {nodeName: w2}
                status: {podIP: 10.244.2.5, conditions: [{type: Ready, status: "False"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: db-manual, namespace: data, labels: {app: db}}
                spec: {nodeName: w2}
                status: {podIP: 10.244.2.6}
                """);
        Service db = t.service("data", "db").orElseThrow();
        assertThat(db.endpoints()).extracting(e -> e.pod() + " " + e.node() + " " + e.owner().kind() + "/" + e.owner().name()
                + " ready=" + e.effectiveReady()).containsExactly(
                "db-0 w1 StatefulSet/db ready=true",
                "db-agent-x7k2p w2 DaemonSet/db-agent ready=false",
                "db-manual w2 Pod/db-manual ready=true");
        assertThat(t.endpoints(db)).extracting(e -> e.pod().node()).containsExactly("w1", "w2", "w2");
        assertThat(result.losses()).isEmpty();
    }

    @Test
    void aReplicaSetsPodBelongsToItsDeployment() {
        Topology t = imported(NODES + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {template: {metadata: {labels: {app: web}}}}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-7d4b9c-abcde
                  namespace: shop
                  labels: {app: web, pod-template-hash: 7d4b9c}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9c, controller: true, uid: c}]
                spec: {nodeName: w1}
                status: {podIP: 10.244.1.8}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-canary-0
                  namespace: shop
                  labels: {app: web}
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web-canary, controller: true, uid: d}]
                spec: {nodeName: w2}
                status: {podIP: 10.244.2.8}
                """);
        assertThat(t.workloads().deployments().get(0).pods()).extracting(p -> p.name()).containsExactly("web-7d4b9c-abcde");
        Service web = t.service("shop", "web").orElseThrow();
        assertThat(web.endpoints()).extracting(e -> e.owner().kind() + "/" + e.owner().name())
                .containsExactly("Deployment/web", "StatefulSet/web-canary");
        assertThat(t.endpoints(web)).extracting(e -> e.deployment() == null ? "-" : e.deployment().name()).containsExactly("web", "-");
    }

    @Test
    void aSelectorlessServiceTakesItsOwnEndpointSlicesIncludingEndpointsWithoutTargetRef() {
        Topology t = imported(NODES + """
                apiVersion: v1
                kind: Service
                metadata: {name: ext, namespace: default}
                spec: {type: LoadBalancer, externalTrafficPolicy: Local, ports: [{port: 80}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: ext-1, namespace: default, labels: {kubernetes.io/service-name: ext}}
                addressType: IPv4
                endpoints:
                  - addresses: [10.0.0.11]
                    nodeName: w1
                  - addresses: [10.244.2.9]
                    nodeName: w2
                    conditions: {ready: false, serving: true, terminating: true}
                  - addresses: [192.0.2.50]
                ports: [{port: 80}]
                """);
        Service ext = t.service("default", "ext").orElseThrow();
        assertThat(ext.endpoints()).extracting(ServiceEndpoint::pod).containsOnlyNulls();
        assertThat(ext.endpoints()).extracting(e -> e.address().toString()).containsExactly("10.0.0.11", "10.244.2.9", "192.0.2.50");
        ServiceEndpoint terminating = ext.endpoints().get(1);
        assertThat(terminating.effectiveReady()).isFalse();
        assertThat(terminating.effectiveServing()).isTrue();
        assertThat(terminating.effectiveTerminating()).isTrue();
        // the address outside the cluster backs no node
        assertThat(t.endpoints(ext)).extracting(e -> e.pod().node()).containsExactly("w1", "w2");
        assertThat(t.endpoints(ext).get(0).owner()).isNull();
    }

    @Test
    void v1EndpointsAreReadWhenNoSliceIsGiven() {
        Topology t = imported(NODES + """
                apiVersion: v1
                kind: Service
                metadata: {name: legacy, namespace: default}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: legacy, namespace: default}
                subsets:
                  - addresses: [{ip: 10.244.1.3, nodeName: w1, targetRef: {kind: Pod, name: legacy-a}}]
                    notReadyAddresses: [{ip: 10.244.2.3, nodeName: w2}, {ip: not-an-ip, nodeName: w2}]
                    ports: [{port: 80}]
                """);
        Service legacy = t.service("default", "legacy").orElseThrow();
        assertThat(legacy.endpoints()).extracting(e -> e.address() + " " + e.pod() + " " + e.effectiveReady())
                .containsExactly("10.244.1.3 legacy-a true", "10.244.2.3 null false");
        assertThat(warnings(Loss.FIELD)).singleElement().satisfies(w -> assertThat(w).startsWith("m.yaml:21:62: Endpoints default/legacy:"
                + " subsets[0].notReadyAddresses[1].ip"));
    }

    @Test
    void anEndpointOnANodeTheInputLacksIsKeptDangling() {
        Topology t = imported(NODES + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1, namespace: default, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints: [{addresses: [10.244.9.9], nodeName: w9}]
                """);
        assertThat(t.service("default", "web").orElseThrow().endpoints()).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo("w9"));
        assertThat(warnings(Loss.DANGLING)).singleElement().satisfies(w -> assertThat(w).startsWith("m.yaml:20:49: endpoint 10.244.9.9"));
    }
}
