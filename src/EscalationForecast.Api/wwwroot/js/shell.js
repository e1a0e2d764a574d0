// What every view shares: the route in the address bar and the status line in the header.

/** '#/theater/iraq-baghdad?asOf=2007-09-01' -> { path: ['theater', 'iraq-baghdad'], params } */
export function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, search = ''] = hash.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function hashOf(path, params) {
  const text = params?.toString() ?? '';
  return `#/${path.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

/** Changes the query of the current view in the address bar without re-mounting it (replay moves, toggles). */
export function replaceParams(params) {
  history.replaceState(null, '', hashOf(route().path, params));
}

export function setStatus(text) {
  document.getElementById('status').textContent = text;
}
