/* accord page scripts: the mentor's side of an agreement.
 *
 * On two kinds of page:
 * - the private review page (form data-review="true"): the generator
 *   writes the mentee's answer beside each question (div.mentee-answer,
 *   with data-answered, data-values and data-other); this part keeps each
 *   flag and the summary count true as the mentor answers;
 * - the public mentor form: a tool reads the mentee's answers bundle or
 *   answers file chosen by the mentor (mentee-file.js), builds the same
 *   mentee column with DOM methods, then flags it the same way. Nothing
 *   leaves the browser.
 *
 * A question hidden by the mentor's answers counts as unanswered by the
 * mentor (its answer is never exported), as on the server: "for
 * discussion" when the mentee answered it; it is not left to answer. The
 * summary (#review-summary, with data-conflicts, data-discuss,
 * data-answered and data-left as the generator writes them) is the only
 * live region of this part: a few short sentences per change.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  // The mentor's answer to q as it stands: {values, other, text, given}.
  // "Other" text comes only with the value other, so values and text
  // decide whether it is given.
  function mentorAnswer(q) {
    if (q.el.hidden) return { values: [], other: '', text: '', given: false };
    const a = questions.answerOf(q);
    return { values: a.values, other: a.other, text: a.text, given: q.choice ? a.values.length > 0 : a.text !== '' };
  }

  // The mentee's column of q, or null.
  function columnOf(q) {
    const col = q.el.querySelector('.mentee-answer');
    return col && col.closest('[data-question]') === q.el ? col : null;
  }

  // The mentee's answer as the column states it: {values, other, text,
  // given} (data-answered: values, text or other text; a note alone is no
  // answer).
  function menteeAnswer(col) {
    const values = (col.getAttribute('data-values') || '').split(/\s+/).filter(Boolean);
    const textEl = col.querySelector('.mentee-text');
    const text = textEl ? textEl.textContent.trim() : '';
    return { values: values, other: trimmed(col.getAttribute('data-other')), text: text, given: col.getAttribute('data-answered') === 'true' };
  }

  // The label of the option of q whose value is value, or null.
  function optionLabel(q, value) {
    const input = questions.options(q).find(function (i) { return i.value === value; });
    return input ? questions.label(input) : null;
  }

  function trimmed(s) { return s === null ? '' : s.trim(); }

  // Adds a mentee column built from the answers of doc to every question
  // of model; returns the answers this form cannot show (a question or a
  // value not on it), as lines.
  function buildColumns(model, doc) {
    const answers = new Map(); // question id -> answer; the last one of an id wins
    accord.answersFile.answers(doc).forEach(function (a) { answers.set(a.question, a); });
    const misfits = [];
    const party = doc.documentElement.getAttribute('party') || 'your mentee';
    const make = accord.dom.make;
    model.list.forEach(function (q) {
      const a = answers.get(q.id);
      const values = a ? a.values.filter(function (v) { return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v); }) : [];
      const other = a ? trimmed(a.other) : '';
      const text = a ? trimmed(a.text) : '';
      const note = a ? trimmed(a.note) : '';
      const given = values.length > 0 || text !== '' || other !== '';
      const col = make('div', 'mentee-answer mentee-loaded');
      col.setAttribute('data-answered', given ? 'true' : 'false');
      col.setAttribute('data-values', values.join(' '));
      if (other) col.setAttribute('data-other', other);
      col.appendChild(make('p', 'mentee-answer-title', 'Mentee\'s answer'));
      if (text) {
        col.appendChild(make('p', 'mentee-answer-value mentee-text', text));
      } else if (given) {
        col.appendChild(make('p', 'mentee-answer-value', values.map(function (v) {
          if (v === 'other' && other) return 'Other: ' + other;
          const label = optionLabel(q, v);
          if (label === null) misfits.push('Value “' + v + '” of question “' + q.id + '” is not an option on this form.');
          return label === null ? v : label;
        }).join(', ')));
      } else {
        col.appendChild(make('p', 'mentee-answer-value mentee-none', 'Not answered'));
      }
      if (note) {
        const p = make('p', 'mentee-note');
        p.appendChild(make('span', 'note-label', 'Note from ' + party + ' (mentee):'));
        p.appendChild(document.createTextNode(' ' + note));
        col.appendChild(p);
      }
      const flag = make('p', 'agreement-flag flag-none');
      flag.hidden = true;
      col.appendChild(flag);
      q.el.appendChild(col);
    });
    const known = new Set(model.list.map(function (q) { return q.id; }));
    answers.forEach(function (a, id) {
      if (!known.has(id)) misfits.push('Question “' + id + '” is not on this form; its answer is not shown.');
    });
    return misfits;
  }

  // The "load your mentee's answers" tool, added to the form's tools
  // unless the page has it: calls onFile(file) for each file chosen, and
  // returns the tool's status region (null when the form has no tools).
  function addLoadTool(form, onFile) {
    let input = document.getElementById('mentee-file');
    let status = document.getElementById('mentee-status');
    if (!input) {
      const tools = form.querySelector('.form-tools');
      if (!tools) return null;
      const make = accord.dom.make;
      const label = make('label', '', 'Load your mentee\u2019s answers (.accord bundle or answers .xml)');
      label.setAttribute('for', 'mentee-file');
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'mentee-file';
      input.setAttribute('accept', '.accord,.xml,application/xml,text/xml,application/zip');
      const hint = make('p', 'mentee-load-hint', 'The file stays on this computer: it is read by your browser and shown beside your own answers.');
      hint.id = 'mentee-file-hint';
      input.setAttribute('aria-describedby', 'mentee-file-hint');
      status = accord.status.region('div', 'mentee-status');
      const box = make('div', 'mentee-load');
      box.append(label, hint, input, status);
      tools.appendChild(box);
    }
    input.addEventListener('change', function () {
      const file = input.files && input.files[0];
      if (file) onFile(file);
      input.value = ''; // choosing the same file again reads it again
    });
    return status;
  }

  function init(form) {
    const isReview = form.getAttribute('data-review') === 'true';
    const isMentorForm = form.getAttribute('data-role') === 'mentor' && form.getAttribute('data-kind') !== 'idp';
    if (!isReview && !isMentorForm) return;
    const words = accord.conflicts.words(form);
    const reader = isReview ? null : accord.menteeFile.reader(form);
    const model = questions.of(form);
    const page = { digest: form.getAttribute('data-digest') || '', revision: form.getAttribute('data-revision') || '1' };
    let summary = document.getElementById('review-summary');

    // The summary: the generator's #review-summary on a review page, else
    // the same element made here, at the top of the form.
    function summaryEl() {
      if (!summary) {
        summary = accord.status.region('p', 'review-summary');
        summary.className = 'review-summary';
        const errors = document.getElementById('error-summary');
        form.insertBefore(summary, errors ? errors.nextSibling : form.firstChild);
      }
      summary.setAttribute('aria-live', 'polite');
      return summary;
    }

    function updateFlags() {
      const n = { conflicts: 0, discuss: 0, answered: 0, left: 0 };
      let columns = 0;
      model.list.forEach(function (q) {
        const col = columnOf(q);
        if (!col) return;
        columns++;
        const mine = mentorAnswer(q);
        const kind = accord.conflicts.flagOf(q, menteeAnswer(col), mine);
        accord.conflicts.show(col, kind, words);
        if (kind === 'conflict') n.conflicts++;
        if (kind === 'discuss') n.discuss++;
        if (!q.el.hidden) n[mine.given ? 'answered' : 'left']++;
      });
      if (!columns) return;
      const s = summaryEl();
      ['conflicts', 'discuss', 'answered', 'left'].forEach(function (k) { s.setAttribute('data-' + k, String(n[k])); });
      accord.status.set(s, accord.conflicts.summary(words, n));
    }

    let loadStatus = null;
    const say = function (lines, isError, list) {
      accord.status.show(loadStatus, lines.map(function (text, i) {
        return { text: text, cls: i > 0 ? 'status-notice' : isError ? 'status-problem' : 'status-lead' };
      }), list);
    };

    function showMentee(file, got) {
      form.querySelectorAll('.mentee-answer.mentee-loaded').forEach(function (col) { col.remove(); });
      const misfits = buildColumns(model, got.doc);
      form.dispatchEvent(new CustomEvent('accord:mentee-shown'));
      form.classList.add('has-mentee-answers');
      updateFlags();
      const root = got.doc.documentElement;
      const saved = root.getAttribute('saved');
      const lines = ['Showing your mentee\u2019s answers from “' + file.name + '” beside each question' +
        (saved ? ' (saved ' + saved + ').' : '.')];
      if (root.getAttribute('digest') !== page.digest)
        lines.push('Your mentee answered a different version of this questionnaire, so some answers may not match these questions.');
      if (root.getAttribute('revision') !== page.revision)
        lines.push('Your mentee\u2019s answers are for revision ' + root.getAttribute('revision') + ' of the agreement; this form is for revision ' + page.revision + '.');
      lines.push(got.signed
        ? 'Signed by your mentee: your browser checked the signature with the key the program holds for them (key ID ' + got.keyId + '), so these are exactly the answers they signed.'
        : 'This answers file is not signed, so your browser cannot tell who wrote it. Ask your mentee for their signed answers (a file ending in .accord).');
      lines.push('Nothing was uploaded: the file was read in this browser only.');
      say(lines, false, misfits);
    }

    function loadFile(file) {
      if (file.size > reader.maxBytes) {
        say(['“' + file.name + '” was not read: it is larger than ' + accord.dom.size(reader.maxBytes) + '.'], true);
        return;
      }
      const fileReader = new FileReader();
      fileReader.onerror = function () { say(['“' + file.name + '” could not be read.'], true); };
      fileReader.onload = function () {
        reader.read(file.name, new Uint8Array(fileReader.result)).then(function (got) {
          showMentee(file, got);
        }, function (e) {
          if (!(e instanceof accord.Refused)) throw e;
          say(['“' + file.name + '” was not used: ' + e.message + '.'], true);
        });
      };
      fileReader.readAsArrayBuffer(file);
    }

    if (!isReview) loadStatus = addLoadTool(form, loadFile);

    // form.js, started first, settles conditions on the same events before
    // these listeners run, so a hidden question is already hidden here.
    const onEdit = function (ev) {
      if (ev.target && ev.target.type === 'file') return;
      updateFlags();
    };
    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    form.addEventListener('accord:prefilled', updateFlags);
    updateFlags();
  }

  accord.review = { init: init };
})(window.accord);
