package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static dev.tradingbatch.readers.orders.OrderJson.decimal;
import static dev.tradingbatch.readers.orders.OrderJson.integerId;
import static dev.tradingbatch.readers.orders.OrderJson.text;

/**
 * Coinbase Exchange spot orders through its signed REST API: every private request carries {@code CB-ACCESS-KEY},
 * {@code CB-ACCESS-PASSPHRASE}, {@code CB-ACCESS-TIMESTAMP} (epoch seconds) and {@code CB-ACCESS-SIGN} (see
 * {@link CoinbaseSigner}). Coinbase's order ids are UUIDs, and so must be its {@code client_oid}: ours is derived
 * from our client order id ({@link #clientOid}), the same at every attempt, so that an order whose send had no
 * answer can be asked for after a restart. Fees are charged in the quote currency. Decimals are read from the
 * JSON text, exactly.
 */
public final class CoinbaseSpotOrders implements SpotOrders {

    /** Rows per page of {@code /fills} (Coinbase's default and our ask; older ones follow {@code CB-AFTER}). */
    static final int FILLS_PAGE = 100;

    /** Pages of fills followed at most for one order: a cursor that never ends is an answer that cannot be read. */
    private static final int MAX_FILL_PAGES = 1000;


    private final String baseUrl;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final HttpTimeouts timeouts;
    private final HttpClient http;

    /**
     * IllegalArgumentException when the credentials have no passphrase (Coinbase refuses every request without) or
     * a secret that is not base64 (no secret Coinbase gives): told before any request, naming neither.
     */
    public CoinbaseSpotOrders(String baseUrl, ApiCredentials credentials, Clock clock, HttpTimeouts timeouts) {
        if (credentials.passphrase().isEmpty()) {
            throw new IllegalArgumentException("coinbase: an account needs the passphrase given with its API key");
        }
        CoinbaseSigner.sign(credentials.secret(), "0", "GET", "/", "");   // throws for a secret that is not base64
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
    }

    /** BTC/USD as Coinbase names it: BTC-USD. */
    static String product(String baseQuote) {
        return baseQuote.replace("/", "-").toUpperCase(Locale.ROOT);
    }

