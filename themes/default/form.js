/* accord form script (themes/default/form.js).
 *
 * Drives a form page written by accord (markup: /work/notes/site-contract.md
 * "Form page markup"): conditions, drafts kept in this browser, validation,
 * a check-your-answers step, export of the answers file (README "Answers
 * file") and prefill from a prior answers file.
 *
 * Rules this file keeps, and why:
 * - A plain script, no modules, no network: pages must work from file://.
 * - Every fact about the form comes from data- attributes and the markup;
 *   the generator never writes user data into script.
 * - User text only ever reaches the page through textContent / DOM nodes and
 *   the answers file through XMLSerializer, never through markup strings.
 * - The visibility rule is the C checker's (model.h question_visible): a
 *   question shows when every "qid=value" pair of data-show-if names a value
 *   that is checked in a question that is itself shown. Conditions only refer
 *   to earlier questions, so one pass in document order settles them all.
 * - No lookup keyed by data (a page attribute, a file, storage) goes through
 *   a plain object: a question id such as "constructor" is valid, and an
 *   answers file or a stored draft may hold "__proto__" or "toString", which
 *   a plain object would answer from Object.prototype. Such lookups use a Map
 *   or a Set; JSON read from storage becomes a Map at once (ownEntries).
 */
(function () {
  'use strict';

  var form = document.querySelector('form.accord-form');
  if (!form) return; // guide pages, indexes and samples load this script too

  var MAX_PRIOR_BYTES = 1024 * 1024;
  // characters allowed per field; looked up by data-kind, so a Map
  var LIMITS = new Map([['short', 200], ['long', 5000], ['other', 200], ['note', 2000]]);

  var meta = {
    program: form.getAttribute('data-program') || '',
    questionnaire: form.getAttribute('data-questionnaire') || '',
    version: form.getAttribute('data-version') || '',
    digest: form.getAttribute('data-digest') || '',
    kind: form.getAttribute('data-kind') || 'agreement',
    agreement: form.getAttribute('data-agreement'),
    role: form.getAttribute('data-role') || '',
    party: form.getAttribute('data-party') || '',
    revision: form.getAttribute('data-revision') || '1',
    // a review (revision > 1) names the signed agreement it follows (contract D1)
    previous: form.getAttribute('data-previous')
  };

  var subject = meta.agreement ? meta.agreement : 'idp-' + meta.party;
  var draftKey = 'accord-draft:' + subject + ':' + meta.role + ':' + meta.digest;
  // "<agreement>-<role>-r<revision>.xml"; an IDP has one role, so "idp-<party>-r<revision>.xml"
  var fileName = (meta.agreement ? subject + '-' + meta.role : subject) + '-r' + meta.revision + '.xml';

  var byId = function (id) { return document.getElementById(id); };
  var tools = form.querySelector('.form-tools');
  var errorSummary = byId('error-summary');
  var draftStatus = byId('draft-status');
  var priorStatus = byId('prior-status');
  var priorInput = byId('prior-file');
  var review = byId('review');
  var reviewTitle = byId('review-title');
  var reviewList = byId('review-list');
  var exportButton = byId('export-answers');
  var backButton = byId('back-to-form');
  var baseTitle = document.title;

  /* ---- the questions ------------------------------------------------- */

  var questions = Array.prototype.map.call(form.querySelectorAll('[data-question]'), function (el) {
    var id = el.getAttribute('data-question');
    var kind = el.getAttribute('data-kind');
    var conds = (el.getAttribute('data-show-if') || '').split(/\s+/).filter(Boolean).map(function (pair) {
      var eq = pair.indexOf('=');
      return { question: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
    return {
      el: el,
      id: id,
      kind: kind,
      choice: kind === 'yesno' || kind === 'single' || kind === 'multiple',
      required: el.getAttribute('data-required') === 'true',
      conds: conds,
      shown: true
    };
  });
  var questionById = new Map();
  questions.forEach(function (q) { questionById.set(q.id, q); });

  // The [key, value] pairs of a parsed JSON object's own properties: never
  // its prototype's, and "__proto__" as the plain key it is in JSON.
  function ownEntries(obj) {
    return Object.keys(obj).map(function (k) { return [k, obj[k]]; });
  }

  // The value of a parsed JSON object's own property key, or undefined.
  function ownValue(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  }

  // The question's own text, without the "(required)" marker.
  function questionText(q) {
    var head = q.el.querySelector('legend, .question-text');
    if (!head) return q.id;
    var copy = head.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll('.required'), function (r) { r.remove(); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  function sectionOf(q) {
    var s = q.el.closest('.form-section');
    var h = s && s.querySelector('h2');
    return { el: s, title: h ? h.textContent.trim() : '' };
  }

  function options(q) {
    return Array.prototype.slice.call(q.el.querySelectorAll('.choices input[type=radio], .choices input[type=checkbox]'));
  }

  function optionLabel(input) {
    var label = form.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : input.value;
  }

  function field(q, part) { // part: 'input', 'other-text' or 'note'
    return byId('q-' + q.id + '-' + part);
  }

  // Returns what the person has entered for q: {values, other, text, note}.
  function answerOf(q) {
    var a = { values: [], other: '', text: '', note: '' };
    if (q.choice) {
      options(q).forEach(function (o) { if (o.checked) a.values.push(o.value); });
      var other = field(q, 'other-text');
      if (other && a.values.indexOf('other') >= 0) a.other = other.value.trim();
    } else {
      var input = field(q, 'input');
      if (input) a.text = input.value.trim();
    }
    var note = field(q, 'note');
    if (note) a.note = note.value.trim();
    return a;
  }

  function isAnswered(a) {
    return a.values.length > 0 || a.text !== '' || a.note !== '';
  }

  /* ---- conditions ---------------------------------------------------- */

  function conditionHolds(c) {
    var target = questionById.get(c.question);
    if (!target || !target.shown || !target.choice) return false;
    return options(target).some(function (o) { return o.checked && o.value === c.value; });
  }

  function applyConditions() {
    var anyAnswer = false;
    questions.forEach(function (q) {
      var shown = q.conds.every(conditionHolds);
      q.shown = shown;
      q.el.hidden = !shown;
      Array.prototype.forEach.call(q.el.querySelectorAll('input, textarea'), function (i) {
        i.disabled = !shown;
      });
      if (!shown) showFieldErrors(q, []);
      if (shown && isAnswered(answerOf(q))) anyAnswer = true;
    });
    // print.css prints every question of a blank form, only the shown ones of a filled one
    form.classList.toggle('accord-filled', anyAnswer);
    updateOtherText();
  }

  // The "please describe" box matters only while "other" is chosen.
  function updateOtherText() {
    questions.forEach(function (q) {
      var box = q.el.querySelector('.other-text');
      var other = byId('q-' + q.id + '-other');
      if (box && other) box.classList.toggle('other-off', !other.checked);
    });
  }

  /* ---- drafts -------------------------------------------------------- */

  function hhmm(d) {
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function setStatus(el, text) {
    // Rewriting identical text would make some screen readers repeat it on every keystroke.
    if (el && el.textContent !== text) el.textContent = text;
  }

  // Every named control, shown or hidden, so that hiding a question and
  // showing it again (or reloading) loses nothing the person typed. Returns
  // a Map from control name (the question id, or "<id>.other", "<id>.note")
  // to its value, or to the checked values of a checkbox group.
  function formState() {
    var fields = new Map();
    Array.prototype.forEach.call(form.querySelectorAll('input[name], textarea[name]'), function (i) {
      if (i.type === 'file') return;
      if (i.type === 'checkbox') {
        if (!fields.has(i.name)) fields.set(i.name, []);
        if (i.checked) fields.get(i.name).push(i.value);
      } else if (i.type === 'radio') {
        if (i.checked) fields.set(i.name, i.value);
      } else if (i.value !== '') {
        fields.set(i.name, i.value);
      }
    });
    return fields;
  }

  // fields: a Map as formState returns it.
  function applyState(fields) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name], textarea[name]'), function (i) {
      if (i.type === 'file' || !fields.has(i.name)) return;
      var v = fields.get(i.name);
      if (i.type === 'checkbox') i.checked = Array.isArray(v) && v.indexOf(i.value) >= 0;
      else if (i.type === 'radio') i.checked = v === i.value;
      else if (typeof v === 'string') i.value = v;
    });
  }

  function saveDraft() {
    var now = new Date();
    try {
      // stored as a JSON object of the fields, in the Map's order; a
      // prototype-less object takes any name as a plain key
      var record = Object.create(null);
      formState().forEach(function (v, k) { record[k] = v; });
      window.localStorage.setItem(draftKey, JSON.stringify({ saved: now.toISOString(), fields: record }));
      setStatus(draftStatus, 'Draft saved in this browser at ' + hhmm(now) + '.');
    } catch (e) {
      // file:// in some browsers, private windows and full storage all end here
      setStatus(draftStatus, 'This browser cannot keep a draft: export your answers before you close the page.');
    }
  }

  function restoreDraft() {
    var raw = null;
    try { raw = window.localStorage.getItem(draftKey); } catch (e) { return; }
    if (!raw) {
      setStatus(draftStatus, 'As you type, a draft is kept in this browser only; nothing is sent anywhere.');
      return;
    }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    if (!draft || typeof draft !== 'object') return;
    var fields = ownValue(draft, 'fields');
    if (typeof fields !== 'object' || fields === null) return;
    applyState(new Map(ownEntries(fields)));
    var when = new Date(ownValue(draft, 'saved'));
    setStatus(draftStatus, 'Draft restored' + (isNaN(when) ? '.' : ' (saved in this browser at ' + hhmm(when) + ').'));
  }

  /* ---- validation ---------------------------------------------------- */

  // Characters as the C checker counts them (code points, not UTF-16 units).
  function length(s) { return Array.from(s).length; }

  // Returns the problems of q as [{target, summary, message}]: target is
  // the id of the control to fix, summary the link text of the summary.
  function problemsOf(q) {
    var out = [];
    if (!q.shown) return out;
    var text = questionText(q);
    var a = answerOf(q);
    var add = function (target, summary, message) { out.push({ target: target, summary: summary, message: message }); };
    if (q.choice) {
      var first = options(q)[0];
      if (q.required && a.values.length === 0)
        add(first ? first.id : q.el.id, 'Choose an answer to “' + text + '”', 'Choose an answer.');
      if (a.values.indexOf('other') >= 0) {
        var other = field(q, 'other-text');
        if (other && a.other === '')
          add(other.id, 'Describe your “other” answer to “' + text + '”', 'Describe your other answer.');
        else if (other && length(a.other) > LIMITS.get('other'))
          add(other.id, 'Shorten your “other” answer to “' + text + '”', 'Use at most ' + LIMITS.get('other') + ' characters.');
      }
    } else {
      var input = field(q, 'input');
      var max = LIMITS.get(q.kind) || LIMITS.get('long');
      if (input && q.required && a.text === '')
        add(input.id, 'Answer “' + text + '”', 'Enter an answer.');
      else if (input && length(a.text) > max)
        add(input.id, 'Shorten your answer to “' + text + '”', 'Use at most ' + max + ' characters (now ' + length(a.text) + ').');
    }
    var note = field(q, 'note');
    if (note && length(a.note) > LIMITS.get('note'))
      add(note.id, 'Shorten your note on “' + text + '”', 'Use at most ' + LIMITS.get('note') + ' characters in a note.');
    return out;
  }

  function describedBy(el, id, on) {
    var ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== id; });
    if (on) ids.push(id);
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }

  function showFieldErrors(q, problems) {
    var errorEl = byId('q-' + q.id + '-error');
    var bad = new Set(); // ids of the controls at fault
    problems.forEach(function (p) { bad.add(p.target); });
    if (errorEl) {
      errorEl.textContent = problems.map(function (p) { return p.message; }).join(' ');
      errorEl.hidden = problems.length === 0;
    }
    q.el.classList.toggle('has-error', problems.length > 0);
    // A fieldset describes its whole group; a text question describes its input.
    var describe = q.choice ? q.el : field(q, 'input');
    if (describe && errorEl) describedBy(describe, errorEl.id, problems.length > 0);
    var choiceBad = q.choice && problems.some(function (p) { return options(q).some(function (o) { return o.id === p.target; }); });
    Array.prototype.forEach.call(q.el.querySelectorAll('input, textarea'), function (i) {
      var invalid = bad.has(i.id) || (choiceBad && (i.type === 'radio' || i.type === 'checkbox'));
      if (invalid) i.setAttribute('aria-invalid', 'true');
      else i.removeAttribute('aria-invalid');
    });
  }

  function clearSummary() {
    errorSummary.hidden = true;
    while (errorSummary.firstChild) errorSummary.removeChild(errorSummary.firstChild);
    document.title = baseTitle;
  }

  // Moves focus to a control and brings its question into view, as a link
  // to an input alone would scroll but not focus it.
  function focusControl(id) {
    var target = byId(id);
    if (!target) return;
    var q = target.closest('[data-question]');
    var head = q && q.querySelector('legend, .question-text');
    target.focus({ preventScroll: true });
    (head || target).scrollIntoView({ block: 'start' });
  }

  function showSummary(problems) {
    clearSummary();
    var h = document.createElement('h2');
    h.textContent = 'There is a problem';
    var ul = document.createElement('ul');
    problems.forEach(function (p) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + p.target;
      a.textContent = p.summary;
      a.addEventListener('click', function (ev) { ev.preventDefault(); focusControl(p.target); });
      li.appendChild(a);
      ul.appendChild(li);
    });
    errorSummary.appendChild(h);
    errorSummary.appendChild(ul);
    errorSummary.hidden = false;
    document.title = 'Error: ' + baseTitle;
    errorSummary.focus();
    errorSummary.scrollIntoView({ block: 'start' });
  }

  // Validates every shown question; returns the problems, in page order.
  function validate() {
    var all = [];
    questions.forEach(function (q) {
      var p = problemsOf(q);
      showFieldErrors(q, p);
      all = all.concat(p);
    });
    return all;
  }

  /* ---- check your answers -------------------------------------------- */

  function answerText(q, a) {
    if (!q.choice) return a.text;
    return options(q).filter(function (o) { return o.checked; }).map(function (o) {
      return o.value === 'other' && a.other ? optionLabel(o) + ': ' + a.other : optionLabel(o);
    }).join('\n');
  }

  function buildReview() {
    while (reviewList.firstChild) reviewList.removeChild(reviewList.firstChild);
    var lastSection = null, dl = null, count = 0;
    questions.forEach(function (q) {
      if (!q.shown) return;
      var a = answerOf(q);
      if (!isAnswered(a)) return;
      var s = sectionOf(q);
      if (s.el !== lastSection || !dl) {
        lastSection = s.el;
        if (s.title) {
          var h = document.createElement('h3');
          h.textContent = s.title;
          reviewList.appendChild(h);
        }
        dl = document.createElement('dl');
        dl.className = 'review-answers';
        reviewList.appendChild(dl);
      }
      var item = document.createElement('div');
      item.className = 'review-item';
      var dt = document.createElement('dt');
      dt.textContent = questionText(q);
      var dd = document.createElement('dd');
      dd.className = 'review-answer';
      var shownAnswer = answerText(q, a);
      dd.textContent = shownAnswer !== '' ? shownAnswer : 'No answer (note only)';
      item.appendChild(dt);
      item.appendChild(dd);
      if (a.note) {
        var note = document.createElement('dd');
        note.className = 'review-note';
        note.textContent = 'Note: ' + a.note;
        item.appendChild(note);
      }
      var change = document.createElement('dd');
      change.className = 'review-change';
      var link = document.createElement('a');
      var target = q.choice ? (options(q)[0] || {}).id : field(q, 'input') && field(q, 'input').id;
      link.href = '#' + (target || q.el.id);
      link.appendChild(document.createTextNode('Change'));
      var hiddenText = document.createElement('span');
      hiddenText.className = 'visually-hidden';
      hiddenText.textContent = ' your answer to “' + questionText(q) + '”';
      link.appendChild(hiddenText);
      link.addEventListener('click', function (ev) {
        ev.preventDefault();
        showForm();
        focusControl(target || q.el.id);
      });
      change.appendChild(link);
      item.appendChild(change);
      dl.appendChild(item);
      count++;
    });
    if (count === 0) {
      var p = document.createElement('p');
      p.textContent = 'You have not answered any question yet.';
      reviewList.appendChild(p);
    }
  }

  function showReview() {
    buildReview();
    setStatus(exportStatus, '');
    form.hidden = true;
    review.hidden = false;
    reviewTitle.focus();
    window.scrollTo(0, review.getBoundingClientRect().top + window.pageYOffset - 16);
  }

  function showForm() {
    review.hidden = true;
    form.hidden = false;
  }

  /* ---- export -------------------------------------------------------- */

  // XML 1.0 cannot carry most control characters; a pasted one would make
  // the whole file unreadable, so it is dropped.
  function xmlSafe(s) {
    return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
  }

  function utcNow() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // Returns the answers file as a string (README "Answers file").
  function answersXml() {
    var doc = document.implementation.createDocument(null, 'answers', null);
    var root = doc.documentElement;
    root.setAttribute('program', meta.program);
    root.setAttribute('questionnaire', meta.questionnaire);
    root.setAttribute('version', meta.version);
    root.setAttribute('digest', meta.digest);
    if (meta.agreement) root.setAttribute('agreement', meta.agreement);
    root.setAttribute('role', meta.role);
    root.setAttribute('party', meta.party);
    root.setAttribute('revision', meta.revision);
    if (meta.previous) root.setAttribute('previous', meta.previous);
    root.setAttribute('saved', utcNow());
    var child = function (parent, name, text) {
      var el = doc.createElement(name);
      el.appendChild(doc.createTextNode(xmlSafe(text)));
      parent.appendChild(el);
    };
    questions.forEach(function (q) {
      if (!q.shown) return;
      var a = answerOf(q);
      if (!isAnswered(a)) return;
      var el = doc.createElement('answer');
      el.setAttribute('question', q.id);
      a.values.forEach(function (v) { child(el, 'value', v); });
      if (a.values.indexOf('other') >= 0 && a.other) child(el, 'other', a.other);
      if (!q.choice && a.text) child(el, 'text', a.text);
      if (a.note) child(el, 'note', a.note);
      root.appendChild(doc.createTextNode('\n  '));
      root.appendChild(el);
    });
    root.appendChild(doc.createTextNode('\n'));
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + '\n';
  }

  function exportAnswers() {
    var problems = validate();
    if (problems.length) { showForm(); showSummary(problems); return; }
    var blob = new Blob([answersXml()], { type: 'application/xml' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    setStatus(exportStatus, 'Your answers were saved as ' + fileName + ' in your downloads folder. ' +
      'Sign that file with accord sign and send the signed bundle to your program.');
  }

  /* ---- use prior answers --------------------------------------------- */

  function showPriorStatus(lead, problems, isError) {
    while (priorStatus.firstChild) priorStatus.removeChild(priorStatus.firstChild);
    var p = document.createElement('p');
    p.textContent = lead;
    if (isError) p.className = 'status-problem';
    priorStatus.appendChild(p);
    if (problems.length) {
      var ul = document.createElement('ul');
      problems.forEach(function (t) {
        var li = document.createElement('li');
        li.textContent = t;
        ul.appendChild(li);
      });
      priorStatus.appendChild(ul);
    }
  }

  // Returns the parsed <answers> document, or a string saying why not.
  function parsePrior(text) {
    // Refused before parsing: a DOCTYPE can declare entities, and nothing accord writes has one.
    if (/<!DOCTYPE/i.test(text)) return 'This file has a DOCTYPE declaration, which answers files never have; it was not read.';
    var doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagNameNS('*', 'parsererror').length || !doc.documentElement)
      return 'This file is not well-formed XML; it was not read.';
    var root = doc.documentElement;
    if (root.localName !== 'answers' || root.namespaceURI !== null)
      return 'This file is not an accord answers file (its root element is not <answers>); it was not read.';
    return doc;
  }

  function directChildren(el, name) {
    return Array.prototype.filter.call(el.children, function (c) { return c.localName === name; });
  }

  function childText(el, name) {
    var c = directChildren(el, name)[0];
    return c ? c.textContent : null;
  }

  // Prefills from doc; returns the old answers that no longer fit.
  function prefill(doc) {
    var misfits = [], used = 0;
    directChildren(doc.documentElement, 'answer').forEach(function (ans) {
      var id = ans.getAttribute('question') || '';
      var q = questionById.get(id);
      if (!q) { misfits.push('Question “' + id + '” no longer exists; its answer was left out.'); return; }
      var values = directChildren(ans, 'value').map(function (v) { return v.textContent.trim(); });
      var text = childText(ans, 'text');
      var other = childText(ans, 'other');
      var note = childText(ans, 'note');
      var took = false;
      if (q.choice && values.length) {
        var opts = options(q);
        var valid = values.filter(function (v) {
          var ok = opts.some(function (o) { return o.value === v; });
          if (!ok) misfits.push('Value “' + v + '” of question “' + id + '” is no longer an option.');
          return ok;
        });
        if (q.kind !== 'multiple' && valid.length > 1) {
          misfits.push('Question “' + id + '” takes one answer; only “' + valid[0] + '” was used.');
          valid = valid.slice(0, 1);
        }
        if (valid.length) {
          opts.forEach(function (o) { o.checked = valid.indexOf(o.value) >= 0; });
          took = true;
        }
        var otherBox = field(q, 'other-text');
        if (otherBox && other !== null && valid.indexOf('other') >= 0) otherBox.value = other;
      } else if (!q.choice && text !== null) {
        field(q, 'input').value = text;
        took = true;
      } else if (values.length || text !== null) {
        misfits.push('Question “' + id + '” now asks for a different kind of answer; its answer was left out.');
      }
      var noteBox = field(q, 'note');
      if (noteBox && note !== null) { noteBox.value = note; took = true; }
      if (took) used++;
    });
    return { misfits: misfits, used: used };
  }

  function usePriorFile(file) {
    if (file.size > MAX_PRIOR_BYTES) {
      showPriorStatus('“' + file.name + '” is larger than 1 MB, too large for an answers file; it was not read.', [], true);
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () {
      showPriorStatus('“' + file.name + '” could not be read.', [], true);
    };
    reader.onload = function () {
      var doc = parsePrior(String(reader.result));
      if (typeof doc === 'string') { showPriorStatus(doc, [], true); return; }
      var result = prefill(doc);
      applyConditions();
      clearSummary();
      saveDraft();
      // review.js keeps the mentee-answer flags true; a prefill fires no input event
      form.dispatchEvent(new CustomEvent('accord:prefilled'));
      var root = doc.documentElement;
      var from = root.getAttribute('saved') ? ' (saved ' + root.getAttribute('saved') + ')' : '';
      var lead = 'Prefilled ' + result.used + (result.used === 1 ? ' answer' : ' answers') + ' from “' + file.name + '”' + from + '.';
      if (result.misfits.length) lead += ' These old answers no longer fit this form:';
      else lead += ' Check each answer before you export.';
      showPriorStatus(lead, result.misfits, false);
    };
    reader.readAsText(file);
  }

  /* ---- start --------------------------------------------------------- */

  // The review step's export message needs a live region that exists
  // before the message does, or screen readers may not announce it.
  var exportStatus = document.createElement('p');
  exportStatus.id = 'export-status';
  exportStatus.setAttribute('role', 'status');
  exportStatus.setAttribute('aria-live', 'polite');
  if (review) review.appendChild(exportStatus);

  var actions = document.createElement('div');
  actions.className = 'review-actions';
  if (exportButton && backButton && review) {
    review.insertBefore(actions, exportButton);
    actions.appendChild(exportButton);
    actions.appendChild(backButton);
    backButton.classList.add('secondary');
  }

  if (tools) tools.hidden = false;
  restoreDraft();
  applyConditions();

  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  function onEdit(ev) {
    if (ev.target === priorInput) return;
    applyConditions();
    // Once a field shows an error, fixing it clears that error at once.
    var el = ev.target.closest && ev.target.closest('[data-question]');
    var q = el && questionById.get(el.getAttribute('data-question'));
    if (q && q.el.classList.contains('has-error')) showFieldErrors(q, problemsOf(q));
    saveDraft();
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    applyConditions();
    var problems = validate();
    if (problems.length) { showSummary(problems); return; }
    clearSummary();
    showReview();
  });

  if (priorInput) {
    priorInput.addEventListener('change', function () {
      var file = priorInput.files && priorInput.files[0];
      if (file) usePriorFile(file);
      priorInput.value = ''; // so choosing the same file again reads it again
    });
  }

  if (exportButton) exportButton.addEventListener('click', exportAnswers);
  if (backButton) {
    backButton.addEventListener('click', function () {
      showForm();
      var first = form.querySelector('input:not([type=file]):not(:disabled), textarea:not(:disabled)');
      if (first) focusControl(first.id);
    });
  }
})();
