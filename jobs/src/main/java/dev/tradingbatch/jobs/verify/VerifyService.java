package dev.tradingbatch.jobs.verify;

import dev.tradingbatch.db.CandleRepository;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.TimeOption;
import dev.tradingbatch.model.MarketKey;
import dev.tradingbatch.model.MarketSummary;
import dev.tradingbatch.model.Timeframe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static dev.tradingbatch.model.OpenTimes.iso;

/**
 * {@code verify --symbol PAIR --timeframe TF}: the stored candles of one pair checked across the exchanges that store
 * it ({@link CrossExchange}) and each series on its own ({@link Outliers}). Reads only; reports, never changes a
 * candle. The range is read in windows of {@value #WINDOW_CANDLES} candles, so memory stays bounded on any series.
 */
@Service
public class VerifyService {

    /** Candle intervals read per window, per series. */
    static final long WINDOW_CANDLES = 100_000;

    private final CandleRepository candles;
    private final long windowCandles;

    @Autowired
    VerifyService(CandleRepository candles) {
        this(candles, WINDOW_CANDLES);
    }

    /** A service reading {@code windowCandles} candle intervals at a time (tests cross windows with a few candles). */
    VerifyService(CandleRepository candles, long windowCandles) {
        this.candles = candles;
        this.windowCandles = windowCandles;
    }

    /**
     * What to verify.
     *
     * @param symbol       BASE/QUOTE as stored
     * @param from         first open time, or null for the oldest stored candle
     * @param to           end of the range (exclusive), or null for after the newest
     * @param thresholdPct a spread reported, in percent of the median close
     * @param quoteAliases quotes whose closes are compared as if they were the symbol's quote (USDT for USD)
     * @param limit        findings of each kind kept for the report
     */
    public record Request(String symbol, String timeframe, String from, String to, double thresholdPct,
                          double wickFactor, Set<String> quoteAliases, int limit) {
    }

    public VerifyResult verify(Request request) {
        if (!MarketKey.isSymbol(request.symbol())) {
            throw new BadInputException("--symbol " + request.symbol() + " is not a pair written BASE/QUOTE (BTC/USD)");
        }
        Timeframe timeframe = parseTimeframe(request.timeframe());
        if (!(request.thresholdPct() > 0)) {
            throw new BadInputException("--threshold " + request.thresholdPct() + " must be a percent above 0");
        }
        if (!(request.wickFactor() > 1)) {
            throw new BadInputException("--wick-factor " + request.wickFactor() + " must be above 1");
        }
        String base = request.symbol().substring(0, request.symbol().indexOf('/'));
        String quote = request.symbol().substring(request.symbol().indexOf('/') + 1);
        List<MarketSummary> compared = new ArrayList<>();
        List<MarketKey> leftOut = new ArrayList<>();
        List<MarketKey> otherTimeframes = new ArrayList<>();
        for (MarketSummary m : candles.summaries()) {
            String symbol = m.market().symbol();
            if (!symbol.startsWith(base + "/")) {
                continue;
            }
            String q = symbol.substring(base.length() + 1);
            boolean sameQuote = q.equals(quote) || request.quoteAliases().contains(q);
            if (m.market().timeframe() != timeframe) {
                if (sameQuote) {
                    otherTimeframes.add(m.market());
                }
            } else if (sameQuote) {
                compared.add(m);
            } else {
                leftOut.add(m.market());
            }
        }
        if (compared.isEmpty()) {
            throw new BadInputException("no stored series of " + request.symbol() + " " + timeframe.code()
                    + (otherTimeframes.isEmpty() ? " (see: markets)" : "; stored: " + otherTimeframes.stream()
                    .map(MarketKey::toString).collect(Collectors.joining(", "))));
        }
        long first = compared.stream().mapToLong(MarketSummary::firstOpenTime).min().orElseThrow();
        long last = compared.stream().mapToLong(MarketSummary::lastOpenTime).max().orElseThrow();
        long from = request.from() == null ? first : timeframe.ceil(TimeOption.parse("--from", request.from()));
        long to = request.to() == null ? last + timeframe.millis() : TimeOption.parse("--to", request.to());
        if (from >= to) {
            throw new BadInputException("empty range: --from " + iso(from) + " is not before --to " + iso(to));
        }

        Findings<VerifyResult.Stray> strays = new Findings<>(request.limit());
        Findings<VerifyResult.Outlier> outliers = new Findings<>(request.limit());
        CrossExchange cross = new CrossExchange(request.thresholdPct() / 100);
        Outliers single = new Outliers(request.wickFactor());
        long candlesCompared = 0;
        long window = windowCandles * timeframe.millis();
        long margin = Outliers.NEIGHBOURS * timeframe.millis();
        for (long start = from; start < to; start = Math.min(to, start + window)) {
            long end = Math.min(to, start + window);
            List<SeriesCandles> loaded = new ArrayList<>();
            for (MarketSummary m : compared) {
                SeriesCandles s = new SeriesCandles(m.market());
                // the neighbours of the window's first and last candles are read too (times before 1970 are not stored)
                candles.forEachStored(m.market(), Math.max(0, start - margin), end + margin, s::add);
                loaded.add(s);
                single.find(s, s.indexAtOrAfter(start), s.indexAtOrAfter(end), outliers);
            }
            if (loaded.size() >= 2) {
                candlesCompared += cross.compare(loaded, start, end, strays);
            }
        }
        return new VerifyResult(request.symbol(), timeframe, from, to,
                compared.stream().map(MarketSummary::market).toList(), leftOut, candlesCompared, strays.kept,
                strays.count, outliers.kept, outliers.count, request.thresholdPct() / 100, request.wickFactor());
    }

    private static Timeframe parseTimeframe(String code) {
        try {
            return Timeframe.parse(code);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--timeframe " + code + " is not one of " + Timeframe.codes());
        }
    }

    /** The first {@code limit} findings, and how many there were. */
    private static final class Findings<T> implements Consumer<T> {
        private final int limit;
        private final List<T> kept = new ArrayList<>();
        private long count;

        Findings(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(T finding) {
            count++;
            if (kept.size() < limit) {
                kept.add(finding);
            }
        }
    }
}
