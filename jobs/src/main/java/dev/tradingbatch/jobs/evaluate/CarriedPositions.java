package dev.tradingbatch.jobs.evaluate;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.db.LiveFillRepository;
import dev.tradingbatch.db.LiveOrderRepository;
import dev.tradingbatch.db.TradeRepository;
import dev.tradingbatch.jobs.live.SubLedger;
import dev.tradingbatch.model.Candle;
import dev.tradingbatch.model.Fill;
import dev.tradingbatch.model.LiveOrder;
import dev.tradingbatch.model.MarketRules;
import dev.tradingbatch.model.RunIds;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.model.TradeRow;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The open position an evaluation carries into a new segment of candles: the one the strategy's ledger holds (its
 * last trade under the live run, a buy), or, for a live strategy, the one it will hold: a buy sent and not settled
 * yet (its fills not applied), entered in the paper model as the paper model bought it on its candle. So a segment
 * that starts anew while a live buy is on its way (a declaration or the market's rules changed) still signals the
 * sell of it, as the segment before would have.
 */
@Component
class CarriedPositions {

    private final DeclaredStrategies declared;
    private final TradeRepository trades;
    private final LiveOrderRepository orders;
    private final LiveFillRepository fills;
    private final CandleRepository candles;

    CarriedPositions(DeclaredStrategies declared, TradeRepository trades, LiveOrderRepository orders,
                     LiveFillRepository fills, CandleRepository candles) {
        this.declared = declared;
        this.trades = trades;
        this.orders = orders;
        this.fills = fills;
        this.candles = candles;
    }

    /** Open time of the candle whose close bought the position carried in, if there is one. */
    Long entry(DeclaredStrategy s) {
        Optional<TradeRow> open = trades.openPosition(s.id(), RunIds.LIVE);
        if (open.isPresent()) {
            return open.get().candleTime();
        }
        return unsettledBuy(s).map(LiveOrder::candleTime).orElse(null);
    }

    /**
     * The buy bought on the candle {@code entry}: the ledger's row, or for a live buy not settled yet the paper model's
     * buy on that candle (under {@code rules}); empty when neither is there any more.
     */
    Optional<Fill> fill(DeclaredStrategy s, long entry, MarketRules rules) {
        Optional<TradeRow> row = trades.trade(s.id(), RunIds.LIVE, entry, Side.BUY.code());
        if (row.isPresent()) {
            TradeRow t = row.get();
            return Optional.of(Fill.buy(t.candleTime(), t.price(), t.quantity(), t.fee()));
        }
        if (unsettledBuy(s).filter(o -> o.candleTime() == entry).isEmpty()) {
            return Optional.empty();
        }
        List<Candle> candle = candles.find(s.market(), entry, entry + 1);
        return candle.isEmpty() ? Optional.empty()
                : s.fillModel(rules).order(entry, candle.getFirst().close()).fill();
    }

    private Optional<LiveOrder> unsettledBuy(DeclaredStrategy s) {
        if (declared.liveAccount(s.id()).isEmpty()) {
            return Optional.empty();
        }
        return SubLedger.unsettledBuyBefore(orders.ofStrategy(s.id()), fills.ofStrategy(s.id()), Long.MAX_VALUE);
    }
}
