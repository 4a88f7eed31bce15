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
 * {@code docker/compose.yaml} as Docker Compose reads it, anchors and merge keys resolved, and
 * override files merged in ({@code -f compose.yaml -f compose.postgres.yaml}): its services with
 * their command, environment and volumes, for tests that start each one as a local process instead
 * of a container.
 */
record ComposeFile(Path file, Map<String, Service> services, Map<String, Object> volumes) {

    /** One service; {@code settings} holds everything else it says (build, healthcheck, depends_on, ...). */
    record Service(String name, List<String> command, Map<String, String> environment, List<String> volumes,
                   Map<String, Object> settings) {

        /** The value of a command-line option of the service's command ({@code --role}), or null. */
        String option(String name) {
            int i = command.indexOf(name);
            return i < 0 || i + 1 >= command.size() ? null : command.get(i + 1);
        }
    }

    /**
     * The file, with each override merged into it in order as {@code docker compose -f file -f override}
     * does: mappings merged key by key (a service's {@code environment} one variable at a time, its
     * {@code depends_on} one service at a time), anything else the override says replacing what was there.
     * Relative paths stay relative to the first file, as Compose resolves them.
     */
    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file, Path... overrides) throws IOException {
        Map<String, Object> root = load(file);
        for (Path override : overrides) {
            root = merge(root, load(override));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) root.get("services")).forEach((name, s) -> {
            Map<String, String> environment = new LinkedHashMap<>();
            environment(s.get("environment")).forEach((k, v) -> environment.put(k, v == null ? "" : String.valueOf(v)));
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

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml().load(in);
        }
    }

    /** {@code override} merged into {@code base}: maps key by key, recursively; other values replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object was = merged.get(key);
            if (key.equals("environment")) {
                Map<String, Object> environment = new LinkedHashMap<>(environment(was));
                environment.putAll(environment(value));
                merged.put(key, environment);
            } else if (was instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                merged.put(key, merge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A service's environment, written as a map or as a list of {@code NAME=value}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Object environment) {
        if (environment instanceof List<?> list) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                map.put(parts[0], parts.length == 2 ? parts[1] : null);
            }
            return map;
        }
        return environment == null ? Map.of() : (Map<String, Object>) environment;
    }
}
