package dev.tradingbatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Child JVMs run for the process figures: to their exit, or until idle and measured. */
final class ChildRuns {

    private static final long TIMEOUT_SECONDS = 180;

    private ChildRuns() {
    }

    /**
     * A process measured once ready: the seconds from its start to being ready, then what it held after idling:
     * VmRSS and its anonymous and file-backed parts (MiB).
     */
    record Measured(double ready, double rss, double anonymous, double file) {

        /** {@code process}'s memory now ({@code /proc/<pid>/status}), it having been ready after {@code ready} s. */
        static Measured of(Process process, double ready) throws IOException {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            return new Measured(ready, kib(status, "VmRSS:") / 1024.0, kib(status, "RssAnon:") / 1024.0,
                    kib(status, "RssFile:") / 1024.0);
        }
    }

    /**
     * Seconds from starting {@code command} (in {@code dir}) to its exit; it must exit 0 and its output
     * contain {@code expected} when given.
     */
    static double toExit(List<String> command, Path dir, String expected) throws IOException, InterruptedException {
        Path log = dir.resolve("child.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("a child JVM did not exit within " + TIMEOUT_SECONDS + " s: " + command);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (p.exitValue() != 0 || (expected != null && !output.contains(expected))) {
            throw new IllegalStateException("a child JVM failed (exit " + p.exitValue() + "): " + command + "\n" + output);
        }
        return seconds;
    }

    /**
     * Starts the service {@code command} (in {@code dir}), waits until its output has a line containing
     * {@code readyLine}, which must also contain {@code expected}, leaves it alone {@code settleMillis}, reads
     * its memory, then stops it with SIGTERM as {@code docker stop} does: it must exit 0.
     */
    static Measured service(List<String> command, Path dir, String readyLine, String expected, long settleMillis)
            throws IOException, InterruptedException {
        Path log = dir.resolve("child-service.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            String line = null;
            while (line == null) {
                // the log is a few KiB until then: read whole, every 10 ms
                line = Files.readAllLines(log).stream().filter(l -> l.contains(readyLine)).findFirst().orElse(null);
                if (line == null && (!p.isAlive() || System.nanoTime() > deadline)) {
                    throw new IllegalStateException("a service never logged '" + readyLine + "': " + command + "\n"
                            + Files.readString(log));
                }
                if (line == null) {
                    Thread.sleep(10);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!line.contains(expected)) {
                throw new IllegalStateException("a service logged '" + line + "', not '" + expected + "': " + command);
            }
            Thread.sleep(settleMillis);
            Measured service = Measured.of(p, seconds);
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("a service did not exit 0 on SIGTERM: " + command + "\n"
                        + Files.readString(log));
            }
            return service;
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Starts {@code command}, waits for the line {@code ready} on its standard output, leaves it alone
     * {@code settleMillis}, reads its memory, then closes its standard input (it exits).
     */
    static Measured idle(List<String> command, Path dir, long settleMillis) throws IOException, InterruptedException {
        Path log = dir.resolve("child-idle.log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
        AtomicBoolean ready = new AtomicBoolean();
        // a child that never says ready (nor exits) is ended, so that readLine below returns
        Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && !ready.get()) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine(); // log lines may come before
            } while (line != null && !line.equals("ready"));
            if (line == null) {
                throw new IllegalStateException("an idle child JVM exited (or hung) before it was ready: " + command + "\n"
                        + Files.readString(log));
            }
            ready.set(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(settleMillis);
            return Measured.of(p, seconds);
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A {@code /proc/<pid>/status} value in KiB ({@code VmRSS:   123456 kB}). */
    private static long kib(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseLong(l.substring(key.length()).replace("kB", "").strip()))
                .orElseThrow(() -> new IllegalStateException("no " + key + " in /proc/<pid>/status"));
    }
}