    /** Coinbase's client_oid (a UUID) for our client order id: a name-based UUID, the same for the same id. */
    public static String clientOid(String clientOrderId) {
        return UUID.nameUUIDFromBytes(("trading-batch:" + clientOrderId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public SendOutcome send(MarketOrder order) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", "market")
                .put("side", order.side() == Side.BUY ? "buy" : "sell").put("product_id", product(order.symbol()));
        if (order.quantity() != null) {
            body.put("size", order.quantity().toPlainString());
        } else {
            body.put("funds", order.quoteQuantity().toPlainString());
        }
        body.put("client_oid", clientOid(order.clientOrderId()));
        Answer a;
        try {
            a = call("POST", "/orders", body.toString());
        } catch (IOException e) {
            return new SendOutcome.Unknown("no answer to the order (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unknown("interrupted while waiting for the answer to the order");
        }
        if (a.status() >= 500) {
            return new SendOutcome.Unknown("HTTP " + a.status() + a.message().map(m -> " " + m).orElse(""));
        }
        if (a.status() == 200) {
            try {
                return new SendOutcome.Accepted(order(a.readable(), order.symbol(), order.clientOrderId()));
            } catch (RuntimeException e) {
                return new SendOutcome.Unknown("an answer to the order that cannot be read (" + e.getMessage() + ")");
            }
        }
        String message = a.message().orElse("HTTP " + a.status());
        // a rate limit, or the clock more than 30 s off Coinbase's ("request timestamp expired"), may pass
        boolean forNow = a.status() == 429 || message.toLowerCase(Locale.ROOT).contains("timestamp");
        return new SendOutcome.Rejected(a.status(), message, forNow);
    }

    /** Coinbase purges an order canceled with nothing filled: its {@code GET /orders/client:} then answers 404. */
    @Override
    public boolean forgetsUnfilledOrders() {
        return true;
    }

    /** {@code GET /orders/client:<client_oid>}; 404 is Coinbase's "no such order" (also a canceled one with no fills). */
    @Override
    public Optional<ExchangeOrder> find(String symbol, String clientOrderId) {
        String what = "order " + clientOrderId;
        Answer a = get("/orders/client:" + clientOid(clientOrderId), what);
        if (a.status() == 404) {
            return Optional.empty();
        }
        JsonNode o = ok(a, what);
        return Optional.of(OrderJson.read("coinbase", what, () -> order(o, symbol, clientOrderId)));
    }

    /** {@code GET /fills}, newest first and paged: older pages follow the {@code CB-AFTER} cursor while there is one. */
    @Override
    public List<ExchangeFill> fills(String symbol, String orderId) {
        String what = "fills of order " + orderId;
        String query = "/fills?order_id=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "&product_id="
                + product(symbol) + "&limit=" + FILLS_PAGE;
        String quote = symbol.substring(symbol.indexOf('/') + 1).toUpperCase(Locale.ROOT);
        List<ExchangeFill> fills = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_FILL_PAGES; page++) {
            Answer a = get(after == null ? query : query + "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8),
                    what);
            JsonNode rows = ok(a, what);
            OrderJson.read("coinbase", what, () -> {
                if (!rows.isArray()) {
                    throw new IllegalArgumentException("not a list of fills");
                }
                for (JsonNode f : rows) {
                    BigDecimal price = decimal(f, "price");
                    BigDecimal size = decimal(f, "size");
                    fills.add(new ExchangeFill(integerId(f, "trade_id"), text(f, "order_id"), price, size,
                            price.multiply(size), decimal(f, "fee"), quote, millis(f, "created_at")));
                }
                return null;
            });
            if (a.after() == null || rows.isEmpty()) {
                // oldest first: Coinbase's trade ids are numbers that grow, compared as numbers, not as text
                fills.sort(Comparator.comparing(f -> new BigInteger(f.tradeId())));
                return fills;
            }
            after = a.after();
        }
        throw new OrderApiException("coinbase: the answer for the " + what + " cannot be read: more than "
                + MAX_FILL_PAGES + " pages", 200, null, null);
    }

    /** {@code GET /accounts}: per currency its balance, what is on hold in open orders and what is available. */
    @Override
    public List<Balance> balances() {
        JsonNode accounts = ok(get("/accounts", "accounts"), "accounts");
        return OrderJson.read("coinbase", "accounts", () -> {
            List<Balance> balances = new ArrayList<>();
            for (JsonNode b : accounts) {
                Balance balance = new Balance(text(b, "currency"), decimal(b, "available"), decimal(b, "hold"));
                if (balance.total().signum() != 0) {
                    balances.add(balance);
                }
            }
            return balances;
        });
    }

    /**
     * Public market data (no key, no signature): {@code GET /products/BTC-USD/candles?granularity=60}, the one-minute
     * candle of that minute, its open. Coinbase has no candle for a minute without trades: then it is not answered.
     */
    @Override
    public BigDecimal priceAt(String symbol, long time) {
        long minute = Math.floorDiv(time, 60_000L) * 60_000L;
        String iso = Instant.ofEpochMilli(minute).toString();
        String what = "price of " + symbol + " at " + iso;
        Answer a;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/products/" + product(symbol)
                    + "/candles?granularity=60&start=" + iso + "&end=" + iso)).timeout(timeouts.read()).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            a = Answer.of(response.statusCode(), response.body(), null);
        } catch (IOException e) {
            throw new OrderApiException("coinbase: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("coinbase: interrupted asking for the " + what, 0, null, e);
        }
        JsonNode rows = ok(a, what);
        return OrderJson.read("coinbase", what, () -> {
            for (JsonNode row : rows) {   // [time (s), low, high, open, close, volume]
                if (row.isArray() && row.size() >= 6 && row.get(0).asLong() * 1000L == minute) {
                    return DecimalText.parse("open", row.get(3).asText());
                }
            }
            throw new IllegalArgumentException("no candle of that minute");
        });
    }

