package dev.lbstudio.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lbstudio.model.Topology;
import dev.lbstudio.testing.DesignFiles;
import dev.lbstudio.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every MetalLB and Calico object LB Studio renders is one the real CRDs (schema + CEL) accept. */
class RenderedManifestsMatchCrdsTest {

    private static CrdSchemas crds;

    @BeforeAll
    static void loadCrds() {
        crds = new CrdSchemas();
    }

    static Stream<Path> designs() {
        return DesignFiles.samplesAndFeatures().stream();
    }

    static List<ObjectNode> objects(String yaml) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (docs.hasNextValue()) {
                if (docs.nextValue() instanceof ObjectNode o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("designs")
    void everyCustomResourceIsAcceptedByItsCrd(Path design) throws IOException {
        Topology t = DesignFiles.load(design);
        Map<String, String> files = Renderer.render(t, Renderer.What.MANIFESTS);
        List<ObjectNode> custom = new ArrayList<>();
        for (String file : List.of(MetalLbRenderer.RESOURCES, CalicoRenderer.RESOURCES)) {
            if (files.containsKey(file)) {
                custom.addAll(objects(files.get(file)));
            }
        }
        assertThat(custom).as("rendered custom resources").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : custom) {
            problems.addAll(crds.problems(o));
            if (o.path("apiVersion").asText().startsWith("metallb.io/")) {
                assertThat(o.path("metadata").path("namespace").asText()).as("MetalLB objects live in the MetalLB namespace")
                        .isEqualTo(t.metallb().effectiveNamespace());
            }
        }
        assertThat(problems).as(design.getFileName() + " rendered objects rejected by the CRDs").isEmpty();
    }

    @Test
    void featureFixtureCoversEveryCrdKindLbStudioWrites() throws IOException {
        Map<String, String> files = Renderer.render(DesignFiles.load(DesignFiles.featuresFixture()), Renderer.What.MANIFESTS);
        List<String> kinds = new ArrayList<>();
        for (String file : List.of(MetalLbRenderer.RESOURCES, CalicoRenderer.RESOURCES)) {
            objects(files.get(file)).forEach(o -> kinds.add(o.path("apiVersion").asText() + " " + o.path("kind").asText()));
        }
        for (ResourceKind k : ResourceKind.values()) {
            assertThat(kinds).contains(k.apiVersion() + " " + k.kind());
            assertThat(crds.knows(k.apiVersion(), k.kind())).as("a CRD for " + k).isTrue();
        }
    }

    /** The checker itself must be able to fail: the cidr format, enums and CEL rules all bite. */
    @Test
    void checkerRejectsBrokenObjects() throws IOException {
        ObjectNode badCidr = objects("""
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata: {name: default}
                spec:
                  serviceLoadBalancerIPs: [{cidr: 10.208.1.0}]
                  bindMode: Sometimes
                  nodeToNodeMeshEnabled: false
                  nodeMeshMaxRestartTime: 120s
                """).get(0);
        assertThat(crds.problems(badCidr)).anyMatch(p -> p.contains("cidr")).anyMatch(p -> p.contains("bindMode"))
                .anyMatch(p -> p.contains("CEL: nodeMeshMaxRestartTime"));
        ObjectNode badPeer = objects("""
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: p}
                spec: {node: n1, nodeSelector: all(), peerIP: 10.0.0.1, peerSelector: all()}
                """).get(0);
        assertThat(crds.problems(badPeer)).contains("CEL: node and nodeSelector cannot both be set",
                "CEL: peerIP and peerSelector cannot both be set");
        ObjectNode badPool = objects("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: p, namespace: metallb-system}
                spec: {autoAssign: "yes"}
                """).get(0);
        assertThat(crds.problems(badPool)).anyMatch(p -> p.contains("addresses")).anyMatch(p -> p.contains("autoAssign"));
    }
}
