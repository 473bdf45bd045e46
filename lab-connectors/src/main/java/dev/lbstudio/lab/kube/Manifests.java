package dev.lbstudio.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads multi-document Kubernetes YAML (what the renderer writes) into objects a push can apply. */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    public static List<GenericKubernetesResource> parse(String source, String yaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        // read as trees first: an empty document (a trailing ---, as kubectl allows) is null, not an object
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode() || !doc.has("kind")) {
                    continue;
                }
                GenericKubernetesResource object = YAML.convertValue(doc, GenericKubernetesResource.class);
                if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                    throw new IllegalArgumentException(source + ": document " + index + " (" + object.getKind()
                            + ") has no metadata.name");
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not Kubernetes YAML: " + e.getMessage(), e);
        }
        return objects;
    }

}
