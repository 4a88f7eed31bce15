package dev.tradingbatch.readers.orders;

/** An order's state on the exchange (Binance's names; the other exchanges' map onto them). */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED, EXPIRED_IN_MATCH;

    /** Whether the order can fill no further. */
    public boolean isFinal() {
        return this != NEW && this != PARTIALLY_FILLED && this != PENDING_CANCEL;
    }
}
