package dev.tradingbatch.readers.exchange;

import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.RawCandle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Candles derived from trades beside those the exchange published for the same intervals: every interval where
 * they differ, in words. A published candle of zero volume has no derived counterpart (no trades, no candle); that
 * is no difference. Nothing is changed: the published candles are the ones stored.
 */
final class DerivedOverlap {

    private DerivedOverlap() {
    }

    /** One line per interval that differs, oldest first, e.g. {@code 2023-01-31T04:00:00Z: from trades o ... ; published o ...}. */
    static List<String> differences(List<RawCandle> derived, List<RawCandle> published) {
        Map<String, RawCandle> byOpen = new LinkedHashMap<>();
        published.forEach(c -> byOpen.put(c.openTime(), c));
        List<String> differences = new ArrayList<>();
        for (RawCandle d : derived) {
            RawCandle p = byOpen.remove(d.openTime());
            if (p == null) {
                differences.add(at(d) + ": from trades " + KrakenDerivedCandles.values(d) + "; none published");
            } else if (!same(d, p)) {
                differences.add(at(d) + ": from trades " + KrakenDerivedCandles.values(d) + "; published "
                        + KrakenDerivedCandles.values(p));
            }
        }
        byOpen.values().stream().filter(p -> DecimalText.parse(p.volume()).signum() != 0)
                .forEach(p -> differences.add(at(p) + ": no trades; published " + KrakenDerivedCandles.values(p)));
        differences.sort(null);
        return differences;
    }

    private static boolean same(RawCandle a, RawCandle b) {
        List<Function<RawCandle, String>> fields = List.of(RawCandle::open, RawCandle::high, RawCandle::low,
                RawCandle::close, RawCandle::volume);
        return fields.stream().allMatch(f -> DecimalText.parse(f.apply(a)).compareTo(DecimalText.parse(f.apply(b))) == 0);
    }

    private static String at(RawCandle c) {
        return Instant.ofEpochMilli(Long.parseLong(c.openTime())).toString();
    }
}
