package dev.tradingbatch.readers.exchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** WireMock helpers shared by the fault tests. */
final class Responses {

    private Responses() {
    }

    /**
     * Answers successive requests matching {@code request} with {@code responses} in order; the last
     * one keeps being served.
     */
    static void inOrder(WireMockServer server, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder mapping = request.get().inScenario("in order").whenScenarioStateIs(state);
            if (i < responses.length - 1) {
                state = "after " + (i + 1);
                mapping = mapping.willSetStateTo(state);
            }
            server.stubFor(mapping.willReturn(responses[i]));
        }
    }

    /** What a {@link RetryListener} heard, one line per call. */
    static final class Heard implements RetryListener {

        final List<String> lines = new ArrayList<>();

        @Override
        public void onRetry(String exchange, int attempt, Duration delay, String reason) {
            lines.add(exchange + " retry " + attempt + " after " + delay + ": " + reason);
        }

        @Override
        public void onBudgetWait(String exchange, Duration delay) {
            lines.add(exchange + " budget wait " + delay);
        }
    }
}
