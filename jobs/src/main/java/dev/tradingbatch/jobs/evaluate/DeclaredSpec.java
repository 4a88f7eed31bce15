package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.config.TradingProperties.StrategyProperties;
import dev.tradingbatch.strategies.InvalidStrategyException;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategies.StrategyTypes;
import dev.tradingbatch.strategies.json.Ta4jDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The strategy of one declaration: a type by name with its params, or {@code type: ta4j} with its JSON in
 * {@code definition:} or in the file {@code definition-file:} names (and maybe {@code warm-up:}). Every problem is
 * bad input naming the strategy, the key and, in a JSON, where.
 */
final class DeclaredSpec {

    private DeclaredSpec() {
    }

    static StrategySpec spec(String id, String type, StrategyProperties p, StrategyTypes types) {
        if (!Ta4jDefinition.TYPE.equals(type)) {
            onlyForTa4j(id, "definition", p.definition(), type);
            onlyForTa4j(id, "definition-file", p.definitionFile(), type);
            onlyForTa4j(id, "warm-up", p.warmUp(), type);
            try {
                return types.spec(type, p.params() == null ? Map.of() : p.params());
            } catch (InvalidStrategyException e) {
                throw new BadInputException("strategy '" + id + "': " + e.getMessage());
            }
        }
        if (p.params() != null && !p.params().isEmpty()) {
            throw bad(id, "params", "are not taken by a ta4j strategy: its values are in its definition");
        }
        boolean inline = p.definition() != null && !p.definition().isBlank();
        boolean file = p.definitionFile() != null && !p.definitionFile().isBlank();
        if (inline == file) {
            throw bad(id, "definition", inline ? "and definition-file are both given: give one"
                    : "missing: a ta4j strategy needs definition: (its JSON) or definition-file: (a file holding it)");
        }
        String where = inline ? "definition" : "definition-file " + p.definitionFile().strip();
        String json = inline ? p.definition() : read(id, p.definitionFile().strip());
        try {
            Ta4jDefinition definition = Ta4jDefinition.parse(json, p.warmUp());
            return StrategySpec.defaults(StrategyType.of(definition, inline ? "definition" : p.definitionFile().strip()));
        } catch (InvalidStrategyException e) {
            throw new BadInputException("strategy '" + id + "': " + where + " " + e.getMessage());
        }
    }

    private static void onlyForTa4j(String id, String key, Object value, String type) {
        if (value != null) {
            throw bad(id, key, "is for type: ta4j only (" + type + " takes params, and computes its warm-up from them)");
        }
    }

    private static String read(String id, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw bad(id, "definition-file", "'" + file + "' cannot be read (" + e + ")");
        }
    }

    private static BadInputException bad(String id, String key, String problem) {
        return new BadInputException("strategy '" + id + "': " + key + " " + problem);
    }
}
