package dev.tradingbatch.jobs.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker/compose.yaml} as Docker Compose reads it, anchors and merge keys resolved: its
 * services with their command, environment and volumes, for tests that start each one as a local
 * process instead of a container.
 */
record ComposeFile(Path file, Map<String, Service> services, Map<String, Object> volumes) {

    /** One service; {@code settings} holds everything else it says (build, healthcheck, stop_grace_period, ...). */
    record Service(String name, List<String> command, Map<String, String> environment, List<String> volumes,
                   Map<String, Object> settings) {

        /** The value of a command-line option of the service's command ({@code --role}), or null. */
        String option(String name) {
            int i = command.indexOf(name);
            return i < 0 || i + 1 >= command.size() ? null : command.get(i + 1);
        }
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file) throws IOException {
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml().load(in);
        }
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.get("services")).forEach((name, s) -> {
            Map<String, String> environment = new LinkedHashMap<>();
            ((Map<String, Object>) s.getOrDefault("environment", Map.of()))
                    .forEach((k, v) -> environment.put(k, v == null ? "" : String.valueOf(v)));
            List<String> command = ((List<Object>) s.getOrDefault("command", List.of())).stream()
                    .map(String::valueOf).toList();
            List<String> volumes = ((List<Object>) s.getOrDefault("volumes", List.of())).stream()
                    .map(String::valueOf).toList();
            services.put(name, new Service(name, command, Collections.unmodifiableMap(environment), volumes,
                    Collections.unmodifiableMap(new LinkedHashMap<>(s))));
        });
        Map<String, Object> volumes = (Map<String, Object>) root.getOrDefault("volumes", Map.of());
        return new ComposeFile(file, services, volumes == null ? Map.of() : volumes);
    }
}
