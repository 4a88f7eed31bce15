package dev.tradingbatch.readers.exchange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import si.mazi.rescu.HttpResponseAware;
import si.mazi.rescu.HttpStatusExceptionSupport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The same endpoint as XChange's {@code CoinbasePro.getHistoricalCandles}, but typed as text rows.
 * XChange's CoinbaseProCandleDeserializer reads each JSON number through a double (a fresh
 * ObjectMapper's DoubleNode), which drops trailing zeros (42050.00 becomes 42050.0) and rounds
 * values beyond ~16 significant digits. Reading each cell as String keeps the number's own text.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
interface CoinbaseCandlesApi {

    /**
     * Rows {@code [time (epoch s), low, high, open, close, volume]}, newest first, start and end
     * inclusive (ISO-8601 UTC), granularity in seconds. 404 {"message":"NotFound"} for an unknown product.
     */
    @GET
    @Path("products/{productId}/candles")
    String[][] candles(@PathParam("productId") String productId,
                       @QueryParam("start") String start,
                       @QueryParam("end") String end,
                       @QueryParam("granularity") String granularity) throws ErrorBody, IOException;

    /**
     * Coinbase's error answer {@code {"message": "..."}}, like XChange's CoinbaseProException but
     * keeping the response headers too (rescu sets them on any {@link HttpResponseAware} exception),
     * so that a 429's Retry-After can be read.
     */
    final class ErrorBody extends HttpStatusExceptionSupport implements HttpResponseAware {

        private final String message;
        private transient Map<String, List<String>> headers = Map.of();

        @JsonCreator
        public ErrorBody(@JsonProperty("message") String message) {
            super(message);
            this.message = message;
        }

        /** Coinbase's own words; the HTTP status is added where the failure is worded. */
        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public void setResponseHeaders(Map<String, List<String>> headers) {
            this.headers = headers == null ? Map.of() : headers;
        }

        @Override
        public Map<String, List<String>> getResponseHeaders() {
            return headers;
        }
    }
}
