package dev.tradingbatch.jobs.samples;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled samples are real market data: this test derives them again from the data files in
 * the {@code org.ta4j:ta4j-examples:0.18} artifact and checks the committed files are exactly that.
 * Run {@link #main} to write them.
 */
class SampleDataTest {

    static final Path SAMPLES = Path.of("..", "samples");
    static final String BTC = "bitstamp-BTC-USD-5m.csv";
    static final String ETH = "binanceus-ETH-USD-5m.csv";
    private static final long FIVE_MINUTES = 300_000L;

    @Test
    void shouldBeTheRealDataTheyAreDerivedFrom() throws IOException {
        assertThat(Files.readString(SAMPLES.resolve(BTC))).isEqualTo(bitstampBtcCandles());
        assertThat(Files.readString(SAMPLES.resolve(ETH))).isEqualTo(binanceUsEthCandles());
    }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(SAMPLES);
        Files.writeString(SAMPLES.resolve(BTC), bitstampBtcCandles());
        Files.writeString(SAMPLES.resolve(ETH), binanceUsEthCandles());
    }

    /** Bitstamp BTC/USD trades (Nov 25 - Dec 1 2013) aggregated into 5-minute candles; no trade, no candle. */
    static String bitstampBtcCandles() throws IOException {
        Map<Long, BigDecimal[]> candles = new TreeMap<>();
        try (BufferedReader in = resource("bitstamp_trades_from_20131125_usd.csv")) {
            in.readLine(); // header: timestamp,price,amount (epoch seconds, USD, BTC)
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                long open = Long.parseLong(f[0]) * 1000 / FIVE_MINUTES * FIVE_MINUTES;
                BigDecimal price = new BigDecimal(f[1]).stripTrailingZeros();
                BigDecimal amount = new BigDecimal(f[2]).stripTrailingZeros();
                BigDecimal[] c = candles.get(open);
                if (c == null) {
                    candles.put(open, new BigDecimal[] {price, price, price, price, amount});
                } else {
                    c[1] = c[1].max(price);
                    c[2] = c[2].min(price);
                    c[3] = price;
                    c[4] = c[4].add(amount);
                }
            }
        }
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        candles.forEach((open, c) -> row(csv, open, c[0], c[1], c[2], c[3], c[4]));
        return csv.toString();
    }

    /** Binance US ETH/USD 5-minute candles (Mar 13-15 2023), stamped there with close time: stored by open time. */
    static String binanceUsEthCandles() throws IOException {
        StringBuilder json = new StringBuilder();
        try (BufferedReader in = resource("ETH-USD-PT5M-2023-3-13_2023-3-15.json")) {
            in.lines().forEach(json::append);
        }
        Pattern bar = Pattern.compile("\"endTime\":\\s*(\\d+),\\s*\"openPrice\":\\s*([0-9.]+),\\s*\"highPrice\":\\s*([0-9.]+),"
                + "\\s*\"lowPrice\":\\s*([0-9.]+),\\s*\"closePrice\":\\s*([0-9.]+),\\s*\"volume\":\\s*([0-9.]+)");
        Matcher m = bar.matcher(json);
        List<String> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("open_time,open,high,low,close,volume\n");
        while (m.find()) {
            long open = Long.parseLong(m.group(1)) + 1 - FIVE_MINUTES;
            row(csv, open, new BigDecimal(m.group(2)), new BigDecimal(m.group(3)), new BigDecimal(m.group(4)),
                    new BigDecimal(m.group(5)), new BigDecimal(m.group(6)));
            rows.add(m.group(1));
        }
        assertThat(rows).isNotEmpty();
        return csv.toString();
    }

    private static void row(StringBuilder csv, long open, BigDecimal... values) {
        csv.append(open);
        for (BigDecimal v : values) {
            csv.append(',').append(v.stripTrailingZeros().toPlainString());
        }
        csv.append('\n');
    }

    private static BufferedReader resource(String name) {
        InputStream in = SampleDataTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("%s from org.ta4j:ta4j-examples:0.18", name).isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
