package dev.tradingbatch.bench;

import dev.tradingbatch.jobs.cli.Cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Command lines for the application's JVMs: {@code java -jar trading-batch.jar} (the application jar of the same
 * build, {@code jobs/target/trading-batch.jar}) when this process runs from the bench's jar, {@code java -cp
 * <classpath> <main>} otherwise (tests), or from the application jar's extracted layout ({@link #withExtractedJar}).
 * The same java binary and no JVM options beyond the ones asked for: the JVM's defaults on this machine.
 */
final class ChildJvms {

    private static final String CLI = Cli.class.getName();
    /** Where the application jar stands in the repository, built by the jobs module. */
    static final Path APPLICATION_JAR = Path.of("jobs", "target", "trading-batch.jar");
    /** Spring Boot's launcher that runs any main class of the jar ({@code -Dloader.main}). */
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final String java;
    /** The application jar children run with {@code -jar}; null: the classpath. */
    private final Path jar;
    private final String classpath;
    /** The jar is Spring Boot's extracted application jar (its libraries in lib/ beside it), not the nested one. */
    private final boolean extracted;

    private ChildJvms(String java, Path jar, String classpath, boolean extracted) {
        this.java = java;
        this.jar = jar;
        this.classpath = classpath;
        this.extracted = extracted;
    }

    static ChildJvms ofThisProcess() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        return new ChildJvms(java, runsFromBootJar(cp) ? applicationJar(Path.of(cp)) : null, cp, false);
    }

    /** Whether {@code classpath} is one Spring Boot jar, the bench's: {@code java -jar trading-batch-bench.jar}. */
    private static boolean runsFromBootJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false; // not a jar we can read: run it as a plain classpath
        }
    }

    /**
     * The application jar that {@code ./mvnw package} builds beside the bench's ({@code bench/target/...}): the
     * bench measures the application of its own build, in this process and as a trader process alike.
     */
    private static Path applicationJar(Path benchJar) {
        Path jar = benchJar.toAbsolutePath().getParent().getParent().resolveSibling(APPLICATION_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no application jar at " + jar + " (the bench starts the trader from it): "
                    + "build both with ./mvnw -B -DskipTests package");
        }
        return jar;
    }

    /** The application jar children run, when this process runs from the bench's jar (not in tests). */
    Optional<Path> jar() {
        return Optional.ofNullable(jar);
    }

    /** The application's extracted jar children run, when they run from Spring Boot's extracted layout. */
    Optional<Path> extractedJar() {
        return extracted ? Optional.of(jar) : Optional.empty();
    }

    /** The same children, run from the application jar of Spring Boot's extracted layout ({@link #extract}). */
    ChildJvms withExtractedJar(Path other) {
        return new ChildJvms(java, other.toAbsolutePath(), classpath, true);
    }

    /** The java binary children run. */
    String java() {
        return java;
    }

    /** The application's command line with {@code args}, as a user starts it, with JVM {@code options}. */
    List<String> cli(List<String> options, Map<String, String> properties, String... args) {
        List<String> command = start(options, properties);
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", classpath, CLI));
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code main}, a class of the bench's in the jar {@code classes}, with JVM {@code options}: that jar alone on
     * the classpath beside the extracted jar (a copy of it, {@link IdleJvm#jar}); through Spring Boot's launcher of
     * the application jar, that jar added ({@code -Dloader.path}); from the classpath in tests.
     */
    List<String> main(List<String> options, Class<?> main, Path classes, String... args) {
        List<String> command = start(options, Map.of());
        if (extracted) {
            command.addAll(List.of("-cp", classes.toAbsolutePath().toString(), main.getName()));
        } else if (jar != null) {
            command.addAll(List.of("-Dloader.main=" + main.getName(), "-Dloader.path=" + classes.toAbsolutePath(),
                    "-cp", jar.toString(), PROPERTIES_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", classpath, main.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Spring Boot's own extraction of the jar into {@code destination}: a plain jar with its libraries beside it. */
    List<String> extract(Path destination) {
        return List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                destination.toAbsolutePath().toString());
    }

    /** How the children are started, for the report. */
    String describe() {
        return jar != null ? "java -jar " + jar.getFileName()
                : "java -cp <the test classpath> " + CLI + " (not the packaged jar)";
    }

    private List<String> start(List<String> options, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(java);
        if (jar == null) {
            // the jar's manifest allows sqlite-jdbc's native access; a plain classpath needs the option
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(options);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        return command;
    }
}
