package dev.tradingbatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server answering {@code GET /api/v3/klines} the way Binance does, from generated
 * series: rows with open time in [startTime, endTime] (both inclusive), oldest first, at most
 * {@code limit} (500 by default, 1000 at most); without startTime the newest rows. Every price and
 * volume is a string with 8 decimals, as Binance sends them. An unknown symbol gets Binance's HTTP 400
 * with code -1121.
 * <p>
 * The server's own work stays out of the figures as far as it can: the pages a backfill asks for
 * (1000 candles from each multiple of 1000) are rendered before the clock starts, requests are
 * answered on the server's dispatcher thread (no hand-over to another thread) and with TCP_NODELAY,
 * so no answer waits on Nagle's algorithm and a delayed ACK.
 */
final class LoopbackBinance implements AutoCloseable {

    private static final int MAX_LIMIT = 1000;

    private final HttpServer server;
    private final Map<String, RandomWalk.Series> bySymbol = new HashMap<>();
    /** Rendered pages by symbol and first row / 1000. */
    private final Map<String, byte[][]> pages = new HashMap<>();

    LoopbackBinance(List<RandomWalk.Series> series) throws IOException {
        for (RandomWalk.Series s : series) {
            String symbol = s.market().symbol().replace("/", "");
            bySymbol.put(symbol, s);
            byte[][] rendered = new byte[(s.size() + MAX_LIMIT - 1) / MAX_LIMIT][];
            for (int p = 0; p < rendered.length; p++) {
                rendered[p] = render(s, p * MAX_LIMIT, Math.min(s.size(), (p + 1) * MAX_LIMIT) - 1);
            }
            pages.put(symbol, rendered);
        }
        // read once by the JDK's server when its first instance is created; nothing else here serves HTTP
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v3/klines", this::klines);
        server.setExecutor(null);
        server.start();
    }

    /** The base URL to give {@code trading.exchanges.binance.base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void klines(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> q = query(exchange.getRequestURI());
            RandomWalk.Series s = bySymbol.get(q.getOrDefault("symbol", ""));
            if (s == null || !"1m".equals(q.get("interval"))) {
                send(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int limit = Math.min(MAX_LIMIT, Integer.parseInt(q.getOrDefault("limit", "500")));
            int last = s.size() - 1;
            if (q.containsKey("endTime")) {
                long end = Long.parseLong(q.get("endTime"));
                last = (int) Math.min(last, Math.floorDiv(end - RandomWalk.T0, RandomWalk.STEP));
            }
            int first;
            if (q.containsKey("startTime")) {
                long start = Long.parseLong(q.get("startTime"));
                first = (int) Math.max(0, -Math.floorDiv(RandomWalk.T0 - start, RandomWalk.STEP)); // ceil
                last = Math.min(last, first + limit - 1);
            } else {
                first = Math.max(0, last - limit + 1);
            }
            boolean aligned = first % MAX_LIMIT == 0 && last - first + 1 == Math.min(MAX_LIMIT, s.size() - first);
            send(exchange, 200, aligned ? pages.get(q.get("symbol"))[first / MAX_LIMIT] : render(s, first, last));
        }
    }

    /** Rows first to last (inclusive; none when last < first) as Binance's JSON. */
    private static byte[] render(RandomWalk.Series s, int first, int last) {
        StringBuilder body = new StringBuilder(Math.max(2, (last - first + 1) * 190)).append('[');
        for (int i = first; i <= last; i++) {
            if (i > first) {
                body.append(',');
            }
            row(body, s, i);
        }
        return body.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code [open time,"open","high","low","close","volume",close time,"quote volume",trades,"taker base",
     * "taker quote","0"]}.
     */
    private static void row(StringBuilder b, RandomWalk.Series s, int i) {
        long t = s.time(i);
        b.append('[').append(t).append(',');
        decimal8(b, s.open()[i], s.priceScale()).append(',');
        decimal8(b, s.high()[i], s.priceScale()).append(',');
        decimal8(b, s.low()[i], s.priceScale()).append(',');
        decimal8(b, s.close()[i], s.priceScale()).append(',');
        decimal8(b, s.volume()[i], s.volumeScale()).append(',');
        b.append(t + RandomWalk.STEP - 1).append(",\"518640.12345678\",1204,\"6.10000000\",\"256320.00000000\",\"0\"]");
    }

    private static StringBuilder decimal8(StringBuilder b, long unscaled, int scale) {
        return b.append('"').append(plain8(unscaled, scale)).append('"');
    }

    /** {@code unscaled / 10^scale} with 8 decimals, as Binance writes it: 4200001, 2 gives 42000.01000000. */
    static String plain8(long unscaled, int scale) {
        String digits = Long.toString(unscaled);
        StringBuilder b = new StringBuilder(digits.length() + 10);
        if (digits.length() <= scale) {
            b.append("0.").append("0".repeat(scale - digits.length())).append(digits);
        } else {
            int point = digits.length() - scale;
            b.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return b.append("0".repeat(8 - scale)).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
