package dev.tradingbatch.readers.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingbatch.model.DecimalText;
import dev.tradingbatch.model.Side;
import dev.tradingbatch.readers.exchange.HttpTimeouts;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.tradingbatch.readers.orders.OrderJson.decimal;
import static dev.tradingbatch.readers.orders.OrderJson.text;

/**
 * Kraken spot orders through its signed REST API: every private request is a form POST to {@code /0/private/<Method>}
 * carrying an increasing {@code nonce}, with the headers {@code API-Key} and {@code API-Sign} (see
 * {@link KrakenSigner}). Kraken answers HTTP 200 with {@code {"error":["EOrder:Insufficient funds"],"result":{}}}
 * for what it refuses, so the error list is read, not only the status.
 * <p>
 * Our client order id travels as Kraken's {@code cl_ord_id}, as a UUID derived from it ({@link #clOrdId}), the same
 * at every attempt: {@link #find} asks OpenOrders, then ClosedOrders, filtered by it ({@code userref}, a 32-bit
 * number, could not carry our ids without collisions). A buy for a quote amount is a market order with
 * {@code oflags=viqc} (volume in quote currency); every order asks {@code fciq}, the fee in the quote currency.
 * Kraken's trade ids are text ("TCWJEG-FL4SZ-3FKGH6"), kept as sent in {@link ExchangeFill#tradeId}; before V18 the
 * ledger stored a number derived from them ({@link #tradeNumber}), which {@link #formerTradeId} names so a fill stored
 * then is known again.
 */
public final class KrakenSpotOrders implements SpotOrders {

    /** Trade ids per QueryTrades request at most (Kraken's limit). */
    static final int TRADES_PER_QUERY = 20;


    /** Kraken's legacy asset codes and the names used everywhere else; other codes are the asset's own name. */
    private static final Map<String, String> ASSETS = Map.ofEntries(
            Map.entry("XXBT", "BTC"), Map.entry("XBT", "BTC"), Map.entry("XXDG", "DOGE"), Map.entry("XDG", "DOGE"),
            Map.entry("XETH", "ETH"), Map.entry("XLTC", "LTC"), Map.entry("XXRP", "XRP"), Map.entry("XXLM", "XLM"),
            Map.entry("XETC", "ETC"), Map.entry("XXMR", "XMR"), Map.entry("XZEC", "ZEC"), Map.entry("XMLN", "MLN"),
            Map.entry("XREP", "REP"), Map.entry("ZUSD", "USD"), Map.entry("ZEUR", "EUR"), Map.entry("ZGBP", "GBP"),
            Map.entry("ZCAD", "CAD"), Map.entry("ZJPY", "JPY"), Map.entry("ZAUD", "AUD"));

    /** The pair codes of the assets whose Kraken name differs (as its public endpoints accept them). */
    private static final Map<String, String> PAIR_CODES = Map.of("BTC", "XBT", "DOGE", "XDG");

    private final String baseUrl;
    private final ApiCredentials credentials;
    private final Clock clock;
    private final HttpTimeouts timeouts;
    private final HttpClient http;
    private long lastNonce;

    /** IllegalArgumentException, naming nothing of it, when the secret is not base64: told before any request. */
    public KrakenSpotOrders(String baseUrl, ApiCredentials credentials, Clock clock, HttpTimeouts timeouts) {
        KrakenSigner.sign(credentials.secret(), "/", "0", "");   // throws for a secret that is not base64
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
    }

    /** BTC/USD as Kraken's REST endpoints name it: XBTUSD. */
    static String pair(String baseQuote) {
        String[] parts = baseQuote.toUpperCase(Locale.ROOT).split("/");
        return PAIR_CODES.getOrDefault(parts[0], parts[0]) + PAIR_CODES.getOrDefault(parts[1], parts[1]);
    }

    /** Kraken's asset code (XXBT, ZUSD, XBT.F stays as it is) as the asset's usual name (BTC, USD). */
    static String asset(String code) {
        return ASSETS.getOrDefault(code, code);
    }

