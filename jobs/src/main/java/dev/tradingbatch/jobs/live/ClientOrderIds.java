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

    private ClientOrderIds() {
    }

    public static String of(String strategyId, long candleOpenTime, Side side) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((strategyId + "|" + candleOpenTime + "|"
                    + side.code()).getBytes(StandardCharsets.UTF_8));
            return "tb-" + HexFormat.of().formatHex(hash, 0, 12) + (side == Side.BUY ? "-b" : "-s");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
