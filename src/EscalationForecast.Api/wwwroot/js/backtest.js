// Backtest: rolling-origin forecasts of a theater against the baselines (climatology, poisson7), their
// scores, and a reliability diagram. A backtest refits as it goes, so it runs on request, not on load.
import { API, getJson, query, theaterPath } from './api.js';
import { el, fill, num, isoDate, addDays, daysBetween } from './format.js';
import { reliabilityDiagram } from './charts.js';
import { hashOf, setStatus } from './shell.js';

const FORECASTERS = [
  { key: 'model', name: 'Hawkes model', color: '#c2410c' },
  { key: 'climatology', name: 'climatology', color: '#4b5563' },
  { key: 'poisson7', name: 'poisson7', color: '#1d4ed8' },
];

const finite = v => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function mountBacktest(main, initialId, params) {
  const controller = new AbortController();
  const theater = el('select', { id: 'bt-theater' });
  const horizon = el('select', { id: 'bt-horizon' }, [1, 7, 14].map(h => el('option', { value: h, text: `${h} day${h === 1 ? '' : 's'}` })));
  const from = el('input', { type: 'date', id: 'bt-from' });
  const to = el('input', { type: 'date', id: 'bt-to' });
  const run = el('button', { type: 'submit', text: 'Run backtest' });
  const result = el('div', { id: 'backtest-result', 'aria-live': 'polite' });
  let chart = null;
  let theaters = [];

  main.append(
    el('div', { class: 'view-head' }, el('h1', { text: 'Backtest' }),
      el('p', { class: 'muted', text: 'Forecasts made each day with only what was known then, scored against what happened: lower Brier, log score and CRPS are better.' })),
    el('form', { class: 'panel backtest-form', onsubmit: e => { e.preventDefault(); go(); } },
      el('label', {}, 'Theater ', theater), el('label', {}, 'Horizon ', horizon),
      el('label', {}, 'From ', from), el('label', {}, 'To ', to), run),
    result);

  function defaults() {
    const t = theaters.find(x => x.id === theater.value);
    const today = isoDate(new Date());
    const last = t?.lastIncidentAt ? isoDate(t.lastIncidentAt) : today;
    const end = daysBetween(last, today) > 30 ? last : addDays(today, -1);
    to.value = end;
    from.value = addDays(end, -89);
  }

  async function go() {
    const id = theater.value;
    history.replaceState(null, '', hashOf(['backtest', id], new URLSearchParams({ horizonDays: horizon.value, from: from.value, to: to.value })));
    run.disabled = true;
    result.setAttribute('aria-busy', 'true');
    fill(result, el('p', { class: 'muted', text: `Running the backtest for ${id}: one refit per step, this can take a while…` }));
    try {
      const bt = await getJson(`${theaterPath(id)}/backtest${query({ from: from.value, to: to.value, horizonDays: horizon.value })}`, { signal: controller.signal });
      render(bt);
      setStatus('');
    } catch (e) {
      if (e.name === 'AbortError') return;
      fill(result, el('p', { class: 'error', text: `The backtest failed: ${e.message}` }));
    } finally {
      run.disabled = false;
      result.removeAttribute('aria-busy');
    }
  }

  function render(bt) {
    const scores = ['brier', 'logScore', 'crps'];
    const best = Object.fromEntries(scores.map(s => [s, Math.min(...FORECASTERS.map(f => finite(bt.summary[f.key]?.[s]) ?? Infinity))]));
    chart?.destroy();
    const diagram = el('div', { class: 'chart', id: 'reliability-chart' });
    fill(result,
      el('section', { class: 'panel', 'aria-labelledby': 'scores-h' },
        el('h2', { id: 'scores-h', text: `Scores, ${bt.from} – ${bt.to}, P(≥${bt.threshold} in ${bt.horizonDays} days)` }),
        el('table', { class: 'scores', id: 'backtest-scores' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'forecaster' }), el('th', { scope: 'col', text: 'Brier' }), el('th', { scope: 'col', text: 'log score' }), el('th', { scope: 'col', text: 'CRPS' }))),
          el('tbody', {}, FORECASTERS.map(f => el('tr', {}, el('th', { scope: 'row' }, el('span', { class: `swatch swatch-${f.key}` }), ` ${f.name}`),
            scores.map(s => {
              const v = finite(bt.summary[f.key]?.[s]);
              return el('td', { class: v !== null && v === best[s] ? 'best' : null, text: num(v, 4) });
            }))))),
        el('p', { class: 'muted', text: `${bt.items.length} forecasts, ${bt.refits} refits, ${num(bt.seconds, 1)} s. Best in bold.` })),
      el('section', { class: 'panel', 'aria-labelledby': 'rel-h' },
        el('h2', { id: 'rel-h', text: 'Reliability: when the forecaster said p, how often did it happen?' }),
        diagram,
        el('p', { class: 'muted', text: 'Points on the dashed diagonal are perfectly calibrated; bins with no forecasts are left out.' })));
    chart = reliabilityDiagram(diagram, FORECASTERS.map(f => ({
      name: f.name, color: f.color,
      bins: (bt.summary[f.key]?.reliability ?? [])
        .filter(b => b.count > 0 && finite(b.meanPredicted) !== null && finite(b.observedFrequency) !== null)
        .map(b => ({ x: b.meanPredicted, y: b.observedFrequency })),
    })));
    diagram.dataset.bins = String(FORECASTERS.reduce((n, f) => n + (bt.summary[f.key]?.reliability ?? []).filter(b => b.count > 0).length, 0));
  }

  getJson(`${API}/theaters`, { signal: controller.signal }).then(list => {
    theaters = list.items;
    fill(theater, ...theaters.map(t => el('option', { value: t.id, text: t.name ?? t.id })));
    if (initialId && theaters.some(t => t.id === initialId)) theater.value = initialId;
    horizon.value = params.get('horizonDays') ?? '7';
    defaults();
    if (params.get('from')) from.value = params.get('from');
    if (params.get('to')) to.value = params.get('to');
    theater.addEventListener('change', defaults);
    if (initialId) go();
  }).catch(e => { if (e.name !== 'AbortError') setStatus(e.message); });

  return () => { controller.abort(); chart?.destroy(); };
}
