package dev.lbstudio.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.lbstudio.model.Topology;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Loads design files. Shape is checked here (the YAML parses, keys are known, values parse,
 * referenced names exist); meaning is left to validation so a broken design still loads.
 * Every failure is a {@link TopologyLoadException} naming file, line, column and YAML path.
 */
public final class TopologyReader {

    /** Bigger files are refused before parsing: no real design comes near it. */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private TopologyReader() {
    }

    public static Topology read(Path file) throws TopologyLoadException {
        String name = file.toString();
        return parse(name, readText(file, name));
    }

    public static Topology parse(String fileName, String yaml) throws TopologyLoadException {
        if (yaml.isBlank()) {
            throw new TopologyLoadException(new LoadProblem(fileName, 0, 0, "",
                    "the file is empty; a design starts with 'apiVersion: " + Topology.API_VERSION + "' and 'kind: "
                            + Topology.KIND + "' (see samples/)"));
        }
        Topology topology;
        try (var parser = new AliasRefusingParser(TopologyMapper.yaml().createParser(yaml))) {
            topology = TopologyMapper.yaml().readValue(parser, Topology.class);
        } catch (JsonMappingException e) {
            throw new TopologyLoadException(mappingProblem(fileName, yaml, e));
        } catch (JsonProcessingException e) {
            throw new TopologyLoadException(syntaxProblem(fileName, e));
        } catch (IOException e) {
            throw new TopologyLoadException(new LoadProblem(fileName, 0, 0, "", "not readable YAML: " + e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML limits (aliases, nesting, size) can surface unwrapped; they are still the file's fault.
            throw new TopologyLoadException(new LoadProblem(fileName, 0, 0, "", "not readable YAML: " + e.getMessage()));
        }
        if (topology == null) {
            throw new TopologyLoadException(new LoadProblem(fileName, 1, 1, "", "the file holds no design"));
        }
        List<ReferenceChecker.Dangling> dangling = ReferenceChecker.check(topology);
        if (!dangling.isEmpty()) {
            YamlLocator locator = YamlLocator.of(yaml);
            throw new TopologyLoadException(dangling.stream().map(d -> {
                YamlLocator.Position at = locator.locate(d.path());
                return new LoadProblem(fileName, at.line(), at.column(), d.path(), d.message());
            }).toList());
        }
        return topology;
    }

    private static String readText(Path file, String name) throws TopologyLoadException {
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, "is a directory, not a design file; pass a .yaml file such as "
                        + "samples/seed-calico-metallb.yaml");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw fileProblem(name, "is " + size / (1024 * 1024) + " MiB; design files are limited to "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                if (bytes[i] == 0) {
                    throw fileProblem(name, "is a binary file, not a YAML design");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "does not exist; check the path (samples are in samples/)");
        } catch (AccessDeniedException e) {
            throw fileProblem(name, "cannot be read (permission denied); check its permissions");
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "is not UTF-8 text; save it as UTF-8 YAML");
        } catch (IOException e) {
            throw fileProblem(name, "cannot be read: " + e.getMessage());
        }
    }

    private static TopologyLoadException fileProblem(String name, String message) {
        return new TopologyLoadException(new LoadProblem(name, 0, 0, "", message));
    }

    private static LoadProblem mappingProblem(String fileName, String yaml, JsonMappingException e) {
        String path = yamlPath(e.getPath());
        JsonLocation at = e.getLocation();
        int line = line(at);
        int column = column(at);
        if (!path.isEmpty()) {
            // Jackson reports where the parser stopped, often the next line; the path pins the exact spot.
            try {
                YamlLocator locator = YamlLocator.of(yaml);
                YamlLocator.Position exact = e instanceof UnrecognizedPropertyException
                        ? locator.locateKey(path) : locator.locate(path);
                if (exact.line() > 0) {
                    line = exact.line();
                    column = exact.column();
                }
            } catch (RuntimeException unlocatable) {
                // keep Jackson's location
            }
        }
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown key '" + unknown.getPropertyName() + "'"
                    + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds())
                            .map(s -> "; did you mean '" + s + "'?").orElse("");
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            message = rootMessage(e.getCause());
        } else if (e.getCause() instanceof IllegalArgumentException iae) {
            message = rootMessage(iae);
        } else if (e.getOriginalMessage().startsWith("Missing required creator property")) {
            message = "the required key '" + e.getOriginalMessage().replaceAll(".*'(.*)'.*", "$1") + "' is missing";
        } else {
            message = readable(e.getOriginalMessage());
        }
        return new LoadProblem(fileName, line, column, path, message);
    }

    private static LoadProblem syntaxProblem(String fileName, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" in 'reader'");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        return new LoadProblem(fileName, line(at), column(at), "", "not valid YAML: " + readable(message).strip());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root instanceof IllegalArgumentException
                && root.getMessage() == null) {
            root = root.getCause();
        }
        return readable(root.getMessage() != null ? root.getMessage() : root.toString());
    }

    /** Jackson names Java types in backticks; a user knows YAML, not our class names. */
    static String readable(String message) {
        if (message == null) {
            return "invalid value";
        }
        return message.replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z0-9_$]+)`", "$1")
                .replaceAll("`java\\.lang\\.(String|Integer|Long|Boolean)`", "$1")
                .replace("`int`", "whole number").replace("`long`", "whole number")
                .replaceAll("\\s+", " ").strip();
    }

    static String yamlPath(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static Optional<String> suggestion(String unknown, Collection<Object> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        int limit = Math.max(2, unknown.length() / 3);
        return known.stream().map(Object::toString)
                .map(k -> new Object[] {k, distance.apply(unknown.toLowerCase(), k.toLowerCase())})
                .filter(p -> (int) p[1] <= limit)
                .min(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
                .map(p -> (String) p[0]);
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getLineNr());
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getColumnNr());
    }
}
