/* accord page scripts: the questions of a form and their conditions.
 *
 * A question is an element with data-question (its id), data-kind (yesno,
 * single, multiple, short or long), data-required and, when it has
 * conditions, data-show-if: space-separated "qid=value" pairs. Its controls
 * are q-<id>-input (a text answer), the choice inputs under .choices,
 * q-<id>-other-text ("other" described) and q-<id>-note.
 *
 * The visibility rule is the generator's: a question shows when every
 * "qid=value" pair of data-show-if names a value that is checked in a
 * question that is itself shown. Conditions only refer to earlier
 * questions, so one pass in document order settles them all.
 */
(function (accord) {
  'use strict';

  const models = new WeakMap(); // form element -> its model, shared by every part

  const CHOICE_KINDS = new Set(['yesno', 'single', 'multiple']);

  function conditionsOf(el) {
    return (el.getAttribute('data-show-if') || '').split(/\s+/).filter(Boolean).map(function (pair) {
      const eq = pair.indexOf('=');
      return { question: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
  }

  function read(form) {
    const list = Array.from(form.querySelectorAll('[data-question]'), function (el) {
      const kind = el.getAttribute('data-kind');
      return {
        el: el,
        id: el.getAttribute('data-question'),
        kind: kind,
        choice: CHOICE_KINDS.has(kind),
        required: el.getAttribute('data-required') === 'true',
        conds: conditionsOf(el),
        shown: true
      };
    });
    const byId = new Map();
    list.forEach(function (q) { byId.set(q.id, q); });
    return { form: form, list: list, byId: byId };
  }

  const questions = accord.questions = {
    // The model of form: {form, list (in page order), byId (a Map)}; every
    // part gets the same one, so all see what applyConditions decided.
    of: function (form) {
      if (!models.has(form)) models.set(form, read(form));
      return models.get(form);
    },

    // The choice inputs of q, in page order.
    options: function (q) {
      return Array.from(q.el.querySelectorAll('.choices input[type=radio], .choices input[type=checkbox]'));
    },

    // The text of the label of input, or null when it has none.
    label: function (input) {
      const label = input.labels && input.labels[0];
      return label ? label.textContent.trim() : null;
    },

    // The control of q named by part: 'input', 'other', 'other-text' or 'note'.
    field: function (q, part) {
      return document.getElementById('q-' + q.id + '-' + part);
    },

    // The question's own text, without its "(optional)" marker.
    text: function (q) {
      const head = q.el.querySelector('legend, .question-text');
      if (!head) return q.id;
      const copy = head.cloneNode(true);
      copy.querySelectorAll('.required, .optional').forEach(function (r) { r.remove(); });
      return copy.textContent.replace(/\s+/g, ' ').trim();
    },

    // The section of q: {el, title}.
    section: function (q) {
      const s = q.el.closest('.form-section');
      const h = s && s.querySelector('h2');
      return { el: s, title: h ? h.textContent.trim() : '' };
    },

    // What the person has entered for q: {values, other, text, note}, each
    // trimmed; other only while the value "other" is checked.
    answerOf: function (q) {
      const a = { values: [], other: '', text: '', note: '' };
      if (q.choice) {
        questions.options(q).forEach(function (o) { if (o.checked) a.values.push(o.value); });
        const other = questions.field(q, 'other-text');
        if (other && a.values.includes('other')) a.other = other.value.trim();
      } else {
        const input = questions.field(q, 'input');
        if (input) a.text = input.value.trim();
      }
      const note = questions.field(q, 'note');
      if (note) a.note = note.value.trim();
      return a;
    },

    isAnswered: function (a) {
      return a.values.length > 0 || a.text !== '' || a.note !== '';
    },

    // Shows the questions whose conditions hold and hides (and disables)
    // the others, in one pass in page order.
    applyConditions: function (model) {
      const holds = function (c) {
        const target = model.byId.get(c.question);
        if (!target || !target.shown || !target.choice) return false;
        return questions.options(target).some(function (o) { return o.checked && o.value === c.value; });
      };
      model.list.forEach(function (q) {
        const shown = q.conds.every(holds);
        q.shown = shown;
        q.el.hidden = !shown;
        q.el.querySelectorAll('input, textarea').forEach(function (i) { i.disabled = !shown; });
      });
    }
  };
})(window.accord);
