package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.strategies.StrategyType;
import dev.tradingbatch.strategy.api.Param;

import java.util.ArrayList;
import java.util.List;

/** What {@code strategies types} prints: per type, its name, origin and description, then a line per parameter. */
final class StrategyTypesText {

    private static final String PARAM = "  %-16s %-10s %s";

    private StrategyTypesText() {
    }

    static List<String> lines(List<StrategyType> types) {
        List<String> lines = new ArrayList<>();
        for (StrategyType type : types) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add(type.code() + " (" + type.origin() + ")"
                    + (type.description().isEmpty() ? "" : ": " + type.description()));
            if (type.params().isEmpty()) {
                lines.add("  no parameters");
            }
            for (Param param : type.params()) {
                lines.add(String.format(PARAM, param.key(), param.optional() ? "optional" : param.defaultText(),
                        param.describe()).stripTrailing());
            }
        }
        return lines;
    }
}
