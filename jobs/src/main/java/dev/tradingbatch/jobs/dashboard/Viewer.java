package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.db.DashboardAction;
import dev.tradingbatch.jobs.replay.html.PageText;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

import java.util.Optional;

/**
 * Who looks at a page, and so what it offers: with the actions on ({@code trading.dashboard.actions.enabled}), a
 * signed-in user sees the forms that halt, resume and restart, each carrying the CSRF token of that user's session;
 * anyone else sees the page as the read-only dashboard shows it, with a link to sign in.
 *
 * @param actions whether this dashboard's actions are on
 * @param user    the signed-in user, if any
 * @param csrf    the session's CSRF token (Spring Security's), present when the actions are on
 * @param notice  the action the page was sent back after, shown at its top
 */
record Viewer(boolean actions, Optional<String> user, Optional<CsrfToken> csrf, Optional<DashboardAction> notice) {

    /** The read-only dashboard's viewer: no form, no sign-in. */
    static final Viewer READ_ONLY = new Viewer(false, Optional.empty(), Optional.empty(), Optional.empty());

    /** The viewer of a request (the user and the token as Spring Security put them on it, when the actions are on). */
    static Viewer of(HttpServletRequest request, boolean actions, Optional<DashboardAction> notice) {
        if (!actions) {
            return READ_ONLY;
        }
        return new Viewer(true, Optional.ofNullable(request.getRemoteUser()),
                Optional.ofNullable((CsrfToken) request.getAttribute(CsrfToken.class.getName())), notice);
    }

    /** Whether the page offers its actions: they are on and someone is signed in. */
    boolean canAct() {
        return actions && user.isPresent();
    }

    /** A form that POSTs to {@code path} with the CSRF token; {@code fields} is HTML already escaped. */
    String form(String path, String cssClass, String fields, String button) {
        return "<form method=\"post\" class=\"" + cssClass + "\" action=\"" + PageText.html(path) + "\">"
                + csrfField() + fields + "<button type=\"submit\">" + PageText.html(button) + "</button></form>";
    }

    /** A hidden field. */
    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + PageText.html(name) + "\" value=\"" + PageText.html(value) + "\">";
    }

    String csrfField() {
        return csrf.map(t -> hidden(t.getParameterName(), t.getToken())).orElse("");
    }

    /** What the footer begins with. */
    String mode() {
        return actions ? "actions on" : "read-only";
    }
}
