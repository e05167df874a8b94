// The History page's charts as shapes: a heat map, bars (up or across) and lines.
// Pure functions from the chart's data and the width it has to a list of shapes
// ({tag, attrs, text?, title?}); component.js draws them. Every word in the data
// (labels, tooltips) stays a string here and is drawn as text, never as markup.

const CHART_FONT_PX = 12;
const CHART_CHAR_PX = 7; // a generous average glyph width at 12 px, to keep labels apart
const CHART_PRIMARY = "#2f7d6d"; // the theme's primary colour (.streamlit/config.toml)
const CHART_EMPTY = "#e4ebe7"; // a day with nothing done: the page's secondary background, darker
const CHART_SERIES = ["#b4572e", CHART_PRIMARY]; // before (warm), after (the theme's green)

function chartTextWidth(text) {
  return String(text).length * CHART_CHAR_PX;
}

// Every how many labels to write so that neighbours do not touch (1: all of them).
function chartLabelEvery(labels, band) {
  const widest = Math.max(0, ...labels.map(chartTextWidth)) + 6;
  return band > 0 ? Math.max(1, Math.ceil(widest / band)) : labels.length || 1;
}

// A round top for a value axis: 1, 2 or 5 times a power of ten, at least the largest value.
function chartNiceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

// Shade of the theme's green for a share (0..1] of the largest value; nothing done is grey.
function chartHeatColor(share) {
  if (!(share > 0)) return CHART_EMPTY;
  const light = [205, 230, 221]; // a pale green
  const dark = [29, 90, 77]; // the primary colour, darker
  const t = Math.min(1, share);
  const mix = light.map((c, i) => Math.round(c + (dark[i] - c) * t));
  return `rgb(${mix.join(",")})`;
}

function chartText(x, y, text, anchor = "middle", extra = {}) {
  return { tag: "text", attrs: { x, y, "text-anchor": anchor, ...extra }, text: String(text) };
}

// A label centred under x, moved in where it would stick out of the chart's width.
function chartTickText(x, y, text, width) {
  const half = chartTextWidth(text) / 2;
  if (x + half > width) return chartText(width, y, text, "end");
  if (x - half < 0) return chartText(0, y, text, "start");
  return chartText(x, y, text);
}

function chartHeatmap(data, width, height) {
  const columns = data.columns || [];
  const rows = data.rows || [];
  const left = Math.max(0, ...rows.map(chartTextWidth)) + 8;
  const bottom = CHART_FONT_PX + 8;
  const cellW = columns.length ? (width - left) / columns.length : 0;
  const cellH = rows.length ? (height - bottom) / rows.length : 0;
  const gap = Math.min(3, cellW / 6, cellH / 6);
  const top = Math.max(0, ...(data.cells || []).map((c) => Number(c.value) || 0));
  const shapes = [];
  rows.forEach((name, r) => {
    shapes.push(chartText(left - 6, r * cellH + cellH / 2 + 4, name, "end"));
  });
  const every = chartLabelEvery(columns, cellW);
  columns.forEach((name, c) => {
    if (c % every === 0) {
      shapes.push(chartTickText(left + c * cellW + cellW / 2, height - 4, name, width));
    }
  });
  for (const cell of data.cells || []) {
    shapes.push({
      tag: "rect",
      attrs: {
        x: left + cell.column * cellW + gap / 2,
        y: cell.row * cellH + gap / 2,
        width: Math.max(0, cellW - gap),
        height: Math.max(0, cellH - gap),
        rx: 3,
        fill: chartHeatColor(top ? (Number(cell.value) || 0) / top : 0),
      },
      title: cell.title,
    });
  }
  return shapes;
}

function chartValueAxis(max, from, to, at, across) {
  // Three ticks (0, half, the top), with faint grid lines across the plot.
  const shapes = [];
  for (const value of [0, max / 2, max]) {
    const pos = from + (to - from) * (value / max);
    const label = Number.isInteger(value) ? value : value.toFixed(1);
    if (across) {
      shapes.push({ tag: "line", attrs: { x1: pos, x2: pos, y1: 0, y2: at, class: "lc-grid" } });
      shapes.push(chartText(pos, at + CHART_FONT_PX + 4, label));
    } else {
      shapes.push({ tag: "line", attrs: { x1: at, x2: from === to ? at : 10000, y1: pos, y2: pos, class: "lc-grid" } });
      shapes.push(chartText(at - 6, pos + 4, label, "end"));
    }
  }
  return shapes;
}

