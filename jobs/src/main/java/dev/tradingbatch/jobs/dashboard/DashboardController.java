package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.replay.html.PageText;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The dashboard's pages, read-only: each GET reads the database afresh and answers one self-contained HTML page.
 * Only the {@code dashboard} command's process has this controller ({@link DashboardServer}).
 */
@Controller
@Conditional(DashboardServer.On.class)
class DashboardController {

    private final DashboardData data;
    private final Clock clock;

    DashboardController(DashboardData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @GetMapping("/")
    ResponseEntity<String> overview() {
        return page(data::overview, OverviewPage::render);
    }

    @GetMapping("/strategies/{id}")
    ResponseEntity<String> strategy(@PathVariable String id) {
        try {
            return page(() -> data.strategy(id), StrategyPage::render);
        } catch (BadInputException unknown) {
            return html(HttpStatus.NOT_FOUND, Layout.page("Not found", "/", "<p>" + PageText.html(unknown.getMessage())
                    + "</p><p><a href=\"/\">every strategy</a></p>", "read-only"));
        }
    }

    @GetMapping("/markets")
    ResponseEntity<String> markets() {
        return page(data::markets, MarketsPage::render);
    }

    @GetMapping("/jobs")
    ResponseEntity<String> jobs() {
        return page(data::jobs, JobsPage::render);
    }

    /** Reads, then renders with a footer saying when the page was read and how long that took (server time). */
    private <T> ResponseEntity<String> page(Supplier<T> read, PageRenderer<T> render) {
        long start = System.nanoTime();
        T content = read.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String footer = "read-only · read at " + Instant.ofEpochMilli(clock.millis()) + " in " + ms + " ms";
        return html(HttpStatus.OK, render.render(content, footer));
    }

    @FunctionalInterface
    private interface PageRenderer<T> {
        String render(T content, String footer);
    }

    private static ResponseEntity<String> html(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(html);
    }
}
