package dev.tradingbatch.jobs.dashboard;

/**
 * {@code /login}: the form that signs a user of {@code trading.dashboard.users} in to act (Spring Security checks
 * the POST). It says whether the last try failed, never why: which of name and password was wrong stays unsaid.
 */
final class LoginPage {

    private LoginPage() {
    }

    static String render(boolean failed, String footer, Viewer viewer) {
        String body = (failed ? "<p class=\"notice refused\" id=\"login-failed\">wrong user name or password</p>\n" : "")
                + "<p>Sign in to halt, resume and restart; every page can be read without.</p>\n"
                + "<form method=\"post\" action=\"/login\" id=\"login\">" + viewer.csrfField()
                + "<p><label>user <input type=\"text\" name=\"username\" autocomplete=\"username\" required></label></p>"
                + "<p><label>password <input type=\"password\" name=\"password\" autocomplete=\"current-password\""
                + " required></label></p><p><button type=\"submit\">sign in</button></p></form>\n";
        return Layout.page("Sign in", "/login", body, footer, viewer);
    }
}
