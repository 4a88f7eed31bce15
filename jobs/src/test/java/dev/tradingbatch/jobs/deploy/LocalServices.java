package dev.tradingbatch.jobs.deploy;

import dev.tradingbatch.jobs.support.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The services of a compose file as local JVMs, the way their containers would run them:
 * <ul>
 *   <li>the command is the arguments of the image's {@code ENTRYPOINT ["java", "@/app/java.options",
 *       "-XX:AOTCache=/app/app.aot", "-jar", "/app/app.jar"]}: the JVM gets the image's options file
 *       ({@code docker/java.options}: its collector and heap cap), not its AOT cache nor its extracted jar
 *       (made at image build), and the test's classpath;</li>
 *   <li>each environment variable becomes the system property Spring Boot binds it to
 *       ({@code SPRING_DATASOURCE_URL} is {@code spring.datasource.url}), the container paths in its
 *       value replaced by the folders mounted there;</li>
 *   <li>a named volume is a folder the test gives; a bind mount is its source folder, relative to the
 *       compose file; the one at {@code /app/config} (the image's working folder is {@code /app}, where
 *       Spring Boot reads {@code ./config/}) is read as an additional config location, the one at
 *       {@code /app/plugins} (the image's {@code TRADING_PLUGINS_DIR}) as the plugins folder;</li>
 *   <li>each container has a network of its own, so all may use one management port; here each service gets a
 *       free port of its own instead ({@link #managementPort}), on 127.0.0.1, and its healthcheck is the same GET
 *       of {@code /actuator/health} ({@link #health});</li>
 *   <li>a service the test stands in for ({@link #withStandIn}, the {@code postgres} of
 *       {@code compose.postgres.yaml} played by a local server) is not started; the variables that
 *       address it from the other services take local values.</li>
 * </ul>
 * Properties the test adds (a fake exchange's URL) win over all of these, as -D options do.
 */
final class LocalServices {

    static final String CONFIG_MOUNT = "/app/config";
    static final String MANAGEMENT_PORT = "management.server.port";
    /** The dashboard service's port ({@code TRADING_DASHBOARD_PORT}); its healthcheck is a GET of its overview. */
    static final String DASHBOARD_PORT = "trading.dashboard.port";
    /** Where the image reads plugin jars from (its {@code TRADING_PLUGINS_DIR}). */
    static final String PLUGINS_MOUNT = "/app/plugins";
    /** The JVM options every process of the image starts with (docker/Dockerfile copies the file to /app). */
    static final List<String> IMAGE_OPTIONS = List.of("@" + ExampleConfig.REPO.resolve("docker/java.options"));

    private final ComposeFile compose;
    private final Map<String, Path> namedVolumes;
    private final Map<String, String> testProperties;
    private final Set<String> standIns;
    private final Map<String, String> standInEnvironment;
    private final Map<String, Integer> managementPorts = new HashMap<>();

    LocalServices(ComposeFile compose, Map<String, Path> namedVolumes, Map<String, String> testProperties) {
        this(compose, namedVolumes, testProperties, Set.of(), Map.of());
    }

    private LocalServices(ComposeFile compose, Map<String, Path> namedVolumes, Map<String, String> testProperties,
                          Set<String> standIns, Map<String, String> standInEnvironment) {
        this.compose = compose;
        this.namedVolumes = Map.copyOf(namedVolumes);
        this.testProperties = Map.copyOf(testProperties);
        this.standIns = Set.copyOf(standIns);
        this.standInEnvironment = Map.copyOf(standInEnvironment);
    }

    /**
     * These services with {@code service} played by the test (a local server): it is not started, and
     * in the others each variable of {@code environment} that they set (its address and credentials in
     * the compose network) takes the local value instead; an empty value leaves the setting unset.
     */
    LocalServices withStandIn(String service, Map<String, String> environment) {
        if (!compose.services().containsKey(service)) {
            throw new IllegalArgumentException("no service " + service + " in " + compose.file());
        }
        Set<String> services = new HashSet<>(standIns);
        services.add(service);
        Map<String, String> variables = new HashMap<>(standInEnvironment);
        variables.putAll(environment);
        return new LocalServices(compose, namedVolumes, testProperties, services, variables);
    }

    /** The services that run as local processes: all but the ones the test stands in for. */
    List<ComposeFile.Service> services() {
        return compose.services().values().stream().filter(s -> !standIns.contains(s.name())).toList();
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
            String v = standInEnvironment.getOrDefault(name, local(value, mounts));
            boolean unset = standInEnvironment.containsKey(name) && v.isEmpty();
            if (!unset) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        if (properties.containsKey(MANAGEMENT_PORT)) {
            properties.put(MANAGEMENT_PORT, String.valueOf(managementPort(service)));
            properties.put("management.server.address", "127.0.0.1");
        }
        if (properties.containsKey(DASHBOARD_PORT)) {
            properties.put(DASHBOARD_PORT, String.valueOf(managementPort(service)));
            properties.put("trading.dashboard.address", "127.0.0.1");
        }
        Path config = mounts.get(CONFIG_MOUNT);
        if (config != null) {
            properties.put("spring.config.additional-location", "file:" + config + "/");
        }
        Path plugins = mounts.get(PLUGINS_MOUNT);
        if (plugins != null) {
            properties.put("trading.plugins.dir", plugins.toString());
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

    /**
     * The port this service's server (its management server, or the dashboard's) listens on here: a free one, the
     * same for the service's life.
     */
    synchronized int managementPort(ComposeFile.Service service) {
        return managementPorts.computeIfAbsent(service.name(), name -> {
            try (ServerSocket free = new ServerSocket(0)) {
                return free.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Starts the service's command, as {@code docker compose up} would start its container. */
    Process start(ComposeFile.Service service, Path log) throws IOException {
        return ChildJvm.start(log, IMAGE_OPTIONS, properties(service), service.command().toArray(String[]::new));
    }

    /**
     * Runs the service's healthcheck once, as Docker would inside its container: a GET of {@code /actuator/health}
     * on its management port, or of the dashboard's overview ({@code /}); gives the HTTP status and the body.
     */
    Map.Entry<Integer, String> health(ComposeFile.Service service) throws IOException, InterruptedException {
        String path = properties(service).containsKey(DASHBOARD_PORT) ? "/" : "/actuator/health";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + managementPort(service) + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Map.entry(r.statusCode(), r.body());
        }
    }
}
