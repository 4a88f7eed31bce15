package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.cli.CliRun;
import dev.tradingbatch.jobs.config.SettingsCheck;
import dev.tradingbatch.jobs.config.TradingProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dashboard} with its actions on refuses to start without a usable user: one line naming the key or the file,
 * exit code 2, nothing written, and never the password it was given, whatever was wrong with it.
 */
class DashboardUsersTest {

    private static final String SECRET = "hunter2-do-not-print";
    private static final String USER = "trading.dashboard.users.alice";

    @TempDir
    Path dir;
    CliRun cli;

    @BeforeEach
    void actionsOn() {
        cli = new CliRun(dir).with("trading.dashboard.port", "0").with("trading.dashboard.actions.enabled", "true");
    }

    @Test
    void shouldRefuseToStartWithActionsOnAndNoUser() {
        CliRun.Result r = cli.run("dashboard");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: trading.dashboard.actions.enabled is true but no user is configured: set "
                + "trading.dashboard.users.NAME.password (a {bcrypt} hash) or trading.dashboard.users.NAME.password-file"
                + " (docs/dashboard.md)\n");
        assertThat(r.out()).isEmpty();
        assertThat(cli.migrated()).as("nothing written").isFalse();
    }

    @Test
    void shouldNameAWrongPasswordWithoutShowingIt() {
        assertRefused(cli.with(USER + ".password", "{bcrypt}" + SECRET),
                "error: " + USER + ".password: {bcrypt} is not followed by a bcrypt hash ($2a$ or $2b$ or $2y$,"
                        + " 60 characters; see docs/dashboard.md to make one)");
        assertRefused(new CliRun(dir).with("trading.dashboard.actions.enabled", "true").with(USER + ".password", SECRET),
                "error: " + USER + ".password must start with {bcrypt} followed by a bcrypt hash, or {noop} followed by"
                        + " the password itself (docs/dashboard.md)");
        assertRefused(new CliRun(dir).with("trading.dashboard.actions.enabled", "true").with(USER, SECRET),
                "error: cannot read " + USER + ": a dashboard user takes password or password-file (docs/dashboard.md)");
    }

    @Test
    void shouldReadThePasswordFromAFileAndNameAFileItCannotRead() throws IOException {
        Path file = dir.resolve("alice-password");
        Files.writeString(file, SECRET + "\n");

        assertRefused(cli.with(USER + ".password-file", file.toString()), "error: the file " + file + " (" + USER
                + ".password-file) must start with {bcrypt} followed by a bcrypt hash, or {noop} followed by the"
                + " password itself (docs/dashboard.md)");
        assertRefused(new CliRun(dir).with("trading.dashboard.actions.enabled", "true")
                .with(USER + ".password-file", dir.resolve("missing").toString()), "error: cannot read " + USER
                + ".password-file " + dir.resolve("missing") + ": no such file");
        assertRefused(new CliRun(dir).with("trading.dashboard.actions.enabled", "true")
                .with(USER + ".password-file", file.toString()).with(USER + ".password", "{noop}" + SECRET),
                "error: " + USER + " needs one of password and password-file (docs/dashboard.md)");
    }

    @Test
    void shouldTakeUsersFromEnvironmentVariables() throws IOException {
        String hash = "{bcrypt}$2y$04$" + "a".repeat(53);
        Path file = Files.writeString(dir.resolve("alice"), "  " + hash + "\n");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "TRADING_DASHBOARD_ACTIONS_ENABLED", "true",
                        "TRADING_DASHBOARD_USERS_ALICE_PASSWORDFILE", file.toString(),
                        "TRADING_DASHBOARD_USERS_BOB_PASSWORD", "{noop}" + SECRET)));

        new SettingsCheck().postProcessEnvironment(environment, null);
        TradingProperties.Dashboard settings = Binder.get(environment)
                .bindOrCreate("trading.dashboard", TradingProperties.Dashboard.class);

        assertThat(settings.actions().enabled()).isTrue();
        assertThat(DashboardUsers.of(settings)).containsExactly(new DashboardUsers.User("alice", hash),
                new DashboardUsers.User("bob", "{noop}" + SECRET));
        assertThat(settings.toString()).as("settings printed never show a password").doesNotContain(SECRET);
    }

    @Test
    void shouldLeaveEveryOtherCommandAlone() {
        CliRun.Result markets = cli.run("markets");
        CliRun.Result help = cli.with(USER + ".password", "{noop}" + SECRET).run("dashboard", "--help");

        assertThat(markets.exitCode()).as(markets.err()).isZero();
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("trading.dashboard.users").doesNotContain(SECRET);
    }

    private static void assertRefused(CliRun cli, String line) {
        CliRun.Result r = cli.run("dashboard");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(line + "\n").doesNotContain(SECRET);
        assertThat(r.out()).doesNotContain(SECRET);
        assertThat(cli.migrated()).as("nothing written").isFalse();
    }
}
