package dev.tradingbatch.readers.exchange;

/**
 * The answers the three exchanges give for a market's order rules, in their own formats (shape and values as
 * they serve them for BTC; long lists cut to a few entries), for every test that stands in for them (shared with
 * the jobs module's tests through this module's test jar).
 */
public final class MarketRulesAnswers {

    /** {@code GET /api/v3/exchangeInfo?symbol=BTCUSDT}: LOT_SIZE step and minimum 0.00001, tick 0.01, notional 5. */
    public static final String BINANCE_PATH = "/api/v3/exchangeInfo";
    public static final String BINANCE_BTCUSDT = """
            {"timezone":"UTC","serverTime":1733140800000,
             "rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000}],
             "exchangeFilters":[],
             "symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","baseAssetPrecision":8,
               "quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,"baseCommissionPrecision":8,
               "quoteCommissionPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS_LIMIT",
               "TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,"quoteOrderQtyMarketAllowed":true,
               "allowTrailingStop":true,"cancelReplaceAllowed":true,"isSpotTradingAllowed":true,
               "isMarginTradingAllowed":true,
               "filters":[
                 {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
                 {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
                 {"filterType":"ICEBERG_PARTS","limit":10},
                 {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"83.59420249","stepSize":"0.00000000"},
                 {"filterType":"TRAILING_DELTA","minTrailingAboveDelta":10,"maxTrailingAboveDelta":2000,
                  "minTrailingBelowDelta":10,"maxTrailingBelowDelta":2000},
                 {"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2",
                  "askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5},
                 {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,
                  "maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
                 {"filterType":"MAX_NUM_ORDERS","maxNumOrders":200},
                 {"filterType":"MAX_NUM_ALGO_ORDERS","maxNumAlgoOrders":5}],
               "permissions":[],"permissionSets":[["SPOT","MARGIN"]],"defaultSelfTradePreventionMode":"EXPIRE_MAKER",
               "allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]}]}""";
    /** Binance's answer (HTTP 400) for a symbol it does not list. */
    public static final String BINANCE_INVALID_SYMBOL = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";

    /** {@code GET /0/public/AssetPairs?pair=XBTUSD}: 8 lot decimals, ordermin 0.0001, costmin 0.5, tick 0.1. */
    public static final String KRAKEN_PATH = "/0/public/AssetPairs";
    public static final String KRAKEN_XBTUSD = """
            {"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency",
              "base":"XXBT","aclass_quote":"currency","quote":"ZUSD","lot":"unit","cost_decimals":5,"pair_decimals":1,
              "lot_decimals":8,"lot_multiplier":1,"leverage_buy":[2,3,4,5],"leverage_sell":[2,3,4,5],
              "fees":[[0,0.4],[10000,0.35],[50000,0.24]],"fees_maker":[[0,0.25],[10000,0.2],[50000,0.14]],
              "fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,"ordermin":"0.0001","costmin":"0.5",
              "tick_size":"0.1","status":"online","long_position_limit":250,"short_position_limit":200}}}""";
    /** Kraken's answer (HTTP 200) for a pair it does not list. */
    public static final String KRAKEN_UNKNOWN_PAIR = "{\"error\":[\"EQuery:Unknown asset pair\"]}";

    /** {@code GET /products/BTC-USD}: base increment 0.00000001, quote increment 0.01, min market funds 1. */
    public static final String COINBASE_PATH = "/products/BTC-USD";
    public static final String COINBASE_BTC_USD = """
            {"id":"BTC-USD","base_currency":"BTC","quote_currency":"USD","quote_increment":"0.01",
             "base_increment":"0.00000001","display_name":"BTC-USD","min_market_funds":"1","margin_enabled":false,
             "post_only":false,"limit_only":false,"cancel_only":false,"status":"online","status_message":"",
             "auction_mode":false,"trading_disabled":false,"fx_stablecoin":false,
             "max_slippage_percentage":"0.02000000","high_bid_limit_percentage":""}""";
    /** Coinbase's answer (HTTP 404) for a product it does not list. */
    public static final String COINBASE_NOT_FOUND = "{\"message\":\"NotFound\"}";

    private MarketRulesAnswers() {
    }
}
