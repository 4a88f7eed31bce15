package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.schedule.Role;
import picocli.CommandLine.Option;

import java.util.List;

/** Which service a command is about: {@code run}, {@code schedule} and {@code health} take the same two options. */
final class ServiceOptions {

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all", description = "all (default), backfiller or trader")
    Role role;

    @Option(names = "--strategy", paramLabel = "ID",
            description = "only these strategies (trader or all); default: every declared one")
    private List<String> strategies;

    /** The strategies given, or none (every declared one). */
    List<String> strategies() {
        return strategies == null ? List.of() : strategies;
    }
}
