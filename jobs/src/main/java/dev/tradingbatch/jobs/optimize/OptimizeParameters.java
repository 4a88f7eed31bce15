package dev.tradingbatch.jobs.optimize;

import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.optimize.SweepSets.Search;
import dev.tradingbatch.jobs.replay.ReplayParameters;
import dev.tradingbatch.model.MarketRules;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.util.Arrays;
import java.util.List;

/**
 * The sweep job's parameters: those of a replay of the declared strategy (strategy, type, market, range, the declared
 * parameters, a ta4j definition's fingerprint, fill settings and the market's order rules: {@link ReplayParameters}),
 * and what picks the sets: {@code specs} ({@link SweepSets#text}), {@code search}, and for a random search
 * {@code samples} and {@code seed}. Everything that changes what the sweep computes identifies it, so the same sweep
 * again is the same job instance, whose id is the sweep's id. Not identifying: {@code loadFrom}, the first candle of
 * the widest warm-up, {@code workers} (where the partitions run: {@link Workers}), and how the sets are ranked
 * (objective, minimum trades, top).
 */
final class OptimizeParameters {

    private OptimizeParameters() {
    }

    static JobParameters of(DeclaredStrategy base, MarketRules rules, long from, long to, long loadFrom,
                            List<ParamSpec> specs, Search search, int samples, long seed, Workers workers) {
        JobParametersBuilder builder = new JobParametersBuilder(ReplayParameters.of(base, rules, from, to, loadFrom))
                .addString("specs", SweepSets.text(specs))
                .addString("search", search.code())
                .addString(Workers.PARAMETER, workers.code(), false);
        if (search == Search.RANDOM) {
            builder.addLong("samples", (long) samples).addLong("seed", seed);
        }
        return builder.toJobParameters();
    }

    /** Where the partitions of the sweep run by this execution go: local threads unless it was started remote. */
    static Workers workers(JobParameters p) {
        return Workers.parse(p.getString(Workers.PARAMETER));
    }

    /** The declared strategy as the sweep was started with it (its own parameters, before any set's). */
    static DeclaredStrategy base(DeclaredStrategies declared, JobParameters p) {
        return ReplayParameters.strategy(declared, p);
    }

    /** The sweep's sets, rebuilt from its parameters (the same list on every run and worker). */
    static SweepSets sets(DeclaredStrategy base, JobParameters p) {
        List<ParamSpec> specs = Arrays.stream(p.getString("specs").split(" "))
                .map(spec -> ParamSpec.parse(spec, base.spec().type())).toList();
        Search search = Search.parse(p.getString("search"));
        Long samples = p.getLong("samples");
        Long seed = p.getLong("seed");
        return SweepSets.of(base, specs, search, samples == null ? 0 : samples.intValue(), seed == null ? 0 : seed);
    }
}
