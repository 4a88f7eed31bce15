package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.DashboardUserProperties;
import dev.tradingbatch.jobs.config.TradingProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may sign in to act, from {@code trading.dashboard.users}: each with its encoded password, read from the
 * settings or from its {@code password-file}. There is no default user and no default password: with actions on and
 * no user, or a user whose password is missing or not encoded as {@code {bcrypt}} or {@code {noop}}, the dashboard
 * does not start. Every message names the key or the file, never what it holds.
 */
public final class DashboardUsers {

    private static final String KEY = "trading.dashboard.users";
    /** A bcrypt hash as htpasswd -B and Spring Security's BCryptPasswordEncoder write it: 60 characters. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /** A user name and its password as Spring Security's DelegatingPasswordEncoder reads it ({@code {bcrypt}...}). */
    public record User(String name, String encodedPassword) {

        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }

    private DashboardUsers() {
    }

    /** The users of the settings, by name; bad input when there is none or one is wrong. */
    public static List<User> of(TradingProperties.Dashboard settings) {
        if (settings.users().isEmpty()) {
            throw new BadInputException("trading.dashboard.actions.enabled is true but no user is configured: set "
                    + KEY + ".NAME.password (a {bcrypt} hash) or " + KEY + ".NAME.password-file (docs/dashboard.md)");
        }
        List<User> users = new ArrayList<>();
        for (Map.Entry<String, DashboardUserProperties> u : settings.users().entrySet()) {
            users.add(new User(u.getKey(), encoded(u.getKey(), u.getValue())));
        }
        return users;
    }

    private static String encoded(String name, DashboardUserProperties user) {
        String key = KEY + "." + name;
        if (user == null || (user.password() == null) == (user.passwordFile() == null)) {
            throw new BadInputException(key + " needs one of password and password-file (docs/dashboard.md)");
        }
        String where = user.password() != null ? key + ".password" : "the file " + user.passwordFile() + " ("
                + key + ".password-file)";
        String password = user.password() != null ? user.password() : read(user.passwordFile(), key).strip();
        if (password.startsWith("{bcrypt}")) {
            if (!BCRYPT.matcher(password.substring("{bcrypt}".length())).matches()) {
                throw new BadInputException(where + ": {bcrypt} is not followed by a bcrypt hash ($2a$ or $2b$ or $2y$,"
                        + " 60 characters; see docs/dashboard.md to make one)");
            }
            return password;
        }
        if (password.startsWith("{noop}") && password.length() > "{noop}".length()) {
            return password;
        }
        throw new BadInputException(where + " must start with {bcrypt} followed by a bcrypt hash, or {noop} followed"
                + " by the password itself (docs/dashboard.md)");
    }

    private static String read(String file, String key) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            throw new BadInputException("cannot read " + key + ".password-file " + file + ": " + why);
        }
    }
}
