/* accord page scripts: the form.
 *
 * Drives a form page (form.accord-form): its conditions, its draft, its
 * validation and error summary, the "check your answers" step, the export
 * of the answers file and "use prior answers". The form's own attributes
 * say what it is (data-program, -questionnaire, -version, -digest, -kind,
 * -agreement, -role, -party, -revision, -previous) and what it allows
 * (data-limit-*).
 *
 * The exported file is named "<agreement>-<role>-r<revision>.xml", or
 * "idp-<party>-r<revision>.xml" for an individual development plan, which
 * has one role. Only shown, answered questions are exported or signed;
 * signing is sign-answers.js's.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  function metaOf(form) {
    const get = function (name, fallback) { return form.getAttribute('data-' + name) || fallback; };
    return {
      program: get('program', ''),
      questionnaire: get('questionnaire', ''),
      version: get('version', ''),
      digest: get('digest', ''),
      agreement: get('agreement', null),
      role: get('role', ''),
      party: get('party', ''),
      revision: get('revision', '1'),
      // a review (revision > 1) names the digest of the signed agreement it follows
      previous: get('previous', null)
    };
  }

  function fileNameOf(meta) {
    return (meta.agreement ? meta.agreement + '-' + meta.role : 'idp-' + meta.party) + '-r' + meta.revision + '.xml';
  }

  function init(form) {
    // every limit first: without them the form stays as the page shows it without script
    const limits = accord.validation.limits(form);
    const maxPrior = accord.priorAnswers.limit(form);
    const meta = metaOf(form);
    const model = questions.of(form);
    const check = accord.validation.create(model, limits, document.getElementById('error-summary'));
    const draftStatus = document.getElementById('draft-status');
    const drafts = form.closest('.accord-personal') ? accord.drafts.none(draftStatus)
      : accord.drafts.create(form, accord.drafts.key(meta), draftStatus);
    const priorInput = document.getElementById('prior-file');

    // Shows and hides questions by their conditions, and keeps what
    // depends on that: no error on a hidden question, the "please
    // describe" box only while "other" is chosen, and print.css printing
    // every question of a blank form but only the shown ones of a filled one.
    function applyConditions() {
      questions.applyConditions(model);
      let anyAnswer = false;
      model.list.forEach(function (q) {
        if (!q.shown) check.showFieldErrors(q, []);
        else if (questions.isAnswered(questions.answerOf(q))) anyAnswer = true;
        const box = q.el.querySelector('.other-text');
        const other = questions.field(q, 'other');
        if (box && other) box.classList.toggle('other-off', !other.checked);
      });
      form.classList.toggle('accord-filled', anyAnswer);
    }

    accord.priorAnswers.init(model, maxPrior, function () {
      settle();
      check.clearSummary();
      drafts.save();
      // review.js keeps the mentee-answer flags true; a prefill fires no input event
      form.dispatchEvent(new CustomEvent('accord:prefilled'));
    });
    const checkStep = accord.checkAnswers.init(model);

    // What the person answered, ready to export or sign: {head (a Map of
    // the answers file's root attributes), answers}; or null after showing
    // the problems that stop it.
    function collect() {
      const problems = check.validate();
      if (problems.length) { checkStep.hide(); check.showSummary(problems); return null; }
      const answers = model.list.filter(function (q) { return q.shown; }).map(function (q) {
        const a = questions.answerOf(q);
        a.question = q.id;
        return a;
      }).filter(questions.isAnswered);
      return { head: new Map(Object.entries(meta)), answers: answers };
    }

    function exportAnswers() {
      const got = collect();
      if (!got) return;
      const name = fileNameOf(meta);
      accord.dom.download(accord.answersFile.write(got.head, got.answers, new Date()), name, 'application/xml');
      accord.status.set(checkStep.exportStatus, 'Your answers were saved, unsigned, as ' + name + ' in your downloads folder. ' +
        'To go on later, open this form and choose that file under “Use prior answers”.');
    }

    // After script changed the controls (a draft, prior answers, clearing):
    // conditions, counts and the clear buttons follow.
    function settle() {
      applyConditions();
      refreshCounts();
      refreshClear();
    }

    function onEdit(ev) {
      if (ev.target === priorInput) return;
      applyConditions();
      refreshClear();
      // Once a field shows an error, fixing it clears that error at once.
      const el = ev.target.closest && ev.target.closest('[data-question]');
      const q = el && model.byId.get(el.getAttribute('data-question'));
      if (q && q.el.classList.contains('has-error')) check.showFieldErrors(q, check.problemsOf(q));
      drafts.save();
    }

    const refreshCounts = accord.counts.init(model, limits);
    const refreshClear = accord.clearAnswer.init(model);
    const tools = form.querySelector('.form-tools');
    if (tools) {
      tools.hidden = false;
      if (!form.closest('.accord-personal')) accord.drafts.clearTool(tools, function () {
        drafts.clear();
        settle();
        check.clearSummary();
        model.list.forEach(function (q) { check.showFieldErrors(q, []); });
        form.dispatchEvent(new CustomEvent('accord:prefilled'));
      });
    }
    drafts.restore();
    settle();
    accord.steps.init(model, check);

    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      applyConditions();
      const problems = check.validate();
      if (problems.length) { check.showSummary(problems); return; }
      check.clearSummary();
      if (checkStep) checkStep.show();
    });
    const exportButton = document.getElementById('export-answers');
    if (exportButton && checkStep) exportButton.addEventListener('click', exportAnswers);
    // signing is a part of its own: a page error there leaves the form working
    try {
      if (checkStep) accord.signAnswers.init(form, checkStep, collect);
    } catch (err) {
      if (!(err instanceof accord.ConfigError)) throw err;
      console.error('accord signing: ' + err.message);
    }
  }

  accord.form = { init: init };
})(window.accord);
