/* accord page scripts: the conflict rules and their flags.
 *
 * The rules are the generator's: yes/no and single choice differ when the
 * values differ, multiple choice when the sets differ; with the same
 * values, "other" chosen by both differs when its texts differ; free text
 * never conflicts (an equal text is "same", a different one is simply
 * shown beside the mentor's); a question only the mentee answered is "for
 * discussion"; one only the mentor answered, or nobody, has no flag. Texts
 * compare trimmed.
 *
 * A flag is a p.agreement-flag.flag-<kind> in the mentee's column: an icon
 * (aria-hidden) and words that say it all, so it never relies on colour or
 * the icon. The words, the icons and the summary sentences are the
 * generator's, read from the form (data-flag-*, data-icon-*,
 * data-summary-none, -one, -many, -unanswered-one, -unanswered-many,
 * -left-one, -left-many, data-discuss-one, -many; "{n}" stands for a
 * count), so a page reads the same before and after the script changes a
 * flag. The summary: while the mentor has answered none of the questions
 * shown, what is left alone; else what is left (if any), how many answers
 * differ, and how many the mentee answered are for discussion (if any),
 * one sentence each, joined by a space.
 */
(function (accord) {
  'use strict';

  const KINDS = ['conflict', 'discuss', 'same'];

  // every value of a is among b's
  function within(a, b) {
    return a.every(function (v) { return b.includes(v); });
  }

  function fill(template, n) {
    return template.split('{n}').join(String(n));
  }

  accord.conflicts = {
    // The words of form: {flags: Map kind -> {icon, text}, summary: Map}.
    // Throws accord.ConfigError when form lacks one.
    words: function (form) {
      const texts = accord.config.texts(form, 'data-flag-', KINDS);
      const icons = accord.config.texts(form, 'data-icon-', KINDS);
      const flags = new Map(KINDS.map(function (k) { return [k, { icon: icons.get(k), text: texts.get(k) }]; }));
      const summary = accord.config.texts(form, 'data-summary-',
        ['none', 'one', 'many', 'unanswered-one', 'unanswered-many', 'left-one', 'left-many']);
      accord.config.texts(form, 'data-discuss-', ['one', 'many']).forEach(function (v, k) {
        summary.set('discuss-' + k, v);
      });
      return { flags: flags, summary: summary };
    },

    // The flag of question q: 'conflict', 'discuss', 'same' or '' (none),
    // from the answers {values, other, text, given} of the mentee and the
    // mentor (texts trimmed).
    flagOf: function (q, mentee, mentor) {
      if (!mentee.given) return '';
      if (!mentor.given) return 'discuss';
      if (!q.choice) return mentee.text !== '' && mentee.text === mentor.text ? 'same' : '';
      // as sets for every choice kind: one value each for yes/no and single
      if (!within(mentee.values, mentor.values) || !within(mentor.values, mentee.values)) return 'conflict';
      return mentee.values.includes('other') && mentee.other !== mentor.other ? 'conflict' : 'same';
    },

    // Shows flag kind ('' for none) in the mentee's column col, changing
    // only what differs.
    show: function (col, kind, words) {
      let p = col.querySelector('.agreement-flag');
      if (!p) p = col.appendChild(document.createElement('p'));
      const cls = 'agreement-flag' + (kind ? ' flag-' + kind : ' flag-none');
      if (p.className !== cls) p.className = cls;
      p.hidden = !kind;
      if (!kind) { // as the generator writes it: hidden and empty
        p.replaceChildren();
        return;
      }
      const want = words.flags.get(kind);
      const icon = p.querySelector('span[aria-hidden="true"]');
      if (!icon || icon.textContent !== want.icon || p.textContent !== want.icon + ' ' + want.text) {
        const span = accord.dom.make('span', '', want.icon);
        span.setAttribute('aria-hidden', 'true');
        p.replaceChildren(span, document.createTextNode(' ' + want.text));
      }
    },

    // The summary for the counts n = {conflicts, discuss, answered, left},
    // as the generator words it.
    summary: function (words, n) {
      const s = words.summary;
      const pick = function (count, one, many) { return fill(s.get(count === 1 ? one : many), count); };
      if (n.answered === 0 && n.left > 0) return pick(n.left, 'unanswered-one', 'unanswered-many');
      const parts = [];
      if (n.left > 0) parts.push(pick(n.left, 'left-one', 'left-many'));
      parts.push(n.conflicts === 0 ? s.get('none') : pick(n.conflicts, 'one', 'many'));
      if (n.discuss > 0) parts.push(pick(n.discuss, 'discuss-one', 'discuss-many'));
      return parts.join(' ');
    }
  };
})(window.accord);
