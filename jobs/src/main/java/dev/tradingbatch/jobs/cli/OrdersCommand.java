package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.jobs.ledger.OrderList;
import dev.tradingbatch.model.LiveOrder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "orders", mixinStandardHelpOptions = true,
        description = {"Lists the orders of live strategies, newest first, with what the exchange did.",
                "Requested: a buy's quote amount or a sell's base quantity; executed: the base quantity filled and",
                "the quote amount it came to. Reads only the database (docs/live.md)."})
class OrdersCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "ID", description = "only this strategy's orders")
    String strategy;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "only orders in these statuses: intent (not yet known to the exchange), unknown (sent, "
                    + "outcome not known yet), accepted, rejected; repeat or separate with commas")
    List<String> statuses = new ArrayList<>();

    OrdersCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            List<LiveOrder> orders = ctx.getBean(OrderList.class).list(strategy, statuses);
            LedgerText.orders(orders, strategy, statuses).forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }
}
