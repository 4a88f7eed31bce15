package dev.tradingbatch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar trading-batch-bench.jar --quick --repeat 1} as a user runs it: every figure of the issue is in
 * the table with numbers for ours, the baseline and their ratio, and the Markdown file gets the same. No timing
 * is asserted: the machine decides those.
 */
class BenchCommandIT {

    static final List<String> FIGURES = List.of("ingest", "storage", "query 1 p50", "query 1 p99", "replay", "sweep",
            "sweep heap", "live p50", "live p99", "start-up", "idle RSS");

    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryFigureWithOursBaselineAndRatio() throws Exception {
        Path markdown = dir.resolve("BENCHMARKS.md");
        Files.writeString(markdown, "# Benchmarks\n\nkept above\n\n" + BenchReport.BEGIN + "\nold numbers\n"
                + BenchReport.END + "\n\nkept below\n");

        Result result = run("--quick", "--repeat", "1", "--out", markdown.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).startsWith("FIGURE ").contains("--quick sizes, not the full ones");
        for (String figure : FIGURES) {
            Matcher row = Pattern.compile("(?m)^" + Pattern.quote(figure)
                    + " +(\\S+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +(.+?) +(yes|no|-)$").matcher(result.out());
            assertThat(row.find()).as("a row for %s in%n%s", figure, result.out()).isTrue();
            assertThat(Double.parseDouble(row.group(2))).as(figure + " ours").isPositive();
            assertThat(Double.parseDouble(row.group(3))).as(figure + " baseline").isPositive();
            assertThat(Double.parseDouble(row.group(4))).as(figure + " ratio").isPositive();
        }
        assertThat(result.out()).contains("SQLite: journal_mode=wal, synchronous=NORMAL, foreign_keys=1");

        String written = Files.readString(markdown);
        assertThat(written).startsWith("# Benchmarks\n\nkept above\n\n" + BenchReport.BEGIN).endsWith("\nkept below\n")
                .doesNotContain("old numbers").contains("| figure | unit | ours | baseline | ours / baseline | goal | met |");
        for (String figure : FIGURES) {
            assertThat(written).contains("| " + figure + " | ");
        }
    }

    @Test
    void shouldRefuseBadInput() {
        assertThat(run("--repeat", "0").err()).isEqualTo("error: --repeat must be in [1, 99], got 0\n");
        assertThat(run("--only", "disk").err())
                .isEqualTo("error: --only: unknown figure group 'disk' (known: ingest, query, replay, sweep, live, process)\n");
        Result both = run("--only", "query", "--out", dir.resolve("B.md").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("error: --out writes every figure: it does not go with --only\n");
        assertThat(dir.resolve("B.md")).doesNotExist();
    }

    /** What one command line printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
