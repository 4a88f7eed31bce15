package dev.tradingbatch.jobs.dashboard;

import dev.tradingbatch.jobs.config.TradingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Map;

/**
 * Spring Security in front of the dashboard's actions, in its process alone and only with
 * {@code trading.dashboard.actions.enabled} ({@link SecurityAutoConfigurations}): every page stays readable without
 * signing in (as the read-only dashboard is); every POST, the actions, needs a signed-in user from the settings and
 * the CSRF token of that user's session. Signing in is a form ({@code /login}, a session cookie, SameSite strict).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DashboardServer.ActionsOn.class)
@EnableWebSecurity
class DashboardSecurity {

    /** The pages for anyone; the actions for signed-in users; CSRF protection on every POST (Spring's default). */
    @Bean
    SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .build();
    }

    /** The users of {@code trading.dashboard.users}, checked already at start ({@link DashboardServer}). */
    @Bean
    UserDetailsService dashboardUsers(TradingProperties properties) {
        return new InMemoryUserDetailsManager(DashboardUsers.of(properties.dashboard()).stream()
                .map(u -> User.withUsername(u.name()).password(u.encodedPassword()).authorities("dashboard-actions")
                        .build()).toList());
    }

    /** {@code {bcrypt}} hashes, and {@code {noop}} for a password written as it is. */
    @Bean
    @SuppressWarnings("deprecation")
    PasswordEncoder dashboardPasswords() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(),
                "noop", NoOpPasswordEncoder.getInstance()));
    }
}
