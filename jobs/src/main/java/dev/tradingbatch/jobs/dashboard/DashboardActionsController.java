package dev.tradingbatch.jobs.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;

/**
 * The dashboard's actions, POST forms that exist only with {@code trading.dashboard.actions.enabled}: Spring Security
 * lets a POST through only from a signed-in user with the session's CSRF token ({@link DashboardSecurity}). Each
 * action is done and recorded by {@link DashboardActions}; the answer sends the browser back to the page it came
 * from, which shows what was recorded (post, redirect, get: a reload does not act twice).
 */
@Controller
@Conditional(DashboardServer.ActionsOn.class)
class DashboardActionsController {

    private final DashboardActions actions;

    DashboardActionsController(DashboardActions actions) {
        this.actions = actions;
    }

    @GetMapping("/login")
    ResponseEntity<String> login(HttpServletRequest request) {
        Viewer viewer = Viewer.of(request, true, Optional.empty());
        return DashboardController.html(HttpStatus.OK, LoginPage.render(request.getParameter("error") != null,
                viewer.mode(), viewer));
    }

    @PostMapping("/strategies/{id}/halt")
    ResponseEntity<Void> halt(@PathVariable String id, @RequestParam(required = false) String reason,
                              @RequestParam(required = false) String from, HttpServletRequest request) {
        return back(from, id, actions.halt(request.getRemoteUser(), id, reason));
    }

    @PostMapping("/strategies/{id}/resume")
    ResponseEntity<Void> resume(@PathVariable String id, @RequestParam(required = false) String from,
                                HttpServletRequest request) {
        return back(from, id, actions.resume(request.getRemoteUser(), id));
    }

    @PostMapping("/jobs/{id}/restart")
    ResponseEntity<Void> restart(@PathVariable long id, HttpServletRequest request) {
        return see("/jobs", actions.restart(request.getRemoteUser(), id));
    }

    /** Back to the overview, or to the strategy's page (the only two places, whatever was posted). */
    private static ResponseEntity<Void> back(String from, String strategyId, long action) {
        return see("overview".equals(from) ? "/" : OverviewPage.link(strategyId), action);
    }

    private static ResponseEntity<Void> see(String path, long action) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, path + "?action=" + action)
                .build();
    }
}
