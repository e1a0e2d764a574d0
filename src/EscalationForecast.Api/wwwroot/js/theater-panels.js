// The panels beside the theater chart: the risk with its figures, the drivers that explain it, the chart's data
// table, and what they say when nothing had been recorded by the date asked about.
import { el, fill, pct, num, riskBadge } from './format.js';

export function renderRisk(riskBox, driversBox, r) {
  fill(riskBox,
    el('h2', { id: 'risk-h' }, 'Risk, next 7 days ', riskBadge(r.riskLevel)),
    el('dl', { class: 'figures big' },
      el('div', {}, el('dt', { text: 'score' }), el('dd', { id: 'risk-score', text: r.score })),
      el('div', {}, el('dt', { text: 'P(≥1 incident)' }), el('dd', { id: 'risk-probability', text: pct(r.probabilityAtLeastOne) })),
      el('div', {}, el('dt', { text: 'expected incidents' }), el('dd', { id: 'risk-expected', text: num(r.expectedEvents, 2) })),
      el('div', {}, el('dt', { text: 'p05 – p50 – p95' }), el('dd', { text: `${r.quantiles.p05} – ${r.quantiles.p50} – ${r.quantiles.p95}` }))),
    el('p', { class: 'muted' },
      `Intensity now ${num(r.intensityPerDay, 3)}/day against a baseline of ${num(r.baselinePerDay, 3)}/day `,
      `(${num(r.excitationRatio, 2)}× from recent incidents). `,
      `As of ${r.asOf.slice(0, 16).replace('T', ' ')}; model fitted on ${r.model.eventsUsed} incidents through ${r.model.dataThrough.slice(0, 10)}.`));
  riskBox.dataset.asOf = r.asOf;
  riskBox.dataset.probability = String(r.probabilityAtLeastOne);
  riskBox.dataset.expected = String(r.expectedEvents);
  renderDrivers(driversBox, r);
}

function renderDrivers(driversBox, r) {
  const incidents = r.drivers.filter(d => d.kind === 'incident');
  const effects = r.drivers.filter(d => d.kind !== 'incident');
  const total = r.intensityPerDay || 1;
  const excited = incidents.reduce((s, d) => s + d.contributionPerDay, 0);
  fill(driversBox,
    el('h2', { id: 'drivers-h', text: 'Why: the drivers' }),
    el('p', { class: 'muted' }, `Baseline ${num(r.baselinePerDay, 3)}/day; recent incidents add ${num(excited, 3)}/day.`),
    effects.length ? el('ul', { class: 'effects', id: 'effect-drivers' }, effects.map(effectItem)) : null,
    el('ol', { class: 'driver-list' }, incidents.map(d => el('li', {},
      el('span', { class: 'driver-label' }, `incident ${d.occurredAt.slice(0, 10)} `, el('span', { class: 'muted', text: d.eventId }),
        d.attribution ? el('span', { class: 'attribution', text: ` author uncertain: ${d.attribution.map(a => `${a.channel} ${Math.round(a.probability * 100)}%`).join(', ')}; expected contribution` }) : null),
      el('meter', { min: 0, max: 1, value: Math.min(1, d.contributionPerDay / total), 'aria-label': 'share of the intensity' }),
      el('span', { class: 'driver-value', text: `+${num(d.contributionPerDay, 3)}/day` })))),
    incidents.length === 0 && effects.length === 0 ? el('p', { text: 'Only the baseline: nothing recent excites this theater.' }) : null);
}

/**
 * One effect among the drivers. A dated one (an anniversary, a scheduled event) says when its date is and what it
 * multiplies by now on its ramp and on the date: "deadline: final round in 9 days ×1.40 now (×2.10 ± 0.80 on 2021-01-15)".
 */
function effectItem(d) {
  const label = d.kind === 'scheduled-event' ? d.family : d.kind;
  const parts = [el('span', { class: `key key-${d.kind}` }), ` ${label}: ${d.name ?? ''} `];
  if (d.daysUntil !== undefined) parts.push(d.daysUntil > 0 ? `in ${d.daysUntil} days ` : d.daysUntil === 0 ? 'today ' : `${-d.daysUntil} days ago `);
  if (d.multiplier === undefined) {
    parts.push(el('span', { class: 'muted', text: `(no multiplier fitted yet: no earlier ${label} in the data)` }));
    return el('li', { dataset: { kind: d.kind, daysUntil: d.daysUntil ?? '' } }, parts);
  }
  parts.push(el('strong', { text: `×${num(d.multiplier, 2)}` }));
  if (d.peakMultiplier !== undefined) {
    parts.push(` now (×${num(d.peakMultiplier, 2)}${d.standardError !== undefined ? ` ± ${num(d.standardError, 2)}` : ''} on ${d.date})`);
  } else {
    parts.push(d.multiplier < 1 ? ' (suppresses)' : ' (raises)');
  }
  return el('li', { dataset: { kind: d.kind, daysUntil: d.daysUntil ?? '' } }, parts);
}

/** As known then, nothing had been recorded by the anchor date: no risk, no drivers, no model to show. */
export function renderNothingKnown({ riskBox, driversBox, modelBox }, anchor) {
  const text = `Nothing about this theater had been recorded by ${anchor}: as known then, there was no history to forecast from. ` +
    'Turn "as known then" off to see this date with everything known now.';
  fill(riskBox, el('h2', { id: 'risk-h', text: 'Risk, next 7 days' }), el('p', { class: 'notice', id: 'nothing-known', text }));
  riskBox.dataset.asOf = `${anchor}T00:00:00Z`;
  riskBox.dataset.probability = '';
  riskBox.dataset.expected = '';
  fill(driversBox, el('h2', { id: 'drivers-h', text: 'Why: the drivers' }), el('p', { class: 'muted', text: 'No model as known then.' }));
  fill(modelBox, el('h2', { id: 'model-h', text: 'The model' }), el('p', { class: 'muted', text: 'No model as known then.' }));
}

/** The chart's numbers as a table (the last 45 days that have any), for screen readers and copying. */
export function renderTable(table, data) {
  const rows = data.dates.map((d, i) => [d, data.counts[i], data.intensity[i], data.after[i], data.fanMid[i]])
    .filter(r => r[1] !== null || r[3] !== null || r[4] !== null).slice(-45);
  fill(table,
    el('summary', { text: 'Data table (last 45 days shown)' }),
    el('table', {},
      el('thead', {}, el('tr', {}, ['day', 'incidents', 'expected', 'observed later', 'forecast p50 per day'].map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map(r => el('tr', {}, el('th', { scope: 'row', text: r[0] }),
        el('td', { text: r[1] ?? '' }), el('td', { text: r[2] === null ? '' : r[2].toFixed(2) }),
        el('td', { text: r[3] ?? '' }), el('td', { text: r[4] === null ? '' : r[4].toFixed(2) }))))));
}
