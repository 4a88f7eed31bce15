package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.readers.ExchangeException;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * One public GET of an exchange's JSON reference data (not candles: no paging, no retry; a caller that fails
 * asks again next time), within the exchange's timeouts. Numbers are read as BigDecimal, text stays text.
 */
final class PublicJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String exchange;
    private final String baseUrl;
    private final HttpTimeouts timeouts;
    private final HttpClient http;

    PublicJson(String exchange, String baseUrl, HttpTimeouts timeouts) {
        this.exchange = exchange;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
    }

    /** The answer's status and body (an error status's body too: exchanges explain themselves in it). */
    record Answer(int status, JsonNode body) {
    }

    /** GET {@code base-url/path}; {@code what} names the request in a failure ({@code exchangeInfo BTC/USDT}). */
    Answer get(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeouts.read())
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure(what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, "interrupted", e);
        }
        JsonNode body;
        String complaint = null;
        try {
            body = JSON.readTree(response.body());
        } catch (StreamConstraintsException e) {
            // a number of thousands of digits: read no further, and say so
            body = null;
            complaint = e.getOriginalMessage();
        } catch (IOException e) {
            body = null;
        }
        if (body == null && response.statusCode() / 100 == 2) {
            throw failure(what, "malformed response body" + (complaint == null ? "" : ": " + complaint), null);
        }
        return new Answer(response.statusCode(), body);
    }

    /** e.g. {@code binance GET exchangeInfo BTC/USDT: HTTP 503 Service Unavailable}. */
    ExchangeException failure(String what, String detail, Throwable cause) {
        return new ExchangeException(exchange + " GET " + what + ": " + detail, cause);
    }

    ExchangeException status(String what, int status) {
        return failure(what, SourceSupport.statusLine(status), null);
    }

    /**
     * What {@code reading} makes of an answer, or an ExchangeException naming the request and the value refused
     * ({@code binance GET exchangeInfo BTC/USDT: tickSize '1e400000000' is out of range (beyond 10^64 or 10^-64)}).
     */
    <T> T read(String what, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw failure(what, e.getMessage(), e);
        }
    }

    /**
     * A decimal field sent as text ({@code "0.00001000"}) or number, exactly; null when absent or empty;
     * IllegalArgumentException naming the field when it is not a number or beyond {@link DecimalText}'s bounds.
     */
    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // a number's text too (not its plain form: 1e400000000 would be 400 million digits), bounded as every value
        String text = value.asText().strip();
        return text.isEmpty() ? null : DecimalText.parse(field, text);
    }

    /**
     * A count of decimals ({@code lot_decimals}) as the step it means, 10^-decimals; null when absent;
     * IllegalArgumentException naming the field beyond 0 to {@value DecimalText#MAX_EXPONENT} (a step of
     * 10^-400000000 would be written out as 400 million digits).
     */
    static BigDecimal decimalsStep(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0
                || value.asInt() > DecimalText.MAX_EXPONENT) {
            String text = value.asText();
            throw new IllegalArgumentException(field + " '" + (text.length() > DecimalText.MAX_LENGTH
                    ? text.substring(0, 20) + "...' (" + text.length() + " characters)" : text + "'")
                    + " is not a count of decimals from 0 to " + DecimalText.MAX_EXPONENT);
        }
        return BigDecimal.ONE.movePointLeft(value.asInt());
    }
}
