package dev.tradingbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by kind, from Linux's {@code /proc/self/task}: the JVM's own threads
 * (JIT compilers, GC) included, which {@code ThreadMXBean} does not see. Ticks are 10 ms (USER_HZ 100, the
 * Linux default). Elsewhere, or where {@code /proc} cannot be read, a snapshot is empty.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long TICK_NANOS = 10_000_000;

    /** CPU nanoseconds by live thread (id and name). */
    private final Map<String, Long> nanos;

    private ThreadCpu(Map<String, Long> nanos) {
        this.nanos = nanos;
    }

    static ThreadCpu snapshot() {
        Map<String, Long> nanos = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(nanos);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).strip();
                    // fields 14 and 15 of stat (utime, stime), counted from the state field here
                    nanos.put(task.getFileName() + " " + name,
                            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(nanos);
    }

    /**
     * CPU nanoseconds spent since {@code earlier} by kind of thread: {@code JIT}, {@code GC}, the thread that
     * took both snapshots ({@code caller}, Linux names a launcher's main thread {@code java}), any other thread
     * by its name without numbers; biggest first.
     */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> byKind = new HashMap<>();
        nanos.forEach((thread, now) -> {
            long spent = now - earlier.nanos.getOrDefault(thread, 0L);
            if (spent > 0) {
                byKind.merge(kind(thread.substring(thread.indexOf(' ') + 1)), spent, Long::sum);
            }
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String kind(String name) {
        if (name.contains("CompilerThre")) {
            return "JIT";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.equals("java") || name.equals("main")) {
            return "caller";
        }
        return name.replaceAll("[0-9#]+", "").strip();
    }
}
