// The dashboard shell: a hash router over the views. Each view mounts into <main> and answers a function
// that stops its timers, streams and charts when the user moves on.
import { route, setStatus } from './shell.js';
import { mountOverview } from './overview.js';
import { mountTheater } from './theater.js';
import { mountAlerts, watchAlertCount } from './alerts.js';
import { mountBacktest } from './backtest.js';
import { watchApiKey } from './api-key.js';

const main = document.getElementById('main');
let unmount = () => {};

function render() {
  if (location.hash && !location.hash.startsWith('#/')) return; // in-page anchors such as the skip link
  const { path, params } = route();
  unmount();
  main.replaceChildren();
  setStatus('');
  const section = path[0] ?? '';
  const nav = section === '' || section === 'theater' ? 'overview' : section;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  switch (section) {
    case 'theater': unmount = mountTheater(main, path[1], params); break;
    case 'alerts': unmount = mountAlerts(main); break;
    case 'backtest': unmount = mountBacktest(main, path[1], params); break;
    default: unmount = mountOverview(main); break;
  }
}

// replaceState (replay moves) fires no hashchange, so only navigation re-mounts a view.
window.addEventListener('hashchange', render);
watchApiKey(document.getElementById('api-key-form'), document.getElementById('api-key-forget')); // before any request can answer 401
render();
watchAlertCount(document.getElementById('alert-count'));
