/* accord page scripts: the "check your answers" step.
 *
 * After the form validates, the form is hidden and #review lists every
 * shown, answered question by section (#review-list), each with a "Change"
 * link back to its control, as GOV.UK's check answers pattern does. The
 * step's actions (#export-answers, #back-to-form) sit together below the
 * list, and #export-status (made here, so that it exists before its first
 * message) says what the export did.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  // The answer to q as the person reads it: the option labels (with the
  // "other" text) one a line, or the text.
  function answerText(q, a) {
    if (!q.choice) return a.text;
    return questions.options(q).filter(function (o) { return o.checked; }).map(function (o) {
      const label = questions.label(o);
      const shown = label === null ? o.value : label;
      return o.value === 'other' && a.other ? shown + ': ' + a.other : shown;
    }).join('\n');
  }

  // The control a "Change" link of q focuses.
  function firstControl(q) {
    const target = q.choice ? questions.options(q)[0] : questions.field(q, 'input');
    return target ? target.id : q.el.id;
  }

  // Sets up the step for model's form (its actions and export status);
  // returns {show(), hide(), exportStatus}, or null when the page has no
  // #review.
  function init(model) {
    const form = model.form;
    const review = document.getElementById('review');
    if (!review) return null;
    const title = document.getElementById('review-title');
    const list = document.getElementById('review-list');
    const exportButton = document.getElementById('export-answers');
    const backButton = document.getElementById('back-to-form');

    const exportStatus = accord.status.region('p', 'export-status');
    review.appendChild(exportStatus);
    if (exportButton && backButton) {
      const actions = accord.dom.make('div', 'review-actions');
      review.insertBefore(actions, exportButton);
      actions.appendChild(exportButton);
      actions.appendChild(backButton);
      backButton.classList.add('secondary');
    }

    function hide() {
      review.hidden = true;
      form.hidden = false;
    }

    function item(q, a) {
      const row = accord.dom.make('div', 'review-item');
      row.appendChild(accord.dom.make('dt', '', questions.text(q)));
      const shownAnswer = answerText(q, a);
      row.appendChild(accord.dom.make('dd', 'review-answer', shownAnswer !== '' ? shownAnswer : 'No answer (note only)'));
      if (a.note) row.appendChild(accord.dom.make('dd', 'review-note', 'Note: ' + a.note));
      const target = firstControl(q);
      const link = document.createElement('a');
      link.href = '#' + target;
      link.appendChild(document.createTextNode('Change'));
      link.appendChild(accord.dom.make('span', 'visually-hidden', ' your answer to “' + questions.text(q) + '”'));
      link.addEventListener('click', function (ev) {
        ev.preventDefault();
        hide();
        accord.validation.focusControl(target);
      });
      const change = accord.dom.make('dd', 'review-change');
      change.appendChild(link);
      row.appendChild(change);
      return row;
    }

    function build() {
      list.replaceChildren();
      let lastSection = null, dl = null, count = 0;
      model.list.forEach(function (q) {
        if (!q.shown) return;
        const a = questions.answerOf(q);
        if (!questions.isAnswered(a)) return;
        const s = questions.section(q);
        if (s.el !== lastSection || !dl) {
          lastSection = s.el;
          if (s.title) list.appendChild(accord.dom.make('h3', '', s.title));
          dl = accord.dom.make('dl', 'review-answers');
          list.appendChild(dl);
        }
        dl.appendChild(item(q, a));
        count++;
      });
      if (count === 0) list.appendChild(accord.dom.make('p', '', 'You have not answered any question yet.'));
    }

    function show() {
      build();
      accord.status.set(exportStatus, '');
      form.hidden = true;
      review.hidden = false;
      title.focus();
      window.scrollTo(0, review.getBoundingClientRect().top + window.pageYOffset - 16);
    }

    if (backButton) {
      backButton.addEventListener('click', function () {
        hide();
        const first = form.querySelector('input:not([type=file]):not(:disabled), textarea:not(:disabled)');
        if (first) accord.validation.focusControl(first.id);
      });
    }

    return { show: show, hide: hide, exportStatus: exportStatus };
  }

  accord.checkAnswers = { init: init };
})(window.accord);
