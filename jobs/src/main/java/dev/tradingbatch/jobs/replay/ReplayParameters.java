package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.strategies.StrategySpec;
import dev.tradingbatch.strategies.StrategyType;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The replay job's parameters. Identifying: the strategy, its type and market, the range {@code [from, to)}
 * (epoch ms UTC open times), the resolved strategy parameters ({@code period=14,oversold=30}), for a strategy
 * declared in ta4j's JSON its definition's fingerprint, the fill settings and the market's order rules ({@code rules},
 * {@link MarketRules#text()}: its step and minimums as cached when the replay starts): everything that changes what
 * the replay computes, so replaying the same thing again is the same run, and the same strategy id moved to another
 * market, or replayed after its exchange changed the market's rules, is another. Not identifying: {@code loadFrom}, the
 * first warm-up candle (the {@code warmUpBars}-th stored candle before {@code from}).
 */
public final class ReplayParameters {

    private ReplayParameters() {
    }

    public static JobParameters of(DeclaredStrategy s, MarketRules rules, long from, long to, long loadFrom) {
        JobParametersBuilder builder = new JobParametersBuilder();
        s.spec().definition().ifPresent(definition -> builder.addString("definition", definition));
        return builder
                .addString("strategy", s.id())
                .addString("type", s.spec().type().code())
                .addString("exchange", s.market().exchange())
                .addString("symbol", s.market().symbol())
                .addString("timeframe", s.market().timeframe().code())
                .addLong("from", from)
                .addLong("to", to)
                .addString("params", text(s.spec().params()))
                .addString("stake", s.stake().toPlainString())
                .addString("feeRate", s.feeRate().toPlainString())
                .addString("slippageBps", s.slippageBps().toPlainString())
                .addString("rules", rules.text())
                .addLong("loadFrom", loadFrom, false)
                .toJobParameters();
    }

    /**
     * The strategy a run was started with: its type, market, parameters and fill settings (a run recorded before
     * type and market were part of the parameters takes the declared ones).
     */
    public static DeclaredStrategy strategy(DeclaredStrategies declared, JobParameters p) {
        DeclaredStrategy s = declared.get(p.getString("strategy"));
        MarketKey market = p.getString("exchange") == null ? s.market() : new MarketKey(p.getString("exchange"),
                p.getString("symbol"), Timeframe.parse(p.getString("timeframe")));
        String code = p.getString("type");
        StrategyType type = code == null || code.equals(s.spec().type().code()) ? s.spec().type() : declared.type(code);
        return new DeclaredStrategy(s.id(), market, StrategySpec.of(type, params(p)),
                new BigDecimal(p.getString("stake")), new BigDecimal(p.getString("feeRate")),
                new BigDecimal(p.getString("slippageBps")));
    }

    /** The market's order rules the run was started with (a run recorded without them: the rules cached now). */
    public static MarketRules rules(DeclaredStrategies declared, DeclaredStrategy s, JobParameters p) {
        String text = p.getString("rules");
        return text != null ? MarketRules.parse(text) : declared.rules(s);
    }

    public static String text(SortedMap<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static Map<String, String> params(JobParameters p) {
        Map<String, String> map = new TreeMap<>();
        String text = p.getString("params");
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }
}
