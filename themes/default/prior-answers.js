/* accord page scripts: "use prior answers".
 *
 * The person chooses an earlier answers file (#prior-file), or a signed
 * answers bundle (a zip: its answers.xml is used, unverified: it only
 * fills the form); its answers fill the form, and #prior-status says how
 * many were used and lists the ones that no longer fit (a question gone, a
 * value no longer an option, two values for a one-answer question,
 * another kind of answer): so a form of a changed questionnaire can start
 * from answers given to the version before. An answers file larger than
 * data-limit-answers-file, a bundle larger than data-zip-max-bytes or
 * refused by the zip reader, or a file the answers file reader refuses,
 * changes nothing.
 */
(function (accord) {
  'use strict';

  const questions = accord.questions;

  // Fills model's form from the answers of doc; returns {used (how many
  // answers were used), misfits (lines saying what was left out)}.
  function prefill(model, doc) {
    const misfits = [];
    let used = 0;
    accord.answersFile.answers(doc).forEach(function (ans) {
      const id = ans.question;
      const q = model.byId.get(id);
      if (!q) { misfits.push('Question “' + id + '” no longer exists; its answer was left out.'); return; }
      let took = false;
      if (q.choice && ans.values.length) {
        const opts = questions.options(q);
        let valid = ans.values.filter(function (v) {
          const ok = opts.some(function (o) { return o.value === v; });
          if (!ok) misfits.push('Value “' + v + '” of question “' + id + '” is no longer an option.');
          return ok;
        });
        if (q.kind !== 'multiple' && valid.length > 1) {
          misfits.push('Question “' + id + '” takes one answer; only “' + valid[0] + '” was used.');
          valid = valid.slice(0, 1);
        }
        if (valid.length) {
          opts.forEach(function (o) { o.checked = valid.includes(o.value); });
          took = true;
        }
        const otherBox = questions.field(q, 'other-text');
        if (otherBox && ans.other !== null && valid.includes('other')) otherBox.value = ans.other;
      } else if (!q.choice && ans.text !== null) {
        questions.field(q, 'input').value = ans.text;
        took = true;
      } else if (ans.values.length || ans.text !== null) {
        misfits.push('Question “' + id + '” now asks for a different kind of answer; its answer was left out.');
      }
      const noteBox = questions.field(q, 'note');
      if (noteBox && ans.note !== null) { noteBox.value = ans.note; took = true; }
      if (took) used++;
    });
    return { misfits: misfits, used: used };
  }

  // The largest answers file, in bytes, the form reads. Throws
  // accord.ConfigError when the form lacks data-limit-answers-file.
  function limit(form) {
    return accord.config.count(form, 'data-limit-answers-file');
  }

  // The text of an answers file, or of the answers.xml of the bundle in
  // bytes (a zip starts "PK"), which zipLimits bound (null: no bundle is
  // read); throws
  // accord.Refused with words that follow "This file ".
  function answersText(bytes, max, zipLimits) {
    if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
      if (!zipLimits) throw new accord.Refused('is a bundle, which this form cannot read; use an answers file');
      let members;
      try {
        members = accord.bundle.members(bytes, zipLimits);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        throw new accord.Refused('is damaged, or is not an answers file', e.detail);
      }
      if (!members.has('answers.xml'))
        throw new accord.Refused('holds no answers of one person (is it a whole agreement? Use your own answers file)', 'it has no answers.xml');
      bytes = members.get('answers.xml');
    } else if (bytes.length > max) {
      throw new accord.Refused('is larger than ' + accord.dom.size(max) + ', too large for an answers file');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new accord.Refused('is not an answers file', 'is not UTF-8 text');
    }
  }

  // Wires #prior-file of model's form, reading answers files up to max
  // bytes and bundles within the form's zip limits; after a prefill,
  // onPrefilled() runs.
  function init(model, max, onPrefilled) {
    const input = document.getElementById('prior-file');
    const statusEl = document.getElementById('prior-status');
    if (!input || !statusEl) return;
    // without the form's zip limits, answers files are still read; bundles are not
    let zipLimits = null;
    try {
      zipLimits = accord.zip.limits(model.form);
    } catch (e) {
      if (!(e instanceof accord.ConfigError)) throw e;
    }

    const say = function (lead, misfits, isError) {
      accord.status.show(statusEl, [{ text: lead, cls: isError ? 'status-problem' : '' }], misfits);
    };

    function use(file) {
      const most = zipLimits ? Math.max(max, zipLimits.maxBytes) : max;
      if (file.size > most) {
        say('“' + file.name + '” is larger than ' + accord.dom.size(most) + ', too large for answers; it was not read.', [], true);
        return;
      }
      const reader = new FileReader();
      reader.onerror = function () {
        say('“' + file.name + '” could not be read.', [], true);
      };
      reader.onload = function () {
        let doc;
        try {
          doc = accord.answersFile.parse(answersText(new Uint8Array(reader.result), max, zipLimits));
        } catch (e) {
          if (!(e instanceof accord.Refused)) throw e;
          say('This file ' + e.message + '; it was not read.', [], true);
          return;
        }
        const result = prefill(model, doc);
        onPrefilled();
        const saved = doc.documentElement.getAttribute('saved');
        let lead = 'Prefilled ' + result.used + (result.used === 1 ? ' answer' : ' answers') + ' from “' + file.name + '”' +
          (saved ? ' (saved ' + saved + ')' : '') + '.';
        if (result.misfits.length) lead += ' These old answers no longer fit this form:';
        else lead += ' Check each answer before you export.';
        say(lead, result.misfits, false);
      };
      reader.readAsArrayBuffer(file);
    }

    input.addEventListener('change', function () {
      const file = input.files && input.files[0];
      if (file) use(file);
      input.value = ''; // so choosing the same file again reads it again
    });
  }

  accord.priorAnswers = { limit: limit, init: init };
})(window.accord);
