/* accord page scripts: the mentor takes the mentee's answers, when they
 * choose to.
 *
 * Where a mentee's answer is shown beside a question (div.mentee-answer
 * with data-answered, data-values, data-other and p.mentee-text, as
 * review.js and the generator write it), a "Use this answer" button copies
 * it into the mentor's own controls; one button above the questions does
 * so for every shown question the mentor has not answered. Nothing is
 * copied by default, and notes stay each party's own. Copying fires a
 * change event, so conditions, flags and the draft follow. The columns
 * come with the review page, or when the mentor loads the mentee's answers
 * (review.js then fires accord:mentee-shown).
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  function columnOf(q) {
    const col = q.el.querySelector('.mentee-answer');
    return col && col.closest('[data-question]') === q.el && col.getAttribute('data-answered') === 'true' ? col : null;
  }

  // Copies the mentee's answer in col into q's controls.
  function copy(q, col) {
    const values = new Set((col.getAttribute('data-values') || '').split(/\s+/).filter(Boolean));
    if (q.choice) {
      questions.options(q).forEach(function (o) { o.checked = values.has(o.value); });
      const other = questions.field(q, 'other-text');
      if (other && values.has('other')) other.value = col.getAttribute('data-other') || '';
    } else {
      const input = questions.field(q, 'input');
      const text = col.querySelector('.mentee-text');
      if (input) input.value = text ? text.textContent.trim() : '';
    }
  }

  function mentorHasAnswered(q) {
    const a = questions.answerOf(q);
    return a.values.length > 0 || a.text !== '';
  }

  function changed(q) {
    const first = q.el.querySelector('input, textarea');
    if (first) first.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function init(form) {
    const isReview = form.getAttribute('data-review') === 'true';
    const isMentorForm = form.getAttribute('data-role') === 'mentor' && form.getAttribute('data-kind') !== 'idp';
    if (!isReview && !isMentorForm) return;
    const model = questions.of(form);
    const bar = accord.dom.make('div', 'take-all');
    bar.hidden = true;
    const all = accord.dom.button('take-all', 'Use your mentee’s answers where you have not answered', 'secondary');
    const status = accord.status.box('take-all-status');
    bar.append(all, status);
    const firstSection = form.querySelector('.form-section');
    if (firstSection) firstSection.parentNode.insertBefore(bar, firstSection);

    // Adds a "Use this answer" button to each mentee column that has none.
    function addButtons() {
      let any = false;
      model.list.forEach(function (q) {
        const col = columnOf(q);
        if (!col) return;
        any = true;
        if (col.querySelector('.take-one')) return;
        const b = accord.dom.button('q-' + q.id + '-take', 'Use this answer', 'link-button take-one');
        b.appendChild(accord.dom.make('span', 'visually-hidden', ' for “' + questions.text(q) + '”'));
        b.addEventListener('click', function () { copy(q, col); changed(q); });
        col.appendChild(b);
      });
      bar.hidden = !any;
    }

    all.addEventListener('click', function () {
      let n = 0;
      model.list.forEach(function (q) {
        const col = columnOf(q);
        if (!q.shown || !col || mentorHasAnswered(q)) return;
        copy(q, col);
        changed(q);
        n++;
      });
      accord.status.tell(status, [n
        ? 'Your mentee’s answers were copied into ' + n + (n === 1 ? ' question' : ' questions') + ' you had not answered. Check each one: your answers are final.'
        : 'There was no question left that you had not answered and your mentee had.']);
    });
    form.addEventListener('accord:mentee-shown', addButtons);
    addButtons();
  }

  accord.takeAnswers = { init: init };
})(window.accord);
