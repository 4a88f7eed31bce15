package dev.tradingbatch.readers.orders;

/**
 * What sending an order came to. Only {@link Accepted} and {@link Rejected} are answers; {@link Unknown}
 * means the order may or may not exist on the exchange, and the exchange must be asked for its client order
 * id before anything else is done with it: sending it again could buy twice.
 */
public sealed interface SendOutcome {

    /** The exchange took the order; it may already be (partly) filled. */
    record Accepted(ExchangeOrder order) implements SendOutcome {
    }

    /**
     * The exchange refused the order: it does not exist (insufficient balance, a filter, a bad signature...).
     *
     * @param forNow whether the same order may be accepted later (a rate limit, the clock outside recvWindow)
     */
    record Rejected(int code, String message, boolean forNow) implements SendOutcome {
    }

    /** No answer that says whether the order exists: a timeout, a 5xx, "send status unknown" (-1006, -1007). */
    record Unknown(String reason) implements SendOutcome {
    }
}
