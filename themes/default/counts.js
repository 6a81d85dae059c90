/* accord page scripts: a character count under every text field.
 *
 * Each answer, "other" description and note of a form shows how many
 * characters are left, from the form's limits (validation.js's limits of
 * data-limit-*), counted as the checker counts them (code points). Text is
 * never cut: pasting more than the limit is allowed and shown as "too
 * many", and validation refuses it with a message. The visible count is
 * hidden from screen readers; a polite live region says the same once the
 * person pauses, so not every key press is announced (GOV.UK's pattern).
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;
  const PAUSE_MS = 800;

  function length(s) { return Array.from(s).length; }

  function words(left) {
    const n = Math.abs(left);
    const unit = n === 1 ? ' character' : ' characters';
    return left >= 0 ? 'You have ' + n + unit + ' remaining' : 'You have ' + n + unit + ' too many';
  }

  // Adds a count under field, whose limit is max.
  function attach(field, max) {
    const shown = accord.dom.make('p', 'char-count');
    shown.id = field.id + '-count';
    shown.setAttribute('aria-hidden', 'true');
    const spoken = accord.status.region('span', field.id + '-count-spoken');
    spoken.className = 'visually-hidden';
    field.after(shown, spoken);
    let timer = null;
    const update = function (announce) {
      const left = max - length(field.value);
      shown.textContent = field.value === '' ? 'You can enter up to ' + max + ' characters' : words(left);
      shown.classList.toggle('char-count-over', left < 0);
      if (!announce) return;
      clearTimeout(timer);
      timer = setTimeout(function () { accord.status.set(spoken, words(left)); }, PAUSE_MS);
    };
    field.addEventListener('input', function () { update(true); });
    update(false);
    return function () { update(false); };
  }

  accord.counts = {
    // Adds the counts to model's questions with limits (a Map: short,
    // long, other, note); returns refresh(), which updates every count
    // after the fields were filled by script (a draft, prior answers).
    init: function (model, limits) {
      const updates = [];
      model.list.forEach(function (q) {
        const input = questions.field(q, 'input');
        if (input && !q.choice) updates.push(attach(input, limits.has(q.kind) ? limits.get(q.kind) : limits.get('long')));
        const other = questions.field(q, 'other-text');
        if (other) updates.push(attach(other, limits.get('other')));
        const note = questions.field(q, 'note');
        if (note) updates.push(attach(note, limits.get('note')));
      });
      return function () { updates.forEach(function (u) { u(); }); };
    }
  };
})(window.accord);
