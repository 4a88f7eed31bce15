package dev.tradingbatch.readers.exchange;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.knowm.xchange.binance.dto.BinanceException;
import si.mazi.rescu.HttpResponseAware;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same endpoint as XChange's {@code Binance.klines}, returning rows that also carry the
 * response's headers: rescu hands them to any result that is {@link HttpResponseAware}, which is
 * how the source reads {@code X-MBX-USED-WEIGHT-1M} from a successful answer.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
interface BinanceKlinesApi {

    /**
     * Rows {@code [open time, "open", "high", "low", "close", "volume", close time, ...]}, oldest first;
     * startTime and endTime (epoch ms) are both inclusive, null parameters are left out of the query.
     */
    @GET
    @Path("api/v3/klines")
    Rows klines(@QueryParam("symbol") String symbol,
                @QueryParam("interval") String interval,
                @QueryParam("limit") Integer limit,
                @QueryParam("startTime") Long startTime,
                @QueryParam("endTime") Long endTime) throws IOException, BinanceException;

    /** Kline rows as Jackson reads them (numbers as Long, decimals as the strings Binance sent) plus the headers. */
    final class Rows extends ArrayList<Object[]> implements HttpResponseAware {

        private transient Map<String, List<String>> headers = Map.of();

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
