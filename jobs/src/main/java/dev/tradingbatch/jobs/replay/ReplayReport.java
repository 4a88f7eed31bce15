package dev.tradingbatch.jobs.replay;

import dev.tradingbatch.model.OpenTimes;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.jobs.replay.html.EquityPoint;
import dev.tradingbatch.jobs.replay.html.HtmlReport;
import dev.tradingbatch.jobs.replay.html.PriceBar;
import dev.tradingbatch.jobs.replay.html.ReportData;
import dev.tradingbatch.jobs.replay.html.TradeMark;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.strategies.metrics.BacktestMetrics;
import dev.tradingbatch.strategies.metrics.Metrics;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a replay's HTML report: the range's candles, the run's trades as stored, and the equity curve
 * and metrics computed from them. Long ranges are drawn with at most {@value #MAX_POINTS} bars (each
 * bar then spans several candles: first open, highest high, lowest low, last close).
 */
@Component
public class ReplayReport {

    static final int MAX_POINTS = 5_000;

    private final CandleRepository candles;
    private final TradeRepository trades;

    ReplayReport(CandleRepository candles, TradeRepository trades) {
        this.candles = candles;
        this.trades = trades;
    }

    /** Writes the report of a finished replay run to {@code file}; returns its metrics. */
    public BacktestMetrics write(DeclaredStrategy s, ReplayService.Outcome run, Path file) {
        CloseSeries evaluated = new CloseSeries();
        List<Candle> bars = new ArrayList<>();
        candles.forEachStored(s.market(), run.from(), run.to(), c -> {
            evaluated.accept(c);
            bars.add(c.toCandle());
        });
        List<TradeRow> rows = trades.trades(s.id(), run.runId());
        List<Fill> fills = rows.stream().map(ReplayReport::fill).toList();
        BacktestMetrics metrics = Metrics.compute(evaluated, fills, s.fillModel(run.rules()),
                s.market().timeframe());
        int every = Math.max(1, (bars.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<PriceBar> priceBars = new ArrayList<>();
        for (int i = 0; i < bars.size(); i += every) {
            List<Candle> group = bars.subList(i, Math.min(bars.size(), i + every));
            BigDecimal high = group.stream().map(Candle::high).reduce(BigDecimal::max).orElseThrow();
            BigDecimal low = group.stream().map(Candle::low).reduce(BigDecimal::min).orElseThrow();
            priceBars.add(new PriceBar(group.getFirst().openTime(), group.getFirst().open(), high, low,
                    group.getLast().close()));
        }
        List<EquityPoint> equity = new ArrayList<>();
        List<dev.tradingbatch.strategies.metrics.EquityPoint> curve = metrics.equityCurve();
        for (int i = every - 1; i < curve.size() + every - 1; i += every) {
            var p = curve.get(Math.min(i, curve.size() - 1));
            if (equity.isEmpty() || equity.getLast().time() < p.time()) {
                equity.add(new EquityPoint(p.time(), p.equity(), p.drawdownPercent().doubleValue()));
            }
        }
        List<TradeMark> marks = rows.stream().map(t -> new TradeMark(t.candleTime(), t.side(), t.price(), t.quantity(),
                t.fee(), t.pnl(), t.pnlPercent())).toList();
        List<Map.Entry<String, String>> figures = new ArrayList<>(ReplayFigures.of(metrics).entrySet().stream()
                .map(e -> Map.entry(e.getKey().substring(ReplayFigures.PREFIX.length()), e.getValue())).toList());
        String subtitle = s.spec().label() + " on " + s.market()
                + "\n" + OpenTimes.iso(run.from()) + " to " + OpenTimes.iso(run.to()) + ", run " + run.runId()
                + ", stake " + s.stake().toPlainString() + ", fee rate " + s.feeRate().toPlainString() + ", slippage "
                + s.slippageBps().toPlainString() + " bps"
                + "\ncandles read (warm-up included) " + OpenTimes.iso(run.coverage().from()) + " to "
                + OpenTimes.iso(run.coverage().to()) + ": " + run.coverage().text() + (every > 1 ? "\neach bar spans " + every + " candles" : "");
        try {
            HtmlReport.write(file, new ReportData(s.id(), subtitle, priceBars, marks, equity, figures));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
        return metrics;
    }

    private static Fill fill(TradeRow t) {
        return new Fill(t.side().equals("buy") ? Side.BUY : Side.SELL, t.candleTime(), t.price(), t.quantity(), t.fee(),
                t.pnl(), t.pnlPercent());
    }
}
