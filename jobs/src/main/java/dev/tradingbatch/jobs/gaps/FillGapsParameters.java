package dev.tradingbatch.jobs.gaps;

import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The gap fill job's parameters: the series ({@code market} as one text, for finding earlier runs,
 * and {@code exchange}, {@code symbol}, {@code timeframe}), an optional range {@code from}/{@code to}
 * (epoch ms UTC) limiting which gaps are asked, and {@code run}, the wall time the run was first
 * started: each new fill is its own job instance, a restart continues the same one.
 */
final class FillGapsParameters {

    private FillGapsParameters() {
    }

    static JobParameters of(MarketKey market, Long from, Long to, long run) {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString("market", market.toString())
                .addString("exchange", market.exchange())
                .addString("symbol", market.symbol())
                .addString("timeframe", market.timeframe().code());
        if (from != null) {
            b.addLong("from", from);
        }
        if (to != null) {
            b.addLong("to", to);
        }
        return b.addLong("run", run).toJobParameters();
    }

    static MarketKey market(JobParameters p) {
        return new MarketKey(p.getString("exchange"), p.getString("symbol"), Timeframe.parse(p.getString("timeframe")));
    }
}
