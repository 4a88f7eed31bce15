package dev.tradingbatch.jobs.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in a separate JVM, as a user's shell or a container would, so a test can kill
 * it with SIGKILL ({@link Process#destroyForcibly()}) at any moment. Output goes to a file in the test's folder.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(Path logFile, Map<String, String> properties, String... args) throws IOException {
        return start(logFile, List.of(), properties, args);
    }

    /** The same, with JVM {@code options} (for example a container image's {@code @java.options}). */
    public static Process start(Path logFile, List<String> options, Map<String, String> properties, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xshare:auto");
        command.addAll(options);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.tradingbatch.jobs.cli.Cli");
        command.addAll(List.of(args));
        Files.createDirectories(logFile.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    }
}
