package dev.tradingbatch.model;

/** Which way a fill went; long-only, so a BUY opens a position and a SELL closes it. */
public enum Side {
    BUY("buy"),
    SELL("sell");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    /** The text stored in {@code strategy_trades.side}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
