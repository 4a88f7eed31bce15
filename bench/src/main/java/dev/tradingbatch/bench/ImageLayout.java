package dev.tradingbatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application laid out and started as {@code docker/Dockerfile} does, in a folder standing for the
 * image's {@code /app}: Spring Boot's extracted layout ({@code app.jar} with {@code lib/}), the image's JVM
 * options ({@code java @java.options}, the bench jar's copy of {@code docker/java.options}) and an AOT cache
 * written by the image's training script ({@code docker/aot-training.sh}, also carried by the bench jar) on a
 * trader's first evaluation. Without the packaged jar (tests) or before JDK 25 there is no layout to
 * extract nor cache to train: the children run from the classpath with the same options file only.
 */
final class ImageLayout {

    static final String OPTIONS_RESOURCE = "/docker/java.options";
    static final String TRAINING_RESOURCE = "/docker/aot-training.sh";

    private final ChildJvms jvms;
    private final Path options;
    /** The AOT cache, when one was trained. */
    private final Path cache;

    private ImageLayout(ChildJvms jvms, Path options, Path cache) {
        this.jvms = jvms;
        this.options = options;
        this.cache = cache;
    }

    /**
     * Lays the application out in {@code app} from the application jar and trains its AOT cache on the trader
     * {@code trader} gives (its JVM options and command line after the image's options), which must log an
     * evaluation on the database its properties point at.
     */
    static ImageLayout prepare(ChildJvms plain, Path app, Trader trader, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(app);
        Path options = copyResource(OPTIONS_RESOURCE, app.resolve("java.options"));
        if (plain.jar().isEmpty() || Runtime.version().feature() < 25) {
            return new ImageLayout(plain, options, null);
        }
        ChildRuns.toExit(plain.extract(app.resolve("extracted")), dir, null);
        Path jar = app.resolve("app.jar");
        Files.move(app.resolve("extracted").resolve(plain.jar().get().getFileName()), jar);
        Files.move(app.resolve("extracted").resolve("lib"), app.resolve("lib"));
        ChildJvms extracted = plain.withExtractedJar(jar);
        Path script = copyResource(TRAINING_RESOURCE, app.resolve("aot-training.sh"));
        Path cache = app.resolve("app.aot");
        List<String> training = new ArrayList<>(List.of("sh", script.toString(), cache.toString()));
        training.addAll(trader.command(extracted, List.of("@" + options)));
        ChildRuns.toExit(training, dir, "AOTCache creation is complete");
        return new ImageLayout(extracted, options, cache);
    }

    /** A trader's command line, given how to start a JVM and the JVM options to start it with. */
    @FunctionalInterface
    interface Trader {
        List<String> command(ChildJvms jvms, List<String> options);
    }

    /** The image's JVMs: the extracted jar, or the classpath (tests). */
    ChildJvms jvms() {
        return jvms;
    }

    /** The options every JVM of the image starts with: the options file, and the AOT cache when there is one. */
    List<String> options() {
        return cache == null ? List.of("@" + options) : List.of("@" + options, "-XX:AOTCache=" + cache);
    }

    /** The options file alone, for a JVM that is not the application (the cache holds the application's classes). */
    List<String> optionsFileOnly() {
        return List.of("@" + options);
    }

    /** The AOT cache, when one was trained. */
    Optional<Path> cache() {
        return Optional.ofNullable(cache);
    }

    /** The options of the file, one per line as written (comments dropped), for the report. */
    String describeOptions() throws IOException {
        return String.join(" ", Files.readAllLines(options).stream().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty()).toList());
    }

    /** How the image's JVMs are started, for the report. */
    String describe() throws IOException {
        if (cache == null) {
            return jvms.describe() + " with `@java.options` (" + describeOptions() + "); not the image's extracted "
                    + "layout nor its AOT cache (they need the packaged jar and JDK 25)";
        }
        return "as docker/Dockerfile runs a service: `java @java.options -XX:AOTCache=app.aot -jar app.jar` (java.options: "
                + describeOptions() + "; app.jar and lib/ from `java -Djarmode=tools -jar trading-batch.jar extract`; "
                + "app.aot, " + Files.size(cache) / (1024 * 1024) + " MiB, written by docker/aot-training.sh with the same "
                + "options on a trader's first evaluation, here on a copy of the bench's database instead of the image's "
                + "Bitstamp sample)";
    }

    private static Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = ImageLayout.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the classpath (bench/pom.xml copies it from docker/)");
            }
            Files.copy(in, target);
        }
        return target;
    }

}
