package dev.tradingbatch.readers.orders;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Coinbase Exchange's signature of a request: HMAC-SHA256 of {@code timestamp + METHOD + requestPath + body}
 * (the path with its query string, the body exactly as sent), keyed with the base64-decoded API secret, in
 * base64, sent as the {@code CB-ACCESS-SIGN} header.
 */
final class CoinbaseSigner {

    private CoinbaseSigner() {
    }

    /** IllegalArgumentException, naming nothing of the secret, when the secret is not base64 (so not Coinbase's). */
    static String sign(String secret, String timestamp, String method, String requestPath, String body) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coinbase: the API secret is not base64 (Coinbase gives it so)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((timestamp + method + requestPath + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            // every JDK has HmacSHA256; no message of ours names the secret
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
