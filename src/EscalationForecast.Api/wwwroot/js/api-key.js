// The API key form in the header. Shown when the server answers 401 (the 'api-key-required' event from api.js):
// the key entered is kept for this tab's session (sessionStorage) and sent as X-Api-Key; the page then reloads
// so every view and the live feed start again with it. "Forget key" removes it.
import { apiKey, setApiKey } from './api.js';

export function watchApiKey(form, forget) {
  const input = form.querySelector('input');
  const message = form.querySelector('[data-message]');
  forget.hidden = apiKey() === '';

  window.addEventListener('api-key-required', event => {
    if (!form.hidden) return;
    message.textContent = event.detail.refused
      ? 'The API key was refused: enter a valid key.'
      : 'This server needs an API key to show its data.';
    form.hidden = false;
    input.focus();
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    setApiKey(key);
    location.reload();
  });

  forget.addEventListener('click', () => {
    setApiKey('');
    location.reload();
  });
}
