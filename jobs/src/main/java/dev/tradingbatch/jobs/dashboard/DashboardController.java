package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.replay.html.PageText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dashboard's pages: each GET reads the database afresh and answers one self-contained HTML page, the same for
 * anyone, signed in or not; with the actions on, a signed-in user's pages also carry the forms that act
 * ({@link DashboardActionsController}). Only the {@code dashboard} command's process has this controller
 * ({@link DashboardServer}).
 */
@Controller
@Conditional(DashboardServer.On.class)
class DashboardController {

    private final DashboardData data;
    private final Clock clock;
    private final boolean actions;

    DashboardController(DashboardData data, Clock clock, Environment environment) {
        this.data = data;
        this.clock = clock;
        this.actions = DashboardServer.actions(environment);
    }

    /** {@code action}: the id of the recorded action the browser was sent back after, shown at the page's top. */
    @GetMapping("/")
    ResponseEntity<String> overview(HttpServletRequest request, @RequestParam(required = false) Long action) {
        Viewer viewer = viewer(request, action);
        return page(data::overview, (content, footer) -> OverviewPage.render(content, footer, viewer), viewer);
    }

    @GetMapping("/strategies/{id}")
    ResponseEntity<String> strategy(@PathVariable String id, HttpServletRequest request,
                                    @RequestParam(required = false) Long action) {
        Viewer viewer = viewer(request, action);
        try {
            return page(() -> data.strategy(id), (content, footer) -> StrategyPage.render(content, footer, viewer),
                    viewer);
        } catch (BadInputException unknown) {
            return html(HttpStatus.NOT_FOUND, Layout.page("Not found", "/", "<p>" + PageText.html(unknown.getMessage())
                    + "</p><p><a href=\"/\">every strategy</a></p>", viewer.mode(), viewer));
        }
    }

    @GetMapping("/markets")
    ResponseEntity<String> markets(HttpServletRequest request) {
        Viewer viewer = viewer(request, null);
        return page(data::markets, (content, footer) -> MarketsPage.render(content, footer, viewer), viewer);
    }

    @GetMapping("/jobs")
    ResponseEntity<String> jobs(HttpServletRequest request, @RequestParam(required = false) Long action) {
        Viewer viewer = viewer(request, action);
        return page(data::jobs, (content, footer) -> JobsPage.render(content, footer, viewer), viewer);
    }

    /** Who did what through the dashboard: readable by anyone, as the other pages are. */
    @GetMapping("/audit")
    ResponseEntity<String> audit(HttpServletRequest request) {
        Viewer viewer = viewer(request, null);
        return page(data::audit, (content, footer) -> AuditPage.render(content, footer, viewer), viewer);
    }

    private Viewer viewer(HttpServletRequest request, Long action) {
        return Viewer.of(request, actions, actions ? data.action(action) : Optional.empty());
    }

    /** Reads, then renders with a footer saying when the page was read and how long that took (server time). */
    private <T> ResponseEntity<String> page(Supplier<T> read, PageRenderer<T> render, Viewer viewer) {
        long start = System.nanoTime();
        T content = read.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        String footer = viewer.mode() + " · read at " + Instant.ofEpochMilli(clock.millis()) + " in " + ms + " ms";
        return html(HttpStatus.OK, render.render(content, footer));
    }

    @FunctionalInterface
    private interface PageRenderer<T> {
        String render(T content, String footer);
    }

    static ResponseEntity<String> html(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(html);
    }
}
