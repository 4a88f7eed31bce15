package dev.tradingbatch.readers.orders;

/**
 * A request to an exchange's order or account API that got no usable answer. Never read as "nothing there":
 * a query that fails says nothing about whether an order exists. The message names the request and the
 * exchange's code and message, never credentials, signatures or URLs.
 *
 * @see SendOutcome for sending, where a refusal is an answer
 */
public class OrderApiException extends RuntimeException {

    private final int httpStatus;
    private final Integer code;

    public OrderApiException(String message, int httpStatus, Integer code, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** The HTTP status, 0 when there was no answer (timeout, connection refused). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The exchange's error code (Binance: -1021 timestamp outside recvWindow, -1022 bad signature), if it sent one. */
    public Integer code() {
        return code;
    }

    /** Whether asking again later may succeed: no answer, 429/418 (rate limits) or a 5xx. */
    public boolean isTemporary() {
        return httpStatus == 0 || httpStatus == 429 || httpStatus == 418 || httpStatus >= 500;
    }
}
