package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.live.Account;
import dev.tradingbatch.jobs.live.AccountService;
import dev.tradingbatch.jobs.live.Accounts;
import dev.tradingbatch.readers.orders.Balance;
import dev.tradingbatch.readers.orders.OrderApiException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"Lists the exchange accounts declared under trading.accounts, or asks one for its balances.",
                "Credentials come only from environment variables or files (docs/live.md); nothing prints them."})
class AccountsCommand implements Callable<Integer> {

    private static final String ROW = "%-16s %-9s %-34s %s%n";
    private static final String BALANCE = "%-8s %24s %24s%n";

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--balances", paramLabel = "ACCOUNT",
            description = "Asks the exchange for this account's balances (a signed request: checks its keys too).")
    String balancesOf;

    AccountsCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            if (balancesOf != null) {
                return balances(ctx.getBean(AccountService.class), out);
            }
            List<Account> accounts = ctx.getBean(Accounts.class).all();
            if (accounts.isEmpty()) {
                out.println("no accounts declared under trading.accounts (see docs/live.md)");
                return 0;
            }
            out.printf(ROW, "ACCOUNT", "EXCHANGE", "BASE URL", "CREDENTIALS FROM");
            for (Account a : accounts) {
                out.printf(ROW, a.name(), a.exchange().name(), a.baseUrl(),
                        a.credentialsFrom());
            }
            return 0;
        }
    }

    private int balances(AccountService service, PrintWriter out) {
        List<Balance> balances;
        try {
            balances = service.balances(balancesOf);
        } catch (OrderApiException e) {
            spec.commandLine().getErr().println("failed: " + e.getMessage());
            return 1;
        }
        if (balances.isEmpty()) {
            out.println("account '" + balancesOf + "' holds nothing");
            return 0;
        }
        out.printf(BALANCE, "ASSET", "FREE", "LOCKED");
        balances.forEach(b -> out.printf(BALANCE, b.asset(), b.free().toPlainString(), b.locked().toPlainString()));
        return 0;
    }
}
