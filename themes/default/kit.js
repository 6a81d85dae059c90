/* accord page scripts: the signing kit's "sign answers prepared by a form"
 * (#accord-kit).
 *
 * A form offers the answers, unsigned, as a small zip of META, answers.xml
 * and questionnaire.xml (prepared.js). The kit, a page the person saved
 * from the program once and opens from disk, reads such a file, checks it
 * hangs together (META valid, questionnaire.xml the one META names,
 * answers.xml's attributes agreeing with META), shows every answer with
 * its question as the file holds it, and signs exactly that, with the
 * same code and bytes as the form's own "Sign and download". So a host
 * that changed the site's scripts never sees the key or the password.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };
  const PREPARED = ['META', 'answers.xml', 'questionnaire.xml'];

  function refuse(message, detail) { throw new accord.Refused(message, detail); }
  // its parts do not fit together as a form saves them
  function mismatched(detail) { refuse('its parts do not belong together: it was changed after the form saved it', detail); }

  // The checked contents of a prepared file's bytes: {meta, answers
  // (bytes), questionnaire (bytes), doc (answers), sections (snapshot.js)}.
  function readPrepared(bytes, limits) {
    const list = accord.zip.read(bytes, limits);
    const members = new Map(list.map(function (m) { return [m.name, m.data]; }));
    if (list.length !== 3 || !PREPARED.every(function (n) { return members.has(n); }))
      refuse('it is not a file of answers to sign', 'it does not hold exactly META, answers.xml and questionnaire.xml');
    const meta = accord.bundle.metaParse(members.get('META'));
    if (meta.get('kind') !== 'answers') refuse('it is not a file of answers to sign');
    const q = members.get('questionnaire.xml');
    if (accord.minisign.sha256hex(q) !== meta.get('questionnaire-sha256'))
      mismatched('its questionnaire is not the one its META names');
    let doc;
    try {
      doc = accord.answersFile.parse(accord.utf8(members.get('answers.xml')) || '');
    } catch (e) {
      if (!(e instanceof accord.Refused)) throw e;
      refuse('the answers in it cannot be read', 'its answers.xml ' + e.detail);
    }
    const root = doc.documentElement;
    const agree = [['program', meta.get('program')], ['agreement', meta.get('agreement') === '-' ? null : meta.get('agreement')],
      ['role', meta.get('role')], ['party', meta.get('party')], ['revision', meta.get('revision')],
      ['digest', meta.get('questionnaire-sha256')], ['saved', meta.get('created')],
      ['previous', meta.get('previous') === 'none' ? null : meta.get('previous')]];
    agree.forEach(function (kv) {
      if (root.getAttribute(kv[0]) !== kv[1]) mismatched('its answers and its META disagree about “' + kv[0] + '”');
    });
    if (root.getAttribute('questionnaire') + '@' + root.getAttribute('version') !== meta.get('questionnaire'))
      mismatched('its answers and its META disagree about the questionnaire');
    return { meta: meta, answers: members.get('answers.xml'), questionnaire: q, doc: doc, sections: accord.snapshot.read(q) };
  }

  // The answers of got as the person reads them: a <dl> of question and
  // answer, in the file's order.
  function answersList(got) {
    const questions = accord.snapshot.byId(got.sections);
    const dl = make('dl', 'review-answers');
    accord.answersFile.answers(got.doc).forEach(function (a) {
      const q = questions.get(a.question);
      const row = make('div', 'review-item');
      row.appendChild(make('dt', '', q ? q.text : 'Question “' + a.question + '” (not in the questionnaire)'));
      row.appendChild(make('dd', 'review-answer', accord.snapshot.answerText(q, a) || 'No answer (note only)'));
      if (a.note) row.appendChild(make('dd', 'review-note', 'Note: ' + a.note));
      dl.appendChild(row);
    });
    return dl;
  }

  function init(root) {
    const limits = accord.zip.limits(root);
    const fileInput = accord.dom.fileInput('.accord');
    root.appendChild(accord.dom.field('kit-answers', 'The answers your form saved for the kit', 'Their file name ends in -unsigned.accord.', fileInput));
    const loadStatus = accord.status.box('kit-load-status');
    root.appendChild(loadStatus);
    const shown = make('div', 'kit-answers');
    shown.id = 'kit-shown';
    shown.hidden = true;
    root.appendChild(shown);

    let got = null, fileName = '';
    fileInput.addEventListener('change', async function () {
      const f = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      if (!f) return;
      shown.hidden = true;
      got = null;
      try {
        got = readPrepared(new Uint8Array(await f.arrayBuffer()), limits);
        fileName = f.name;
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(loadStatus, ['“' + f.name + '” was not used: ' + e.message + '.'], true);
        return;
      }
      const m = got.meta;
      accord.status.tell(loadStatus, ['Read “' + f.name + '”: the ' + m.get('role') + '’s answers of ' +
        (m.get('agreement') === '-' ? 'a development plan' : 'agreement “' + m.get('agreement') + '”') +
        ' (revision ' + m.get('revision') + ', saved ' + m.get('created') + '). Read them below before you sign.']);
      shown.replaceChildren();
      shown.appendChild(make('h3', '', 'What you are signing'));
      shown.appendChild(answersList(got));
      const controls = accord.signAnswers.signControls(shown, null);
      const key = controls.key, pw = controls.password, go = controls.button, status = controls.status;
      shown.hidden = false;
      go.addEventListener('click', async function () {
        const kf = key.files && key.files[0], password = pw.value;
        pw.value = '';
        key.value = '';
        go.disabled = true;
        try {
          await accord.signAnswers.signWithKey(kf, password, status, function (k) {
            const bytes = accord.bundle.write(k, got.meta, got.answers, got.questionnaire);
            accord.bundle.verifyAnswers(bytes, new Map([[got.meta.get('party'), [k]]]), limits);
            return { bytes: bytes, name: fileName.replace(/-unsigned\.accord$/i, '').replace(/\.accord$/i, '') + '.accord' };
          });
        } finally {
          go.disabled = false;
        }
      });
    });
  }

  accord.kit = { init: init, readPrepared: readPrepared };
})(window.accord);
