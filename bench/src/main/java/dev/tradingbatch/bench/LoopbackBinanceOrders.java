package dev.tradingbatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback stand-in for Binance spot's order endpoints, as the application's order client calls them: {@code POST
 * /api/v3/order} (a market order, by quantity or quote quantity, filled at once at the set price in one trade, the
 * commission of 0.1 % in the asset received), {@code GET /api/v3/order} (by client order id; {@code -2013} when there
 * is none), {@code GET /api/v3/myTrades} and {@code GET /api/v3/account}. Every request must carry the API key and a
 * valid HMAC-SHA256 signature of its query, as Binance checks them. Balances move with the fills.
 * <p>
 * For the live figure it notes, per order, when its request came in and when its answer was written
 * ({@link System#nanoTime()}): its own answer time, which the figure leaves out. Requests are answered on the
 * server's dispatcher thread, with TCP_NODELAY (set by {@link LoopbackBinance}'s server, the first one created).
 */
final class LoopbackBinanceOrders implements AutoCloseable {

    private static final BigDecimal COMMISSION = new BigDecimal("0.001");

    /**
     * One order answered: its client order id, when the query for that id before the send came (0 if none), when the
     * order's request came and when its answer left (nanoTime).
     */
    record Answered(String clientOrderId, String side, long queried, long received, long answered) {
    }

    private final String apiKey;
    private final Mac mac;
    private final String symbol;
    private final String base;
    private final String quote;
    private final HttpServer server;
    private final Map<String, BigDecimal> balances = new HashMap<>();
    private final Map<String, String> ordersByClientId = new LinkedHashMap<>();
    private final Map<Long, String> tradesByOrderId = new HashMap<>();
    private final List<Answered> answered = new ArrayList<>();
    /** When each client order id was first asked for (nanoTime). */
    private final Map<String, Long> queried = new HashMap<>();
    private BigDecimal price = BigDecimal.ONE;
    private long nextId = 1;

    LoopbackBinanceOrders(String apiKey, String secret, String symbol, String base, String quote, String quoteBalance)
            throws IOException, GeneralSecurityException {
        this.apiKey = apiKey;
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.symbol = symbol;
        this.base = base;
        this.quote = quote;
        balances.put(quote, new BigDecimal(quoteBalance));
        balances.put(base, BigDecimal.ZERO);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v3/", this::handle);
        server.setExecutor(null);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The price the next market order fills at. */
    synchronized void price(BigDecimal price) {
        this.price = price;
    }

    /** Every order answered so far, in order. */
    synchronized List<Answered> answered() {
        return List.copyOf(answered);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        String reply;
        int status;
        String clientOrderId = null;
        String side = null;
        synchronized (this) {
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            Map<String, String> p = params(query);
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            int signed = query.lastIndexOf("&signature=");
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
                status = 401;
                reply = error(-2015, "Invalid API-key, IP, or permissions for action.");
            } else if (signed < 0 || !hmac(query.substring(0, signed)).equals(p.get("signature"))) {
                status = 400;
                reply = error(-1022, "Signature for this request is not valid.");
            } else {
                switch (route) {
                    case "POST /api/v3/order" -> {
                        status = 200;
                        reply = order(p);
                        clientOrderId = p.get("newClientOrderId");
                        side = p.get("side");
                    }
                    case "GET /api/v3/order" -> {
                        queried.putIfAbsent(p.get("origClientOrderId"), received);
                        String order = ordersByClientId.get(p.get("origClientOrderId"));
                        status = order == null ? 400 : 200;
                        reply = order == null ? error(-2013, "Order does not exist.") : order;
                    }
                    case "GET /api/v3/myTrades" -> {
                        status = 200;
                        reply = "[" + tradesByOrderId.getOrDefault(Long.parseLong(p.get("orderId")), "") + "]";
                    }
                    case "GET /api/v3/account" -> {
                        status = 200;
                        reply = account();
                    }
                    default -> {
                        status = 404;
                        reply = error(-1000, "not in the stand-in: " + route);
                    }
                }
            }
        }
        byte[] body = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        if (clientOrderId != null) {
            long sent = System.nanoTime();
            synchronized (this) {
                answered.add(new Answered(clientOrderId, side, queried.getOrDefault(clientOrderId, 0L), received,
                        sent));
            }
        }
    }

    /** A market order filled at once in one trade; its RESULT answer. */
    private String order(Map<String, String> p) {
        boolean buy = "BUY".equals(p.get("side"));
        BigDecimal qty = p.containsKey("quoteOrderQty")
                ? new BigDecimal(p.get("quoteOrderQty")).divide(price, 5, RoundingMode.DOWN)
                : new BigDecimal(p.get("quantity"));
        BigDecimal quoteQty = qty.multiply(price);
        BigDecimal commission = (buy ? qty : quoteQty).multiply(COMMISSION).setScale(8, RoundingMode.HALF_UP);
        if (buy) {
            balances.merge(quote, quoteQty.negate(), BigDecimal::add);
            balances.merge(base, qty.subtract(commission), BigDecimal::add);
        } else {
            balances.merge(base, qty.negate(), BigDecimal::add);
            balances.merge(quote, quoteQty.subtract(commission), BigDecimal::add);
        }
        long orderId = nextId++;
        long time = System.currentTimeMillis();
        String json = "{\"symbol\":\"%s\",\"orderId\":%d,\"orderListId\":-1,\"clientOrderId\":\"%s\",\"transactTime\":%d,"
                .formatted(symbol, orderId, p.get("newClientOrderId"), time)
                + "\"price\":\"0.00000000\",\"origQty\":\"%s\",\"executedQty\":\"%s\",\"cummulativeQuoteQty\":\"%s\","
                .formatted(d(qty), d(qty), d(quoteQty))
                + "\"status\":\"FILLED\",\"timeInForce\":\"GTC\",\"type\":\"MARKET\",\"side\":\"%s\",\"updateTime\":%d}"
                .formatted(p.get("side"), time);
        ordersByClientId.put(p.get("newClientOrderId"), json);
        tradesByOrderId.put(orderId, ("{\"symbol\":\"%s\",\"id\":%d,\"orderId\":%d,\"orderListId\":-1,\"price\":\"%s\","
                + "\"qty\":\"%s\",\"quoteQty\":\"%s\",\"commission\":\"%s\",\"commissionAsset\":\"%s\",\"time\":%d,"
                + "\"isBuyer\":%s,\"isMaker\":false,\"isBestMatch\":true}").formatted(symbol, orderId, orderId, d(price),
                d(qty), d(quoteQty), d(commission), buy ? base : quote, time, buy));
        return json;
    }

    private String account() {
        StringBuilder b = new StringBuilder("{\"canTrade\":true,\"accountType\":\"SPOT\",\"balances\":[");
        balances.forEach((asset, free) -> b.append(b.charAt(b.length() - 1) == '[' ? "" : ",")
                .append("{\"asset\":\"%s\",\"free\":\"%s\",\"locked\":\"0.00000000\"}".formatted(asset, d(free))));
        return b.append("],\"permissions\":[\"SPOT\"]}").toString();
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String error(int code, String msg) {
        return "{\"code\":%d,\"msg\":\"%s\"}".formatted(code, msg);
    }

    /** Binance's 8 decimals. */
    private static String d(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> p = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                p.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
