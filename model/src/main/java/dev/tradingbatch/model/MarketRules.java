package dev.tradingbatch.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an exchange accepts as an order on one market, as it publishes it (Binance exchange info, Kraken asset
 * pairs, Coinbase products): exact decimals, each absent when the exchange does not say it (or says zero) and
 * for a series imported from a file, which has no exchange to ask. Quantities are in the base currency, the
 * notional and the price tick in the quote currency.
 *
 * @param amountStep  an order's quantity is a whole multiple of it (Binance LOT_SIZE stepSize, 10^-lot_decimals
 *                    on Kraken, Coinbase base_increment)
 * @param priceTick   prices move in steps of it (informational: fills are at a candle's close)
 * @param minQuantity the smallest quantity an order may have (Binance minQty, Kraken ordermin, Coinbase
 *                    base_min_size when it still publishes one)
 * @param minNotional the smallest quantity times price (Binance NOTIONAL/MIN_NOTIONAL minNotional, Kraken costmin,
 *                    Coinbase min_market_funds)
 */
public record MarketRules(BigDecimal amountStep, BigDecimal priceTick, BigDecimal minQuantity,
                          BigDecimal minNotional) {

    /** No rules known: no step beyond the fill model's default decimals, no minimum. */
    public static final MarketRules NONE = new MarketRules(null, null, null, null);

    private static final String NO_RULES = "none";

    public MarketRules {
        amountStep = positive(amountStep, "amount step");
        priceTick = positive(priceTick, "price tick");
        minQuantity = positive(minQuantity, "minimum quantity");
        minNotional = positive(minNotional, "minimum notional");
    }

    /** Rules that say only the decimals of an order's quantity (a step of 10^-decimals), as older rows do. */
    public static MarketRules amountDecimals(int decimals) {
        return new MarketRules(BigDecimal.ONE.movePointLeft(decimals), null, null, null);
    }

    public Optional<BigDecimal> step() {
        return Optional.ofNullable(amountStep);
    }

    public boolean isNone() {
        return amountStep == null && priceTick == null && minQuantity == null && minNotional == null;
    }

    /**
     * The rules in one line, values without trailing zeros, absent ones left out, {@code none} for no rules:
     * {@code amount-step=0.00001 min-quantity=0.00001 min-notional=5 price-tick=0.01}. Part of a run's identity,
     * so the same rules always read alike; {@link #parse} reads it back.
     */
    public String text() {
        if (isNone()) {
            return NO_RULES;
        }
        List<String> parts = new ArrayList<>();
        fields().forEach((name, value) -> {
            if (value != null) {
                parts.add(name + "=" + plain(value));
            }
        });
        return String.join(" ", parts);
    }

    /** The rules {@link #text} wrote; IllegalArgumentException naming the text for another. */
    public static MarketRules parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals(NO_RULES)) {
            return NONE;
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (String part : text.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            try {
                values.put(part.substring(0, eq), new BigDecimal(part.substring(eq + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("market rules '" + text + "': '" + part + "' is not NAME=DECIMAL");
            }
        }
        if (!NONE.fields().keySet().containsAll(values.keySet())) {
            throw new IllegalArgumentException("market rules '" + text + "': known names are "
                    + String.join(", ", NONE.fields().keySet()));
        }
        return new MarketRules(values.get("amount-step"), values.get("price-tick"), values.get("min-quantity"),
                values.get("min-notional"));
    }

    @Override
    public String toString() {
        return text();
    }

    private Map<String, BigDecimal> fields() {
        Map<String, BigDecimal> f = new LinkedHashMap<>();
        f.put("amount-step", amountStep);
        f.put("min-quantity", minQuantity);
        f.put("min-notional", minNotional);
        f.put("price-tick", priceTick);
        return f;
    }

    /** Without trailing zeros or exponent: {@code 0.00001000} is {@code 0.00001}, {@code 1E+1} is {@code 10}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** Zero means "no such rule" on the exchanges that send it; a negative value is no rule anyone sends. */
    private static BigDecimal positive(BigDecimal value, String name) {
        if (value == null || value.signum() == 0) {
            return null;
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value.toPlainString());
        }
        return value;
    }
}
