/* accord page scripts: the shared namespace and the page's configuration.
 *
 * The page scripts are classic scripts, one concern each, loaded in order
 * with defer (no modules, no network: pages work from file://). Each adds
 * one part to window.accord; a part that acts on a page has an init(form),
 * which start.js, loaded last, calls for the page's form.
 *
 * Rules every part keeps:
 * - Every fact about a page comes from its markup and data- attributes. A
 *   limit, word or sentence the generator decides is read from the
 *   attribute it writes, never copied here; one that is missing is a page
 *   error (ConfigError), never a guess.
 * - User text reaches the page through textContent and DOM nodes only,
 *   never through markup strings.
 * - No lookup keyed by data (a page attribute, a file, stored data) goes
 *   through a plain object: a question id such as "constructor" is valid,
 *   and a file may hold "__proto__" or "toString", which a plain object
 *   would answer from Object.prototype. Such lookups use a Map or a Set.
 */
window.accord = window.accord || {};

(function (accord) {
  'use strict';

  // A data- attribute the page needs is missing or malformed.
  class ConfigError extends Error {
    constructor(message) {
      super(message);
      this.name = 'ConfigError';
    }
  }

  // A file the person chose is not used; the message says why in plain
  // words, as the end of a sentence ("... was not used: <message>."). The
  // detail is the technical reason, in the verifier's terms (member names,
  // MANIFEST, META, signatures), for tests and for whoever debugs a page;
  // pages show people the message only. Without a detail, the message is
  // both.
  class Refused extends Error {
    constructor(message, detail) {
      super(message);
      this.name = 'Refused';
      this.detail = detail || message;
    }
  }

  function missing(el, name, what) {
    return new ConfigError('the page was built without a valid ' + name + ' attribute on its ' +
      el.localName + ' (' + what + ')');
  }

  accord.ConfigError = ConfigError;
  accord.Refused = Refused;

  // What people read when a file fails a check, whatever the technical
  // reason (the detail): one plain sentence per kind of failure.
  accord.refuses = {
    // not a well-formed bundle: not a zip as bundles are, parts missing or
    // malformed
    damaged: function (detail) {
      throw new Refused('it is damaged, or it is not an answers or agreement file', detail);
    },
    // well-formed, but what was signed no longer matches its signature
    changed: function (detail) {
      throw new Refused('it was changed after it was signed', detail);
    },
    // an agreement whose parts do not fit together as the program makes them
    altered: function (detail) {
      throw new Refused('it was changed after the program made it', detail);
    }
  };

  accord.config = {
    // The positive whole number in attribute name of el.
    count: function (el, name) {
      const v = el.getAttribute(name);
      if (v === null || !/^[1-9][0-9]{0,14}$/.test(v)) throw missing(el, name, 'a positive whole number');
      return Number(v);
    },

    // The text of attribute name of el; it may not be empty.
    text: function (el, name) {
      const v = el.getAttribute(name);
      if (v === null || v === '') throw missing(el, name, 'some text');
      return v;
    },

    // A Map from each key to the count in attribute prefix + key of el.
    counts: function (el, prefix, keys) {
      return new Map(keys.map(function (k) { return [k, accord.config.count(el, prefix + k)]; }));
    },

    // A Map from each key to the text in attribute prefix + key of el.
    texts: function (el, prefix, keys) {
      return new Map(keys.map(function (k) { return [k, accord.config.text(el, prefix + k)]; }));
    }
  };

  // The text of bytes read as UTF-8, or null when they are not UTF-8.
  accord.utf8 = function (bytes) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };

  accord.dom = {
    // A new element of tag with class cls (when given) and text (when given).
    make: function (tag, cls, text) {
      const el = document.createElement(tag);
      if (cls) el.className = cls;
      if (text) el.textContent = text;
      return el;
    },

    // A new button (type button) with id, text and class cls (when given).
    button: function (id, text, cls) {
      const b = accord.dom.make('button', cls || '', text);
      b.type = 'button';
      b.id = id;
      return b;
    },

    // A new file input taking files of accept (e.g. ".accord").
    fileInput: function (accept) {
      const input = document.createElement('input');
      input.type = 'file';
      input.setAttribute('accept', accept);
      return input;
    },

    // A labelled field: a div holding a label for input (given id), an
    // optional hint the input is described by, and input.
    field: function (id, label, hint, input) {
      const box = accord.dom.make('div', 'field');
      const l = accord.dom.make('label', '', label);
      l.setAttribute('for', id);
      input.id = id;
      box.appendChild(l);
      if (hint) {
        const h = accord.dom.make('p', 'field-hint', hint);
        h.id = id + '-hint';
        input.setAttribute('aria-describedby', h.id);
        box.appendChild(h);
      }
      box.appendChild(input);
      return box;
    },

    // Offers data (a string or bytes) as a download named name, of MIME
    // type type; the object URL is dropped soon after.
    download: function (data, name, type) {
      const url = URL.createObjectURL(new Blob([data], { type: type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    },

    // The day of a UTC time "YYYY-MM-DDTHH:MM:SSZ" in words: "29 November 2026".
    day: function (utc) {
      return new Date(utc).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
    },

    // A byte count in words: "4 MiB", "512 KiB" or "300 bytes".
    size: function (bytes) {
      const MiB = 1024 * 1024;
      if (bytes % MiB === 0) return bytes / MiB + ' MiB';
      if (bytes % 1024 === 0) return bytes / 1024 + ' KiB';
      return bytes + (bytes === 1 ? ' byte' : ' bytes');
    }
  };
})(window.accord);
