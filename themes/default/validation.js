/* accord page scripts: validation and the error summary.
 *
 * Each shown question is checked as the generator's checker checks an
 * answers file: a required question needs an answer, "other" chosen needs
 * its description, and no answer, "other" text or note may be longer than
 * the form's limits (data-limit-short, -long, -other, -note), counted in
 * characters (code points, as the checker counts them, not UTF-16 units).
 *
 * Problems show beside their question (aria-invalid, the question's error
 * message in aria-describedby) and in the error summary at the top, whose
 * links move focus to the control to fix, as GOV.UK's error summary does.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  // Characters as the generator's checker counts them.
  function length(s) { return Array.from(s).length; }

  function describedBy(el, id, on) {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== id; });
    if (on) ids.push(id);
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  // Moves focus to a control and brings its question into view, as a link
  // to an input alone would scroll but not focus it. The event
  // accord:reveal, dispatched on the control first, lets a part that hides
  // it (steps.js) show it.
  function focusControl(id) {
    const target = document.getElementById(id);
    if (!target) return;
    target.dispatchEvent(new CustomEvent('accord:reveal', { bubbles: true }));
    const q = target.closest('[data-question]');
    const head = q && q.querySelector('legend, .question-text');
    target.focus({ preventScroll: true });
    (head || target).scrollIntoView({ block: 'start' });
  }

  // The characters allowed per field of form, by kind: short, long, other
  // and note. Throws accord.ConfigError when form lacks one.
  function limitsOf(form) {
    return accord.config.counts(form, 'data-limit-', ['short', 'long', 'other', 'note']);
  }

  // The validation of model's questions with the limits of limits(),
  // summarised in summaryEl: {validate(), problemsOf(q), showFieldErrors(q,
  // problems), showSummary(problems), clearSummary()}.
  function create(model, limits, summaryEl) {
    const baseTitle = document.title;

    // The problems of q as [{target, summary, message}]: target is the id
    // of the control to fix, summary the link text of the summary.
    function problemsOf(q) {
      const out = [];
      if (!q.shown) return out;
      const text = questions.text(q);
      const a = questions.answerOf(q);
      const add = function (target, summary, message) { out.push({ target: target, summary: summary, message: message }); };
      if (q.choice) {
        const first = questions.options(q)[0];
        if (q.required && a.values.length === 0)
          add(first ? first.id : q.el.id, 'Choose an answer to “' + text + '”', 'Choose an answer.');
        if (a.values.includes('other')) {
          const other = questions.field(q, 'other-text');
          const max = limits.get('other');
          if (other && a.other === '')
            add(other.id, 'Describe your “other” answer to “' + text + '”', 'Describe your other answer.');
          else if (other && length(a.other) > max)
            add(other.id, 'Shorten your “other” answer to “' + text + '”', 'Use at most ' + max + ' characters.');
        }
      } else {
        const input = questions.field(q, 'input');
        const max = limits.has(q.kind) ? limits.get(q.kind) : limits.get('long');
        if (input && q.required && a.text === '')
          add(input.id, 'Answer “' + text + '”', 'Enter an answer.');
        else if (input && length(a.text) > max)
          add(input.id, 'Shorten your answer to “' + text + '”', 'Use at most ' + max + ' characters (now ' + length(a.text) + ').');
      }
      const note = questions.field(q, 'note');
      const maxNote = limits.get('note');
      if (note && length(a.note) > maxNote)
        add(note.id, 'Shorten your note on “' + text + '”', 'Use at most ' + maxNote + ' characters in a note.');
      return out;
    }

    function showFieldErrors(q, problems) {
      const errorEl = questions.field(q, 'error');
      const bad = new Set(problems.map(function (p) { return p.target; })); // ids of the controls at fault
      if (errorEl) {
        errorEl.textContent = problems.map(function (p) { return p.message; }).join(' ');
        errorEl.hidden = problems.length === 0;
      }
      q.el.classList.toggle('has-error', problems.length > 0);
      // A fieldset describes its whole group; a text question describes its input.
      const describe = q.choice ? q.el : questions.field(q, 'input');
      if (describe && errorEl) describedBy(describe, errorEl.id, problems.length > 0);
      const choiceBad = q.choice && questions.options(q).some(function (o) { return bad.has(o.id); });
      q.el.querySelectorAll('input, textarea').forEach(function (i) {
        const invalid = bad.has(i.id) || (choiceBad && (i.type === 'radio' || i.type === 'checkbox'));
        if (invalid) i.setAttribute('aria-invalid', 'true');
        else i.removeAttribute('aria-invalid');
      });
    }

    function clearSummary() {
      summaryEl.hidden = true;
      summaryEl.replaceChildren();
      document.title = baseTitle;
    }

    function showSummary(problems) {
      clearSummary();
      const ul = document.createElement('ul');
      problems.forEach(function (p) {
        const a = accord.dom.make('a', '', p.summary);
        a.href = '#' + p.target;
        a.addEventListener('click', function (ev) { ev.preventDefault(); focusControl(p.target); });
        const li = document.createElement('li');
        li.appendChild(a);
        ul.appendChild(li);
      });
      summaryEl.appendChild(accord.dom.make('h2', '', 'There is a problem'));
      summaryEl.appendChild(ul);
      summaryEl.hidden = false;
      document.title = 'Error: ' + baseTitle;
      summaryEl.focus();
      summaryEl.scrollIntoView({ block: 'start' });
    }

    // Validates every shown question and marks each; returns the problems
    // in page order.
    function validate() {
      let all = [];
      model.list.forEach(function (q) {
        const p = problemsOf(q);
        showFieldErrors(q, p);
        all = all.concat(p);
      });
      return all;
    }

    return {
      validate: validate,
      problemsOf: problemsOf,
      showFieldErrors: showFieldErrors,
      showSummary: showSummary,
      clearSummary: clearSummary
    };
  }

  accord.validation = { limits: limitsOf, create: create, focusControl: focusControl };
})(window.accord);
