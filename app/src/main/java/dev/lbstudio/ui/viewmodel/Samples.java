package dev.lbstudio.ui.viewmodel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample designs from the repository's {@code samples/}, packed into the app (see app/pom.xml)
 * so File ▸ Open Sample works from the single jar too.
 */
public final class Samples {

    private static final String ROOT = "/samples/";

    private Samples() {
    }

    /** Sample file names, sorted, e.g. {@code seed-calico-metallb.yaml}. */
    public static List<String> names() {
        URL url = Samples.class.getResource(ROOT);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return list(fs.getPath(ROOT));
                } catch (FileSystemAlreadyExistsException e) {
                    return list(FileSystems.getFileSystem(uri).getPath(ROOT));
                }
            }
            return list(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            return List.of();
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    public static String read(String name) throws IOException {
        try (InputStream in = Samples.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("no sample named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
