package dev.tradingbatch.jobs.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Command lines for child JVMs started the way this process was: {@code java -jar trading-batch.jar}
 * when it runs from the Spring Boot jar, {@code java -cp <classpath> <main>} otherwise (tests), or from
 * the jar's extracted layout ({@link #withExtractedJar}). The same java binary and no JVM options beyond
 * the ones asked for: the JVM's defaults on this machine.
 */
final class ChildJvms {

    private static final String CLI = "dev.tradingbatch.jobs.cli.Cli";
    /** Spring Boot's launcher that runs any main class of the jar ({@code -Dloader.main}). */
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final String java;
    /** The jar children run with {@code -jar}; null: the classpath. */
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
        Path bootJar = null;
        if (!cp.contains(File.pathSeparator) && cp.endsWith(".jar")) {
            try (JarFile jar = new JarFile(cp)) {
                Manifest manifest = jar.getManifest();
                if (manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null) {
                    bootJar = Path.of(cp).toAbsolutePath();
                }
            } catch (IOException e) {
                // not a jar we can read: run it as a plain classpath
            }
        }
        return new ChildJvms(java, bootJar, cp, false);
    }

    /** The jar children run, when this process runs from one (not in tests). */
    Optional<Path> jar() {
        return Optional.ofNullable(jar);
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

    /** {@code main} of this application's classes, through the same jar and launcher, with JVM {@code options}. */
    List<String> main(List<String> options, Class<?> main, String... args) {
        List<String> command = start(options, Map.of());
        if (extracted) {
            command.addAll(List.of("-cp", jar.toString(), main.getName()));
        } else if (jar != null) {
            command.addAll(List.of("-Dloader.main=" + main.getName(), "-cp", jar.toString(), PROPERTIES_LAUNCHER));
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
