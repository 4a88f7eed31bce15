package dev.tradingbatch.jobs.config;

/**
 * A person who may sign in to the dashboard to act ({@code trading.dashboard.users.<name>}, docs/dashboard.md): the
 * password is given encoded, {@code {bcrypt}$2a$...} (or {@code {noop}...} in plain text, for a try on one's own
 * machine), in the configuration, an environment variable, or a file ({@code password-file}, e.g. a Docker secret).
 * The dashboard checks them ({@link dev.tradingbatch.jobs.dashboard.DashboardUsers}); no other command reads them.
 *
 * @param password     the encoded password, {@code {bcrypt}} or {@code {noop}} first
 * @param passwordFile instead: the file holding it (surrounding white space is ignored)
 */
public record DashboardUserProperties(String password, String passwordFile) {

    /** Where the password comes from, never the password: a record's own toString would print it. */
    @Override
    public String toString() {
        return "DashboardUserProperties[password=" + (password == null ? "not given" : "(hidden)") + ", password-file="
                + passwordFile + "]";
    }
}
