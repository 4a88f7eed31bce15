package dev.tradingbatch.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.tradingbatch.model.MarketRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarketRulesRepositoryTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final MarketRules BINANCE_BTC = new MarketRules(new BigDecimal("0.00001000"),
            new BigDecimal("0.01000000"), new BigDecimal("0.00001000"), new BigDecimal("5.00000000"));

    @TempDir
    Path dir;
    HikariDataSource ds;
    MarketRulesRepository rules;

    @BeforeEach
    void open() {
        ds = TestDatabase.migrated(dir);
        rules = new MarketRulesRepository(ds);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Test
    void shouldStoreTheExchangesTextAndTheDecimalsOfStepAndTick() {
        rules.save("binance", "BTC/USDT", BINANCE_BTC, T0);

        Map<String, Object> row = new JdbcTemplate(ds).queryForMap("SELECT * FROM market_metadata");
        assertThat(row).containsEntry("amount_step", "0.00001000").containsEntry("price_tick", "0.01000000")
                .containsEntry("min_order_size", "0.00001000").containsEntry("min_notional", "5.00000000");
        assertThat(((Number) row.get("amount_precision")).intValue()).isEqualTo(5);
        assertThat(((Number) row.get("price_precision")).intValue()).isEqualTo(2);
        assertThat(rules.find("binance", "BTC/USDT")).contains(new MarketRulesRepository.Stored(BINANCE_BTC, T0));
    }

    @Test
    void shouldReplaceTheRulesOfAMarketFetchedAgain() {
        rules.save("binance", "BTC/USDT", BINANCE_BTC, T0);
        MarketRules changed = new MarketRules(new BigDecimal("0.001"), null, new BigDecimal("0.01"), null);

        rules.save("binance", "BTC/USDT", changed, T0 + 86_400_000L);

        assertThat(rules.find("binance", "BTC/USDT")).contains(new MarketRulesRepository.Stored(changed,
                T0 + 86_400_000L));
        assertThat(new JdbcTemplate(ds).queryForObject("SELECT COUNT(*) FROM market_metadata", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void shouldReadARowWrittenWithOnlyDecimalsAsAStepOfThatSize() {
        new JdbcTemplate(ds).update("INSERT INTO market_metadata (exchange, symbol, amount_precision, min_order_size,"
                + " fetched_at) VALUES ('file', 'BTC/EUR', 3, '0.01', ?)", T0);

        assertThat(rules.rules("file", "BTC/EUR").text()).isEqualTo("amount-step=0.001 min-quantity=0.01");
        assertThat(rules.rules("binance", "ETH/USDT")).isEqualTo(MarketRules.NONE);
    }
}
