package dev.tradingbatch.jobs.live;

import java.util.Optional;

/**
 * Where an account's {@code api-key-env} and {@code secret-env} are looked up: the process environment
 * ({@link #PROCESS}); tests put known fake keys in its place. Deliberately not Spring's Environment, which
 * would also read system properties ({@code -D} on the command line) and configuration files.
 */
@FunctionalInterface
public interface EnvironmentVariables {

    EnvironmentVariables PROCESS = name -> Optional.ofNullable(System.getenv(name));

    /** The variable's value, if it is set. */
    Optional<String> get(String name);
}
