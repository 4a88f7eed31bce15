package dev.tradingbatch.jobs.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Command lines for child JVMs started the way this process was: {@code java -jar trading-batch.jar}
 * when it runs from the Spring Boot jar, {@code java -cp <classpath> <main>} otherwise (tests). The
 * same java binary, no JVM options beyond {@code -D} properties: the JVM's defaults on this machine.
 */
final class ChildJvms {

    private static final String CLI = "dev.tradingbatch.jobs.cli.Cli";
    /** Spring Boot's launcher that runs any main class of the jar ({@code -Dloader.main}). */
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private final String java;
    private final Path bootJar;
    private final String classpath;

    private ChildJvms(String java, Path bootJar, String classpath) {
        this.java = java;
        this.bootJar = bootJar;
        this.classpath = classpath;
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
        return new ChildJvms(java, bootJar, cp);
    }

    /** The application's command line with {@code args}, as a user starts it. */
    List<String> cli(Map<String, String> properties, String... args) {
        List<String> command = start(properties);
        if (bootJar != null) {
            command.addAll(List.of("-jar", bootJar.toString()));
        } else {
            command.addAll(List.of("-cp", classpath, CLI));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@code main} of this application's classes, through the same jar and launcher. */
    List<String> main(Class<?> main, String... args) {
        List<String> command = start(Map.of());
        if (bootJar != null) {
            command.addAll(List.of("-Dloader.main=" + main.getName(), "-cp", bootJar.toString(), PROPERTIES_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", classpath, main.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** How the children are started, for the report. */
    String describe() {
        return bootJar != null ? "java -jar " + bootJar.getFileName() + " (the Spring Boot jar)"
                : "java -cp <the test classpath> " + CLI + " (not the packaged jar)";
    }

    private List<String> start(Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(java);
        // the jar's manifest allows sqlite-jdbc's native access; a plain classpath needs the option
        command.add("--enable-native-access=ALL-UNNAMED");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        return command;
    }
}
