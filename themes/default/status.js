/* accord page scripts: status messages in live regions.
 *
 * A live region must exist before the message it announces, or screen
 * readers may miss it; the generator writes most of them, region() makes
 * the others. Messages are text only.
 */
(function (accord) {
  'use strict';

  accord.status = {
    // A new polite live region: an element tag with id.
    region: function (tag, id) {
      const el = document.createElement(tag);
      el.id = id;
      el.setAttribute('role', 'status');
      el.setAttribute('aria-live', 'polite');
      return el;
    },

    // A new live region for the outcome of an action (class sign-status).
    box: function (id) {
      const el = accord.status.region('div', id);
      el.className = 'sign-status';
      return el;
    },

    // Sets the text of el. Identical text is left alone: rewriting it would
    // make some screen readers repeat it on every keystroke.
    set: function (el, text) {
      if (el && el.textContent !== text) el.textContent = text;
    },

    // Replaces what el says with lines of text: the first the lead (a
    // problem when isError), the others notices.
    tell: function (el, lines, isError) {
      accord.status.show(el, lines.map(function (text, i) {
        return { text: text, cls: i > 0 ? 'status-notice' : isError ? 'status-problem' : 'status-lead' };
      }));
    },

    // Replaces what el says: one paragraph per {text, cls} of paragraphs,
    // then the lines of items (if any) as a list.
    show: function (el, paragraphs, items) {
      el.replaceChildren();
      paragraphs.forEach(function (p) { el.appendChild(accord.dom.make('p', p.cls, p.text)); });
      if (items && items.length) {
        const ul = document.createElement('ul');
        items.forEach(function (t) { ul.appendChild(accord.dom.make('li', '', t)); });
        el.appendChild(ul);
      }
    }
  };
})(window.accord);
