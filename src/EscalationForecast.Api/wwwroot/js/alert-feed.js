// One live feed of alerts for the whole page: the stored history (GET /api/v1/alerts), then the SSE stream
// (GET /api/v1/alerts/stream?afterSequence=<last held>; the browser resumes it with Last-Event-ID after a drop). Used only when the
// server's OpenAPI document lists alerting, so a server without it sees no requests for it.
import { API, capabilities, getAllPages, query } from './api.js';

const KEEP = 500;
const alerts = []; // oldest first
const seen = new Set();
const listeners = new Set();
let started = null;
let source = null;
export const feed = { available: false, connected: false, error: '' };

function add(alert) {
  const key = alert.alertId ?? `${alert.ruleId}|${alert.kind}|${alert.at}`;
  if (seen.has(key)) return false;
  seen.add(key);
  alerts.push(alert);
  if (alerts.length > KEEP) alerts.splice(0, alerts.length - KEEP);
  return true;
}

function notify(fresh) {
  for (const listener of listeners) listener(fresh);
}

function onMessage(message) {
  try {
    const alert = JSON.parse(message.data);
    if (message.lastEventId && alert.sequence === undefined) alert.sequence = Number(message.lastEventId);
    if (add(alert)) notify(alert);
  } catch { /* a keep-alive or a comment */ }
}

export function startFeed() {
  started ??= capabilities().then(async caps => {
    feed.available = caps.alerts || caps.alertStream;
    let after = null; // the stream starts after the history we hold, so nothing falls between the two
    if (caps.alerts) {
      try {
        for (const alert of await getAllPages(`${API}/alerts`)) add(alert);
        after = alerts.reduce((max, a) => Math.max(max, a.sequence ?? 0), 0);
      } catch (e) { feed.error = e.message; }
    }
    if (caps.alertStream) {
      source = new EventSource(`${API}/alerts/stream${query({ afterSequence: after })}`);
      source.addEventListener('open', () => { feed.connected = true; feed.error = ''; notify(null); });
      source.addEventListener('error', () => { feed.connected = false; notify(null); });
      for (const type of ['message', 'alert', 'breached', 'cleared']) source.addEventListener(type, onMessage);
    }
    notify(null);
    return feed;
  });
  return started;
}

/** Calls back with each new alert (and with null when the connection state changes); answers an unsubscribe. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recentAlerts() {
  return alerts;
}

/** The latest alert of each rule: whether it is breached or cleared now. */
export function ruleStates() {
  const states = new Map();
  for (const a of alerts) states.set(a.ruleId, a);
  return states;
}
