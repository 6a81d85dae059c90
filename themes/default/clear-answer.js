/* accord page scripts: clearing a chosen answer of a one-choice question.
 *
 * A radio button cannot be unchosen by clicking it again, so each
 * one-choice question (single, yesno) gets a "Clear my answer" button,
 * shown while one of its options is chosen. Clearing fires a change event,
 * so conditions, drafts and counts follow as after any other edit.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  accord.clearAnswer = {
    // Adds the buttons to model's one-choice questions; returns refresh(),
    // which shows each button only while its question has a choice.
    init: function (model) {
      const buttons = [];
      model.list.forEach(function (q) {
        if (q.kind !== 'single' && q.kind !== 'yesno') return;
        const choices = q.el.querySelector('.choices');
        if (!choices) return;
        const b = accord.dom.button('q-' + q.id + '-clear', 'Clear my answer', 'link-button');
        b.appendChild(accord.dom.make('span', 'visually-hidden', ' to “' + questions.text(q) + '”'));
        choices.after(b);
        b.addEventListener('click', function () {
          const options = questions.options(q);
          options.forEach(function (o) { o.checked = false; });
          if (options[0]) {
            options[0].dispatchEvent(new Event('change', { bubbles: true }));
            options[0].focus();
          }
        });
        buttons.push({ q: q, b: b });
      });
      const refresh = function () {
        buttons.forEach(function (x) { x.b.hidden = !questions.options(x.q).some(function (o) { return o.checked; }); });
      };
      refresh();
      return refresh;
    }
  };
})(window.accord);
