/* accord page scripts: a mentor's own questions (div.accord-own-questions on
 * questions.html).
 *
 * Builds the form in the element: the mentor's party id (filled in from
 * the page's fragment, #party=ID, when a personal home links here), then
 * one block per question (its text, its type, the options of a choice
 * question one a line, optional help), with "Add another question" up to
 * data-limit-questions. "Check and download" checks every field by the
 * rules accord checks a mentor's custom questions by (the element's
 * data-limit-* and data-options-min; no question id among data-taken-ids),
 * shows an error summary and each field's error, or downloads
 * questions-<party>.xml: <custom-questions party="ID"> as 'accord add'
 * takes it in. Question ids are <party>-q<N>, option values 1, 2, ...;
 * nothing leaves the browser.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };
  const ID = /^[a-z][a-z0-9-]{0,31}$/;
  const TYPES = [
    ['short', 'A short answer (one line)'],
    ['long', 'A long answer'],
    ['yesno', 'Yes or no'],
    ['single', 'One choice among options'],
    ['multiple', 'Any choices among options']
  ];
  // 1 when s holds a control character XML cannot carry (tab, line feed
  // and carriage return aside: the help may have several lines)
  const hasControl = function (s) {
    return Array.from(s).some(function (ch) {
      const c = ch.charCodeAt(0);
      return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
    });
  };

  const chars = function (s) { return Array.from(s).length; };

  // Text for an XML element or attribute value.
  const esc = function (s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  };

  function init(root) {
    const limit = {
      questions: accord.config.count(root, 'data-limit-questions'),
      options: accord.config.count(root, 'data-limit-options'),
      optionsMin: accord.config.count(root, 'data-options-min'),
      label: accord.config.count(root, 'data-limit-label'),
      help: accord.config.count(root, 'data-limit-help'),
      id: accord.config.count(root, 'data-limit-id')
    };
    const taken = new Set((root.getAttribute('data-taken-ids') || '').split(' ').filter(Boolean));
    const summary = make('div', 'error-summary');
    summary.id = 'questions-errors';
    summary.hidden = true;
    summary.setAttribute('tabindex', '-1');
    const party = document.createElement('input');
    party.type = 'text';
    party.setAttribute('autocomplete', 'off');
    party.setAttribute('spellcheck', 'false');
    const m = /(?:^#|&)party=([a-z0-9-]*)/.exec(location.hash);
    if (m) party.value = m[1];
    const list = make('div', 'question-list');
    const add = accord.dom.button('questions-add', 'Add another question', 'secondary');
    const done = accord.dom.button('questions-download', 'Check and download');
    const status = make('p', 'questions-status');
    status.id = 'questions-status';
    status.setAttribute('role', 'status');
    root.append(summary, accord.dom.field('questions-party', 'Your id',
      'As the program wrote it, for example on your pages: lowercase letters, digits and "-".', party),
    list, make('p', 'questions-actions'), status);
    root.querySelector('.questions-actions').append(add, ' ', done);
    const blocks = [];

    function addQuestion() {
      const n = blocks.length + 1;
      const box = make('fieldset', 'question custom-question');
      box.appendChild(make('legend', '', 'Question ' + n));
      const text = document.createElement('input');
      text.type = 'text';
      const type = document.createElement('select');
      TYPES.forEach(function (t) { type.appendChild(new Option(t[1], t[0])); });
      const options = document.createElement('textarea');
      options.rows = 4;
      const help = document.createElement('textarea');
      help.rows = 3;
      const optionsField = accord.dom.field('q' + n + '-options', 'Options',
        'One a line, ' + limit.optionsMin + ' to ' + limit.options + '.', options);
      box.append(accord.dom.field('q' + n + '-text', 'The question', '', text),
        accord.dom.field('q' + n + '-type', 'How it is answered', '', type), optionsField,
        accord.dom.field('q' + n + '-help', 'Help (optional)', 'A few words that help answer it.', help));
      const showOptions = function () {
        optionsField.hidden = type.value !== 'single' && type.value !== 'multiple';
      };
      type.addEventListener('change', showOptions);
      showOptions();
      list.appendChild(box);
      blocks.push({ box: box, text: text, type: type, options: options, help: help });
      return text;
    }

    // Clears the errors shown, then shows problems: [{input, message}].
    function show(problems) {
      root.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
      root.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
      blocks.forEach(function (b) { b.box.classList.remove('has-error'); });
      summary.replaceChildren();
      summary.hidden = problems.length === 0;
      if (!problems.length) return;
      summary.appendChild(make('h2', '', 'There is a problem'));
      const ul = make('ul');
      problems.forEach(function (p) {
        const a = make('a', '', p.message);
        a.href = '#' + p.input.id;
        ul.appendChild(make('li')).appendChild(a);
        const err = make('p', 'field-error', p.message);
        err.id = p.input.id + '-error';
        p.input.before(err);
        p.input.setAttribute('aria-invalid', 'true');
        const described = (p.input.getAttribute('aria-describedby') || '').split(' ').filter(function (s) { return s && !s.endsWith('-error'); });
        p.input.setAttribute('aria-describedby', described.concat(err.id).join(' '));
        const q = p.input.closest('fieldset.custom-question');
        if (q) q.classList.add('has-error');
      });
      summary.appendChild(ul);
      summary.focus();
    }

    // The problems of a label (question text or option): empty, too long, or a control character.
    function labelProblem(s, what) {
      if (!s) return 'Write ' + what;
      if (chars(s) > limit.label) return 'Shorten ' + what + ' to ' + limit.label + ' characters or fewer';
      if (hasControl(s)) return 'Take out the invisible control characters from ' + what;
      return null;
    }

    // The checked questions, or null after showing what is wrong.
    function check() {
      const problems = [];
      const id = party.value.trim();
      if (!ID.test(id)) problems.push({ input: party, message: 'Write your id: a lowercase letter, then up to 31 lowercase letters, digits or "-"' });
      const out = [];
      let k = 0;
      blocks.forEach(function (b, i) {
        const n = i + 1;
        const text = b.text.value.trim();
        const help = b.help.value.trim();
        const opts = b.options.value.split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
        const textProblem = labelProblem(text, 'the text of question ' + n);
        if (textProblem) problems.push({ input: b.text, message: textProblem });
        const choice = b.type.value === 'single' || b.type.value === 'multiple';
        if (choice && (opts.length < limit.optionsMin || opts.length > limit.options)) {
          problems.push({ input: b.options, message: 'Write ' + limit.optionsMin + ' to ' + limit.options + ' options for question ' + n + ', one a line' });
        } else if (choice) {
          const bad = opts.map(function (o) { return labelProblem(o, 'an option of question ' + n); }).find(Boolean);
          if (bad) problems.push({ input: b.options, message: bad });
        }
        if (new TextEncoder().encode(help).length > limit.help) problems.push({ input: b.help, message: 'Shorten the help of question ' + n });
        else if (hasControl(help)) problems.push({ input: b.help, message: 'Take out the invisible control characters from the help of question ' + n });
        // an id of its own: <party>-q<N>, past the ids the forms already ask
        let qid;
        do {
          k++;
          qid = id.slice(0, limit.id - 1 - String(k).length - 1) + '-q' + k;
        } while (taken.has(qid));
        out.push({ id: qid, type: b.type.value, text: text, help: help, options: choice ? opts : [] });
      });
      if (blocks.length > limit.questions) problems.push({ input: blocks[limit.questions].text, message: 'Ask at most ' + limit.questions + ' questions: remove some' });
      show(problems);
      return problems.length ? null : { party: id, questions: out };
    }

    function xml(q) {
      const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<custom-questions party="' + q.party + '">'];
      q.questions.forEach(function (x) {
        lines.push('  <question id="' + x.id + '" type="' + x.type + '">');
        lines.push('    <text>' + esc(x.text) + '</text>');
        if (x.help) lines.push('    <help>' + esc(x.help) + '</help>');
        x.options.forEach(function (o, i) { lines.push('    <option value="' + (i + 1) + '">' + esc(o) + '</option>'); });
        lines.push('  </question>');
      });
      lines.push('</custom-questions>', '');
      return lines.join('\n');
    }

    add.addEventListener('click', function () {
      if (blocks.length >= limit.questions) {
        status.textContent = '';
        show([{ input: add, message: 'You can ask at most ' + limit.questions + ' questions of your own' }]);
        return;
      }
      addQuestion().focus();
    });
    done.addEventListener('click', function () {
      status.textContent = '';
      const q = check();
      if (!q) return;
      const name = 'questions-' + q.party + '.xml';
      accord.dom.download(xml(q), name, 'application/xml');
      status.textContent = 'Downloaded ' + name + ' with ' + q.questions.length +
        (q.questions.length === 1 ? ' question' : ' questions') + '. Send it to the program.';
    });
    addQuestion();
  }

  accord.ownQuestions = { init: init };
})(window.accord);
