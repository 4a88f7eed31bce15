package dev.tradingbatch.jobs.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of Boot's security auto-configurations a process loads: none, but for the dashboard with its actions. */
class SecurityAutoConfigurationsTest {

    private static final String BOOT = "org.springframework.boot.security.autoconfigure.";

    @Test
    void shouldLeaveSecurityOutUnlessTheDashboardsActionsAreOn() {
        for (String c : new String[] {"SecurityAutoConfiguration", "web.servlet.ServletWebSecurityAutoConfiguration",
                "web.servlet.SecurityFilterAutoConfiguration", "UserDetailsServiceAutoConfiguration",
                "actuate.web.servlet.ManagementWebSecurityAutoConfiguration"}) {
            assertThat(SecurityAutoConfigurations.kept(BOOT + c, false)).as(c + " without actions").isFalse();
        }
        assertThat(SecurityAutoConfigurations.kept(BOOT + "SecurityAutoConfiguration", true)).isTrue();
        assertThat(SecurityAutoConfigurations.kept(BOOT + "web.servlet.SecurityFilterAutoConfiguration", true)).isTrue();
        assertThat(SecurityAutoConfigurations.kept(BOOT + "UserDetailsServiceAutoConfiguration", true))
                .as("never a generated user and password").isFalse();
        assertThat(SecurityAutoConfigurations.kept(BOOT + "actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                true)).as("never a login in front of Actuator").isFalse();
        assertThat(SecurityAutoConfigurations.kept("org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                false)).isTrue();
    }
}
