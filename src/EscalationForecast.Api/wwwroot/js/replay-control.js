// The replay control of the theater view: a date and a slider that move asOf through the history, ±7 days, Play
// (a week every half second), "as known then" (knownAt = asOf) and Live. It keeps the URL in step with asOf.
import { el, addDays, daysBetween } from './format.js';
import { replaceParams } from './shell.js';

/**
 * @param state { asOf, known, playing }, shared with the view
 * @param load loads the view for state.asOf (returns a promise)
 * @param onMove called when asOf moves (the view stops its live polling)
 * @param onLive called when Live is pressed, after asOf is cleared
 */
export function replayControl(state, { load, onMove, onLive }) {
  const range = el('input', { type: 'range', id: 'asof-range', min: 0, max: 0, step: 1, 'aria-label': 'As of (days through the history)' });
  const date = el('input', { type: 'date', id: 'asof-date', 'aria-label': 'As of date' });
  const known = el('input', { type: 'checkbox', id: 'known-then' });
  const play = el('button', { type: 'button', id: 'play', text: 'Play' });
  const live = el('button', { type: 'button', id: 'live', text: 'Live' });
  const back = el('button', { type: 'button', text: '−7 days', 'aria-label': 'Back 7 days' });
  const forward = el('button', { type: 'button', text: '+7 days', 'aria-label': 'Forward 7 days' });
  const mode = el('span', { class: 'mode', id: 'mode' });
  let debounce = 0;
  let playTimer = 0;
  let stopped = false;

  const panel = el('section', { class: 'replay panel', 'aria-label': 'Replay' },
    el('div', { class: 'replay-row' },
      el('label', { for: 'asof-date', text: 'As of' }), date, back, range, forward, play, live),
    el('div', { class: 'replay-row' },
      el('label', { class: 'switch' }, known, ' as known then (only what had been recorded by that date)'),
      mode));

  /** The days asOf may take: from min to max. */
  function setBounds(min, max) {
    range.min = 0;
    range.max = Math.max(0, daysBetween(min, max));
    range.dataset.min = min;
    date.min = min;
    date.max = max;
  }

  function sync() {
    const asOf = state.asOf ?? date.max;
    range.value = String(Math.max(0, daysBetween(range.dataset.min, asOf)));
    date.value = asOf;
    known.checked = state.known;
    known.disabled = !state.asOf;
    live.disabled = !state.asOf;
    range.setAttribute('aria-valuetext', state.asOf ? `as of ${state.asOf}` : 'live');
    mode.textContent = state.asOf ? `Replay: as of ${state.asOf}${state.known ? ', as known then' : ', with everything known now'}` : 'Live';
    const params = new URLSearchParams();
    if (state.asOf) params.set('asOf', state.asOf);
    if (state.known && state.asOf) params.set('known', '1');
    replaceParams(params);
  }

  function moveTo(asOf, { immediate = false } = {}) {
    state.asOf = asOf < date.min ? date.min : asOf > date.max ? date.max : asOf;
    sync();
    clearTimeout(debounce);
    onMove();
    debounce = setTimeout(load, immediate ? 0 : 300);
  }

  function startPlaying() {
    state.playing = true;
    play.textContent = 'Pause';
    play.setAttribute('aria-pressed', 'true');
    if (!state.asOf || state.asOf >= date.max) state.asOf = date.min;
    step();
  }

  function stopPlaying() {
    state.playing = false;
    clearTimeout(playTimer);
    play.textContent = 'Play';
    play.setAttribute('aria-pressed', 'false');
  }

  async function step() {
    if (!state.playing || stopped) return;
    state.asOf = addDays(state.asOf, 7) > date.max ? date.max : addDays(state.asOf, 7);
    sync();
    await load();
    if (state.asOf >= date.max) stopPlaying();
    else playTimer = setTimeout(step, 500);
  }

  range.addEventListener('input', () => moveTo(addDays(range.dataset.min, Number(range.value))));
  date.addEventListener('change', () => { if (date.value) moveTo(date.value, { immediate: true }); });
  back.addEventListener('click', () => moveTo(addDays(state.asOf ?? date.max, -7), { immediate: true }));
  forward.addEventListener('click', () => moveTo(addDays(state.asOf ?? date.max, 7), { immediate: true }));
  known.addEventListener('change', () => { state.known = known.checked; moveTo(state.asOf, { immediate: true }); });
  play.addEventListener('click', () => (state.playing ? stopPlaying() : startPlaying()));
  live.addEventListener('click', () => {
    stopPlaying();
    state.asOf = null;
    state.known = false;
    sync();
    onLive();
  });

  return {
    panel, setBounds, sync,
    stop() {
      stopped = true;
      clearTimeout(debounce);
      clearTimeout(playTimer);
    },
  };
}
