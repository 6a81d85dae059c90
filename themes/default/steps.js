/* accord page scripts: the form one section at a time.
 *
 * With script, a form of more than one section shows one section (a step)
 * at a time, as GOV.UK services do: a contents list of the sections with
 * each one's state (Not started, In progress, Done; Not needed when its
 * conditions hide every question), "Section N of M", Back and Continue.
 * Continue checks the step's questions only and shows their errors in the
 * error summary; the last step's Continue submits the form, which checks
 * everything and goes to "check your answers". A control that must be
 * shown (a Change link, an error summary link) is revealed with the event
 * accord:reveal, which opens its step. "Show all sections on one page"
 * turns the steps off and back on. The open step, or #all for one page,
 * is kept in the address's fragment, so a reload returns to it (not on a
 * person's own pages, whose fragment holds their key). Without
 * script the form stays one page, and printing always shows every
 * section (the steps hide sections with a class print.css ignores).
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;
  const ALL = 'all'; // the fragment of the one-page view
  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };

  // Sets up steps for model's form; check is its validation (validation.js).
  // Does nothing for a form of one section.
  function init(model, check) {
    const form = model.form;
    const sections = Array.from(form.querySelectorAll('.form-section'));
    if (sections.length < 2) return;
    const passed = new Set(); // sections continued from without a problem
    let current = 0, all = false;
    // a person's own pages keep their key in the fragment: no place is kept there
    const keepPlace = !form.closest('.accord-personal');
    const remember = function (fragment) { if (keepPlace) history.replaceState(null, '', '#' + fragment); };

    form.classList.add('accord-steps');
    const contents = make('nav', 'step-contents');
    contents.setAttribute('aria-labelledby', 'step-contents-title');
    const ct = make('h2', '', 'Sections');
    ct.id = 'step-contents-title';
    contents.appendChild(ct);
    const list = make('ol', '');
    contents.appendChild(list);
    const toggle = accord.dom.button('step-toggle', '', 'link-button');
    contents.appendChild(toggle);
    const progress = make('p', 'step-progress');
    progress.id = 'step-progress';
    const nav = make('div', 'step-nav');
    const back = accord.dom.button('step-back', 'Back', 'secondary');
    const next = accord.dom.button('step-continue', 'Continue');
    nav.append(next, back);
    sections[0].parentNode.insertBefore(contents, sections[0]);
    sections[0].parentNode.insertBefore(progress, sections[0]);
    sections[sections.length - 1].after(nav);

    const items = sections.map(function (s, i) {
      const li = make('li', '');
      const a = make('a', '', titleOf(s));
      a.href = '#' + s.id;
      a.addEventListener('click', function (ev) { ev.preventDefault(); open(i, true); });
      const state = make('strong', 'step-state');
      li.append(a, ' ', state);
      list.appendChild(li);
      return { a: a, state: state };
    });

    function titleOf(s) {
      const h = s.querySelector('h2');
      return h ? h.textContent.trim() : s.id;
    }

    function shownQuestions(i) {
      return model.list.filter(function (q) { return q.shown && sections[i].contains(q.el); });
    }

    // The state of step i, whose shown questions are qs.
    function stateOf(i, qs) {
      if (!qs.length) return 'Not needed';
      const answered = qs.some(function (q) { return questions.isAnswered(questions.answerOf(q)); });
      const ok = qs.every(function (q) { return check.problemsOf(q).length === 0; });
      if (passed.has(i) && ok) return 'Done';
      return answered ? 'In progress' : 'Not started';
    }

    function refresh() {
      const shown = sections.map(function (s, i) { return shownQuestions(i); });
      items.forEach(function (it, i) {
        const s = stateOf(i, shown[i]);
        it.state.textContent = s;
        it.state.className = 'step-state step-' + s.toLowerCase().replace(/ /g, '-');
        if (i === current) it.a.setAttribute('aria-current', 'step');
        else it.a.removeAttribute('aria-current');
      });
      const order = shown.map(function (qs, i) { return qs.length ? i : -1; }).filter(function (i) { return i >= 0; });
      const at = order.indexOf(current);
      progress.textContent = 'Section ' + (at + 1) + ' of ' + order.length;
      back.hidden = at <= 0;
      next.textContent = at === order.length - 1 ? 'Continue to check your answers' : 'Continue';
    }

    // The next section from i in direction dir (1 or -1) that has a shown
    // question, or -1.
    function neighbour(i, dir) {
      for (let k = i + dir; k >= 0 && k < sections.length; k += dir) if (shownQuestions(k).length) return k;
      return -1;
    }

    // Shows every section on one page (the form as it is without script),
    // or goes back to one at a time.
    function setAll(on) {
      all = on;
      form.classList.toggle('accord-steps', !on);
      toggle.textContent = on ? 'Show one section at a time' : 'Show all sections on one page';
      progress.hidden = on;
      nav.hidden = on;
      if (on) {
        sections.forEach(function (s) { s.classList.remove('step-hidden'); });
        remember(ALL);
        refresh();
      } else {
        open(current, true);
      }
    }

    // Opens step i; focus moves to its heading when moveFocus.
    function open(i, moveFocus) {
      current = i;
      if (all) {
        refresh();
        return;
      }
      sections.forEach(function (s, k) { s.classList.toggle('step-hidden', k !== i); });
      remember(sections[i].id);
      refresh();
      if (moveFocus) {
        const h = sections[i].querySelector('h2');
        if (h) {
          h.setAttribute('tabindex', '-1');
          h.focus({ preventScroll: true });
        }
        window.scrollTo(0, progress.getBoundingClientRect().top + window.pageYOffset - 16);
      }
    }

    next.addEventListener('click', function () {
      const problems = [];
      shownQuestions(current).forEach(function (q) {
        const p = check.problemsOf(q);
        check.showFieldErrors(q, p);
        Array.prototype.push.apply(problems, p);
      });
      if (problems.length) { check.showSummary(problems); refresh(); return; }
      check.clearSummary();
      passed.add(current);
      const k = neighbour(current, 1);
      if (k < 0) { form.requestSubmit(); return; }
      open(k, true);
    });
    back.addEventListener('click', function () {
      const k = neighbour(current, -1);
      if (k >= 0) open(k, true);
    });
    form.addEventListener('accord:reveal', function (ev) {
      const i = sections.findIndex(function (s) { return s.contains(ev.target); });
      if (i >= 0 && i !== current) open(i, false);
    });
    form.addEventListener('input', refresh);
    form.addEventListener('change', refresh);
    form.addEventListener('accord:prefilled', refresh);

    toggle.addEventListener('click', function () { setAll(!all); });
    const hash = keepPlace ? window.location.hash : '';
    const start = sections.findIndex(function (s) { return '#' + s.id === hash; });
    current = start >= 0 ? start : Math.max(0, neighbour(-1, 1));
    if (hash === '#' + ALL) setAll(true);
    else {
      toggle.textContent = 'Show all sections on one page';
      open(current, false);
    }
  }

  accord.steps = { init: init };
})(window.accord);
