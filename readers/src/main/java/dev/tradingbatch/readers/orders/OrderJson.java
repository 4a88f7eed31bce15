package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingbatch.model.DecimalText;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * How every order client reads its exchange's JSON answers: the body parsed (or why it cannot be), fields taken by
 * name with their absence named, decimals exactly as written, and a reading that fails turned into an
 * {@link OrderApiException} naming the request: an unreadable answer says nothing about an order.
 */
final class OrderJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private OrderJson() {
    }

    /**
     * A body read as JSON, or why not.
     *
     * @param json       null for an empty body or one that is not JSON (an HTML error page, say)
     * @param unreadable for a body that is not JSON, why ({@code malformed body: Number value length (10000) exceeds
     *                   the maximum allowed (1000...)}); null otherwise
     */
    record Body(JsonNode json, String unreadable) {

        /** The JSON, or IllegalArgumentException saying why there is none to read. */
        JsonNode readable() {
            if (json == null) {
                throw new IllegalArgumentException(unreadable == null ? "empty body" : unreadable);
            }
            return json;
        }
    }

    static Body body(String body) {
        try {
            return new Body(body == null || body.isBlank() ? null : JSON.readTree(body), null);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : null;
            return new Body(null, "malformed body" + (why == null ? "" : ": " + why.lines().findFirst().orElse("")));
        }
    }

    /** The field's text; IllegalArgumentException naming it when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }

    /**
     * An id the exchange writes as a JSON integer (Binance's trade {@code id}, Coinbase's {@code trade_id}), as its
     * decimal text exactly as written: read as an integer of any size, never through a double, so an id beyond 2^53
     * keeps every digit. IllegalArgumentException naming the field when it is missing or not a whole number >= 0.
     */
    static String integerId(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
            throw new IllegalArgumentException(field + " is not a whole number of 0 or more");
        }
        return v.bigIntegerValue().toString();
    }

    /**
     * The decimal as the exchange wrote it (a JSON string, "0.00100000"): trailing zeros and all; refused by its text,
     * naming the field, when it is not a number or beyond {@link DecimalText}'s bounds ({@code 1e400000000}).
     */
    static BigDecimal decimal(JsonNode node, String field) {
        return DecimalText.parse(field, text(node, field));
    }

    /**
     * What {@code reading} makes of an answer that came back (HTTP 200), or an OrderApiException naming the exchange,
     * the request and what cannot be read in it.
     */
    static <T> T read(String exchange, String what, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new OrderApiException(exchange + ": the answer for the " + what + " cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 200, null, e);
        }
    }
}
