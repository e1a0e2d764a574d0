// What the theater chart draws, computed from the API's answers: the days around asOf with their counts and fitted
// intensity, what happened after asOf, the forecast fan, and the ceasefires, anniversaries and scheduled events known then.
import { pct, isoDate, addDays, daysBetween } from './format.js';

/** Horizons asked for to draw the fan; 7 is also the headline risk. */
export const FAN_HORIZONS = [1, 2, 3, 5, 7, 10, 14];
export const BEFORE_DAYS = 120;

/**
 * The ceasefires, anniversaries and scheduled events to draw: with "as known then", only those recorded by asOf. A
 * scheduled event has its revisions folded in, is drawn once the model sees it (announced, or its ramp begun, by asOf
 * when replaying) and ends where a cancellation known by then called it off.
 */
export function contextOf(markers, asOf, known) {
  const knownAt = asOf && known ? `${asOf}T00:00:00Z` : null;
  const visible = knownAt ? markers.filter(m => m.recordedAt <= knownAt) : markers;
  const ended = new Map(visible.filter(m => m.type === 'ceasefire-ended').map(m => [m.ceasefireId, m.occurredAt]));
  return {
    ceasefires: visible.filter(m => m.type === 'ceasefire-declared')
      .map(m => ({ name: m.name ?? 'ceasefire', from: isoDate(m.occurredAt), to: ended.has(m.id) ? isoDate(ended.get(m.id)) : null })),
    anniversaries: visible.filter(m => m.type === 'anniversary')
      .map(m => ({ name: m.name ?? 'anniversary', date: m.date, windowDays: m.windowDays ?? 3 })),
    scheduled: scheduledOf(visible, asOf),
    asOf,
  };
}

function scheduledOf(visible, asOf) {
  const byId = new Map();
  for (const m of visible) {
    if (m.type === 'scheduled-event' && !byId.has(m.id)) {
      byId.set(m.id, { id: m.id, name: m.name, family: m.family, date: m.date, daysBefore: m.daysBefore ?? 14,
        daysAfter: m.daysAfter ?? 7, recursYearly: Boolean(m.recursYearly), announcedAt: m.announcedAt ?? null, cancelledAt: null });
    }
    const e = byId.get(m.scheduledEventId);
    if (!e || e.cancelledAt) continue;
    if (m.type === 'scheduled-event-revised') {
      for (const k of ['name', 'family', 'date', 'daysBefore', 'daysAfter', 'recursYearly', 'announcedAt']) if (m[k] !== undefined) e[k] = m[k];
    } else if (m.type === 'scheduled-event-cancelled') {
      e.cancelledAt = m.occurredAt;
    }
  }
  const day = asOf ?? isoDate(new Date());
  return [...byId.values()]
    .filter(e => (e.announcedAt ? isoDate(e.announcedAt) : addDays(e.date, -e.daysBefore)) <= day)
    .map(e => ({ ...e, cancelledAt: e.cancelledAt && isoDate(e.cancelledAt) <= day ? isoDate(e.cancelledAt) : null }));
}

/**
 * A dated effect's exposure on a day k days from its date: 1 on the date, rising linearly over the days before and
 * fading over the days after (the service's ramp), 0 outside.
 */
export function rampExposure(k, before, after) {
  if (k < -before || k > after) return 0;
  return k <= 0 ? 1 + k / (before + 1) : 1 - k / (after + 1);
}

/** The occurrences of a scheduled event near day (its own date, or that year's for a yearly one) with the exposure there. */
export function scheduledOn(e, day) {
  const dates = e.recursYearly ? [-1, 0, 1].map(y => `${Number(day.slice(0, 4)) + y}${e.date.slice(4)}`) : [e.date];
  for (const date of dates) {
    const x = rampExposure(daysBetween(date, day), e.daysBefore, e.daysAfter);
    if (x > 0 && !(e.cancelledAt && day >= e.cancelledAt)) return { date, exposure: x };
  }
  return null;
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
  for (const e of ctx.scheduled ?? []) {
    const on = scheduledOn(e, day);
    if (!on) continue;
    const until = daysBetween(day, on.date);
    const when = until > 0 ? `in ${until} days` : until === 0 ? 'today' : `${-until} days ago`;
    parts.push(`${e.family}: ${e.name} ${when} (ramp ${Math.round(on.exposure * 100)}%)`);
  }
  return parts.join(' · ');
}
