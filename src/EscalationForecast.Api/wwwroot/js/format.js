// Small, dependency-free helpers: DOM building without innerHTML (names come from data), numbers and times.

/** Creates an element: el('p', {class: 'x', text: 'hi'}, child, ...). Attributes starting with "on" are listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a Date or ISO string, in UTC. */
export function isoDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return d.toISOString().slice(0, 10);
}

/** A bare date plus n days, as a bare date. */
export function addDays(date, n) {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS));
}

export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Seconds since the epoch at the start of a bare date: the x value of a day on every chart. */
export function dayX(date) {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

export function pct(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  if (p >= 0.995 && p < 1) return '>99%';
  if (p > 0 && p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}

export function num(x, digits = 2) {
  if (x === null || x === undefined || typeof x !== 'number' || Number.isNaN(x)) return '–';
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return x.toLocaleString('en', { maximumFractionDigits: digits });
}

/** "3 days ago", "18 years ago": how long since an instant, relative to now. */
export function ago(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  const units = [['year', 365.25 * 86400], ['month', 30.44 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [name, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

export function riskBadge(level) {
  const text = level ?? 'no model';
  return el('span', { class: `badge risk-${level ?? 'none'}`, text });
}

/** replaceChildren that skips null/false children (conditional parts of a view). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return node;
}
