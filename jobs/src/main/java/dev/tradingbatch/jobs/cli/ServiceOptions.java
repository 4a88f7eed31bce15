package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.schedule.Role;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;

/** Which service a command is about: {@code run}, {@code schedule} and {@code health} take the same two options. */
final class ServiceOptions {

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all", converter = RoleConverter.class,
            description = "all (default), backfiller, trader, or sweep-worker (runs remote sweeps' partitions: "
                    + "optimize --workers remote)")
    Role role;

    /** {@code --role}'s value as {@link Role#parse} reads it ({@code sweep-worker} has a dash). */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {

        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--strategy", paramLabel = "ID",
            description = "only these strategies (trader or all); default: every declared one")
    private List<String> strategies;

    /** The strategies given, or none (every declared one). */
    List<String> strategies() {
        return strategies == null ? List.of() : strategies;
    }
}