    /**
     * An order as Coinbase writes it. pending, open and active are working (NEW, or PARTIALLY_FILLED once something
     * filled); done is FILLED, CANCELED or, for any other done_reason, EXPIRED; rejected is REJECTED. A buy for funds
     * has no size: its quantity is what filled.
     */
    private static ExchangeOrder order(JsonNode o, String symbol, String clientOrderId) {
        BigDecimal filled = decimal(o, "filled_size");
        String status = text(o, "status");
        String reason = o.path("done_reason").asText("");
        OrderStatus mapped = switch (status) {
            case "pending", "open", "active", "received" ->
                    filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "done", "settled" -> switch (reason) {
                case "filled" -> OrderStatus.FILLED;
                case "canceled" -> OrderStatus.CANCELED;
                default -> OrderStatus.EXPIRED;
            };
            case "rejected" -> OrderStatus.REJECTED;
            default -> throw new IllegalArgumentException("unknown status " + status);
        };
        String side = text(o, "side");
        long updated = o.hasNonNull("done_at") ? millis(o, "done_at") : millis(o, "created_at");
        return new ExchangeOrder(symbol, clientOrderId, text(o, "id"), "buy".equals(side) ? Side.BUY : Side.SELL,
                mapped, o.hasNonNull("size") ? decimal(o, "size") : filled, filled, decimal(o, "executed_value"),
                updated);
    }

    /** An ISO-8601 time ("2020-03-11T20:48:46.622Z") as epoch ms UTC. */
    private static long millis(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field)).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 time");
        }
    }

    private Answer get(String requestPath, String what) {
        try {
            return call("GET", requestPath, "");
        } catch (IOException e) {
            throw new OrderApiException("coinbase: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("coinbase: interrupted asking for the " + what, 0, null, e);
        }
    }

    private static JsonNode ok(Answer a, String what) {
        if (a.status() == 200 && a.json() != null) {
            return a.json();
        }
        throw new OrderApiException("coinbase: asking for the " + what + " failed: HTTP " + a.status()
                + a.message().map(m -> " " + m).orElse(a.unreadable() == null ? "" : ", " + a.unreadable()),
                a.status(), null, null);
    }

    /** Signs and sends one request: the path with its query and the body are signed exactly as sent. */
    private Answer call(String method, String requestPath, String body) throws IOException, InterruptedException {
        String timestamp = Long.toString(Math.floorDiv(clock.millis(), 1000L));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + requestPath))
                .timeout(timeouts.read())
                .header("CB-ACCESS-KEY", credentials.apiKey())
                .header("CB-ACCESS-SIGN", CoinbaseSigner.sign(credentials.secret(), timestamp, method, requestPath, body))
                .header("CB-ACCESS-TIMESTAMP", timestamp)
                .header("CB-ACCESS-PASSPHRASE", credentials.passphrase().orElseThrow())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return Answer.of(response.statusCode(), response.body(), response.headers().firstValue("CB-AFTER").orElse(null));
    }

    /**
     * An HTTP answer: its status, body read as JSON (null when it is not JSON, an HTML error page say, and then why),
     * and the {@code CB-AFTER} cursor to the next, older page, if any.
     */
    private record Answer(int status, JsonNode json, String unreadable, String after) {

        static Answer of(int status, String body, String after) {
            OrderJson.Body b = OrderJson.body(body);
            return new Answer(status, b.json(), b.unreadable(), after);
        }

        JsonNode readable() {
            return new OrderJson.Body(json, unreadable).readable();
        }

        /** Coinbase's {"message": "Insufficient funds"}, if that is what came back. */
        Optional<String> message() {
            if (json == null || !json.isObject() || !json.hasNonNull("message")) {
                return Optional.empty();
            }
            return Optional.of(json.get("message").asText());
        }
    }
}
