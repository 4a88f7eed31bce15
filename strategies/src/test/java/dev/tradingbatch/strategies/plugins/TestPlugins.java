package dev.tradingbatch.strategies.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Plugin jars for tests, compiled from source when the test runs: classes on the test's own class path would be
 * loaded by the application's class loader, not the plugin's, so a plugin must come from a jar of its own.
 */
public final class TestPlugins {

    /** The services file every plugin lists its strategy types in. */
    public static final String SERVICES = "META-INF/services/dev.tradingbatch.strategy.api.StrategyDefinition";

    /** A plugin type as a user writes it: an SMA crossover, {@code sma-cross}, with the stops. */
    public static final String SMA_CROSS = """
            package example;

            import dev.tradingbatch.strategy.api.*;
            import java.util.List;
            import org.ta4j.core.BarSeries;
            import org.ta4j.core.BaseStrategy;
            import org.ta4j.core.indicators.averages.SMAIndicator;
            import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
            import org.ta4j.core.rules.CrossedDownIndicatorRule;
            import org.ta4j.core.rules.CrossedUpIndicatorRule;

            public class SmaCross implements StrategyDefinition {
                public String type() { return "sma-cross"; }
                public String description() { return "SMA crossover"; }
                public List<Param> params() {
                    return List.of(Param.integer("fast", 5, 2, 100), Param.integer("slow", 20, 3, 400),
                            Stops.STOP_LOSS, Stops.TAKE_PROFIT);
                }
                public List<Ordered> ordered() { return List.of(new Ordered("fast", "slow")); }
                public ComposedStrategy compose(BarSeries series, ParamValues params) {
                    var close = new ClosePriceIndicator(series);
                    var fast = new SMAIndicator(close, params.integer("fast"));
                    var slow = new SMAIndicator(close, params.integer("slow"));
                    return new ComposedStrategy(new BaseStrategy("sma-cross", new CrossedUpIndicatorRule(fast, slow),
                            Stops.orStops(new CrossedDownIndicatorRule(fast, slow), close, params)), List.of(fast, slow));
                }
            }
            """;

    /**
     * A plugin type that peeks, {@code peeking}: it buys when the next candle closes higher and sells when it closes
     * lower, reading the next bar wherever the series holds one. A replay sees the future; the live trader does not.
     */
    public static final String PEEKING = """
            package example;

            import dev.tradingbatch.strategy.api.*;
            import java.util.List;
            import org.ta4j.core.BarSeries;
            import org.ta4j.core.BaseStrategy;
            import org.ta4j.core.indicators.CachedIndicator;
            import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
            import org.ta4j.core.num.Num;
            import org.ta4j.core.rules.OverIndicatorRule;
            import org.ta4j.core.rules.UnderIndicatorRule;

            public class Peeking implements StrategyDefinition {
                static final class NextClose extends CachedIndicator<Num> {
                    private final ClosePriceIndicator close;
                    NextClose(BarSeries series) { super(series); close = new ClosePriceIndicator(series); }
                    protected Num calculate(int index) {
                        return close.getValue(Math.min(index + 1, getBarSeries().getEndIndex()));
                    }
                    public int getCountOfUnstableBars() { return 0; }
                    public String toString() { return "NextClose"; }
                }
                public String type() { return "peeking"; }
                public List<Param> params() { return List.of(); }
                public int warmUpBars(ParamValues params) { return 1; }
                public ComposedStrategy compose(BarSeries series, ParamValues params) {
                    var next = new NextClose(series);
                    var close = new ClosePriceIndicator(series);
                    return new ComposedStrategy(new BaseStrategy("peeking", new OverIndicatorRule(next, close),
                            new UnderIndicatorRule(next, close)), List.of(next));
                }
            }
            """;

    private TestPlugins() {
    }

    /** A jar at {@code jar} of the class {@code example.Peeking}, listing it. */
    public static Path peeking(Path jar) {
        return jar(jar, Map.of("example.Peeking", PEEKING), "example.Peeking\n");
    }

    /** A jar at {@code jar} of the class {@code example.SmaCross}, listing it. */
    public static Path smaCross(Path jar) {
        return jar(jar, Map.of("example.SmaCross", SMA_CROSS), "example.SmaCross\n");
    }

    /**
     * Compiles {@code sources} (by class name) against the test's class path into a jar at {@code jar}, with
     * {@code services} as its services file (none when null).
     */
    public static Path jar(Path jar, Map<String, String> sources, String services) {
        try {
            Path work = Files.createTempDirectory("plugin-src");
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file);
            }
            Path classes = Files.createDirectories(work.resolve("classes"));
            if (!files.isEmpty()) {
                compile(files, classes);
            }
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        add(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                if (services != null) {
                    add(out, SERVICES, services.getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(List<Path> files, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = javac.run(null, messages, messages, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("the test plugin does not compile:\n" + messages.toString(StandardCharsets.UTF_8));
        }
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
