// What the theater chart draws, computed from the API's answers: the days around asOf with their counts and fitted
// intensity, what happened after asOf, the forecast fan, and the ceasefires and anniversaries known then.
import { pct, isoDate, addDays, daysBetween } from './format.js';

/** Horizons asked for to draw the fan; 7 is also the headline risk. */
export const FAN_HORIZONS = [1, 2, 3, 5, 7, 10, 14];
export const BEFORE_DAYS = 120;

/** The ceasefires and anniversaries to draw: with "as known then", only those recorded by asOf. */
export function contextOf(markers, asOf, known) {
  const knownAt = asOf && known ? `${asOf}T00:00:00Z` : null;
  const visible = knownAt ? markers.filter(m => m.recordedAt <= knownAt) : markers;
  const ended = new Map(visible.filter(m => m.type === 'ceasefire-ended').map(m => [m.ceasefireId, m.occurredAt]));
  return {
    ceasefires: visible.filter(m => m.type === 'ceasefire-declared')
      .map(m => ({ name: m.name ?? 'ceasefire', from: isoDate(m.occurredAt), to: ended.has(m.id) ? isoDate(ended.get(m.id)) : null })),
    anniversaries: visible.filter(m => m.type === 'anniversary')
      .map(m => ({ name: m.name ?? 'anniversary', date: m.date, windowDays: m.windowDays ?? 3 })),
    asOf,
  };
}

/**
 * The chart's columns, one per day from the series' first day to the fan's last: counts and intensity from the
 * series, what was observed after asOf (from the whole history, as recorded now), and the fan as mean daily counts.
 */
export function chartData(items, risks, anchor, history, replaying) {
  const end = addDays(anchor, FAN_HORIZONS.at(-1));
  const start = items[0]?.date ?? addDays(anchor, -BEFORE_DAYS);
  const dates = [];
  for (let d = start; d <= end; d = addDays(d, 1)) dates.push(d);
  const index = new Map(dates.map((d, i) => [d, i]));
  const blank = () => dates.map(() => null);
  const data = { dates, counts: blank(), intensity: blank(), after: blank(), fanLow: blank(), fanMid: blank(), fanHigh: blank() };
  for (const p of items) {
    const i = index.get(p.date);
    if (i === undefined) continue;
    data.counts[i] = p.count;
    data.intensity[i] = p.intensity ?? null;
  }
  if (replaying) {
    history.dates.forEach((d, k) => { const i = index.get(d); if (i !== undefined && d >= anchor) data.after[i] = history.counts[k]; });
  }
  risks.forEach((r, k) => { // the fan: quantiles of N(asOf, asOf + h], as a mean per day
    const h = FAN_HORIZONS[k];
    const i = index.get(addDays(anchor, h - 1));
    if (i === undefined) return;
    data.fanLow[i] = r.quantiles.p05 / h;
    data.fanMid[i] = r.quantiles.p50 / h;
    data.fanHigh[i] = r.quantiles.p95 / h;
  });
  return data;
}

/** One line about day i under the pointer: counts, expectation, the fan's horizon ending there, effects in force. */
export function describeDay(i, data, ctx, risks) {
  if (i === null || i === undefined) return '';
  const day = data.dates[i];
  const parts = [day];
  if (data.counts[i] !== null) parts.push(`${data.counts[i]} incidents`);
  if (data.intensity[i] !== null) parts.push(`expected ${data.intensity[i].toFixed(2)}`);
  if (data.after[i] !== null) parts.push(`${data.after[i]} observed later`);
  const k = FAN_HORIZONS.findIndex(h => addDays(ctx.asOf ?? isoDate(new Date()), h - 1) === day);
  if (k >= 0) {
    const r = risks[k];
    parts.push(`next ${FAN_HORIZONS[k]} days: p05–p50–p95 ${r.quantiles.p05}–${r.quantiles.p50}–${r.quantiles.p95} incidents, P(≥1) ${pct(r.probabilityAtLeastOne)}`);
  }
  for (const c of ctx.ceasefires) if (day >= c.from && (!c.to || day < c.to)) parts.push(`ceasefire: ${c.name}`);
  for (const a of ctx.anniversaries) {
    const distance = Math.abs(daysBetween(`${day.slice(0, 4)}-${a.date.slice(5)}`, day));
    if (distance <= a.windowDays) parts.push(`anniversary window: ${a.name}`);
  }
  return parts.join(' · ');
}
