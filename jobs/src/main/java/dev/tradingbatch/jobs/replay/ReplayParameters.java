package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.strategies.StrategySpec;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The replay job's parameters, all identifying: the strategy, the range {@code [from, to)} (epoch ms
 * UTC open times), the resolved strategy parameters ({@code period=14,oversold=30}) and the fill
 * settings. Replaying the same thing again is the same run.
 */
final class ReplayParameters {

    private ReplayParameters() {
    }

    static JobParameters of(DeclaredStrategy s, long from, long to) {
        return new JobParametersBuilder()
                .addString("strategy", s.id())
                .addLong("from", from)
                .addLong("to", to)
                .addString("params", text(s.spec().params()))
                .addString("stake", s.stake().toPlainString())
                .addString("feeRate", s.feeRate().toPlainString())
                .addString("slippageBps", s.slippageBps().toPlainString())
                .toJobParameters();
    }

    /** The strategy a run was started with: the declared one with the run's parameters and fill settings. */
    static DeclaredStrategy strategy(DeclaredStrategies declared, JobParameters p) {
        DeclaredStrategy s = declared.get(p.getString("strategy"));
        return new DeclaredStrategy(s.id(), s.market(), StrategySpec.of(s.spec().type(), params(p)),
                new BigDecimal(p.getString("stake")), new BigDecimal(p.getString("feeRate")),
                new BigDecimal(p.getString("slippageBps")));
    }

    static String text(SortedMap<String, String> params) {
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
