// Theater view: the chart (counts, fitted intensity, forecast fan, ceasefires, anniversaries), the risk with
// its drivers, the model with its goodness of fit, and the replay control that moves asOf (and knownAt).
import { API, getAllPages, getConditional, getJson, query, theaterPath } from './api.js';
import { el, fill, pct, num, ago, riskBadge, isoDate, addDays, daysBetween } from './format.js';
import { theaterChart } from './charts.js';
import { replaceParams, setStatus } from './shell.js';
import { renderModel } from './model-panel.js';

/** Horizons asked for to draw the fan; 7 is also the headline risk. */
export const FAN_HORIZONS = [1, 2, 3, 5, 7, 10, 14];
const BEFORE_DAYS = 120;
const HISTORY_DAYS = 3650;
const LIVE_POLL_MS = 15_000;
const STALE_DAYS = 30; // a theater quiet for longer opens in replay at the end of its data

export function mountTheater(main, id, params) {
  const controller = new AbortController();
  const signal = controller.signal;
  const state = { asOf: params.get('asOf'), known: params.get('known') === '1', loading: 0, playing: false };
  let chart = null;
  let residuals = null;
  let liveTimer = 0;
  let playTimer = 0;
  let debounce = 0;
  let stopped = false;
  let history = null; // { dates, counts, intensity, first, last }
  let markers = [];
  let theater = null;

  const title = el('h1', { text: id });
  const notice = el('p', { class: 'notice', hidden: true });
  const range = el('input', { type: 'range', id: 'asof-range', min: 0, max: 0, step: 1, 'aria-label': 'As of (days through the history)' });
  const date = el('input', { type: 'date', id: 'asof-date', 'aria-label': 'As of date' });
  const known = el('input', { type: 'checkbox', id: 'known-then' });
  const play = el('button', { type: 'button', id: 'play', text: 'Play' });
  const live = el('button', { type: 'button', id: 'live', text: 'Live' });
  const back = el('button', { type: 'button', text: '−7 days', 'aria-label': 'Back 7 days' });
  const forward = el('button', { type: 'button', text: '+7 days', 'aria-label': 'Forward 7 days' });
  const mode = el('span', { class: 'mode', id: 'mode' });
  const chartBox = el('div', { class: 'chart', id: 'theater-chart' });
  const hover = el('p', { class: 'hover muted', id: 'hover', 'aria-live': 'off' });
  const riskBox = el('section', { class: 'panel risk', id: 'risk', 'aria-labelledby': 'risk-h' });
  const driversBox = el('section', { class: 'panel drivers', id: 'drivers', 'aria-labelledby': 'drivers-h' });
  const modelBox = el('section', { class: 'panel model', id: 'model', 'aria-labelledby': 'model-h' });
  const table = el('details', { class: 'data-table' });

  main.append(
    el('div', { class: 'view-head' },
      el('p', { class: 'crumbs' }, el('a', { href: '#/', text: '← all theaters' }), ' · ',
        el('a', { href: `#/backtest/${encodeURIComponent(id)}`, text: 'backtest this theater' })),
      title, notice),
    el('section', { class: 'replay panel', 'aria-label': 'Replay' },
      el('div', { class: 'replay-row' },
        el('label', { for: 'asof-date', text: 'As of' }), date, back, range, forward, play, live),
      el('div', { class: 'replay-row' },
        el('label', { class: 'switch' }, known, ' as known then (only what had been recorded by that date)'),
        mode)),
    el('div', { class: 'theater-grid' },
      el('section', { class: 'panel chart-panel', 'aria-labelledby': 'chart-h' },
        el('h2', { id: 'chart-h', text: 'Daily incidents, fitted intensity and forecast' }),
        chartBox, hover,
        el('p', { class: 'legend-note muted' },
          el('span', { class: 'key key-ceasefire' }), ' ceasefire  ',
          el('span', { class: 'key key-anniversary' }), ' anniversary (window shaded)  ',
          el('span', { class: 'key key-fan' }), ' forecast p05–p95 of the mean daily count over the next h days'),
        table),
      el('div', { class: 'side' }, riskBox, driversBox)),
    modelBox);

  // ---- loading ------------------------------------------------------------------------------------------

  async function loadStatic() {
    const list = await getJson(`${API}/theaters`, { signal });
    theater = list.items.find(t => t.id === id);
    if (!theater) throw new Error(`There is no theater '${id}'.`);
    title.textContent = theater.name ?? id;
    document.title = `${theater.name ?? id} · EscalationForecast`;
    const today = isoDate(new Date());
    const lastIncident = theater.lastIncidentAt ? isoDate(theater.lastIncidentAt) : addDays(today, -1);
    const seriesTo = daysBetween(lastIncident, today) > STALE_DAYS ? addDays(lastIncident, 30) : addDays(today, -1);
    const [page, events] = await Promise.all([
      getJson(`${theaterPath(id)}/series${query({ from: addDays(seriesTo, -HISTORY_DAYS), to: seriesTo })}`, { signal }),
      getAllPages(`${API}/events${query({ theaterId: id, type: 'ceasefire-declared,ceasefire-ended,anniversary' })}`, { signal }),
    ]);
    const firstIndex = Math.max(0, page.items.findIndex(p => p.count > 0));
    const items = page.items.slice(firstIndex);
    history = {
      dates: items.map(p => p.date), counts: items.map(p => p.count), intensity: items.map(p => p.intensity ?? null),
      first: items[0]?.date ?? addDays(today, -1), lastIncident, stale: daysBetween(lastIncident, today) > STALE_DAYS,
    };
    markers = events;
    const min = addDays(history.first, 14);
    const max = history.stale ? addDays(lastIncident, 30) : today;
    range.min = 0;
    range.max = Math.max(0, daysBetween(min, max));
    range.dataset.min = min;
    date.min = min;
    date.max = max;
    if (!state.asOf && history.stale) {
      state.asOf = addDays(lastIncident, 1);
      notice.hidden = false;
      notice.textContent = `The last incident was ${ago(theater.lastIncidentAt)} (${lastIncident}): showing the forecast as of the end of the data. Press Live for today's answer.`;
    }
  }

  function context() {
    const knownAt = state.asOf && state.known ? `${state.asOf}T00:00:00Z` : null;
    const visible = knownAt ? markers.filter(m => m.recordedAt <= knownAt) : markers;
    const ended = new Map(visible.filter(m => m.type === 'ceasefire-ended').map(m => [m.ceasefireId, m.occurredAt]));
    return {
      ceasefires: visible.filter(m => m.type === 'ceasefire-declared')
        .map(m => ({ name: m.name ?? 'ceasefire', from: isoDate(m.occurredAt), to: ended.has(m.id) ? isoDate(ended.get(m.id)) : null })),
      anniversaries: visible.filter(m => m.type === 'anniversary')
        .map(m => ({ name: m.name ?? 'anniversary', date: m.date, windowDays: m.windowDays ?? 3 })),
      asOf: state.asOf,
    };
  }

  /** Everything for the current asOf/knownAt: series window, risk per fan horizon, model. */
  async function load() {
    const ticket = ++state.loading;
    const asOf = state.asOf ? `${state.asOf}T00:00:00Z` : undefined;
    const knownAt = asOf && state.known ? asOf : undefined;
    const anchor = state.asOf ?? isoDate(new Date());
    const from = addDays(anchor, -BEFORE_DAYS);
    mode.textContent = state.asOf ? `Replay: as of ${state.asOf}${state.known ? ', as known then' : ', with everything known now'}` : 'Live';
    chartBox.setAttribute('aria-busy', 'true');
    setStatus('Loading…');
    try {
      if (knownAt && !(await recordedBy(knownAt))) {
        if (ticket !== state.loading || stopped) return;
        nothingKnown(anchor);
        return;
      }
      const riskUrl = h => `${theaterPath(id)}/risk${query({ horizonDays: h, asOf, knownAt })}`;
      const [series, risks, model] = await Promise.all([
        getJson(`${theaterPath(id)}/series${query({ from, to: addDays(anchor, -1), asOf, knownAt })}`, { signal }),
        Promise.all(FAN_HORIZONS.map(h => (asOf ? getJson(riskUrl(h), { signal }) : getConditional(riskUrl(h), { signal }).then(r => r.body)))),
        getJson(`${theaterPath(id)}/model${query({ asOf, knownAt })}`, { signal }).catch(e => ({ error: e })),
      ]);
      if (ticket !== state.loading || stopped) return;
      draw(series.items, risks, anchor);
      renderRisk(risks[FAN_HORIZONS.indexOf(7)]);
      residuals?.destroy();
      residuals = renderModel(modelBox, model, series.items);
      setStatus('');
    } catch (e) {
      if (e.name === 'AbortError' || ticket !== state.loading) return;
      setStatus(e.status === 422 ? `Not enough history by ${state.asOf}: ${e.message}` : `Could not load: ${e.message}`);
      fill(riskBox, el('h2', { id: 'risk-h', text: 'Risk' }), el('p', { class: 'error', text: e.message }));
    } finally {
      if (ticket === state.loading) chartBox.removeAttribute('aria-busy');
    }
  }

  /** Whether any incident of the theater had been recorded by knownAt (asking for risk otherwise is a 422). */
  async function recordedBy(knownAt) {
    const page = await getJson(`${API}/events${query({ theaterId: id, type: 'incident', knownAt, limit: 1 })}`, { signal });
    return page.items.length > 0;
  }

  function nothingKnown(anchor) {
    draw([], [], anchor);
    residuals?.destroy();
    residuals = null;
    const text = `Nothing about this theater had been recorded by ${anchor}: as known then, there was no history to forecast from. ` +
      'Turn "as known then" off to see this date with everything known now.';
    fill(riskBox, el('h2', { id: 'risk-h', text: 'Risk, next 7 days' }), el('p', { class: 'notice', id: 'nothing-known', text }));
    riskBox.dataset.asOf = `${anchor}T00:00:00Z`;
    riskBox.dataset.probability = '';
    riskBox.dataset.expected = '';
    fill(driversBox, el('h2', { id: 'drivers-h', text: 'Why: the drivers' }), el('p', { class: 'muted', text: 'No model as known then.' }));
    fill(modelBox, el('h2', { id: 'model-h', text: 'The model' }), el('p', { class: 'muted', text: 'No model as known then.' }));
    setStatus('');
  }

  // ---- drawing ------------------------------------------------------------------------------------------

  function draw(items, risks, anchor) {
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
    if (state.asOf) { // what actually happened after asOf (as recorded now), to hold the fan against
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
    const ctx = context();
    chart?.destroy();
    fill(chartBox);
    chart = theaterChart(chartBox, data, ctx, i => describe(i, data, ctx, risks));
    chartBox.dataset.days = String(dates.length);
    chartBox.dataset.countDays = String(data.counts.filter(c => c !== null).length);
    chartBox.dataset.incidents = String(data.counts.reduce((s, c) => s + (c ?? 0), 0));
    chartBox.dataset.intensityPoints = String(data.intensity.filter(c => c !== null).length);
    chartBox.dataset.fanPoints = String(data.fanMid.filter(c => c !== null).length);
    chartBox.dataset.asOf = state.asOf ?? 'live';
    renderTable(data);
  }

  function describe(i, data, ctx, risks) {
    if (i === null || i === undefined) { hover.textContent = ''; return; }
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
      const md = a.date.slice(5);
      const year = day.slice(0, 4);
      const distance = Math.abs(daysBetween(`${year}-${md}`, day));
      if (distance <= a.windowDays) parts.push(`anniversary window: ${a.name}`);
    }
    hover.textContent = parts.join(' · ');
  }

  function renderTable(data) {
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

  function renderRisk(r) {
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
    renderDrivers(r);
  }

  function renderDrivers(r) {
    const incidents = r.drivers.filter(d => d.kind === 'incident');
    const effects = r.drivers.filter(d => d.kind !== 'incident');
    const total = r.intensityPerDay || 1;
    const excited = incidents.reduce((s, d) => s + d.contributionPerDay, 0);
    fill(driversBox,
      el('h2', { id: 'drivers-h', text: 'Why: the drivers' }),
      el('p', { class: 'muted' }, `Baseline ${num(r.baselinePerDay, 3)}/day; recent incidents add ${num(excited, 3)}/day.`),
      effects.length ? el('ul', { class: 'effects' }, effects.map(d => el('li', {},
        el('span', { class: `key key-${d.kind}` }), ` ${d.kind}: ${d.name ?? ''} `,
        el('strong', { text: `×${num(d.multiplier, 2)}` }),
        d.multiplier < 1 ? ' (suppresses)' : ' (raises)'))) : null,
      el('ol', { class: 'driver-list' }, incidents.map(d => el('li', {},
        el('span', { class: 'driver-label' }, `incident ${d.occurredAt.slice(0, 10)} `, el('span', { class: 'muted', text: d.eventId })),
        el('meter', { min: 0, max: 1, value: Math.min(1, d.contributionPerDay / total), 'aria-label': 'share of the intensity' }),
        el('span', { class: 'driver-value', text: `+${num(d.contributionPerDay, 3)}/day` })))),
      incidents.length === 0 && effects.length === 0 ? el('p', { text: 'Only the baseline: nothing recent excites this theater.' }) : null);
  }

  // ---- replay control -----------------------------------------------------------------------------------

  function syncControls() {
    const min = range.dataset.min;
    const asOf = state.asOf ?? date.max;
    range.value = String(Math.max(0, daysBetween(min, asOf)));
    date.value = asOf;
    known.checked = state.known;
    known.disabled = !state.asOf;
    live.disabled = !state.asOf;
    range.setAttribute('aria-valuetext', state.asOf ? `as of ${state.asOf}` : 'live');
    const params = new URLSearchParams();
    if (state.asOf) params.set('asOf', state.asOf);
    if (state.known && state.asOf) params.set('known', '1');
    replaceParams(params);
  }

  function moveTo(asOf, { immediate = false } = {}) {
    state.asOf = asOf < date.min ? date.min : asOf > date.max ? date.max : asOf;
    syncControls();
    clearTimeout(debounce);
    clearTimeout(liveTimer);
    debounce = setTimeout(load, immediate ? 0 : 300);
  }

  range.addEventListener('input', () => moveTo(addDays(range.dataset.min, Number(range.value))));
  date.addEventListener('change', () => { if (date.value) moveTo(date.value, { immediate: true }); });
  back.addEventListener('click', () => moveTo(addDays(state.asOf ?? date.max, -7), { immediate: true }));
  forward.addEventListener('click', () => moveTo(addDays(state.asOf ?? date.max, 7), { immediate: true }));
  known.addEventListener('change', () => { state.known = known.checked; moveTo(state.asOf, { immediate: true }); });
  live.addEventListener('click', () => {
    stopPlaying();
    state.asOf = null;
    state.known = false;
    notice.hidden = true;
    syncControls();
    load().then(scheduleLive);
  });
  play.addEventListener('click', () => (state.playing ? stopPlaying() : startPlaying()));

  function startPlaying() {
    state.playing = true;
    play.textContent = 'Pause';
    play.setAttribute('aria-pressed', 'true');
    if (!state.asOf || state.asOf >= date.max) state.asOf = date.min;
    step();
  }

  function stopPlaying() {
    state.playing = false;
    clearTimeout(playTimer);
    play.textContent = 'Play';
    play.setAttribute('aria-pressed', 'false');
  }

  async function step() {
    if (!state.playing || stopped) return;
    state.asOf = addDays(state.asOf, 7) > date.max ? date.max : addDays(state.asOf, 7);
    syncControls();
    await load();
    if (state.asOf >= date.max) stopPlaying();
    else playTimer = setTimeout(step, 500);
  }

  /** Live: the risk answers carry ETags, so polling costs a 304 until something changes. */
  function scheduleLive() {
    clearTimeout(liveTimer);
    if (stopped || state.asOf) return;
    liveTimer = setTimeout(async () => {
      if (!document.hidden && !state.asOf) {
        const fresh = await getConditional(`${theaterPath(id)}/risk${query({ horizonDays: 7 })}`, { signal }).catch(() => null);
        if (fresh?.changed && !state.asOf) await load();
      }
      scheduleLive();
    }, LIVE_POLL_MS);
  }

  loadStatic()
    .then(() => { syncControls(); return load(); })
    .then(scheduleLive)
    .catch(e => { if (e.name !== 'AbortError') setStatus(e.message); });

  return () => {
    stopped = true;
    clearTimeout(liveTimer);
    clearTimeout(playTimer);
    clearTimeout(debounce);
    controller.abort();
    chart?.destroy();
    residuals?.destroy();
  };
}
