// Alerts: the live feed of breaches and clearances, and the rules with their current state.
import { API, capabilities, getJson } from './api.js';
import { el, fill, num, ago } from './format.js';
import { feed, recentAlerts, ruleStates, startFeed, subscribe } from './alert-feed.js';

const SHOW = 100;

/** The nav badge: how many rules are breached now. */
export function watchAlertCount(badge) {
  const update = () => {
    const breached = [...ruleStates().values()].filter(a => a.kind === 'breached').length;
    badge.hidden = breached === 0;
    badge.textContent = String(breached);
    badge.setAttribute('aria-label', `${breached} rules breached`);
  };
  subscribe(update);
  startFeed().then(update);
}

function formatValue(metric, value) {
  return metric === 'probabilityAtLeastOne' ? `${num(value * 100, 1)}%` : num(value, 2);
}

export function mountAlerts(main) {
  const status = el('p', { class: 'muted', id: 'feed-status', text: 'Connecting…' });
  const list = el('ol', { class: 'alert-feed', id: 'alert-feed', 'aria-live': 'polite', 'aria-label': 'Alerts, newest first' });
  const rules = el('tbody', {});
  const rulesTable = el('table', { class: 'rules', id: 'alert-rules' },
    el('thead', {}, el('tr', {}, ['theater', 'metric', 'horizon', 'threshold', 'clears below', 'state', 'since'].map(h => el('th', { scope: 'col', text: h })))),
    rules);
  main.append(
    el('div', { class: 'view-head' }, el('h1', { text: 'Alerts' }), status),
    el('div', { class: 'alerts-grid' },
      el('section', { class: 'panel', 'aria-labelledby': 'feed-h' }, el('h2', { id: 'feed-h', text: 'Live feed' }), list),
      el('section', { class: 'panel', 'aria-labelledby': 'rules-h' }, el('h2', { id: 'rules-h', text: 'Rules' }), rulesTable)));

  let stopped = false;
  let ruleList = [];

  function renderFeed() {
    const items = recentAlerts().slice(-SHOW).reverse();
    fill(list, ...items.map(a => el('li', { class: `alert alert-${a.kind}`, dataset: { kind: a.kind, theaterId: a.theaterId } },
      el('span', { class: `badge ${a.kind === 'breached' ? 'risk-high' : 'risk-low'}`, text: a.kind }),
      ' ', el('a', { href: `#/theater/${encodeURIComponent(a.theaterId)}`, text: a.theaterId }),
      ` ${a.metric} ${formatValue(a.metric, a.value)} ${a.kind === 'breached' ? '≥' : '<'} ${formatValue(a.metric, a.threshold)} `,
      el('time', { datetime: a.at, title: a.at, text: ago(a.at) }))));
    if (items.length === 0) list.append(el('li', { class: 'muted', text: 'No alerts yet.' }));
    status.textContent = !feed.available ? 'Alerting is not available on this server yet.'
      : feed.connected ? 'Live: new alerts appear here as they happen.' : feed.error ? `Feed error: ${feed.error}` : 'Connecting to the live feed…';
  }

  function renderRules() {
    const states = ruleStates();
    fill(rules, ...ruleList.map(r => {
      const last = states.get(r.id);
      const state = r.state ?? (last?.kind === 'breached' ? 'breached' : 'clear');
      return el('tr', { dataset: { ruleId: r.id } },
        el('td', {}, el('a', { href: `#/theater/${encodeURIComponent(r.theaterId)}`, text: r.theaterId })),
        el('td', { text: r.metric }), el('td', { text: `${r.horizonDays ?? 7} days` }),
        el('td', { text: formatValue(r.metric, r.threshold) }), el('td', { text: r.clearBelow === undefined || r.clearBelow === null ? '' : formatValue(r.metric, r.clearBelow) }),
        el('td', {}, el('span', { class: `badge ${state === 'breached' ? 'risk-high' : 'risk-low'}`, text: state })),
        el('td', { text: last ? ago(last.at) : '' }));
    }));
    if (ruleList.length === 0) {
      const text = feed.available ? 'No rules. POST /api/v1/alert-rules to add one.' : 'No alerting on this server yet.';
      rules.append(el('tr', {}, el('td', { colspan: 7, class: 'muted', text })));
    }
  }

  async function loadRules() {
    const caps = await capabilities();
    if (!caps.alertRules || stopped) return;
    try {
      const body = await getJson(`${API}/alert-rules`);
      ruleList = Array.isArray(body) ? body : body.items ?? [];
    } catch (e) {
      status.textContent = `Could not read the rules: ${e.message}`;
    }
    renderRules();
  }

  const unsubscribe = subscribe(alert => {
    renderFeed();
    if (alert) loadRules(); else renderRules();
  });
  startFeed().then(() => { renderFeed(); return loadRules(); });
  renderFeed();
  renderRules();
  const tick = setInterval(() => { renderFeed(); renderRules(); }, 30_000); // keeps "n minutes ago" honest

  return () => { stopped = true; unsubscribe(); clearInterval(tick); };
}