function chartBarsUp(data, width, height) {
  const bars = data.bars || [];
  const max = chartNiceMax(Math.max(0, ...bars.map((b) => Number(b.value) || 0)));
  const left = chartTextWidth(max) + 10;
  const bottom = CHART_FONT_PX + 8;
  const plot = height - bottom;
  const band = bars.length ? (width - left) / bars.length : 0;
  const shapes = chartValueAxis(max, plot, 6, left, false).map((s) =>
    s.tag === "line" ? { ...s, attrs: { ...s.attrs, x2: width } } : s,
  );
  const every = chartLabelEvery(bars.map((b) => b.label), band);
  bars.forEach((bar, i) => {
    const h = ((Number(bar.value) || 0) / max) * (plot - 6);
    shapes.push({
      tag: "rect",
      attrs: { x: left + i * band + band * 0.15, y: plot - h, width: band * 0.7, height: h, rx: 2, fill: CHART_PRIMARY },
      title: bar.title,
    });
    if (i % every === 0) shapes.push(chartTickText(left + i * band + band / 2, height - 4, bar.label, width));
  });
  shapes.push({ tag: "line", attrs: { x1: left, x2: width, y1: plot, y2: plot, class: "lc-axis" } });
  return shapes;
}

function chartBarsAcross(data, width, height) {
  const bars = data.bars || [];
  const max = chartNiceMax(Math.max(0, ...bars.map((b) => Number(b.value) || 0)));
  const left = Math.min(width * 0.45, Math.max(0, ...bars.map((b) => chartTextWidth(b.label))) + 10);
  const right = chartTextWidth(max) / 2 + 4;
  const bottom = CHART_FONT_PX + 8;
  const plot = height - bottom;
  const band = bars.length ? plot / bars.length : 0;
  const shapes = chartValueAxis(max, left, width - right, plot, true);
  bars.forEach((bar, i) => {
    const w = ((Number(bar.value) || 0) / max) * (width - right - left);
    shapes.push({
      tag: "rect",
      attrs: { x: left, y: i * band + band * 0.15, width: w, height: band * 0.7, rx: 2, fill: CHART_PRIMARY },
      title: bar.title,
    });
    shapes.push(chartText(left - 6, i * band + band / 2 + 4, bar.label, "end"));
  });
  shapes.push({ tag: "line", attrs: { x1: left, x2: left, y1: 0, y2: plot, class: "lc-axis" } });
  return shapes;
}

function chartLines(data, width, height) {
  const series = data.series || [];
  const yMax = Number(data.yMax) || chartNiceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.y))));
  const xs = series.flatMap((s) => s.points.map((p) => Number(p.x)));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const top = CHART_FONT_PX + 14; // room for the legend
  const left = chartTextWidth(yMax) + 10;
  const right = 10;
  const bottom = CHART_FONT_PX + 8;
  const plot = height - bottom;
  const xAt = (x) => (xMax === xMin ? (left + width - right) / 2 : left + ((x - xMin) / (xMax - xMin)) * (width - right - left));
  const yAt = (y) => plot - (y / yMax) * (plot - top);
  const shapes = [];
  for (let value = 0; value <= yMax; value += yMax / 5) {
    shapes.push({ tag: "line", attrs: { x1: left, x2: width - right, y1: yAt(value), y2: yAt(value), class: "lc-grid" } });
    shapes.push(chartText(left - 6, yAt(value) + 4, Math.round(value), "end"));
  }
  const ticks = data.ticks || [];
  const tickEvery = chartLabelEvery(ticks.map((t) => t.text), ticks.length ? (width - left - right) / ticks.length : 0);
  ticks.forEach((tick, i) => {
    if (i % tickEvery === 0) shapes.push(chartTickText(xAt(Number(tick.x)), height - 4, tick.text, width));
  });
  shapes.push({ tag: "line", attrs: { x1: left, x2: width - right, y1: plot, y2: plot, class: "lc-axis" } });
  let legendX = width - right;
  series.forEach((s, i) => {
    const color = CHART_SERIES[i % CHART_SERIES.length];
    const points = s.points.map((p) => [xAt(Number(p.x)), yAt(Number(p.y))]);
    if (points.length > 1) {
      shapes.push({
        tag: "polyline",
        attrs: { points: points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" "), stroke: color, class: "lc-line" },
      });
    }
    s.points.forEach((p, j) => {
      shapes.push({ tag: "circle", attrs: { cx: points[j][0], cy: points[j][1], r: 3.5, fill: color }, title: p.title });
    });
  });
  // The legend, right-aligned above the plot: a dot and the series' name.
  for (let i = series.length - 1; i >= 0; i--) {
    const name = String(series[i].name);
    legendX -= chartTextWidth(name);
    shapes.push(chartText(legendX, CHART_FONT_PX, name, "start"));
    shapes.push({ tag: "circle", attrs: { cx: legendX - 9, cy: CHART_FONT_PX - 4, r: 4.5, fill: CHART_SERIES[i % CHART_SERIES.length] } });
    legendX -= 24;
  }
  return shapes;
}

const CHART_KINDS = { heatmap: chartHeatmap, "bars-up": chartBarsUp, "bars-across": chartBarsAcross, lines: chartLines };

// The shapes of a chart at this width (the height is the chart's own).
function chartLayout(data, width) {
  const draw = CHART_KINDS[data && data.kind];
  if (!draw || !(width > 0)) return [];
  return draw(data, width, Number(data.height) || 240);
}
