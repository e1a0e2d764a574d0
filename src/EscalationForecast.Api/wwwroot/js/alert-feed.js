// One live feed of alerts for the whole page: the stored history (GET /api/v1/alerts), then the Server-Sent Events
// stream (GET /api/v1/alerts/stream) read over fetch, not EventSource, because EventSource cannot send the API key
// header. It starts after the last alert held (Last-Event-ID) and, when the connection drops, resumes from the last
// event read, after a back-off of 1 s doubling to 15 s. Used only when the server's OpenAPI document lists alerting,
// so a server without it sees no requests for it.
import { API, capabilities, getAllPages, keyRequired, withKey } from './api.js';
import { serverSentEvents } from './sse.js';

const KEEP = 500;
const alerts = []; // oldest first
const seen = new Set();
const listeners = new Set();
let started = null;
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
  } catch { /* not an alert */ }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Reads the stream until the page goes away; a 401 stops it until a key is entered (the page reloads then). */
async function follow(after) {
  let last = after;
  let delay = 1000;
  for (;;) {
    const headers = withKey({ Accept: 'text/event-stream' });
    if (last !== null && last !== undefined) headers['Last-Event-ID'] = String(last);
    try {
      const response = await fetch(`${API}/alerts/stream`, { headers, cache: 'no-store' });
      if (response.status === 401) {
        keyRequired();
        feed.connected = false; feed.error = 'an API key is needed'; notify(null);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      feed.connected = true; feed.error = ''; notify(null);
      delay = 1000;
      for await (const message of serverSentEvents(response.body)) {
        if (message.lastEventId) last = Number(message.lastEventId);
        onMessage(message);
      }
    } catch (e) {
      feed.error = e.message;
    }
    feed.connected = false; notify(null);
    await sleep(delay);
    delay = Math.min(delay * 2, 15000);
  }
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
    if (caps.alertStream) follow(after); // runs for the life of the page
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
