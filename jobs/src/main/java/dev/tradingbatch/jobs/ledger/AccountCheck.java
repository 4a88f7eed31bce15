package dev.tradingbatch.jobs.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One account's balances as the exchange reported them beside the sum of its strategies' sub-ledgers, or why they
 * could not be had: a failed request is never read as an empty account.
 */
public sealed interface AccountCheck {

    String account();

    /** The exchange answered; one line per asset it holds or a ledger holds. */
    record Compared(String account, List<AssetComparison> assets) implements AccountCheck {
    }

    /** The balances could not be had, for {@code reason} (the exchange's refusal, no answer, no credentials). */
    record Failed(String account, String reason) implements AccountCheck {
    }

    /**
     * @param exchange what the account holds, free and locked (zero: the exchange listed none of it)
     * @param ledgers  the sum of the positions of the account's live strategies in this asset (for a quote currency,
     *                 what is left of their allocations); empty for an asset the ledgers do not track (a quote
     *                 currency no strategy of the account has an allocation in)
     */
    record AssetComparison(String asset, BigDecimal exchange, Optional<BigDecimal> ledgers) {

        /** The exchange's balance minus the ledgers' sum: what the ledgers do not explain. */
        public Optional<BigDecimal> difference() {
            return ledgers.map(exchange::subtract);
        }
    }
}
