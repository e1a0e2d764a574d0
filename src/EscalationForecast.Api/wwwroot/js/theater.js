// Theater view: the chart (counts, fitted intensity, forecast fan, ceasefires, anniversaries), the risk with
// its drivers, the model with its goodness of fit, and the replay control that moves asOf (and knownAt).
import { API, getAllPages, getConditional, getJson, query, theaterPath } from './api.js';
import { el, fill, ago, isoDate, addDays, daysBetween } from './format.js';
import { theaterChart } from './charts.js';
import { setStatus } from './shell.js';
import { renderModel } from './model-panel.js';
import { BEFORE_DAYS, FAN_HORIZONS, chartData, contextOf, describeDay } from './theater-data.js';
import { renderNothingKnown, renderRisk, renderTable } from './theater-panels.js';
import { replayControl } from './replay-control.js';

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
  let stopped = false;
  let history = null; // { dates, counts, intensity, first, lastIncident, stale }
  let markers = [];

  const title = el('h1', { text: id });
  const notice = el('p', { class: 'notice', hidden: true });
  const chartBox = el('div', { class: 'chart', id: 'theater-chart' });
  const hover = el('p', { class: 'hover muted', id: 'hover', 'aria-live': 'off' });
  const riskBox = el('section', { class: 'panel risk', id: 'risk', 'aria-labelledby': 'risk-h' });
  const driversBox = el('section', { class: 'panel drivers', id: 'drivers', 'aria-labelledby': 'drivers-h' });
  const modelBox = el('section', { class: 'panel model', id: 'model', 'aria-labelledby': 'model-h' });
  const table = el('details', { class: 'data-table' });
  const replay = replayControl(state, {
    load,
    onMove: () => clearTimeout(liveTimer),
    onLive: () => { notice.hidden = true; load().then(scheduleLive); },
  });

  main.append(
    el('div', { class: 'view-head' },
      el('p', { class: 'crumbs' }, el('a', { href: '#/', text: '← all theaters' }), ' · ',
        el('a', { href: `#/backtest/${encodeURIComponent(id)}`, text: 'backtest this theater' })),
      title, notice),
    replay.panel,
    el('div', { class: 'theater-grid' },
      el('section', { class: 'panel chart-panel', 'aria-labelledby': 'chart-h' },
        el('h2', { id: 'chart-h', text: 'Daily incidents, fitted intensity and forecast' }),
        chartBox, hover,
        el('p', { class: 'legend-note muted' },
          el('span', { class: 'key key-ceasefire' }), ' ceasefire  ',
          el('span', { class: 'key key-anniversary' }), ' anniversary (its ramp shaded)  ',
          el('span', { class: 'key key-scheduled-event' }), ' scheduled event (deadline, election, ...: marker on the date, its ramp shaded)  ',
          el('span', { class: 'key key-fan' }), ' forecast p05–p95 of the mean daily count over the next h days'),
        table),
      el('div', { class: 'side' }, riskBox, driversBox)),
    modelBox);

  /** The theater, its whole daily history (for "observed later") and its ceasefires, anniversaries and scheduled events. */
  async function loadStatic() {
    const list = await getJson(`${API}/theaters`, { signal });
    const theater = list.items.find(t => t.id === id);
    if (!theater) throw new Error(`There is no theater '${id}'.`);
    title.textContent = theater.name ?? id;
    document.title = `${theater.name ?? id} · EscalationForecast`;
    const today = isoDate(new Date());
    const lastIncident = theater.lastIncidentAt ? isoDate(theater.lastIncidentAt) : addDays(today, -1);
    const stale = daysBetween(lastIncident, today) > STALE_DAYS;
    const seriesTo = stale ? addDays(lastIncident, 30) : addDays(today, -1);
    const [page, events] = await Promise.all([
      getJson(`${theaterPath(id)}/series${query({ from: addDays(seriesTo, -HISTORY_DAYS), to: seriesTo })}`, { signal }),
      getAllPages(`${API}/events${query({ theaterId: id, type: 'ceasefire-declared,ceasefire-ended,anniversary,scheduled-event,scheduled-event-revised,scheduled-event-cancelled' })}`, { signal }),
    ]);
    const items = page.items.slice(Math.max(0, page.items.findIndex(p => p.count > 0)));
    history = {
      dates: items.map(p => p.date), counts: items.map(p => p.count), intensity: items.map(p => p.intensity ?? null),
      first: items[0]?.date ?? addDays(today, -1), lastIncident, stale,
    };
    markers = events;
    replay.setBounds(addDays(history.first, 14), stale ? addDays(lastIncident, 30) : today);
    if (!state.asOf && stale) {
      state.asOf = addDays(lastIncident, 1);
      notice.hidden = false;
      notice.textContent = `The last incident was ${ago(theater.lastIncidentAt)} (${lastIncident}): showing the forecast as of the end of the data. Press Live for today's answer.`;
    }
  }

  /** Everything for the current asOf/knownAt: series window, risk per fan horizon, model. */
  async function load() {
    const ticket = ++state.loading;
    const asOf = state.asOf ? `${state.asOf}T00:00:00Z` : undefined;
    const knownAt = asOf && state.known ? asOf : undefined;
    const anchor = state.asOf ?? isoDate(new Date());
    chartBox.setAttribute('aria-busy', 'true');
    setStatus('Loading…');
    try {
      if (knownAt && !(await recordedBy(knownAt))) {
        if (ticket !== state.loading || stopped) return;
        draw([], [], anchor);
        residuals?.destroy();
        residuals = null;
        renderNothingKnown({ riskBox, driversBox, modelBox }, anchor);
        setStatus('');
        return;
      }
      const riskUrl = h => `${theaterPath(id)}/risk${query({ horizonDays: h, asOf, knownAt })}`;
      const [series, risks, model] = await Promise.all([
        getJson(`${theaterPath(id)}/series${query({ from: addDays(anchor, -BEFORE_DAYS), to: addDays(anchor, -1), asOf, knownAt })}`, { signal }),
        Promise.all(FAN_HORIZONS.map(h => (asOf ? getJson(riskUrl(h), { signal }) : getConditional(riskUrl(h), { signal }).then(r => r.body)))),
        getJson(`${theaterPath(id)}/model${query({ asOf, knownAt })}`, { signal }).catch(e => ({ error: e })),
      ]);
      if (ticket !== state.loading || stopped) return;
      draw(series.items, risks, anchor);
      renderRisk(riskBox, driversBox, risks[FAN_HORIZONS.indexOf(7)]);
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

  function draw(items, risks, anchor) {
    const data = chartData(items, risks, anchor, history, Boolean(state.asOf));
    const ctx = contextOf(markers, state.asOf, state.known);
    chart?.destroy();
    fill(chartBox);
    chart = theaterChart(chartBox, data, ctx, i => { hover.textContent = describeDay(i, data, ctx, risks); });
    chartBox.dataset.days = String(data.dates.length);
    chartBox.dataset.countDays = String(data.counts.filter(c => c !== null).length);
    chartBox.dataset.incidents = String(data.counts.reduce((s, c) => s + (c ?? 0), 0));
    chartBox.dataset.intensityPoints = String(data.intensity.filter(c => c !== null).length);
    chartBox.dataset.fanPoints = String(data.fanMid.filter(c => c !== null).length);
    chartBox.dataset.asOf = state.asOf ?? 'live';
    chartBox.dataset.scheduled = ctx.scheduled.filter(e => !e.cancelledAt).map(e => `${e.family}:${e.date}`).join(' ');
    renderTable(table, data);
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
    .then(() => { replay.sync(); return load(); })
    .then(scheduleLive)
    .catch(e => { if (e.name !== 'AbortError') setStatus(e.message); });

  return () => {
    stopped = true;
    clearTimeout(liveTimer);
    replay.stop();
    controller.abort();
    chart?.destroy();
    residuals?.destroy();
  };
}
