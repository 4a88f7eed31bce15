package dev.tradingbatch.jobs.cli;

import dev.tradingbatch.db.AlertEvent;
import dev.tradingbatch.jobs.BadInputException;
import dev.tradingbatch.jobs.alerts.AlertService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import static dev.tradingbatch.model.OpenTimes.iso;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Lists the recent alerts, newest first, and whether each was delivered.",
                "With --send, first records the events found now and sends what is pending, as run does every",
                "trading.alerts.interval (docs/operations.md, Alerts). Exit code 1 when a send failed."})
class AlertsCommand implements Callable<Integer> {

    private final Launcher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--send", description = "record the events found now and send the pending alerts first")
    boolean send;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "how many alerts to list (default: 20)")
    int limit;

    AlertsCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new BadInputException("--limit must be at least 1, was " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext ctx = launcher.start()) {
            AlertService alerts = ctx.getBean(AlertService.class);
            int code = 0;
            if (send) {
                if (!alerts.enabled()) {
                    out.println("alerts: no channel configured (trading.alerts.webhook.url, trading.alerts.telegram"
                            + ".chat-id): nothing sent");
                } else {
                    AlertService.Outcome o = alerts.scanAndSend();
                    out.println("alerts: " + o.recorded() + " recorded, " + o.sent() + " sent, " + o.failed()
                            + " not sent");
                    o.errors().forEach(e -> out.println("  not sent: " + e));
                    code = o.failed() == 0 ? 0 : 1;
                }
            }
            var recent = alerts.recent(limit);
            if (recent.isEmpty()) {
                out.println("no alerts recorded");
            }
            recent.forEach(e -> {
                out.println(iso(e.createdAt()) + "  " + e.kind() + "  " + e.channel() + "  " + status(e) + "  "
                        + e.subject());
                out.println("    " + e.message());
            });
            return code;
        }
    }

    private static String status(AlertEvent e) {
        if (e.sentAt().isPresent()) {
            return "sent " + iso(e.sentAt().getAsLong());
        }
        if (e.givenUpAt().isPresent()) {
            return "given up " + iso(e.givenUpAt().getAsLong()) + " after " + e.attempts() + " attempts"
                    + e.lastError().map(m -> ", last error: " + m).orElse("");
        }
        return "pending" + (e.attempts() == 0 ? "" : " (" + e.attempts() + " attempt" + (e.attempts() == 1 ? "" : "s")
                + ", next " + iso(e.nextAttemptAt()) + e.lastError().map(m -> ", last error: " + m).orElse("") + ")");
    }
}
