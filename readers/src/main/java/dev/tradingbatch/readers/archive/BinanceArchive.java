package dev.tradingbatch.readers.archive;

import dev.tradingbatch.readers.ExchangeException;
import dev.tradingbatch.readers.ExchangeFailure;
import dev.tradingbatch.readers.exchange.HttpTimeouts;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance's public data archive ({@code https://data.binance.vision}): downloads one {@link ArchiveFile} and its
 * {@code .CHECKSUM} ({@code <sha256 hex>  <file name>}), verifies the SHA-256 and hands back the file's klines.
 * The zip goes to a temporary file while its digest is computed, so memory stays bounded whatever its size, and
 * no candle of a file is read before the whole file is known to be the one the archive published.
 */
public final class BinanceArchive {

    /** Where the archive is unless {@code trading.exchanges.binance.archive-url} says otherwise. */
    public static final String DEFAULT_URL = "https://data.binance.vision";

    private static final Pattern CHECKSUM = Pattern.compile("\\s*([0-9a-fA-F]{64})\\s+\\*?(\\S+)\\s*");
    private static final int NOT_FOUND = 404;

    private final String baseUrl;
    private final HttpClient http;
    private final HttpTimeouts timeouts;

    public BinanceArchive(String baseUrl, HttpTimeouts timeouts) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The file's klines, once its checksum is verified; empty when the archive does not have the file (yet): a
     * 404 for the file or its CHECKSUM. An {@link ArchiveChecksumException} when the digest differs.
     */
    public Optional<ArchiveRows> open(ArchiveFile file) {
        Optional<String> checksum = get(file, file.path() + ".CHECKSUM", HttpResponse.BodyHandlers.ofString())
                .map(body -> expected(file, body));
        if (checksum.isEmpty()) {
            return Optional.empty();
        }
        Path zip;
        try {
            zip = Files.createTempFile("binance-archive-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Optional<Path> downloaded = get(file, file.path(), HttpResponse.BodyHandlers.ofFile(zip));
            if (downloaded.isEmpty()) {
                delete(zip);
                return Optional.empty();
            }
            String actual = sha256(zip);
            if (!actual.equalsIgnoreCase(checksum.get())) {
                throw new ArchiveChecksumException("binance archive " + file.name() + ": SHA-256 " + actual
                        + " is not the " + checksum.get() + " its CHECKSUM states; nothing stored from it");
            }
            return Optional.of(new ArchiveRows(file, zip));
        } catch (RuntimeException e) {
            delete(zip);
            throw e;
        }
    }

    /** The SHA-256 a CHECKSUM file states for {@code file}. */
    private static String expected(ArchiveFile file, String body) {
        Matcher m = CHECKSUM.matcher(body);
        if (!m.matches() || !m.group(2).equals(file.name())) {
            throw new ExchangeException("binance archive " + file.name() + ".CHECKSUM is not '<sha256>  "
                    + file.name() + "': '" + body.strip() + "'", null);
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    /** The body, or empty for a 404; any other answer but 200 fails (a 5xx or a network failure as temporary). */
    private <T> Optional<T> get(ArchiveFile file, String path, HttpResponse.BodyHandler<T> body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeouts.read()).GET().build();
        HttpResponse<T> response;
        try {
            response = http.send(request, body);
        } catch (IOException e) {
            throw new ExchangeException("binance archive GET " + path + ": " + e, e, ExchangeFailure.temporary());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException("binance archive GET " + path + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == NOT_FOUND) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new ExchangeException("binance archive GET " + path + " (" + file.name() + "): HTTP " + status, null,
                    status >= 500 || status == 429 ? ExchangeFailure.temporary() : ExchangeFailure.permanent());
        }
        return Optional.of(response.body());
    }

    private static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is no failure of the backfill
        }
    }
}
