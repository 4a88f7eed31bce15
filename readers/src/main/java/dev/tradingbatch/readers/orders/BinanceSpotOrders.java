package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.tradingbatch.readers.orders.OrderJson.decimal;
import static dev.tradingbatch.readers.orders.OrderJson.integerId;

/**
 * Binance spot orders through its signed REST API ({@code /api/v3}): every request carries the API key in
 * the {@code X-MBX-APIKEY} header and {@code recvWindow}, {@code timestamp} and {@code signature} (see
 * {@link BinanceSigner}) in its query string. Decimals are read from the JSON text, exactly.
 */
public final class BinanceSpotOrders implements SpotOrders {

    /** Milliseconds after {@code timestamp} within which Binance still accepts a request (its default). */
    public static final long RECV_WINDOW = 5000;

    /** Order does not exist. */
    static final int NO_SUCH_ORDER = -2013;

    /** Codes that say the execution status is unknown: an unexpected answer from, or a timeout of, the matching engine. */
    private static final Set<Integer> STATUS_UNKNOWN = Set.of(-1006, -1007);

    /** Refusals that may pass: too many requests or orders, the clock outside recvWindow. */
    private static final Set<Integer> REFUSED_FOR_NOW = Set.of(-1003, -1015, -1021);


    private final String baseUrl;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final HttpTimeouts timeouts;
    private final HttpClient http;

