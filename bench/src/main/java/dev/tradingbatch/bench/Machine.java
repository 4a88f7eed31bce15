package dev.tradingbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run measured: cores, memory, JDK, OS, SQLite, and its load when the run started. */
record Machine(String cpu, String memory, String jdk, String os, String sqlite, String load) {

    static Machine describe() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String model = line(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse(System.getProperty("os.arch"));
        String memory = line(Path.of("/proc/meminfo"), "MemTotal:")
                .map(l -> "%.1f GiB RAM".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("unknown RAM");
        String os = line(Path.of("/etc/os-release"), "PRETTY_NAME=").map(l -> l.substring(l.indexOf('=') + 1)
                .replace("\"", "")).orElse(System.getProperty("os.name"));
        String load = loadAverage().map(l -> "load average " + l + " (1, 5, 15 min) when the run started")
                .orElse("load unknown");
        return new Machine(cores + " cores (" + model + ")", memory,
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                os + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                SqliteFiles.sqliteVersion(), load);
    }

    /** The kernel's 1, 5 and 15 minute load averages: how busy the machine's other processes kept it. */
    static Optional<String> loadAverage() {
        return read(Path.of("/proc/loadavg")).map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)));
    }

    /** This machine with the load average at the end of the run added. */
    Machine ended() {
        return new Machine(cpu, memory, jdk, os, sqlite, load + loadAverage().map(l -> ", " + l + " when it ended").orElse(""));
    }

    List<String> lines() {
        return List.of("CPU: " + cpu, "memory: " + memory, "JDK: " + jdk, "OS: " + os, "SQLite: " + sqlite, load);
    }

    private static Optional<String> line(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