    /** Kraken's cl_ord_id (a UUID) for our client order id: a name-based UUID, the same for the same id. */
    public static String clOrdId(String clientOrderId) {
        return UUID.nameUUIDFromBytes(("trading-batch:" + clientOrderId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The number that stood for a Kraken trade id in {@code live_fills} before V18 (when trade ids were numbers): the
     * first 63 bits of its SHA-256, the same for the same id in every process. It cannot be turned back into the id.
     */
    public static long tradeNumber(String tradeId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(tradeId.getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (h[i] & 0xff);
            }
            return n & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A fill stored before V18 holds the decimal text of its id's {@link #tradeNumber}. */
    @Override
    public Optional<String> formerTradeId(String tradeId) {
        return Optional.of(Long.toString(tradeNumber(tradeId)));
    }

    @Override
    public SendOutcome send(MarketOrder order) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ordertype", "market");
        form.put("type", order.side() == Side.BUY ? "buy" : "sell");
        form.put("pair", pair(order.symbol()));
        if (order.quantity() != null) {
            form.put("volume", order.quantity().toPlainString());
            form.put("oflags", "fciq");
        } else {
            form.put("volume", order.quoteQuantity().toPlainString());
            form.put("oflags", "fciq,viqc");
        }
        form.put("cl_ord_id", clOrdId(order.clientOrderId()));
        Answer a;
        try {
            a = call("AddOrder", form);
        } catch (IOException e) {
            return new SendOutcome.Unknown("no answer to the order (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unknown("interrupted while waiting for the answer to the order");
        }
        if (a.status() >= 500 || a.status() == 200 && a.json() == null) {
            return new SendOutcome.Unknown("HTTP " + a.status() + a.error().map(m -> " " + m).orElse(""));
        }
        Optional<String> error = a.error();
        if (error.isPresent()) {
            String e = error.get();
            if (e.startsWith("EService:")) {   // Unavailable, Busy, Deadline elapsed: the order may have been taken
                return new SendOutcome.Unknown(e);
            }
            boolean forNow = e.contains("Rate limit") || e.startsWith("EGeneral:Temporary lockout")
                    || e.equals("EAPI:Invalid nonce");
            return new SendOutcome.Rejected(a.status(), e, forNow);
        }
        if (a.status() != 200) {
            return new SendOutcome.Rejected(a.status(), "HTTP " + a.status(), a.status() == 429);
        }
        String txid;
        try {
            txid = a.result().get("txid").get(0).asText();
        } catch (RuntimeException e) {
            return new SendOutcome.Unknown("an answer to the order that cannot be read (no txid)");
        }
        try {
            return new SendOutcome.Accepted(query(txid, order.symbol(), order.clientOrderId()));
        } catch (OrderApiException e) {
            // taken, its state not yet known: working, as far as we know; asking again tells the rest
            return new SendOutcome.Accepted(new ExchangeOrder(order.symbol(), order.clientOrderId(), txid,
                    order.side(), OrderStatus.NEW, order.quantity() != null ? order.quantity() : BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, clock.millis()));
        }
    }

    /** OpenOrders, then ClosedOrders, with {@code cl_ord_id}: asked in that order so an order closing between is seen. */
    @Override
    public Optional<ExchangeOrder> find(String symbol, String clientOrderId) {
        String what = "order " + clientOrderId;
        Map<String, String> form = Map.of("cl_ord_id", clOrdId(clientOrderId));
        for (String[] ask : new String[][] {{"OpenOrders", "open"}, {"ClosedOrders", "closed"}}) {
            JsonNode result = ok(post(ask[0], form, what), what);
            // an answer without its list says nothing about the order: never read as "none"
            JsonNode orders = OrderJson.read("kraken", what, () -> {
                if (!result.path(ask[1]).isObject()) {
                    throw new IllegalArgumentException("no " + ask[1] + " orders listed");
                }
                return result.get(ask[1]);
            });
            Iterator<Map.Entry<String, JsonNode>> it = orders.fields();
            if (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                return Optional.of(OrderJson.read("kraken", what,
                        () -> order(e.getValue(), e.getKey(), symbol, clientOrderId)));
            }
        }
        return Optional.empty();
    }

    /** QueryOrders with {@code trades=true} for the order's trade ids, then QueryTrades for them, 20 at a time. */
    @Override
    public List<ExchangeFill> fills(String symbol, String orderId) {
        String what = "fills of order " + orderId;
        JsonNode order = ok(post("QueryOrders", Map.of("txid", orderId, "trades", "true"), what), what).path(orderId);
        if (order.isMissingNode()) {
            throw new OrderApiException("kraken: the answer for the " + what + " cannot be read: no such order", 200,
                    null, null);
        }
        List<String> ids = new ArrayList<>();
        order.path("trades").forEach(t -> ids.add(t.asText()));
        String quote = symbol.substring(symbol.indexOf('/') + 1).toUpperCase(Locale.ROOT);
        List<ExchangeFill> fills = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += TRADES_PER_QUERY) {
            List<String> some = ids.subList(i, Math.min(ids.size(), i + TRADES_PER_QUERY));
            JsonNode trades = ok(post("QueryTrades", Map.of("txid", String.join(",", some)), what), what);
            OrderJson.read("kraken", what, () -> {
                for (String id : some) {
                    JsonNode t = trades.get(id);
                    if (t == null) {
                        throw new IllegalArgumentException("no trade " + id);
                    }
                    fills.add(new ExchangeFill(id, text(t, "ordertxid"), decimal(t, "price"),
                            decimal(t, "vol"), decimal(t, "cost"), decimal(t, "fee"), quote, millis(t, "time")));
                }
                return null;
            });
        }
        fills.sort(Comparator.comparingLong(ExchangeFill::time));
        return fills;
    }

    /** BalanceEx: per asset its balance and {@code hold_trade}, what open orders hold of it. */
    @Override
    public List<Balance> balances() {
        JsonNode result = ok(post("BalanceEx", Map.of(), "balances"), "balances");
        return OrderJson.read("kraken", "balances", () -> {
            List<Balance> balances = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                BigDecimal total = decimal(e.getValue(), "balance");
                BigDecimal held = e.getValue().hasNonNull("hold_trade") ? decimal(e.getValue(), "hold_trade")
                        : BigDecimal.ZERO;
                if (total.signum() != 0) {
                    balances.add(new Balance(asset(e.getKey()), total.subtract(held), held));
                }
            }
            return balances;
        });
    }

    /**
     * Public market data (no key, no signature): {@code GET /0/public/OHLC?pair=XBTUSD&interval=1&since=...}, the
     * one-minute candle of that minute, its open. Kraken keeps the 720 most recent: an older minute is not answered.
     */
    @Override
    public BigDecimal priceAt(String symbol, long time) {
        long minute = Math.floorDiv(time, 60_000L) * 60_000L;
        String what = "price of " + symbol + " at " + java.time.Instant.ofEpochMilli(minute);
        Answer a;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/0/public/OHLC?pair=" + pair(symbol)
                    + "&interval=1&since=" + (minute / 1000 - 60))).timeout(timeouts.read()).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            a = Answer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new OrderApiException("kraken: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("kraken: interrupted asking for the " + what, 0, null, e);
        }
        JsonNode result = ok(a, what);
        return OrderJson.read("kraken", what, () -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("last")) {
                    continue;
                }
                for (JsonNode row : e.getValue()) {   // [time (s), open, high, low, close, vwap, volume, count]
                    if (row.isArray() && row.size() >= 5 && row.get(0).asLong() * 1000L == minute) {
                        return DecimalText.parse("open", row.get(1).asText());
                    }
                }
            }
            throw new IllegalArgumentException("no candle of that minute");
        });
    }

    private ExchangeOrder query(String txid, String symbol, String clientOrderId) {
        String what = "order " + clientOrderId;
        JsonNode o = ok(post("QueryOrders", Map.of("txid", txid), what), what).path(txid);
        if (o.isMissingNode()) {
            throw new OrderApiException("kraken: the " + what + " is not listed yet", 200, null, null);
        }
        return OrderJson.read("kraken", what, () -> order(o, txid, symbol, clientOrderId));
    }

    /**
     * An order as Kraken writes it. pending and open are working (NEW, or PARTIALLY_FILLED once something filled);
     * closed is FILLED, canceled CANCELED (with what filled before), expired EXPIRED. A buy for a quote amount
     * ({@code viqc}) has its volume in the quote currency: its base quantity is what filled.
     */
    private static ExchangeOrder order(JsonNode o, String txid, String symbol, String clientOrderId) {
        BigDecimal filled = decimal(o, "vol_exec");
        String status = text(o, "status");
        OrderStatus mapped = switch (status) {
            case "pending", "open" -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "closed" -> OrderStatus.FILLED;
            case "canceled" -> OrderStatus.CANCELED;
            case "expired" -> OrderStatus.EXPIRED;
            default -> throw new IllegalArgumentException("unknown status " + status);
        };
        String side = text(o.path("descr"), "type");
        boolean inQuote = o.path("oflags").asText("").contains("viqc");
        long updated = o.hasNonNull("closetm") && o.get("closetm").asDouble() > 0 ? millis(o, "closetm")
                : millis(o, "opentm");
        return new ExchangeOrder(symbol, clientOrderId, txid, "buy".equals(side) ? Side.BUY : Side.SELL, mapped,
                inQuote ? filled : decimal(o, "vol"), filled, decimal(o, "cost"), updated);
    }

    /** Kraken's time in seconds with decimals (1688667796.8802) as epoch ms UTC, below a millisecond dropped. */
    private static long millis(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() && !v.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        try {
            return new BigDecimal(v.asText()).movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(field + " is not a time in seconds");
        }
    }

    private Answer post(String method, Map<String, String> form, String what) {
        try {
            return call(method, form);
        } catch (IOException e) {
            throw new OrderApiException("kraken: no answer asking for the " + what + " ("
                    + e.getClass().getSimpleName() + ")", 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException("kraken: interrupted asking for the " + what, 0, null, e);
        }
    }

    /** The result of an answer without errors; otherwise OrderApiException naming Kraken's error, never a key. */
    private static JsonNode ok(Answer a, String what) {
        Optional<String> error = a.error();
        if (a.status() == 200 && a.json() != null && error.isEmpty() && a.json().has("result")) {
            return a.result();
        }
        throw new OrderApiException("kraken: asking for the " + what + " failed: HTTP " + a.status()
                + error.map(m -> " " + m).orElse(a.unreadable() == null ? "" : ", " + a.unreadable()),
                a.status(), null, null);
    }

    /** A nonce above every one this client sent: epoch ms, or one more than the last when the clock has not moved. */
    private synchronized String nonce() {
        lastNonce = Math.max(clock.millis(), lastNonce + 1);
        return Long.toString(lastNonce);
    }

    /** Signs and sends one private request: the nonce first, then the fields, form-encoded, signed as sent. */
    private Answer call(String method, Map<String, String> fields) throws IOException, InterruptedException {
        String path = "/0/private/" + method;
        String nonce = nonce();
        StringBuilder body = new StringBuilder("nonce=").append(nonce);
        fields.forEach((k, v) -> body.append('&').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeouts.read())
                .header("API-Key", credentials.apiKey())
                .header("API-Sign", KrakenSigner.sign(credentials.secret(), path, nonce, body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return Answer.of(response.statusCode(), response.body());
    }

    /** An HTTP answer: its status and body read as JSON (null when it is not JSON, an HTML error page, and then why). */
    private record Answer(int status, JsonNode json, String unreadable) {

        static Answer of(int status, String body) {
            OrderJson.Body b = OrderJson.body(body);
            return new Answer(status, b.json(), b.unreadable());
        }

        JsonNode result() {
            return json.path("result");
        }

        /** Kraken's errors ("EOrder:Insufficient funds"), joined, if it sent any. */
        Optional<String> error() {
            if (json == null || !json.path("error").isArray() || json.get("error").isEmpty()) {
                return Optional.empty();
            }
            List<String> errors = new ArrayList<>();
            json.get("error").forEach(e -> errors.add(e.asText()));
            return Optional.of(String.join("; ", errors));
        }
    }
}
