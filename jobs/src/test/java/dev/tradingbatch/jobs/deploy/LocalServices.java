package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.support.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The services of a compose file as local JVMs, the way their containers would run them:
 * <ul>
 *   <li>the command is the image's {@code ENTRYPOINT ["java", "-jar", "/app/app.jar"]} arguments;</li>
 *   <li>each environment variable becomes the system property Spring Boot binds it to
 *       ({@code SPRING_DATASOURCE_URL} is {@code spring.datasource.url}), the container paths in its
 *       value replaced by the folders mounted there;</li>
 *   <li>a named volume is a folder the test gives; a bind mount is its source folder, relative to the
 *       compose file; the one at {@code /app/config} (the image's working folder is {@code /app}, where
 *       Spring Boot reads {@code ./config/}) is read as an additional config location;</li>
 *   <li>{@code HEALTH_ROLE} and {@code HEALTH_STRATEGY} are the image's healthcheck arguments,
 *       {@code health --role "$HEALTH_ROLE" ${HEALTH_STRATEGY:+--strategy "$HEALTH_STRATEGY"}}.</li>
 * </ul>
 * Properties the test adds (a fake exchange's URL) win over all of these, as -D options do.
 */
final class LocalServices {

    static final String CONFIG_MOUNT = "/app/config";

    private final ComposeFile compose;
    private final Map<String, Path> namedVolumes;
    private final Map<String, String> testProperties;

    LocalServices(ComposeFile compose, Map<String, Path> namedVolumes, Map<String, String> testProperties) {
        this.compose = compose;
        this.namedVolumes = Map.copyOf(namedVolumes);
        this.testProperties = Map.copyOf(testProperties);
    }

    /** Container path to local folder, for each of the service's volumes. */
    Map<String, Path> mounts(ComposeFile.Service service) {
        Map<String, Path> mounts = new HashMap<>();
        for (String volume : service.volumes()) {
            String[] parts = volume.split(":");
            String source = parts[0];
            Path local = source.startsWith(".") || source.startsWith("/")
                    ? compose.file().getParent().resolve(source).normalize()
                    : namedVolumes.get(source);
            if (local == null) {
                throw new IllegalArgumentException(service.name() + ": no folder given for the volume " + source);
            }
            mounts.put(parts[1], local);
        }
        return mounts;
    }

    /** The system properties the service's process gets. */
    Map<String, String> properties(ComposeFile.Service service) {
        Map<String, Path> mounts = mounts(service);
        Map<String, String> properties = new HashMap<>();
        service.environment().forEach((name, value) -> {
            if (!name.startsWith("HEALTH_")) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), local(value, mounts));
            }
        });
        Path config = mounts.get(CONFIG_MOUNT);
        if (config != null) {
            properties.put("spring.config.additional-location", "file:" + config + "/");
        }
        properties.putAll(testProperties);
        return properties;
    }

    private static String local(String value, Map<String, Path> mounts) {
        String result = value;
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            result = result.replace(m.getKey() + "/", m.getValue() + "/");
        }
        return result;
    }

    /** The arguments of the image's healthcheck for this service. */
    List<String> healthArgs(ComposeFile.Service service) {
        List<String> args = new ArrayList<>(List.of("health", "--role",
                service.environment().getOrDefault("HEALTH_ROLE", "all")));
        String strategy = service.environment().getOrDefault("HEALTH_STRATEGY", "");
        if (!strategy.isEmpty()) {
            args.addAll(List.of("--strategy", strategy));
        }
        return args;
    }

    /** Starts the service's command, as {@code docker compose up} would start its container. */
    Process start(ComposeFile.Service service, Path log) throws IOException {
        return ChildJvm.start(log, properties(service), service.command().toArray(String[]::new));
    }

    /** Runs the service's healthcheck once, as Docker would inside its container. */
    Process startHealthCheck(ComposeFile.Service service, Path log) throws IOException {
        return ChildJvm.start(log, properties(service), healthArgs(service).toArray(String[]::new));
    }
}
