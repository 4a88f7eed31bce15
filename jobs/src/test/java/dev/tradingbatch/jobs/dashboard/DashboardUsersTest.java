package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
