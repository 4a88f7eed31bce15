package dev.tradingbatch.jobs.config;

import dev.tradingbatch.jobs.BadInputException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a typo in the settings under {@code trading.} before anything starts (no bean, no database): from every
 * source (config/application.yml, files of {@code spring.config.additional-location}, {@code TRADING_*} environment
 * variables, system properties), a key that is none of {@link SettingKeys} names the nearest one, and one setting
 * spelled two ways in one source ({@code fee_rate} and {@code feerate}: relaxed binding takes either, and which one
 * wins is chance) names both. A higher source overriding a lower one is no typo, whatever its spelling (an
 * environment variable cannot have dashes). Then the settings are bound once, so that a value of the wrong type is
 * refused here too. Each problem is bad input, one line, exit code 2; keys outside {@code trading.} are Spring's.
 */
public class SettingsCheck implements EnvironmentPostProcessor, Ordered {

    private static final SettingKeys KEYS = SettingKeys.trading();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                check(enumerable);
            }
        }
        Binder.get(environment).bind(TradingProperties.PREFIX, TradingProperties.class);
    }

    private static void check(EnumerablePropertySource<?> source) {
        Map<String, String> byUniform = new HashMap<>();
        for (String raw : source.getPropertyNames()) {
            for (ConfigurationPropertyName name : names(source, raw)) {
                if (!KEYS.covers(name)) {
                    continue;
                }
                String shown = shown(source, raw);
                Optional<String> nearest = KEYS.unknown(name);
                if (nearest.isPresent()) {
                    throw new BadInputException(SettingOrigins.where(source, raw) + shown + " is not a setting; did you mean "
                            + suggestion(source, nearest.get()) + "?");
                }
                String other = byUniform.putIfAbsent(SettingKeys.uniform(name), raw);
                if (other != null && !other.equals(raw)) {
                    throw new BadInputException(SettingOrigins.where(source, raw) + shown(source, other) + " and " + shown
                            + " are one setting, " + KEYS.canonical(name) + ", spelled two ways: give it once");
                }
            }
        }
    }

    /** The names Spring reads {@code raw} as: {@code TRADING_BACKFILL_CHUNKSIZE} is trading.backfill.chunksize. */
    private static List<ConfigurationPropertyName> names(EnumerablePropertySource<?> source, String raw) {
        if (!isEnvironment(source)) {
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(raw, '.');
            return name.isEmpty() ? List.of() : List.of(name);
        }
        if (!raw.toLowerCase(Locale.ROOT).startsWith(TradingProperties.PREFIX)) {
            return List.of();
        }
        ConfigurationPropertySource one = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource(source.getName(), Map.of(raw, "")));
        return one instanceof IterableConfigurationPropertySource iterable ? iterable.stream().toList() : List.of();
    }

    private static boolean isEnvironment(PropertySource<?> source) {
        return source instanceof SystemEnvironmentPropertySource;
    }

    private static String shown(PropertySource<?> source, String raw) {
        return isEnvironment(source) ? "environment variable " + raw : raw;
    }

    /** The known key, and how an environment variable spells it when the problem was in one. */
    private static String suggestion(PropertySource<?> source, String key) {
        if (!isEnvironment(source)) {
            return key;
        }
        return key + " (" + key.replace("-", "").replace("[", ".").replace("]", "").replace('.', '_')
                .toUpperCase(Locale.ROOT) + ")";
    }

    /** After the configuration files are read, so that their keys are checked too. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }
}
