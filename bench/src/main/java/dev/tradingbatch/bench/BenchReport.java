package dev.tradingbatch.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A finished run: the table on the console, and the same as a Markdown section of docs/benchmarks.md
 * between two markers, so a new run replaces its numbers and leaves the hand-written text around it.
 */
record BenchReport(String command, int repeat, boolean quick, Machine machine, List<Figure> figures,
                   Instant started, double seconds) {

    static final String BEGIN = "<!-- bench:begin: written by `bench --out`, text outside the markers is kept -->";
    static final String END = "<!-- bench:end -->";

    private static final String ROW = "%-12s %-13s %10s %10s %7s  %-45s %s%n";

    void print(PrintWriter out) {
        out.printf(ROW, "FIGURE", "UNIT", "OURS", "BASELINE", "RATIO", "GOAL", "MET");
        for (Figure f : figures) {
            out.printf(ROW, f.name(), f.unit(), Figure.number(f.oursMedian()), Figure.number(f.baselineMedian()),
                    Figure.number(f.ratio()), f.goal().text(), f.met());
        }
        out.printf("%n%s of %d repetition%s (ratio: ours / baseline); %s%n", repeat == 1 ? "values" : "medians",
                repeat, repeat == 1 ? "" : "s", quick ? "--quick sizes, not the full ones" : "the full sizes");
        for (Figure f : figures) {
            out.println(f.name() + ":");
            f.notes().forEach(n -> out.println("  " + n.replace("`", "")));
            out.println("  repetitions: " + f.samples());
        }
        out.println("machine: " + String.join("; ", machine.lines()));
        out.printf("bench took %.0f s%n", seconds);
    }

    /** The Markdown section. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append("\n## Results\n\n");
        b.append("Measured ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" with `").append(command)
                .append("`: ").append(repeat == 1 ? "one repetition" : "medians of " + repeat + " repetitions")
                .append(quick ? " at the small `--quick` sizes (not the full ones)" : "")
                .append("; the whole run took ").append(Math.round(seconds)).append(" s.\n\n");
        machine.lines().forEach(l -> b.append("- ").append(l).append('\n'));
        b.append("\n| figure | unit | ours | baseline | ours / baseline | goal | met |\n");
        b.append("| --- | --- | ---: | ---: | ---: | --- | --- |\n");
        for (Figure f : figures) {
            b.append("| ").append(f.name()).append(" | ").append(f.unit()).append(" | ")
                    .append(Figure.number(f.oursMedian())).append(" | ").append(Figure.number(f.baselineMedian()))
                    .append(" | ").append(Figure.number(f.ratio())).append(" | ").append(f.goal().text())
                    .append(" | ").append(f.met()).append(" |\n");
        }
        b.append("\n### How each figure was measured\n\n");
        for (Figure f : figures) {
            b.append("- **").append(f.name()).append("**\n");
            f.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
            b.append("  - repetitions: ").append(f.samples()).append('\n');
        }
        return b.append(END).append('\n').toString();
    }

    /** Replaces the section in {@code file} (created, or the section appended, when missing). */
    void write(Path file) throws IOException {
        String section = markdown();
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file);
            int begin = old.indexOf(BEGIN);
            int end = old.indexOf(END);
            text = begin >= 0 && end > begin
                    ? old.substring(0, begin) + section + old.substring(end + END.length()).replaceFirst("^\n", "")
                    : old + (old.endsWith("\n") ? "\n" : "\n\n") + section;
        } else {
            text = "# Benchmarks\n\nWritten by `java -jar bench/target/trading-batch-bench.jar --out docs/benchmarks.md`.\n\n"
                    + section;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, text);
    }
}
