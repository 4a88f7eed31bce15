package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.boot.context.config.ConfigDataException;
import org.springframework.boot.context.properties.bind.BindException;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration problems an application start fails with, as bad input in one line naming the key or the file:
 * a value that cannot be read as its type, a configuration file that cannot be read (one that is not YAML is refused
 * as it is read, {@link YamlFiles}).
 */
public final class ConfigurationErrors {

    private ConfigurationErrors() {
    }

    /** The bad input behind a failed start, if it was the configuration's; a refusal of our own is kept as it is. */
    public static Optional<BadInputException> badInput(Throwable failure) {
        BindException bind = null;
        ConfigDataException configData = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BadInputException) {
                return Optional.empty();
            }
            if (t instanceof BindException b && bind == null) {
                bind = b;
            }
            if (t instanceof ConfigDataException c && configData == null) {
                configData = c;
            }
        }
        BadInputException bad;
        if (bind != null && secret(bind.getName().toString())) {
            // a password written where a user's settings belong: named, never echoed
            bad = new BadInputException("cannot read " + bind.getName() + ": a dashboard user takes password or"
                    + " password-file (docs/dashboard.md)");
        } else if (bind != null && bind.getProperty() != null) {
            bad = new BadInputException("cannot read " + bind.getName() + "='" + bind.getProperty().getValue()
                    + "' as " + type(bind.getTarget().getType().resolve(Object.class)));
        } else if (bind != null) {
            bad = new BadInputException("cannot read " + bind.getName() + ": " + deepest(bind));
        } else if (configData != null) {
            bad = new BadInputException(oneLine(configData.getMessage()));
        } else {
            return Optional.empty();
        }
        bad.initCause(failure);
        return Optional.of(bad);
    }

    /** Keys whose values may be passwords: never part of a message. */
    private static boolean secret(String key) {
        return key.startsWith("trading.dashboard.users") || key.contains("password");
    }

    /** A type as a user knows it: an enum by its values ({@code auto, always, never}). */
    private static String type(Class<?> type) {
        if (type.isEnum()) {
            return type.getSimpleName() + " (" + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", ")) + ")";
        }
        return type.getSimpleName();
    }

    private static String deepest(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return oneLine(t.getMessage() == null ? t.toString() : t.getMessage());
    }

    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
