package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.replay.html.HeadlessChromium;
import dev.tradingbatch.jobs.support.BitstampSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard served by its own process on the bundled Bitstamp candles, two strategies evaluated over five and a
 * half (one halted, one replayed too), opened in headless Chromium through Selenium: what a person sees on each
 * page equals what the commands print.
 */
class DashboardIT {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String RSI = "rsi-bs-5m";
    private static final String MACD = "macd-bs-5m";

    @TempDir
    static Path dir;
    private static CliRun cli;
    private static ConfigurableApplicationContext dashboard;
    private static String base;
    private static WebDriver browser;

    @BeforeAll
    static void startDashboardAndBrowser() {
        HeadlessChromium.assumeInstalled(HeadlessChromium.BINARY, "chromium");
        HeadlessChromium.assumeInstalled(DRIVER, "chromium-driver");
        cli = new CliRun(dir);
        BitstampSample.importInto(cli);
        BitstampSample.declare(cli, RSI, "rsi", Map.of());
        BitstampSample.declare(cli, MACD, "macd", Map.of());
        // each strategy's first evaluation (its newest candle only), then the rest of the sample: five and a half days
        for (String at : List.of("2013-11-26T02:00:01Z", "2013-12-01T16:05:01Z")) {
            cli.clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
            for (String id : List.of(RSI, MACD)) {
                CliRun.Result r = cli.run("evaluate", "--strategy", id);
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            }
        }
        assertThat(cli.run("replay", "--strategy", RSI).exitCode()).isZero();
        assertThat(cli.run("halt", "--strategy", MACD, "--reason", "checking the dashboard").exitCode()).isZero();
        CliRun.Result drift = cli.run("drift", "--all");   // driftJob, as a trader runs it every trading.drift.interval
        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();

        dashboard = cli.with("trading.dashboard.port", "0").launcher().withDashboard().start();
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) dashboard).getWebServer().getPort();
        ChromeOptions options = new ChromeOptions().setBinary(HeadlessChromium.BINARY.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--disable-extensions", "--window-size=1600,1200");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void shouldShowEveryStrategyWithTheFiguresOfReport() {
        browser.get(base + "/");

        assertThat(browser.getTitle()).startsWith("Strategies");
        Map<String, List<String>> report = reportRows();
        assertThat(report).containsOnlyKeys(RSI, MACD);
        List<WebElement> rows = browser.findElements(By.cssSelector("#strategies tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-strategy")).as("report's order, best pnl first")
                .containsExactlyElementsOf(report.keySet());
        List<String> header = texts(browser.findElements(By.cssSelector("#strategies thead th")));
        assertThat(header).containsExactly("STRATEGY", "TYPE", "MARKET", "MODE", "REALISED PNL", "TRADES", "TOTAL PNL",
                "WIN RATE", "AVG RETURN", "MAX DRAWDOWN", "OPEN", "LAST EVALUATED (UTC)", "HALTED", "DRIFT");
        for (WebElement row : rows) {
            List<String> cells = texts(row.findElements(By.tagName("td")));
            String id = cells.getFirst();
            List<String> reportCells = report.get(id);
            assertThat(cells.subList(0, 3)).as(id).isEqualTo(reportCells.subList(0, 3));
            assertThat(cells.subList(5, 11)).as(id + ": the figures of report").isEqualTo(reportCells.subList(3, 9));
            assertThat(cells.get(3)).isEqualTo("paper");
            assertThat(cells.get(11)).as("the newest candle evaluated").isEqualTo("candle of 2013-12-01 16:00");
            assertThat(cells.get(12)).isEqualTo(id.equals(MACD) ? "HALTED" : "no");
            assertThat(cells.get(13)).as(id + ": the score driftJob stored").isEqualTo(cli.queryForObject(
                    "SELECT score FROM drift_scores WHERE strategy_id = ?", String.class, id) + " %");
            long sells = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = ? AND run_id = 'live'"
                    + " AND side = 'sell'", id);
            assertThat(sells).as(id + " closed trades on the sample").isPositive();
            String path = row.findElement(By.cssSelector("svg.spark path")).getAttribute("d");
            assertThat(path.split(" L")).as(id + ": a point at its first trade and one per sell").hasSize((int) sells + 1);
        }
        assertThat(texts(browser.findElements(By.cssSelector("p.halted")))).as("the halts, as report lists them")
                .containsExactlyElementsOf(cli.run("report").out().lines().filter(l -> l.startsWith("HALTED")).toList())
                .hasSize(1);
    }

    @Test
    void shouldOpenAStrategysPageWithItsReportAndItsLatestReplay() {
        browser.get(base + "/");
        browser.findElement(By.linkText(RSI)).click();

        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/strategies/" + RSI);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(RSI);
        assertThat(figures("live-figures")).isEqualTo(reportFigures("report", "--strategy", RSI));
        String runId = String.valueOf(cli.query("SELECT DISTINCT run_id FROM strategy_trades WHERE strategy_id = ? AND"
                + " run_id <> 'live'", RSI).getFirst().get("run_id"));
        assertThat(browser.findElement(By.cssSelector("section:nth-of-type(2) h2")).getText())
                .isEqualTo("Latest replay: " + runId);
        assertThat(figures("replay-figures")).isEqualTo(reportFigures("report", "--strategy", RSI, "--run", runId));
        assertThat(browser.findElement(By.cssSelector("svg.chart path.live")).getAttribute("d")).contains(" L");
        assertThat(browser.findElement(By.cssSelector("svg.chart path.replay")).getAttribute("d")).contains(" L");
        long trades = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = ? AND run_id = 'live'", RSI);
        assertThat(browser.findElements(By.cssSelector("#trades tbody tr"))).hasSize((int) trades);

        // the price chart: the close of the market's newest candles (the sample has more than the chart's 1000), and a
        // dot per live trade among them
        WebElement prices = browser.findElement(By.cssSelector("svg.prices"));
        long from = Long.parseLong(prices.getAttribute("data-from"));
        long to = Long.parseLong(prices.getAttribute("data-to"));
        long candles = cli.count("SELECT COUNT(*) FROM candles c JOIN markets m ON m.market_id = c.market_id"
                + " WHERE m.exchange = 'bitstamp' AND c.open_time BETWEEN ? AND ?", from, to);
        assertThat(to).as("up to the newest candle").isEqualTo(cli.count("SELECT MAX(open_time) FROM candles"));
        assertThat(candles).isEqualTo(DashboardData.PRICE_CANDLES);
        assertThat(prices.findElement(By.cssSelector("path.close")).getAttribute("d").split(" L")).hasSize((int) candles);
        long shown = cli.count("SELECT COUNT(*) FROM strategy_trades WHERE strategy_id = ? AND run_id = 'live'"
                + " AND candle_time BETWEEN ? AND ?", RSI, from, to);
        assertThat(shown).as("trades within the window").isPositive();
        assertThat(prices.findElements(By.cssSelector("circle.buy, circle.sell"))).hasSize((int) shown);
        Map<String, String> drift = figures("drift-figures");
        assertThat(cli.run("drift", "--strategy", RSI).out()).as("the score drift prints")
                .contains("  drift score        " + drift.get("drift score") + " (" + drift.get("matched trades")
                        + " matched, " + drift.get("only live") + " only live, " + drift.get("only replay")
                        + " only replay)");
    }

    @Test
    void shouldListTheSeriesAsMarketsPrintsThem() {
        browser.get(base + "/");
        browser.findElement(By.linkText("Markets")).click();

        List<String> printed = cli.run("markets").out().lines().skip(1).toList();
        List<WebElement> rows = browser.findElements(By.cssSelector("#markets tbody tr"));
        assertThat(rows).hasSize(printed.size()).hasSize(1);
        assertThat(texts(rows.getFirst().findElements(By.tagName("td"))))
                .isEqualTo(Arrays.asList(printed.getFirst().strip().split("\\s+")));
    }

    @Test
    void shouldListTheJobExecutionsNewestFirst() {
        browser.get(base + "/jobs");

        List<Map<String, Object>> executions = cli.query(
                "SELECT JOB_EXECUTION_ID, STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC");
        List<WebElement> rows = browser.findElements(By.cssSelector("#jobs tbody tr"));
        assertThat(rows).hasSize(executions.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = texts(rows.get(i).findElements(By.tagName("td")));
            assertThat(cells.get(0)).isEqualTo(String.valueOf(executions.get(i).get("JOB_EXECUTION_ID")));
            assertThat(cells.get(2)).isEqualTo(executions.get(i).get("STATUS"));
        }
        assertThat(texts(rows.getLast().findElements(By.tagName("td"))).get(1)).as("the sample's import came first")
                .isEqualTo("backfillCandlesJob");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownStrategy() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/strategies/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("unknown strategy &#39;nope&#39;");
        }
    }

    @Test
    void shouldRefuseEveryChangeAsReadOnly() throws Exception {
        long halts = cli.count("SELECT COUNT(*) FROM strategy_halts");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String path : List.of("/", "/strategies/" + MACD, "/jobs")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString("resume=" + MACD)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("POST " + path).isEqualTo(405);
            }
            // the actions' endpoints and the sign-in do not exist while the actions are off
            for (String path : List.of("/strategies/" + MACD + "/resume", "/strategies/" + MACD + "/halt",
                    "/jobs/1/restart", "/login", "/logout")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("POST " + path).isIn(404, 405);
            }
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(404);
            assertThat(login.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        }
        browser.get(base + "/jobs");
        assertThat(browser.findElements(By.tagName("form"))).as("no form on a read-only page").isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("sign in");
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isEqualTo(halts).isEqualTo(1);
    }

    /** {@code report}'s table, each row's cells by strategy id, in its order. */
    private static Map<String, List<String>> reportRows() {
        CliRun.Result r = cli.run("report");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        r.out().lines().skip(2).filter(l -> !l.startsWith("HALTED")).forEach(l -> {
            List<String> cells = Arrays.asList(l.strip().split("\\s{2,}"));
            rows.put(cells.getFirst(), cells);
        });
        return rows;
    }

    /** A report --strategy's figures, label to value. */
    private static Map<String, String> reportFigures(String... args) {
        CliRun.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<String, String> figures = new LinkedHashMap<>();
        r.out().lines().forEach(l -> figures.put(l.substring(0, 15).strip(), l.substring(16)));
        return figures;
    }

    private static Map<String, String> figures(String tableId) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#" + tableId + " tr"))) {
            figures.put(row.findElement(By.tagName("th")).getText(), row.findElement(By.tagName("td")).getText());
        }
        return figures;
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
