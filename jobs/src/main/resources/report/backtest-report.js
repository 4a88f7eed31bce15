// Draws the report's two charts from the JSON in #report-data (times in UTC epoch seconds, see HtmlReport),
// then sets body[data-rendered] to the number of charts that have painted their canvases.
(function () {
  'use strict';
  var LWC = window.LightweightCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var UP = '#26a69a', DOWN = '#ef5350', BUY = '#2962ff', SELL = '#e91e63', EQUITY = '#2962ff';
  var CHARTS = 2;
  var ZOOM_BARS = 60; // candles shown either side of a trade clicked in the list

  function options() {
    return {
      autoSize: true,
      layout: { background: { type: 'solid', color: '#ffffff' }, textColor: '#334155', fontSize: 12 },
      grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
      rightPriceScale: { borderColor: '#cbd5e1' },
      timeScale: { borderColor: '#cbd5e1', timeVisible: true, secondsVisible: false },
      crosshair: { mode: LWC.CrosshairMode.Normal }
    };
  }

  function utc(seconds) {
    return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
  }

  // price: candles with an arrow at each fill's candle and price
  var precision = data.pricePrecision;
  var price = LWC.createChart(document.getElementById('price-chart'), options());
  var candles = price.addSeries(LWC.CandlestickSeries, {
    upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false,
    priceFormat: { type: 'price', precision: precision, minMove: Math.pow(10, -precision) }
  });
  candles.setData(data.bars.map(function (b) {
    return { time: b[0], open: b[1], high: b[2], low: b[3], close: b[4] };
  }));
  LWC.createSeriesMarkers(candles, data.markers.map(function (m) {
    var buy = m.side === 'buy';
    return {
      time: m.time, price: m.price, text: m.text, color: buy ? BUY : SELL,
      shape: buy ? 'arrowUp' : 'arrowDown', position: buy ? 'atPriceBottom' : 'atPriceTop'
    };
  }));

  // equity above, drawdown in a pane below it, drawn downwards from 0
  var equity = LWC.createChart(document.getElementById('equity-chart'), options());
  var equityLine = equity.addSeries(LWC.LineSeries, {
    color: EQUITY, lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 }
  });
  equityLine.setData(data.equity.map(function (p) { return { time: p[0], value: p[1] }; }));
  var drawdown = equity.addSeries(LWC.BaselineSeries, {
    baseValue: { type: 'price', price: 0 }, lineWidth: 1,
    topLineColor: DOWN, topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
    bottomLineColor: DOWN, bottomFillColor1: 'rgba(239,83,80,0.15)', bottomFillColor2: 'rgba(239,83,80,0.45)',
    priceFormat: { type: 'percent', precision: 2, minMove: 0.01 }
  }, 1);
  drawdown.setData(data.equity.map(function (p) { return { time: p[0], value: -p[2] }; }));
  if (equity.panes().length > 1) {
    equity.panes()[0].setStretchFactor(2);
    equity.panes()[1].setStretchFactor(1);
  }

  // legends: the values under the crosshair, else the last ones
  var priceLegend = document.getElementById('price-legend');
  var equityLegend = document.getElementById('equity-legend');
  function showBar(time, bar) {
    priceLegend.textContent = bar ? utc(time) + '   O ' + bar.open.toFixed(precision) + '   H ' + bar.high.toFixed(precision)
        + '   L ' + bar.low.toFixed(precision) + '   C ' + bar.close.toFixed(precision) : '';
  }
  function showEquity(time, value, down) {
    equityLegend.textContent = value === undefined ? ''
        : utc(time) + '   equity ' + value.toFixed(2) + '   drawdown ' + (down === undefined ? '' : (-down).toFixed(2) + ' %');
  }
  function showLast() {
    var b = data.bars[data.bars.length - 1];
    if (b) showBar(b[0], { open: b[1], high: b[2], low: b[3], close: b[4] });
    var e = data.equity[data.equity.length - 1];
    if (e) showEquity(e[0], e[1], -e[2]);
  }
  price.subscribeCrosshairMove(function (p) {
    var bar = p.time === undefined ? undefined : p.seriesData.get(candles);
    if (bar) showBar(p.time, bar); else showLast();
  });
  equity.subscribeCrosshairMove(function (p) {
    var e = p.time === undefined ? undefined : p.seriesData.get(equityLine);
    var d = p.time === undefined ? undefined : p.seriesData.get(drawdown);
    if (e) showEquity(p.time, e.value, d && d.value); else showLast();
  });
  showLast();

  // a click on a trade shows the candles around it on both charts; "Show all" shows everything again
  function showAll() {
    price.timeScale().fitContent();
    equity.timeScale().fitContent();
  }
  function showAround(time) {
    var bars = data.bars, i = 0;
    while (i + 1 < bars.length && bars[i + 1][0] <= time) i++;
    if (!bars.length) return;
    var range = { from: bars[Math.max(0, i - ZOOM_BARS)][0], to: bars[Math.min(bars.length - 1, i + ZOOM_BARS)][0] };
    [price, equity].forEach(function (chart) {
      try { chart.timeScale().setVisibleRange(range); } catch (e) { chart.timeScale().fitContent(); }
    });
  }
  document.querySelectorAll('button.show-all').forEach(function (b) { b.addEventListener('click', showAll); });
  document.querySelectorAll('#trades tbody tr').forEach(function (row) {
    row.addEventListener('click', function () { showAround(Number(row.dataset.time)); });
  });
  showAll();

  // the library paints on animation frames: report once every chart has put pixels on a canvas
  function painted(container) {
    var canvases = container.querySelectorAll('canvas');
    for (var i = 0; i < canvases.length; i++) {
      var c = canvases[i];
      if (c.width === 0 || c.height === 0) continue;
      var pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (var j = 3; j < pixels.length; j += 4) {
        if (pixels[j] !== 0) return true;
      }
    }
    return false;
  }
  var frames = 0;
  (function check() {
    var done = ['price-chart', 'equity-chart'].filter(function (id) {
      return painted(document.getElementById(id));
    }).length;
    if (done === CHARTS || ++frames > 300) {
      document.body.dataset.rendered = String(done);
    } else {
      requestAnimationFrame(check);
    }
  })();
})();
