package dev.tradingbatch.jobs.live;

import dev.tradingbatch.model.Side;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The client order id of the order a strategy decides on a candle for a side: the same whichever process or
 * run computes it, so an evaluation run again, or a sender restarted after a crash, names the same order and the
 * exchange can be asked for it. Binance takes 36 characters of letters, digits, - and _, fewer than a strategy id
 * may have: {@code tb-} then 24 hex digits of the SHA-256 of (strategy, candle open time, side), then {@code -b} or
 * {@code -s}.
 */
public final class ClientOrderIds {

    /** What ends the client order id of a {@link #close}. */
    public static final String CLOSE_SUFFIX = "-c";

    private ClientOrderIds() {
    }

    public static String of(String strategyId, long candleOpenTime, Side side) {
        return "tb-" + hash(strategyId + "|" + candleOpenTime + "|" + side.code()) + (side == Side.BUY ? "-b" : "-s");
    }

    /**
     * The client order id of the sell with which {@code halt --close} closes the strategy's position, from the halt's
     * time (UTC epoch ms): {@code tb-} then 24 hex digits of the SHA-256 of (strategy, close, halt time), then {@code -c}.
     */
    public static String close(String strategyId, long haltedAt) {
        return "tb-" + hash(strategyId + "|close|" + haltedAt) + CLOSE_SUFFIX;
    }

    /** Whether the order is one {@code halt --close} made. */
    public static boolean isClose(String clientOrderId) {
        return clientOrderId.endsWith(CLOSE_SUFFIX);
    }

    private static String hash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
