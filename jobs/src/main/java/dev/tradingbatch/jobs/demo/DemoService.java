package dev.tradingbatch.jobs.demo;

import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.Timeframe;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.backfill.BackfillRequest;
import dev.tradingbatch.jobs.backfill.BackfillResult;
import dev.tradingbatch.jobs.backfill.BackfillService;
import dev.tradingbatch.jobs.evaluate.EvaluateService;
import dev.tradingbatch.jobs.replay.ReplayService;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code demo}: the whole pipeline offline on the bundled real sample data. Imports the samples
 * through the backfill job (file source), runs the four example traders candle by candle over the
 * last {@value #LIVE_CANDLES} candles as the scheduled trader would, replays each over its whole
 * history and writes the reports; the demo command prints what each step did and a summary table.
 */
@Service
public class DemoService {

    /** Candles each trader lives through one at a time before the replays. */
    public static final int LIVE_CANDLES = 200;

    private final BackfillService backfill;
    private final EvaluateService evaluate;
    private final ReplayService replay;
    private final CandleRepository candles;
    private final TradeRepository trades;
    private final SettableClock clock;
    private final DemoReports reports;

    DemoService(BackfillService backfill, EvaluateService evaluate, ReplayService replay, CandleRepository candles,
                TradeRepository trades, Clock clock, DemoReports reports) {
        this.backfill = backfill;
        this.evaluate = evaluate;
        this.replay = replay;
        this.candles = candles;
        this.trades = trades;
        // the demo command puts a SettableClock in place of the system clock; elsewhere this service is unused
        this.clock = clock instanceof SettableClock settable ? settable : null;
        this.reports = reports;
    }

    /**
     * One line of the summary table: a trader's live fills, its replay over the whole sample and where its report
     * went.
     */
    public record Row(String strategy, String market, int liveTrades, ReplayService.Outcome replay,
                      DemoReports.Written report) {
    }

    /** Imports the bundled samples through the backfill job, under the exchanges they came from. */
    public List<BackfillResult> importSamples(Path samples) {
        checkClock();
        for (DemoStrategies.Sample s : DemoStrategies.SAMPLES) {
            Path file = samples.resolve(s.file());
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("cannot read " + file + ": --samples names a folder holding the "
                        + "sample files; without it the demo uses the copies inside the jar");
            }
        }
        return DemoStrategies.SAMPLES.stream().map(s -> backfill.run(BackfillRequest.parse("file", s.symbol(),
                s.timeframe(), null, null, samples.resolve(s.file()), s.exchange()))).toList();
    }

    /**
     * Runs each example trader over the last {@value #LIVE_CANDLES} candles of its imported sample, one closed
     * candle at a time, replays it over the whole sample and writes its report to {@code reportDir}.
     */
    public List<Row> trade(Path reportDir) {
        checkClock();
        List<Row> rows = new ArrayList<>();
        for (DemoStrategies.Trader t : DemoStrategies.TRADERS) {
            MarketKey market = new MarketKey(t.sample().exchange(), t.sample().symbol(),
                    Timeframe.parse(t.sample().timeframe()));
            List<Candle> series = candles.find(market, Long.MIN_VALUE, Long.MAX_VALUE);
            long step = market.timeframe().millis();
            for (Candle c : series.subList(Math.max(0, series.size() - LIVE_CANDLES), series.size())) {
                clock.set(Instant.ofEpochMilli(c.openTime() + step + 1_000));   // just after it closed
                evaluate.run(t.id());
            }
            int live = trades.trades(t.id(), RunIds.LIVE).size();
            ReplayService.Outcome outcome = replay.run(t.id(), null, null, List.of());
            rows.add(new Row(t.id(), market.toString(), live, outcome, reports.write(t.id(), outcome, reportDir)));
        }
        return rows;
    }

    private void checkClock() {
        if (clock == null) {
            throw new IllegalStateException("the demo runs with its own clock (started by the demo command)");
        }
    }
}
