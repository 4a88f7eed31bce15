package dev.tradingbatch.jobs.dashboard;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.replay.html.HeadlessChromium;
import dev.tradingbatch.jobs.support.BitstampSample;
import dev.tradingbatch.jobs.support.FakeBinance;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard with its actions on ({@code trading.dashboard.actions.enabled}, one user with a bcrypt hash), in
 * headless Chromium through Selenium: a strategy evaluated on the bundled Bitstamp candles, and a backfill that failed
 * half-way on a stand-in Binance. An action without signing in is refused and changes nothing; signed in, halt,
 * resume and restart do what the commands do, and each is recorded with the user's name.
 */
@ExtendWith(OutputCaptureExtension.class)
class DashboardActionsIT {

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String RSI = "rsi-bs-5m";
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse 7 battery";
    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long H = Timeframe.H1.millis();

    @RegisterExtension
    static WireMockExtension binance = new FakeBinance(T0, H).serve(0, 1501).server();

    @TempDir
    static Path dir;
    private static CliRun cli;
    private static ConfigurableApplicationContext dashboard;
    private static String base;
    private static WebDriver browser;
    private static long failed;

    @BeforeAll
    static void startDashboardAndBrowser() {
        HeadlessChromium.assumeInstalled(HeadlessChromium.BINARY, "chromium");
        HeadlessChromium.assumeInstalled(DRIVER, "chromium-driver");
        cli = new CliRun(dir).with("trading.exchanges.binance.base-url", binance.baseUrl());
        BitstampSample.importInto(cli);
        BitstampSample.declare(cli, RSI, "rsi", Map.of());
        cli.clock(Clock.fixed(Instant.parse("2013-12-01T16:05:01Z"), ZoneOffset.UTC));
        assertThat(cli.run("evaluate", "--strategy", RSI).exitCode()).isZero();

        // a backfill whose second page fails: FAILED with 1000 candles stored, restartable
        cli.clock(Clock.fixed(Instant.ofEpochMilli(T0 + 1500 * H + 30 * 60_000), ZoneOffset.UTC));
        binance.stubFor(FakeBinance.stub());
        binance.stubFor(get(urlPathEqualTo(FakeBinance.KLINES)).atPriority(1)
                .withQueryParam("startTime", equalTo(String.valueOf(T0 + 1000 * H)))
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        assertThat(cli.run("backfill", "--exchange", "binance", "--symbol", "BTC/USDT", "--timeframe", "1h",
                "--from", "2024-01-01").exitCode()).isEqualTo(1);
        binance.resetAll();
        binance.stubFor(FakeBinance.stub());
        failed = cli.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'");

        dashboard = cli.with("trading.dashboard.port", "0").with("trading.dashboard.actions.enabled", "true")
                .with("trading.dashboard.users." + USER + ".password", HASH).launcher().withDashboard().start();
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

    @BeforeEach
    void signedOutAndNotHalted() {
        browser.manage().deleteAllCookies();
        cli.update("DELETE FROM strategy_halts");
    }

    @Test
    void shouldRefuseAnActionWithoutSigningInAndChangeNothing() throws Exception {
        long actions = cli.count("SELECT COUNT(*) FROM dashboard_actions");
        try (HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build()) {
            HttpResponse<String> noToken = post(http, "/strategies/" + RSI + "/halt", "from=strategy");
            assertThat(noToken.statusCode()).as("no CSRF token").isEqualTo(403);

            // a session's own CSRF token, as a visitor of the sign-in page has, but nobody signed in
            String token = csrf(http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            HttpResponse<String> anonymous = post(http, "/strategies/" + RSI + "/halt", "from=strategy&_csrf=" + token);
            assertThat(anonymous.statusCode()).as("sent to sign in").isEqualTo(302);
            assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            HttpResponse<String> restart = post(http, "/jobs/" + failed + "/restart", "_csrf=" + token);
            assertThat(restart.statusCode()).isEqualTo(302);

            HttpResponse<String> wrong = post(http, "/login", "username=" + USER + "&password=guess&_csrf=" + token);
            assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).as("not halted").isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID > ?", failed))
                .as("not restarted").isZero();
        assertThat(cli.count("SELECT COUNT(*) FROM dashboard_actions")).as("nothing done, nothing recorded")
                .isEqualTo(actions);

        browser.get(base + "/strategies/" + RSI);
        assertThat(browser.findElements(By.cssSelector("form.halt"))).as("no form for a visitor").isEmpty();
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo("sign in to act");
    }

    @Test
    void shouldHaltAndResumeAStrategyFromItsPageRecordingWhoDidIt(CapturedOutput output) {
        signIn();
        browser.get(base + "/strategies/" + RSI);
        browser.findElement(By.name("reason")).sendKeys("checking the actions");
        click(browser.findElement(By.cssSelector("form.halt button")), base + "/strategies/" + RSI + "?action=");

        assertThat(browser.findElement(By.id("halt")).getText()).startsWith("HALTED: halted since ")
                .endsWith("(reason: checking the actions)");
        List<Map<String, Object>> halts = cli.query("SELECT strategy_id, reason FROM strategy_halts");
        assertThat(halts).containsExactly(Map.of("strategy_id", RSI, "reason", "checking the actions"));
        assertThat(cli.run("report").out()).as("every process sees it").contains("HALTED " + RSI);
        assertThat(lastAction()).containsEntry("username", USER).containsEntry("action", "halt")
                .containsEntry("target", RSI).containsEntry("outcome", "done");
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("halt " + RSI + " by " + USER + ": done");

        click(browser.findElement(By.cssSelector("form.resume button")), base + "/strategies/" + RSI + "?action=");

        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        assertThat(browser.findElements(By.id("halt"))).isEmpty();
        assertThat(lastAction()).containsEntry("username", USER).containsEntry("action", "resume")
                .containsEntry("outcome", "done").containsEntry("message", RSI + ": resumed");
        browser.get(base + "/audit");
        assertThat(texts(browser.findElements(By.cssSelector("#audit tbody tr:first-child td"))).subList(1, 5))
                .containsExactly(USER, "resume", RSI, "done");
        assertThat(output.getAll()).as("the password, in any form, in no log line")
                .contains("backfillCandlesStep FAILED")   // captured since the class began, the start included
                .doesNotContain(PASSWORD).doesNotContain(HASH.substring("{bcrypt}".length()));
    }

    @Test
    void shouldHaltFromTheOverview() {
        signIn();
        browser.get(base + "/");
        WebElement row = browser.findElement(By.cssSelector("#strategies tr[data-strategy='" + RSI + "']"));
        click(row.findElement(By.cssSelector("form.halt button")), base + "/?action=");

        assertThat(cli.query("SELECT reason FROM strategy_halts WHERE strategy_id = ?", RSI))
                .containsExactly(Map.of("reason", "from the dashboard by " + USER));
        row = browser.findElement(By.cssSelector("#strategies tr[data-strategy='" + RSI + "']"));
        assertThat(texts(row.findElements(By.tagName("td")))).contains("HALTED");
        assertThat(row.findElements(By.cssSelector("form.resume"))).hasSize(1);
    }

    @Test
    void shouldRefuseAnUnknownStrategyAndRecordTheRefusal() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build()) {
            // signed in, a form aimed at a strategy that is not declared, as a stale page or a crafted post sends it
            String token = csrf(http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            HttpResponse<String> signIn = post(http, "/login", "username=" + USER + "&password="
                    + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + token);
            assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
            token = csrf(http.send(HttpRequest.newBuilder(URI.create(base + "/strategies/" + RSI)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            HttpResponse<String> halt = post(http, "/strategies/nope/halt", "from=strategy&_csrf=" + token);

            assertThat(halt.statusCode()).isEqualTo(303);
            assertThat(halt.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("/strategies/nope?action="));
        }
        assertThat(cli.count("SELECT COUNT(*) FROM strategy_halts")).isZero();
        assertThat(lastAction()).containsEntry("username", USER).containsEntry("action", "halt")
                .containsEntry("target", "nope").containsEntry("outcome", "refused");
        assertThat(String.valueOf(lastAction().get("message"))).startsWith("unknown strategy 'nope'");
    }

    @Test
    void shouldRestartAFailedJobAsANewExecution() throws InterruptedException {
        binance.stubFor(FakeBinance.stub());
        signIn();
        browser.get(base + "/jobs");
        WebElement row = browser.findElements(By.cssSelector("#jobs tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("td")).getText().equals(String.valueOf(failed))).findFirst()
                .orElseThrow();
        click(row.findElement(By.cssSelector("form.restart button")), base + "/jobs?action=");

        long action = Long.parseLong(browser.getCurrentUrl().replaceFirst(".*action=", ""));
        // the restart runs in the dashboard's process after the page answered: its row says how it ended
        for (int i = 0; i < 600 && "started".equals(outcome(action)); i++) {
            Thread.sleep(100);
        }
        Map<String, Object> done = cli.query("SELECT username, action, target, outcome, message FROM dashboard_actions"
                + " WHERE action_id = ?", action).getFirst();
        long restarted = cli.count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
        assertThat(done).containsEntry("username", USER).containsEntry("action", "restart")
                .containsEntry("target", String.valueOf(failed)).containsEntry("outcome", "done")
                .containsEntry("message", "restarted execution " + failed + " of backfillCandlesJob as execution "
                        + restarted + ": COMPLETED");
        assertThat(cli.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION f"
                + " ON e.JOB_INSTANCE_ID = f.JOB_INSTANCE_ID WHERE f.JOB_EXECUTION_ID = ? AND e.JOB_EXECUTION_ID = ?"
                + " AND e.STATUS = 'COMPLETED'", failed, restarted)).as("a new execution of the same instance").isOne();
        assertThat(cli.candles(new MarketKey("binance", "BTC/USDT", Timeframe.H1))).hasSize(1500);

        browser.get(base + "/jobs");
        assertThat(browser.findElements(By.cssSelector("form.restart"))).as("nothing left to restart").isEmpty();
    }

    private static void signIn() {
        browser.get(base + "/login");
        browser.findElement(By.name("username")).sendKeys(USER);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        click(browser.findElement(By.cssSelector("#login button")), base + "/");
        assertThat(browser.findElement(By.cssSelector("header .who")).getText()).startsWith("signed in as " + USER);
    }

    /** Clicks a form's button and waits until the browser is on the page the answer sent it to. */
    private static void click(WebElement button, String pageStart) {
        String before = browser.getCurrentUrl();
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().equals(before)
                && d.getCurrentUrl().startsWith(pageStart));
    }

    private static HttpResponse<String> post(HttpClient http, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> lastAction() {
        return cli.query("SELECT username, action, target, outcome, message FROM dashboard_actions"
                + " ORDER BY action_id DESC LIMIT 1").getFirst();
    }

    private static String outcome(long action) {
        return cli.queryForObject("SELECT outcome FROM dashboard_actions WHERE action_id = ?", String.class, action);
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}
