package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code optimize --report}: the page's ranking is the command's, each heatmap cell is its set's stored figure, the
 * equity line ends at the best set's stored final equity; bad report options are refused before anything runs.
 */
class SweepReportTest {

    static final String[] GRID = {"optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2",
            "--param", "oversold=25,30,35", "--from", "2013-11-26", "--to", "2013-12-01", "--objective", "return"};
    private static final Pattern CELL = Pattern.compile(
            "<g class=\"cell\" data-x=\"([^\"]+)\" data-y=\"([^\"]+)\" data-score=\"([^\"]+)\">");

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void importSample() {
        cli = BitstampSample.declare(new CliRun(dir), "rsi-bs-5m", "rsi", Map.of("period", "14", "oversold", "35",
                "overbought", "65"));
        BitstampSample.importInto(cli);
    }

    @Test
    void shouldDrawTheRankingTheHeatmapAndTheBestSetsEquityFromTheStoredFigures() throws IOException {
        Path file = dir.resolve("reports").resolve("sweep.html");

        CliRun.Result r = cli.run(args("--report", file.toString(), "--heatmap", "period,oversold", "--top", "3"));

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).endsWith("report: " + file + "\n");
        String page = Files.readString(file);
        assertThat(page).contains("<h1>optimize rsi-bs-5m</h1>").contains("default-src 'none'")
                .doesNotContain("<script");

        // the ranking: the command's three sets in its order
        List<String> printed = r.out().lines().filter(l -> l.matches("\\s+[123] .*")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertThat(printed).hasSize(3);
        for (String set : printed) {
            assertThat(page).contains("<td>" + set.replace(",", ", ") + "</td>");
        }

        // every cell of the 4 x 3 grid (period across, oversold down): its set's return as stored in sweep_results
        Matcher cells = CELL.matcher(page);
        List<String> seen = new ArrayList<>();
        while (cells.find()) {
            Map<String, Object> row = cli.query("SELECT total_return FROM sweep_results WHERE sweep_id = 2 "
                    + "AND params LIKE ? AND params LIKE ?", "%\"oversold\":\"" + cells.group(2) + "\"%",
                    "%\"period\":\"" + cells.group(1) + "\"%").getFirst();
            assertThat(cells.group(3)).isEqualTo(new BigDecimal(row.get("total_return").toString())
                    .setScale(2, RoundingMode.HALF_UP).toPlainString());
            seen.add(cells.group(1) + "/" + cells.group(2));
        }
        assertThat(seen).containsExactlyInAnyOrder("10/25", "12/25", "14/25", "16/25", "10/30", "12/30", "14/30",
                "16/30", "10/35", "12/35", "14/35", "16/35");

        // the best set's equity line ends at its stored final equity; buy and hold is drawn beside it
        String best = printed.getFirst();
        Object finalEquity = cli.query("SELECT final_equity FROM sweep_results WHERE sweep_id = 2 AND params = ?",
                "{\"" + best.replace("=", "\":\"").replace(",", "\",\"") + "\"}").getFirst().get("final_equity");
        assertThat(page).contains(">best set: " + new BigDecimal(finalEquity.toString()).setScale(2, RoundingMode.HALF_UP)
                .toPlainString() + "</text>");
        assertThat(page).contains("data-name=\"best set\"").contains("data-name=\"buy and hold\"");
        Matcher points = Pattern.compile("data-name=\"best set\"[^>]*points=\"([^\"]+)\"").matcher(page);
        assertThat(points.find()).isTrue();
        assertThat(points.group(1).strip().split(" ")).hasSizeGreaterThan(1000);
    }

    @Test
    void shouldRefuseBadReportOptionsBeforeTheSweepRuns() {
        assertBad(cli.run(args("--heatmap", "period,oversold")),
                "error: --heatmap period,oversold is for the --report page: give --report FILE.html");
        assertBad(cli.run(args("--report", dir.resolve("r.html").toString(), "--heatmap", "period,overbought")),
                "error: --heatmap period,overbought: overbought is not swept with two values or more (swept: "
                        + "oversold, period)");
        assertBad(cli.run(args("--report", dir.resolve("r.html").toString(), "--heatmap", "period")),
                "error: --heatmap period must name two parameters: X,Y");
        assertBad(cli.run("optimize", "--strategy", "rsi-bs-5m", "--param", "period=10..16:2", "--walk-forward",
                        "2d/1d", "--report", dir.resolve("r.html").toString()),
                "error: --report is for a sweep: walk-forward prints its windows (drop --report)");
        assertThat(cli.count("SELECT COUNT(*) FROM sweep_results")).isZero();
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    private static String[] args(String... more) {
        String[] all = new String[GRID.length + more.length];
        System.arraycopy(GRID, 0, all, 0, GRID.length);
        System.arraycopy(more, 0, all, GRID.length, more.length);
        return all;
    }

    private static void assertBad(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(message + "\n");
    }
}
