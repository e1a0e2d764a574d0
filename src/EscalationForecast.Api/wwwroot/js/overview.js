// Overview: every theater, most at risk first. Polls the theater list with If-None-Match every few seconds
// (a 304 costs nothing); sparklines are re-read only when a theater's incidents change.
import { API, getConditional, getJson, query, theaterPath } from './api.js';
import { el, fill, pct, num, ago, riskBadge, isoDate, addDays, daysBetween } from './format.js';
import { sparkline } from './charts.js';
import { setStatus } from './shell.js';

const POLL_MS = 10_000;
const SPARK_DAYS = 90;

/** Most at risk first: score, then P(N ≥ 1), then expected events; theaters without a model last. */
export function byRisk(a, b) {
  const key = t => [t.score ?? -1, t.probabilityAtLeastOne ?? -1, t.expectedEvents ?? -1];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
  return a.id.localeCompare(b.id);
}

/** The 90 days a sparkline shows: up to today, or up to the last incident when that is older. */
export function sparkWindow(lastIncidentAt, today = isoDate(new Date())) {
  const last = lastIncidentAt ? isoDate(lastIncidentAt) : today;
  const to = daysBetween(last, today) > SPARK_DAYS ? last : addDays(today, -1);
  return { from: addDays(to, -(SPARK_DAYS - 1)), to };
}

export function mountOverview(main) {
  const list = el('ol', { class: 'theaters', 'aria-label': 'Theaters, most at risk first' });
  const updated = el('span', { class: 'muted' });
  main.append(
    el('div', { class: 'view-head' },
      el('h1', { text: 'Theaters by escalation risk' }),
      el('p', { class: 'muted' }, 'Risk of incidents in the next 7 days, as the model sees it now. ', updated)),
    list);

  const cards = new Map(); // id -> { node, sparkKey, chart }
  const controller = new AbortController();
  let timer = 0;
  let stopped = false;

  function card(t) {
    let entry = cards.get(t.id);
    if (!entry) {
      entry = { node: el('li', { class: 'theater', dataset: { theaterId: t.id } }), sparkKey: '', chart: null };
      cards.set(t.id, entry);
    }
    const spark = el('div', { class: 'spark', 'aria-hidden': 'true' });
    const span = sparkWindow(t.lastIncidentAt);
    fill(entry.node, 
      el('a', { class: 'theater-link', href: `#/theater/${encodeURIComponent(t.id)}`,
        'aria-label': `${t.name ?? t.id}: risk ${t.riskLevel ?? 'not modelled yet'}${t.score === null || t.score === undefined ? '' : `, score ${t.score}`}` },
        el('div', { class: 'theater-title' }, el('h2', { text: t.name ?? t.id }), riskBadge(t.riskLevel)),
        el('dl', { class: 'figures' },
          el('div', {}, el('dt', { text: 'score' }), el('dd', { class: 'score', text: t.score ?? '–' })),
          el('div', {}, el('dt', { text: 'P(≥1 in 7 days)' }), el('dd', { class: 'probability', text: pct(t.probabilityAtLeastOne) })),
          el('div', {}, el('dt', { text: 'expected, 7 days' }), el('dd', { text: num(t.expectedEvents, 1) })),
          el('div', {}, el('dt', { text: 'last incident' }), el('dd', { class: 'last', title: t.lastIncidentAt ?? '', text: ago(t.lastIncidentAt) }))),
        el('figure', { class: 'spark-figure' }, spark,
          el('figcaption', { class: 'muted', text: `daily incidents ${span.from} – ${span.to}` }))));
    const sparkKey = `${t.incidentCount}|${t.lastIncidentAt}|${span.to}`;
    if (entry.chart && entry.sparkKey === sparkKey) {
      spark.append(entry.chart.root); // unchanged: keep the drawn chart
    } else {
      entry.sparkKey = sparkKey;
      drawSpark(t.id, span, spark, entry);
    }
    return entry.node;
  }

  async function drawSpark(id, span, container, entry) {
    try {
      const page = await getJson(`${theaterPath(id)}/series${query(span)}`, { signal: controller.signal });
      entry.chart?.destroy();
      entry.chart = sparkline(container, page.items.map(p => p.date), page.items.map(p => p.count));
      container.dataset.points = String(page.items.length);
      container.dataset.total = String(page.items.reduce((s, p) => s + p.count, 0));
    } catch (e) {
      if (e.name !== 'AbortError') container.append(el('span', { class: 'muted', text: 'no series' }));
    }
  }

  async function poll() {
    if (stopped) return;
    if (!document.hidden) {
      try {
        const { body, changed } = await getConditional(`${API}/theaters`, { signal: controller.signal });
        if (changed || list.childElementCount === 0) {
          const theaters = [...body.items].sort(byRisk);
          fill(list, ...theaters.map(card));
          list.dataset.count = String(theaters.length);
          if (theaters.length === 0) list.append(el('li', { class: 'empty', text: 'No theaters yet: POST events to /api/v1/events.' }));
        }
        for (const last of list.querySelectorAll('dd.last')) last.textContent = ago(last.title || null);
        updated.textContent = `Checked ${new Date().toLocaleTimeString()}.`;
        setStatus('');
      } catch (e) {
        if (e.name === 'AbortError') return;
        setStatus(`Could not read the theaters: ${e.message}`);
      }
    }
    timer = setTimeout(poll, POLL_MS);
  }
  poll();

  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
    for (const entry of cards.values()) entry.chart?.destroy();
  };
}
