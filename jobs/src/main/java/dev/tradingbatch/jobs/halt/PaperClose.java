package dev.tradingbatch.jobs.halt;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategies;
import dev.tradingbatch.jobs.evaluate.DeclaredStrategy;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.TradeRow;
import dev.tradingbatch.writers.trades.TradeItemWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code halt --close} of a paper strategy: its open position sold on paper at the close of the newest candle of its
 * market closed at the halt and stored, through its fill model (slippage, fee), as a sell signal on that candle would,
 * so that {@code report} and the next evaluation after {@code resume} find it flat. The trade is stamped as a live
 * close is ({@link CloseTime}): a trader that lagged behind the stored candles does not trade later on the candles it
 * had not evaluated before the close.
 */
@Component
class PaperClose {

    private final DeclaredStrategies declared;
    private final TradeRepository trades;
    private final CandleRepository candles;
    private final TransactionTemplate writes;
    private final Clock clock;

    PaperClose(DeclaredStrategies declared, TradeRepository trades, CandleRepository candles,
               PlatformTransactionManager transactionManager, Clock clock) {
        this.declared = declared;
        this.trades = trades;
        this.candles = candles;
        this.writes = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    Closed close(DeclaredStrategy s, long haltedAt) {
        Optional<TradeRow> open = trades.openPosition(s.id(), RunIds.LIVE);
        if (open.isEmpty()) {
            return new Closed(s.id(), "paper: nothing held, nothing closed", false);
        }
        long tf = s.market().timeframe().millis();
        long candleTime = CloseTime.of(tf, haltedAt, trades.trades(s.id(), RunIds.LIVE).stream()
                .mapToLong(TradeRow::candleTime).filter(t -> Math.floorMod(t, tf) != 0));
        // the newest candle closed when the halt was made (a candle stored since the halt is not the halt's price)
        OptionalLong latest = candles.openTimeBefore(s.market(), candleTime + 1, 1);
        List<Candle> last = latest.isPresent()
                ? candles.find(s.market(), latest.getAsLong(), latest.getAsLong() + 1) : List.of();
        if (last.isEmpty()) {
            return new Closed(s.id(), "paper: nothing closed, no candle of " + s.market().symbol()
                    + " is stored to price the sell", true);
        }
        Candle candle = last.getFirst();
        TradeRow buy = open.get();
        Fill sell = declared.fillModel(s).sell(candle.openTime(), candle.close(),
                Fill.buy(buy.candleTime(), buy.price(), buy.quantity(), buy.fee()));
        TradeRow row = new TradeRow(s.id(), RunIds.LIVE, s.market().symbol(), Side.SELL.code(), sell.price(),
                sell.quantity(), sell.fee(), candleTime, clock.millis(), sell.pnl(), sell.pnlPercent(),
                s.paramsJson());
        writes.executeWithoutResult(tx -> new TradeItemWriter(trades).write(new Chunk<>(row)));
        return new Closed(s.id(), "paper: sold " + MarketRules.plain(sell.quantity()) + " at "
                + MarketRules.plain(sell.price()) + " (the close " + MarketRules.plain(candle.close())
                + " of the candle of " + iso(candle.openTime()) + ", less slippage), fee "
                + MarketRules.plain(sell.fee()) + ", pnl " + MarketRules.plain(sell.pnl())
                + "; report shows the position closed", false);
    }
}
