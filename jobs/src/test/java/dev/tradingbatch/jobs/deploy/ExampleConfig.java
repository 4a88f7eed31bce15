package dev.tradingbatch.jobs.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The repository's files the deployment uses: its root, and {@code config/application.yml}, which containers mount. */
final class ExampleConfig {

    static final Path REPO = repositoryRoot();

    private ExampleConfig() {
    }

    /** A list or map under {@code trading} in the repository's config/application.yml. */
    @SuppressWarnings("unchecked")
    static <T> T trading(String key) throws IOException {
        try (Reader in = Files.newBufferedReader(REPO.resolve("config/application.yml"))) {
            Map<String, Object> root = new Yaml().load(in);
            return (T) ((Map<String, Object>) root.get("trading")).get(key);
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docker/compose.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }
}
