package dev.tradingbatch.readers.orders;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Binance's signature of a SIGNED request: HMAC-SHA256 of its parameters exactly as sent (the query string,
 * then the body), keyed with the API secret, in lower case hex, sent as the last parameter {@code signature}.
 */
final class BinanceSigner {

    private BinanceSigner() {
    }

    static String sign(String secret, String totalParams) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // every JDK has HmacSHA256; no message of ours names the secret
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
