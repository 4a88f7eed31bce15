package dev.tradingbatch.readers.orders;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Kraken's signature of a private request: HMAC-SHA512 of the URI path ({@code /0/private/AddOrder}) followed by the
 * SHA-256 digest of {@code nonce + POST body} (the form body exactly as sent), keyed with the base64-decoded API
 * secret, in base64, sent as the {@code API-Sign} header.
 */
final class KrakenSigner {

    private KrakenSigner() {
    }

    /** IllegalArgumentException, naming nothing of the secret, when the secret is not base64 (so not Kraken's). */
    static String sign(String secret, String uriPath, String nonce, String body) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kraken: the API secret is not base64 (Kraken gives it so)");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((nonce + body).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            mac.update(uriPath.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(digest));
        } catch (GeneralSecurityException e) {
            // every JDK has SHA-256 and HmacSHA512; no message of ours names the secret
            throw new IllegalStateException("SHA-256 or HmacSHA512 unavailable", e);
        }
    }
}
