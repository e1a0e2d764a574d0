// Charts on uPlot (vendored, MIT): a sparkline, the theater chart, a residual plot and a reliability diagram.
// uPlot draws on canvas and styles through the CSSOM only, so it runs under our 'self'-only CSP.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { dayX } from './format.js';
import { rampExposure } from './theater-data.js';

export const colors = {
  counts: '#5b6b7f',
  intensity: '#c2410c',
  after: '#1d4ed8',
  fan: 'rgba(29, 78, 216, 0.18)',
  fanLine: '#1d4ed8',
  ceasefire: 'rgba(22, 163, 74, 0.13)',
  ceasefireEdge: 'rgba(22, 101, 52, 0.55)',
  anniversary: '#7c3aed',
  anniversaryWindow: 'rgba(124, 58, 237, 0.12)',
  scheduled: '#b45309',
  scheduledRamp: 'rgba(217, 119, 6, 0.16)',
  asOf: '#111827',
  grid: 'rgba(0, 0, 0, 0.08)',
};

/** Keeps a chart as wide as its container. */
function fit(chart, container, height) {
  const observer = new ResizeObserver(() => {
    const width = Math.max(200, Math.floor(container.clientWidth));
    if (Math.abs(width - chart.width) > 1) chart.setSize({ width, height });
  });
  observer.observe(container);
  const destroy = chart.destroy.bind(chart);
  chart.destroy = () => { observer.disconnect(); destroy(); };
  return chart;
}

const axis = extra => ({ stroke: '#374151', grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid }, ...extra });

/** A 90-day sparkline of daily counts: no axes, no cursor, just the shape. */
export function sparkline(container, dates, counts) {
  const chart = new uPlot({
    width: 180, height: 40, pxAlign: true,
    legend: { show: false }, cursor: { show: false },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: colors.intensity, fill: 'rgba(194, 65, 12, 0.15)', width: 1.5, points: { show: false } }],
  }, [dates.map(dayX), counts], container);
  return chart;
}

/** Whole-year recurrences of an anniversary (its date's month and day) within [fromX, toX]. */
function recurrences(date, fromX, toX) {
  const [, month, day] = date.split('-');
  const out = [];
  for (let year = new Date(fromX * 1000).getUTCFullYear(); year <= new Date(toX * 1000).getUTCFullYear(); year++) {
    const x = dayX(`${year}-${month}-${day}`);
    if (x >= fromX - 40 * 86400 && x <= toX + 40 * 86400) out.push(x);
  }
  return out;
}

/**
 * A dated effect at day x (seconds): its ramp as a shaded profile rising from the floor of the plot to 40% of its
 * height on the date (the service's exposure, day by day, cut at a cancellation), a dashed line and a diamond on the date.
 */
function rampMarker(u, x, before, after, fill, stroke, cutX) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const px = v => u.valToPos(v, 'x', true);
  const floor = top + height;
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.moveTo(px(x - before * 86400), floor);
  for (let k = -before; k <= after; k++) {
    const from = x + k * 86400;
    if (cutX !== null && from >= cutX) break;
    const y = floor - rampExposure(k, before, after) * 0.4 * height;
    ctx.lineTo(px(from), y);
    ctx.lineTo(px(cutX !== null ? Math.min(from + 86400, cutX) : from + 86400), y);
  }
  ctx.lineTo(px(cutX !== null ? Math.min(x + (after + 1) * 86400, cutX) : x + (after + 1) * 86400), floor);
  ctx.closePath();
  ctx.fill();
  if (cutX !== null && x >= cutX) return; // called off before its date: no marker on a date that never came
  const cx = px(x + 43200);
  ctx.strokeStyle = stroke;
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx, floor);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = stroke;
  ctx.beginPath(); // a small diamond at the top marks the day
  ctx.moveTo(cx, top + 2); ctx.lineTo(cx + 5, top + 8); ctx.lineTo(cx, top + 14); ctx.lineTo(cx - 5, top + 8);
  ctx.fill();
}

/** Ceasefire bands, anniversary and scheduled-event ramps with their markers, and the asOf line, under the series. */
function annotations(context) {
  return u => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    const [fromX, toX] = [u.scales.x.min, u.scales.x.max];
    const px = x => u.valToPos(x, 'x', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    for (const c of context.ceasefires) {
      const a = px(dayX(c.from));
      const b = c.to ? px(dayX(c.to)) : left + width;
      ctx.fillStyle = colors.ceasefire;
      ctx.fillRect(a, top, b - a, height);
      ctx.fillStyle = colors.ceasefireEdge;
      ctx.fillRect(a, top, 1, height);
    }
    for (const a of context.anniversaries) {
      const w = a.windowDays ?? 3;
      for (const x of recurrences(a.date, fromX, toX)) rampMarker(u, x, w, w, colors.anniversaryWindow, colors.anniversary, null);
    }
    for (const e of context.scheduled ?? []) {
      const cut = e.cancelledAt ? dayX(e.cancelledAt) : null;
      const dates = e.recursYearly ? recurrences(e.date, fromX, toX) : [dayX(e.date)];
      for (const x of dates) {
        if (x + (e.daysAfter + 1) * 86400 < fromX || x - e.daysBefore * 86400 > toX) continue;
        rampMarker(u, x, e.daysBefore, e.daysAfter, colors.scheduledRamp, colors.scheduled, cut);
      }
    }
    if (context.asOf) {
      const x = px(dayX(context.asOf));
      ctx.strokeStyle = colors.asOf;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.fillStyle = colors.asOf;
      ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.fillText('as of', x + 4, top + 14 * devicePixelRatio);
    }
    ctx.restore();
  };
}

