package dev.tradingbatch.strategies;

import dev.tradingbatch.strategy.api.StrategyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ta4j.core.BaseBarSeriesBuilder;

/**
 * The strategy types of the plugin jars in one folder, found with the JDK's {@link ServiceLoader}, beside the
 * built-in ones. Each jar gets a class loader of its own whose parent is the application's (so a plugin sees the
 * strategy API and ta4j the application runs with) and must list its types in
 * {@code META-INF/services/dev.tradingbatch.strategy.api.StrategyDefinition}. A jar that cannot be read, lists no
 * type, or lists one that fails to load, to check or to build with its defaults, and two types of one name, are
 * refused with an {@link InvalidStrategyException} naming the jar. Close it when the types are no longer used: it
 * closes the jars.
 */
public final class StrategyPlugins implements AutoCloseable {

    static final String SERVICES_FILE = "META-INF/services/" + StrategyDefinition.class.getName();

    private final StrategyTypes types;
    private final List<URLClassLoader> loaders;

    private StrategyPlugins(StrategyTypes types, List<URLClassLoader> loaders) {
        this.types = types;
        this.loaders = loaders;
    }

    /** The built-in types alone, no jar open. */
    public static StrategyPlugins none() {
        return new StrategyPlugins(StrategyTypes.builtIn(), List.of());
    }

    /**
     * The built-in types and those of every {@code *.jar} directly in {@code folder}, in the order of their file
     * names; no folder, no plugin.
     *
     * @throws InvalidStrategyException naming the jar and what is wrong with it
     */
    public static StrategyPlugins load(Path folder) {
        if (!Files.exists(folder)) {
            return none();
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidStrategyException("plugins folder " + folder + " is not a folder");
        }
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            List<StrategyType> found = new ArrayList<>();
            for (Path jar : jars(folder)) {
                URLClassLoader loader = loader(jar);
                loaders.add(loader);
                found.addAll(types(jar, loader));
            }
            return new StrategyPlugins(StrategyTypes.builtIn().with(found), List.copyOf(loaders));
        } catch (RuntimeException e) {
            closeAll(loaders);
            throw e;
        }
    }

    /** Every type a declaration may name: the built-in ones and the plugins'. */
    public StrategyTypes types() {
        return types;
    }

    @Override
    public void close() {
        closeAll(loaders);
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidStrategyException("plugins folder " + folder + " cannot be read: " + e.getMessage());
        }
    }

    private static URLClassLoader loader(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(SERVICES_FILE) == null) {
                throw refused(jar, "lists no strategy type (it has no " + SERVICES_FILE + ")");
            }
        } catch (IOException e) {
            throw refused(jar, "not a readable jar (" + e.getMessage() + ")");
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
        return new URLClassLoader("plugin " + jar.getFileName(), new URL[] {url},
                StrategyPlugins.class.getClassLoader());
    }

    /** The types {@code jar} lists: only its own, not those its parent loader sees. */
    private static List<StrategyType> types(Path jar, URLClassLoader loader) {
        List<StrategyType> types = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<StrategyDefinition> provider
                    : ServiceLoader.load(StrategyDefinition.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() == loader) {
                    types.add(checked(jar, provider.get()));
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw refused(jar, "fails to load: " + e);
        }
        if (types.isEmpty()) {
            throw refused(jar, "lists no strategy type of its own in " + SERVICES_FILE);
        }
        return types;
    }

    /** The type of {@code definition}, built once with its defaults on an empty series so that it fails here. */
    private static StrategyType checked(Path jar, StrategyDefinition definition) {
        StrategyType type;
        try {
            type = StrategyType.of(definition, jar.toString());
        } catch (InvalidStrategyException e) {
            throw refused(jar, e.getMessage());
        } catch (RuntimeException e) {
            throw refused(jar, definition.getClass().getName() + " fails to say what it is: " + e);
        }
        int warmUp;
        try {
            StrategySpec spec = StrategySpec.defaults(type);
            warmUp = spec.warmUpBars();
            spec.build(new BaseBarSeriesBuilder().withNumFactory(ScaleFreeNum.Factory.INSTANCE).build());
        } catch (RuntimeException e) {
            throw refused(jar, "type '" + type.code() + "' fails to build with its defaults: "
                    + (e instanceof InvalidStrategyException ? e.getMessage() : e));
        }
        if (warmUp < 0) {
            throw refused(jar, "type '" + type.code() + "' has a negative warm-up (" + warmUp + ")");
        }
        return type;
    }

    private static InvalidStrategyException refused(Path jar, String problem) {
        return new InvalidStrategyException("plugin " + jar + ": " + problem);
    }

    private static void closeAll(List<URLClassLoader> loaders) {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                // a jar that does not close is left to the process's end: nothing reads it any more
            }
        }
    }
}
