/* accord page scripts: a bundle's questionnaire snapshot, read to show the
 * answers it holds in words.
 *
 * A snapshot is the effective questionnaire's canonical XML
 * (questionnaire.xml): <section id> elements with a <title>, holding
 * <question id> elements with a <text> and <option value> labels (a yes/no
 * question's are Yes and No). It is
 * parsed with DOMParser after refusing any DOCTYPE, as answers files are;
 * every lookup keyed by an id goes through a Map.
 */
(function (accord) {
  'use strict';

  // What people read when the snapshot cannot be shown; detail says why.
  function refuse(detail) { throw new accord.Refused('the questions in it cannot be read', detail); }

  const children = function (el, name) { return accord.answersFile.children(el, name); };
  const textOf = function (el, name) {
    const c = children(el, name)[0];
    return c ? c.textContent.trim() : '';
  };

  accord.snapshot = {
    // The snapshot in bytes as [{title, questions: [{id, text, labels (a
    // Map from option value to label)}]}], one entry per section in order;
    // throws accord.Refused when it is not readable.
    read: function (bytes) {
      const text = accord.utf8(bytes);
      if (text === null) refuse('its questionnaire is not UTF-8 text');
      if (/<!DOCTYPE/i.test(text)) refuse('its questionnaire has a DOCTYPE declaration');
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.getElementsByTagNameNS('*', 'parsererror').length || doc.documentElement.localName !== 'questionnaire')
        refuse('its questionnaire is not readable');
      return children(doc.documentElement, 'section').map(function (s) {
        return {
          title: textOf(s, 'title'),
          questions: children(s, 'question').map(function (q) {
            return {
              id: q.getAttribute('id') || '',
              text: textOf(q, 'text'),
              labels: q.getAttribute('type') === 'yesno' ? new Map([['yes', 'Yes'], ['no', 'No']])
                : new Map(children(q, 'option').map(function (o) { return [o.getAttribute('value') || '', o.textContent.trim()]; }))
            };
          })
        };
      });
    },

    // A Map from question id to question of sections (from read()).
    byId: function (sections) {
      const out = new Map();
      sections.forEach(function (s) { s.questions.forEach(function (q) { out.set(q.id, q); }); });
      return out;
    },

    // The answer a ({values, other, text}, from accord.answersFile.answers)
    // to question q (or undefined) in words: the chosen labels, "Other:
    // <text>", then any text, one a line; '' when it holds none.
    answerText: function (q, a) {
      const shown = a.values.map(function (v) {
        const label = v === 'other' ? 'Other' : (q && q.labels.get(v)) || v;
        return v === 'other' && a.other ? label + ': ' + a.other : label;
      });
      if (a.text) shown.push(a.text);
      return shown.join('\n');
    },

    // Whether answers a and b (either may be undefined) say the same: the
    // same set of values, "other" text and text.
    same: function (a, b) {
      if (!a || !b) return !a && !b;
      const va = a.values.slice().sort().join('\n'), vb = b.values.slice().sort().join('\n');
      return va === vb && (a.other || '') === (b.other || '') && (a.text || '').trim() === (b.text || '').trim();
    }
  };

})(window.accord);
