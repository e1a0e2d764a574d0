// The model beside the chart: what the fit says (branching, half-life, effects with their uncertainty) and
// how well it fits (AIC against a Poisson fit, the time-rescaling KS test, daily Pearson residuals).
import { el, fill, num } from './format.js';
import { residualPlot } from './charts.js';

const row = (name, value, note) => el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { text: value }), el('td', { class: 'muted', text: note ?? '' }));

function effect(e) {
  if (!e) return '–';
  const low = e.multiplier - 1.96 * e.standardError;
  const high = e.multiplier + 1.96 * e.standardError;
  return `×${num(e.multiplier, 2)} ± ${num(e.standardError, 2)} (95%: ${num(Math.max(0, low), 2)}–${num(high, 2)})`;
}

/** Renders the model panel; answers the residual chart (to destroy on the next render) or null. */
export function renderModel(box, model, items) {
  fill(box, el('h2', { id: 'model-h', text: 'The model' }));
  if (model.error) {
    box.append(el('p', { class: 'muted', text: `No model: ${model.error.message}` }));
    return null;
  }
  const deltaAic = model.poissonAic - model.aic;
  box.append(el('div', { class: 'model-grid' },
    el('table', { class: 'params' },
      el('caption', { class: 'muted', text: `${model.kernel} kernel, ${model.eventsUsed} incidents through ${model.dataThrough.slice(0, 10)}` }),
      el('tbody', {},
        row('branching ratio', num(model.branchingRatio, 3), model.branchingRatio >= 1 ? 'explosive (≥ 1)' : 'share of incidents triggered by earlier ones'),
        row('excitation half-life', `${num(model.decayHalfLifeDays, 2)} days`, 'how fast a burst fades'),
        row('baseline', `${num(model.baselinePerDay, 3)} per day`, 'background rate'),
        row('ceasefire multiplier', effect(model.effects?.ceasefire), 'below 1: truces hold'),
        row('anniversary multiplier', effect(model.effects?.anniversary), 'above 1: anniversaries raise the background (on the day; less along the ramp)'),
        ...Object.entries(model.effects ?? {}).filter(([family]) => family !== 'ceasefire' && family !== 'anniversary')
          .map(([family, e]) => row(`${family} multiplier`, effect(e), `scheduled ${family}s: on the date; the pressure ramps up before it`)),
        ...(model.channels ?? []).map(c => row(`channel ${c.channel}`, `${num(c.baselinePerDay, 3)}/day`,
          `excited by ${Object.entries(c.excitedBy).map(([k, v]) => `${k} ${num(v, 2)}`).join(', ')}`)))),
    el('table', { class: 'fit' },
      el('caption', { class: 'muted', text: 'Goodness of fit' }),
      el('tbody', {},
        row('AIC', num(model.aic, 1), `Poisson ${num(model.poissonAic, 1)}`),
        row('ΔAIC vs Poisson', num(deltaAic, 1), deltaAic > 10 ? 'self-excitation clearly helps' : deltaAic > 0 ? 'self-excitation helps a little' : 'no better than Poisson'),
        row('KS statistic', num(model.ksStatistic, 3), 'time-rescaling: rescaled gaps vs Exp(1)'),
        row('KS p-value', num(model.ksPValue, 3), model.ksPValue < 0.05 ? 'the fit is rejected at 5%' : 'not rejected at 5%'),
        row('converged', model.converged ? 'yes' : 'no', `${model.evaluations} evaluations, ${num(model.fitSeconds, 1)} s`),
        row('fitted at', model.fittedAt.slice(0, 19).replace('T', ' '), '')))));

  const points = items.filter(p => p.intensity !== null && p.intensity !== undefined && p.intensity > 0);
  if (points.length < 5) return null;
  const plot = el('div', { class: 'chart small', id: 'residual-chart' });
  box.append(el('figure', { class: 'residuals' },
    el('figcaption', {}, 'Daily Pearson residuals (count − expected) / √expected over the chart window; ',
      el('span', { class: 'muted', text: 'most should fall in the shaded ±2 band, with no runs or trend.' })),
    plot));
  const residuals = points.map(p => (p.count - p.intensity) / Math.sqrt(p.intensity));
  plot.dataset.points = String(points.length);
  return residualPlot(plot, points.map(p => p.date), residuals);
}