/**
 * The theater chart. data: { dates, counts, intensity, after, fanLow, fanMid, fanHigh } (arrays over dates,
 * null where a series has no value); context: { ceasefires, anniversaries, scheduled, asOf }; onHover(index|null).
 */
export function theaterChart(container, data, context, onHover) {
  const height = 360;
  const chart = new uPlot({
    width: Math.max(300, container.clientWidth), height,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.08)] } },
    axes: [axis({}), axis({ label: 'incidents per day', labelSize: 24, size: 56 })],
    legend: { live: true },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    series: [
      { label: 'day', value: (u, v) => v === null || v === undefined ? '–' : new Date(v * 1000).toISOString().slice(0, 10) },
      { label: 'incidents', stroke: colors.counts, fill: 'rgba(91, 107, 127, 0.55)', width: 0,
        paths: uPlot.paths.bars({ size: [0.85, 24], align: 1 }), points: { show: false } },
      { label: 'fitted intensity', stroke: colors.intensity, width: 2, points: { show: false },
        value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(2) },
      { label: 'observed after as-of', stroke: colors.after, width: 0, paths: () => null,
        points: { show: true, size: 6, fill: colors.after, stroke: colors.after } },
      { label: 'forecast p95 (per day)', stroke: colors.fanLine, width: 1, dash: [4, 3], points: { show: false },
        value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(2) },
      { label: 'forecast p50', stroke: colors.fanLine, width: 2, points: { show: false },
        value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(2) },
      { label: 'forecast p05', stroke: colors.fanLine, width: 1, dash: [4, 3], points: { show: false },
        value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(2) },
    ],
    bands: [{ series: [4, 6], fill: colors.fan }],
    hooks: {
      drawClear: [annotations(context)],
      setCursor: [u => onHover?.(u.cursor.idx ?? null)],
    },
  }, [data.dates.map(dayX), data.counts, data.intensity, data.after, data.fanHigh, data.fanMid, data.fanLow], container);
  return fit(chart, container, height);
}

/** Pearson residuals (count − expected) / √expected per day: structure left here is what the model misses. */
export function residualPlot(container, dates, residuals) {
  const height = 140;
  const chart = new uPlot({
    width: Math.max(240, container.clientWidth), height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => { const m = Math.max(3, Math.abs(min), Math.abs(max)); return [-m, m]; } } },
    axes: [axis({ size: 30 }), axis({ size: 40 })],
    series: [{}, { stroke: colors.counts, width: 0, paths: () => null, points: { show: true, size: 3, fill: colors.counts } }],
    hooks: {
      drawClear: [u => {
        const y0 = u.valToPos(0, 'y', true);
        u.ctx.fillStyle = 'rgba(0,0,0,0.06)';
        u.ctx.fillRect(u.bbox.left, u.valToPos(2, 'y', true), u.bbox.width, u.valToPos(-2, 'y', true) - u.valToPos(2, 'y', true));
        u.ctx.fillStyle = '#6b7280';
        u.ctx.fillRect(u.bbox.left, y0, u.bbox.width, 1);
      }],
    },
  }, [dates.map(dayX), residuals], container);
  return fit(chart, container, height);
}

/**
 * Reliability diagram: observed frequency against mean predicted probability per bin, one point series per
 * forecaster, with the diagonal of perfect calibration.
 */
export function reliabilityDiagram(container, forecasters) {
  const xs = [...new Set([0, 1, ...forecasters.flatMap(f => f.bins.map(b => b.x))])].sort((a, b) => a - b);
  const series = forecasters.map(f => {
    const byX = new Map(f.bins.map(b => [b.x, b.y]));
    return xs.map(x => byX.has(x) ? byX.get(x) : null);
  });
  const height = 320;
  const chart = new uPlot({
    width: Math.max(280, Math.min(560, container.clientWidth)), height,
    scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
    axes: [axis({ label: 'mean predicted probability', labelSize: 24 }), axis({ label: 'observed frequency', labelSize: 24, size: 50 })],
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'predicted', value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(3) },
      { label: 'perfect', stroke: '#9ca3af', width: 1, dash: [5, 4], points: { show: false } },
      ...forecasters.map(f => ({
        label: f.name, stroke: f.color, width: 1.5, spanGaps: true,
        points: { show: true, size: 8, fill: f.color, stroke: f.color },
        value: (u, v) => v === null || v === undefined ? '–' : v.toFixed(3),
      })),
    ],
  }, [xs, xs, ...series], container);
  return chart;
}
