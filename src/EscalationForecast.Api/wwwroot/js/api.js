// The public HTTP API (shared/spec/http-api.md), and nothing else. Conditional GETs keep polling cheap:
// a repeated request carries If-None-Match and a 304 answers the body we already hold. Where the server has API
// keys, the key the user entered (kept for this tab's session only, in sessionStorage) goes in X-Api-Key on every
// request, and a 401 asks the page for a key (the 'api-key-required' event; js/api-key.js shows the form).

export const API = '/api/v1';
const KEY_ITEM = 'escalation-forecast.api-key';

/** The key entered in this tab, or ''. sessionStorage: it ends with the tab and is never written to disk or a cookie. */
export function apiKey() {
  try { return sessionStorage.getItem(KEY_ITEM) || ''; } catch { return ''; }
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_ITEM, key); else sessionStorage.removeItem(KEY_ITEM);
}

/** The request headers, with the key when one is held. */
export function withKey(headers = {}) {
  const key = apiKey();
  return key ? { ...headers, 'X-Api-Key': key } : headers;
}

/** Tells the page that the server wants a (valid) key: the held one, if any, was refused. */
export function keyRequired() {
  window.dispatchEvent(new CustomEvent('api-key-required', { detail: { refused: apiKey() !== '' } }));
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

const validators = new Map(); // url -> { etag, body }

async function failure(response) {
  if (response.status === 401) keyRequired();
  let detail = '';
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || '';
  } catch { /* not JSON */ }
  return new ApiError(response.status, detail || `${response.status} ${response.statusText}`);
}

/** GET a JSON document. */
export async function getJson(path, { signal } = {}) {
  const response = await fetch(path, { headers: withKey({ Accept: 'application/json' }), signal, cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * GET with If-None-Match when we hold an ETag for the URL: answers { body, changed }, where changed is false
 * when the server said 304 (the held body is returned). Without an ETag from the server it is a plain GET.
 */
export async function getConditional(path, { signal } = {}) {
  const held = validators.get(path);
  const headers = withKey({ Accept: 'application/json' });
  if (held) headers['If-None-Match'] = held.etag;
  const response = await fetch(path, { headers, signal, cache: 'no-store' });
  if (response.status === 304 && held) return { body: held.body, changed: false };
  if (!response.ok) throw await failure(response);
  const body = await response.json();
  const etag = response.headers.get('ETag');
  if (etag) validators.set(path, { etag, body });
  return { body, changed: true };
}

/** Every page of a list endpoint (follows `next` as afterSequence). */
export async function getAllPages(path, { signal, limit = 1000 } = {}) {
  const items = [];
  let after = 0;
  const separator = path.includes('?') ? '&' : '?';
  while (after !== null && after !== undefined) {
    const page = await getJson(`${path}${separator}limit=${limit}&afterSequence=${after}`, { signal });
    items.push(...page.items);
    after = page.next;
  }
  return items;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const theaterPath = id => `${API}/theaters/${encodeURIComponent(id)}`;

let capabilitiesPromise;

/**
 * Which optional parts of the API this server has, read from its OpenAPI document, so the dashboard never
 * asks for an endpoint that is not there (alerting arrives separately from the rest).
 */
export function capabilities() {
  capabilitiesPromise ??= getJson('/openapi/v1.json')
    .then(doc => {
      const paths = Object.keys(doc.paths || {});
      return {
        alertRules: paths.includes(`${API}/alert-rules`),
        alerts: paths.includes(`${API}/alerts`),
        // The stream may be left out of the document (it is not request/response); it comes with the alert list.
        alertStream: paths.includes(`${API}/alerts/stream`) || paths.includes(`${API}/alerts`),
      };
    })
    .catch(() => ({ alertRules: false, alerts: false, alertStream: false }));
  return capabilitiesPromise;
}