    public BinanceSpotOrders(String baseUrl, ApiCredentials credentials, Clock clock, HttpTimeouts timeouts) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
    }

    /** BTC/USDT as Binance names it: BTCUSDT. */
    static String symbol(String baseQuote) {
        return baseQuote.replace("/", "").toUpperCase(Locale.ROOT);
    }

    @Override
    public SendOutcome send(MarketOrder order) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol(order.symbol()));
        p.put("side", order.side() == Side.BUY ? "BUY" : "SELL");
        p.put("type", "MARKET");
        if (order.quantity() != null) {
            p.put("quantity", order.quantity().toPlainString());
        } else {
            p.put("quoteOrderQty", order.quoteQuantity().toPlainString());
        }
        p.put("newClientOrderId", order.clientOrderId());
        p.put("newOrderRespType", "RESULT");
        Answer a;
        try {
            a = call("POST", "/api/v3/order", p);
        } catch (IOException e) {
            return new SendOutcome.Unknown("no answer to the order (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unknown("interrupted while waiting for the answer to the order");
        }
        if (a.status() >= 500) {
            return new SendOutcome.Unknown("HTTP " + a.status() + a.error().map(e -> " " + e.text()).orElse(""));
        }
        Optional<Error> error = a.error();
        if (a.status() == 200 && error.isEmpty()) {
            try {
                return new SendOutcome.Accepted(order(a.readable()));
            } catch (RuntimeException e) {
                return new SendOutcome.Unknown("an answer to the order that cannot be read (" + e.getMessage() + ")");
            }
        }
        if (error.isPresent() && STATUS_UNKNOWN.contains(error.get().code())) {
            return new SendOutcome.Unknown(error.get().text());
        }
        int code = error.map(Error::code).orElse(0);
        String message = error.map(Error::message).orElse("HTTP " + a.status());
        boolean forNow = a.status() == 429 || a.status() == 418 || REFUSED_FOR_NOW.contains(code);
        return new SendOutcome.Rejected(code, message, forNow);
    }

    @Override
    public Optional<ExchangeOrder> find(String symbol, String clientOrderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol(symbol));
        p.put("origClientOrderId", clientOrderId);
        Answer a = get("/api/v3/order", p, "order " + clientOrderId);
        if (a.error().filter(e -> e.code() == NO_SUCH_ORDER).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(OrderJson.read("binance", "order " + clientOrderId,
                () -> order(ok(a, "order " + clientOrderId))));
    }

    @Override
    public List<ExchangeFill> fills(String symbol, String orderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol(symbol));
        p.put("orderId", orderId);
        String what = "fills of order " + orderId;
        JsonNode rows = ok(get("/api/v3/myTrades", p, what), what);
        return OrderJson.read("binance", what, () -> {
            List<ExchangeFill> fills = new ArrayList<>();
            for (JsonNode t : rows) {
                fills.add(new ExchangeFill(integerId(t, "id"), t.get("orderId").asText(), decimal(t, "price"),
                        decimal(t, "qty"), decimal(t, "quoteQty"), decimal(t, "commission"),
                        t.get("commissionAsset").asText(), t.get("time").asLong()));
            }
            return fills;
        });
    }

    @Override
    public List<Balance> balances() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("omitZeroBalances", "true");
        JsonNode account = ok(get("/api/v3/account", p, "account"), "account");
        return OrderJson.read("binance", "account", () -> {
            List<Balance> balances = new ArrayList<>();
            for (JsonNode b : account.get("balances")) {
                Balance balance = new Balance(b.get("asset").asText(), decimal(b, "free"), decimal(b, "locked"));
                if (balance.total().signum() != 0) {
                    balances.add(balance);
                }
            }
            return balances;
        });
    }

    /** Public market data (no key, no signature): {@code GET /api/v3/klines}, one 1m candle, its open. */
    @Override
    public BigDecimal priceAt(String symbol, long time) {
        long minute = Math.floorDiv(time, 60_000L) * 60_000L;
        String what = "price of " + symbol + " at " + java.time.Instant.ofEpochMilli(minute);
        Answer a;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v3/klines?symbol="
                    + symbol(symbol) + "&interval=1m&startTime=" + minute + "&limit=1")).timeout(timeouts.read())
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            a = Answer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new OrderApiException("binance: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("binance: interrupted asking for the " + what, 0, null, e);
        }
        JsonNode rows = ok(a, what);
        return OrderJson.read("binance", what, () -> {
            if (!rows.isArray() || rows.isEmpty() || rows.get(0).get(0).asLong() != minute) {
                throw new IllegalArgumentException("no candle of that minute");
            }
            return DecimalText.parse("open", rows.get(0).get(1).asText());
        });
    }

    private static ExchangeOrder order(JsonNode o) {
        long updated = o.has("updateTime") ? o.get("updateTime").asLong() : o.get("transactTime").asLong();
        return new ExchangeOrder(o.get("symbol").asText(), o.get("clientOrderId").asText(), o.get("orderId").asText(),
                "BUY".equals(o.get("side").asText()) ? Side.BUY : Side.SELL,
                OrderStatus.valueOf(o.get("status").asText()), decimal(o, "origQty"), decimal(o, "executedQty"),
                decimal(o, "cummulativeQuoteQty"), updated);
    }

    private Answer get(String path, Map<String, String> params, String what) {
        try {
            return call("GET", path, params);
        } catch (IOException e) {
            throw new OrderApiException("binance: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("binance: interrupted asking for the " + what, 0, null, e);
        }
    }

    private static JsonNode ok(Answer a, String what) {
        if (a.status() == 200 && a.error().isEmpty() && a.json() != null) {
            return a.json();
        }
        Integer code = a.error().map(Error::code).orElse(null);
        throw new OrderApiException("binance: asking for the " + what + " failed: HTTP " + a.status()
                + a.error().map(e -> " " + e.text()).orElse(a.unreadable() == null ? "" : ", " + a.unreadable()),
                a.status(), code, null);
    }

    /** Signs and sends one request: every parameter, then recvWindow and timestamp, then the signature, in the query. */
    private Answer call(String method, String path, Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        query.append(query.isEmpty() ? "" : "&").append("recvWindow=").append(RECV_WINDOW)
                .append("&timestamp=").append(clock.millis());
        String signature = BinanceSigner.sign(credentials.secret(), query.toString());
        query.append("&signature=").append(signature);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + query))
                .timeout(timeouts.read())
                .header("X-MBX-APIKEY", credentials.apiKey())
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return Answer.of(response.statusCode(), response.body());
    }

    /**
     * An HTTP answer: its status and body read as JSON (null when it is not JSON, an HTML error page say), and
     * when it is not, why ({@code malformed body: Number value length (10000) exceeds the maximum allowed (1000...)}).
     */
    private record Answer(int status, JsonNode json, String unreadable) {

        static Answer of(int status, String body) {
            OrderJson.Body b = OrderJson.body(body);
            return new Answer(status, b.json(), b.unreadable());
        }

        /** The body, or IllegalArgumentException saying why there is none to read. */
        JsonNode readable() {
            return new OrderJson.Body(json, unreadable).readable();
        }

        /** Binance's {"code": -2013, "msg": "Order does not exist."}, if that is what came back. */
        Optional<Error> error() {
            if (json == null || !json.isObject() || !json.has("code") || !json.has("msg")) {
                return Optional.empty();
            }
            return Optional.of(new Error(json.get("code").asInt(), json.get("msg").asText()));
        }
    }

    private record Error(int code, String message) {
        String text() {
            return code + " " + message;
        }
    }
}
