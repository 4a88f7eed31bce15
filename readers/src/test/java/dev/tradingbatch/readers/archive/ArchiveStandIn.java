package dev.tradingbatch.readers.archive;

import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Binance's data archive on a WireMock server, in its real format: a zip holding one CSV of klines (the REST
 * API's twelve columns) and beside it {@code <file>.CHECKSUM}, {@code <sha256 hex>  <file name>}. Shared with
 * the jobs module's tests.
 */
public final class ArchiveStandIn {

    /** The header row some newer files start with. */
    public static final String HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
            + "taker_buy_volume,taker_buy_quote_volume,ignore";

    private final Admin server;

    /** On {@code server}: a WireMockServer or a WireMockExtension. */
    public ArchiveStandIn(Admin server) {
        this.server = server;
    }

    /**
     * One CSV row as the archive writes it: times in ms, or in µs ({@code micros}) as spot files do since 2025.
     */
    public static String row(long openMs, long lengthMs, boolean micros, String open, String high, String low,
                             String close, String volume) {
        long unit = micros ? 1000 : 1;
        long closeTime = micros ? (openMs + lengthMs) * 1000 - 1 : openMs + lengthMs - 1;
        return String.join(",", Long.toString(openMs * unit), open, high, low, close, volume,
                Long.toString(closeTime), "123.45600000", "42", "1.00000000", "2.00000000", "0");
    }

    /** Serves {@code file} as a zip of {@code lines} and its correct CHECKSUM. */
    public void serve(ArchiveFile file, List<String> lines) {
        byte[] zip = zip(file, lines);
        serve(file, zip, sha256(zip));
    }

    /** Serves {@code file} as a zip of {@code lines} with a CHECKSUM that states another digest. */
    public void serveWithWrongChecksum(ArchiveFile file, List<String> lines) {
        byte[] zip = zip(file, lines);
        serve(file, zip, sha256("something else".getBytes(StandardCharsets.US_ASCII)));
    }

    private void serve(ArchiveFile file, byte[] zip, String digest) {
        stub(get(urlPathEqualTo("/" + file.path())).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/zip").withBody(zip)));
        stub(get(urlPathEqualTo("/" + file.path() + ".CHECKSUM")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "text/plain").withBody(digest + "  " + file.name() + "\n")));
    }

    private void stub(MappingBuilder mapping) {
        server.addStubMapping(mapping.build());
    }

    /** How many times the zip of {@code file} was downloaded. */
    public int downloads(ArchiveFile file) {
        return (int) server.getServeEvents().getRequests().stream()
                .filter(e -> e.getRequest().getUrl().equals("/" + file.path())).count();
    }

    static byte[] zip(ArchiveFile file, List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(file.name().replace(".zip", ".csv")));
            for (String line : lines) {
                zip.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
