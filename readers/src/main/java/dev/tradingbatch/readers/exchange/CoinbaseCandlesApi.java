package dev.tradingbatch.readers.exchange;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.knowm.xchange.coinbasepro.dto.CoinbaseProException;

import java.io.IOException;

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
                       @QueryParam("granularity") String granularity) throws CoinbaseProException, IOException;
}
