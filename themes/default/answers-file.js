/* accord page scripts: the answers file, read and written.
 *
 * An answers file is XML: a root <answers> (no namespace) whose attributes
 * name the form (program, questionnaire, version, digest, agreement, role,
 * party, revision, previous, saved) and one <answer question="id"> per
 * answered question, holding <value> elements, <other>, <text> and <note>.
 *
 * Reading refuses any DOCTYPE before parsing (a DOCTYPE can declare
 * entities, and nothing accord writes has one), so no entity is ever
 * expanded; it parses with DOMParser. Writing builds a document with DOM
 * methods and XMLSerializer, never markup strings.
 */
(function (accord) {
  'use strict';

  // XML 1.0 cannot carry most control characters; a pasted one would make
  // the whole file unreadable, so it is dropped.
  function xmlSafe(s) {
    return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
  }

  // Attribute order of the root as the generator writes it; agreement and
  // previous only when the form has them.
  const ROOT_ATTRIBUTES = ['program', 'questionnaire', 'version', 'digest', 'agreement', 'role', 'party',
    'revision', 'previous', 'saved'];
  const OPTIONAL = new Set(['agreement', 'previous']);

  const answersFile = accord.answersFile = {
    // The element children of el named name.
    children: function (el, name) {
      return Array.from(el.children).filter(function (c) { return c.localName === name; });
    },

    // The text of the first child of el named name, or null when it has none.
    childText: function (el, name) {
      const c = answersFile.children(el, name)[0];
      return c ? c.textContent : null;
    },

    // Returns the parsed document of text, or throws accord.Refused whose
    // message follows "the file " ("is not an answers file"), the
    // technical reason its detail.
    parse: function (text) {
      const refuse = function (detail) { throw new accord.Refused('is not an answers file', detail); };
      if (/<!DOCTYPE/i.test(text)) refuse('has a DOCTYPE declaration, which answers files never have');
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      if (doc.getElementsByTagNameNS('*', 'parsererror').length || !doc.documentElement)
        refuse('is not well-formed XML');
      const root = doc.documentElement;
      if (root.localName !== 'answers' || root.namespaceURI !== null)
        refuse('is not an accord answers file (its root element is not <answers>)');
      return doc;
    },

    // The answers of doc in file order: [{question, values (trimmed), text,
    // other, note}], text, other and note as written, or null when absent.
    answers: function (doc) {
      return answersFile.children(doc.documentElement, 'answer').map(function (el) {
        return {
          question: el.getAttribute('question') || '',
          values: answersFile.children(el, 'value').map(function (v) { return v.textContent.trim(); }),
          text: answersFile.childText(el, 'text'),
          other: answersFile.childText(el, 'other'),
          note: answersFile.childText(el, 'note')
        };
      });
    },

    // Returns the answers file as a string. head: a Map from root attribute
    // name to value (saved is added, as a UTC time without fractions);
    // answers: [{question, values, other, text, note}] in page order, where
    // an empty other, text or note is left out.
    write: function (head, answers, saved) {
      const doc = document.implementation.createDocument(null, 'answers', null);
      const root = doc.documentElement;
      const attrs = new Map(head);
      attrs.set('saved', saved.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      ROOT_ATTRIBUTES.forEach(function (name) {
        const v = attrs.get(name);
        if (OPTIONAL.has(name) && !v) return;
        root.setAttribute(name, v || '');
      });
      const child = function (parent, name, text) {
        const el = doc.createElement(name);
        el.appendChild(doc.createTextNode(xmlSafe(text)));
        parent.appendChild(el);
      };
      answers.forEach(function (a) {
        const el = doc.createElement('answer');
        el.setAttribute('question', a.question);
        a.values.forEach(function (v) { child(el, 'value', v); });
        if (a.other) child(el, 'other', a.other);
        if (a.text) child(el, 'text', a.text);
        if (a.note) child(el, 'note', a.note);
        root.appendChild(doc.createTextNode('\n  '));
        root.appendChild(el);
      });
      root.appendChild(doc.createTextNode('\n'));
      return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + '\n';
    }
  };
})(window.accord);
