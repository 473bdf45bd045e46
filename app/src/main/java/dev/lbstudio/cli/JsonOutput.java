package dev.lbstudio.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lbstudio.io.TopologyMapper;
import dev.lbstudio.model.ElementId;
import java.io.IOException;
import java.time.Duration;

/**
 * JSON for command output: element ids as {@code kind/name} and durations as seconds, so scripts and
 * the GUI read the same words the text output shows.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = TopologyMapper.json().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .registerModule(new SimpleModule()
            .addSerializer(ElementId.class, new JsonSerializer<>() {
                @Override
                public void serialize(ElementId id, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(id.toString());
                }
            })
            .addSerializer(Duration.class, new JsonSerializer<>() {
                @Override
                public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeNumber(d.toNanos() / 1e9);
                }
            }));

    private JsonOutput() {
    }

    /** A value as a JSON tree written as its declared type, so polymorphic ones carry their type name. */
    static JsonNode tree(Object value, Class<?> as) {
        try {
            return MAPPER.readTree(MAPPER.writerFor(as).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
