/* accord page scripts: reading the mentee's answers on a mentor's form.
 *
 * The mentor chooses the mentee's answers bundle (.accord) or answers file
 * (.xml). A bundle is read with the zip reader and must be an answers
 * bundle as accord writes it: META, answers.xml, questionnaire.xml,
 * MANIFEST and one signature, META and answers.xml agreeing, and the
 * SHA-256 of answers.xml the one MANIFEST lists. The signature is not
 * checked here (the program checks it when it builds the agreement), and
 * the page says so. Either way the answers must be a mentee's, of this
 * agreement and program, and no larger than data-limit-answers-file.
 */
(function (accord) {
  'use strict';

  function refuse(message) { throw new accord.Refused(message); }

  function utf8(bytes) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }

  // META of a bundle: "key: value" lines; returns a Map, or null.
  function parseMeta(text) {
    if (text === null) return null;
    const out = new Map();
    for (const line of text.replace(/\n$/, '').split('\n')) {
      const m = /^([a-z0-9-]+): (.*)$/.exec(line);
      if (!m || out.has(m[1])) return null;
      out.set(m[1], m[2]);
    }
    return out;
  }

  function hex(bytes) {
    return Array.from(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // A reader of the mentee's files for form: {maxBytes (the largest file
  // it reads), read(name, bytes)}; read returns a Promise of {doc (the answers), signed (read from a bundle)} or rejects
  // with accord.Refused saying why the file is not used. Throws
  // accord.ConfigError when form lacks a limit.
  function reader(form) {
    const page = {
      program: form.getAttribute('data-program') || '',
      agreement: form.getAttribute('data-agreement') || ''
    };
    const zipLimits = accord.zip.limits(form);
    const maxAnswers = accord.config.count(form, 'data-limit-answers-file');

    // The parsed answers document in bytes, a mentee's of this agreement
    // (where: how to name the file in a message).
    function answers(bytes, where) {
      if (bytes.length > maxAnswers)
        refuse(where + ' is larger than ' + accord.dom.size(maxAnswers) + ', too large for an answers file');
      const text = utf8(bytes);
      if (text === null) refuse(where + ' is not UTF-8 text');
      let doc;
      try {
        doc = accord.answersFile.parse(text);
      } catch (e) {
        if (e instanceof accord.Refused) refuse(where + ' ' + e.message);
        throw e;
      }
      const root = doc.documentElement;
      const role = root.getAttribute('role');
      if (role !== 'mentee') refuse(where + ' holds the answers of ' + (role === 'mentor' ? 'a mentor' : 'no mentee') + ', not your mentee\u2019s');
      if (root.getAttribute('agreement') !== page.agreement)
        refuse(where + ' belongs to agreement “' + (root.getAttribute('agreement') || 'none') + '”, not “' + page.agreement + '”');
      if (page.program && root.getAttribute('program') !== page.program)
        refuse(where + ' belongs to another program (“' + (root.getAttribute('program') || 'none') + '”)');
      return doc;
    }

    // The answers of a mentee's answers bundle: {doc, bytes (answers.xml),
    // listed (its SHA-256 as MANIFEST lists it)}.
    function fromBundle(bytes) {
      const members = new Map();
      accord.zip.read(bytes, zipLimits).forEach(function (m) { members.set(m.name, m.data); });
      const meta = members.has('META') ? parseMeta(utf8(members.get('META'))) : null;
      if (!meta || meta.get('format') !== 'accord-bundle 1') refuse('it is not an accord bundle (no readable META)');
      if (meta.get('kind') !== 'answers') refuse('it is an agreement bundle; choose your mentee\u2019s answers bundle instead');
      if (meta.get('role') !== 'mentee') refuse('it is the ' + (meta.get('role') || 'unknown') + '\u2019s answers bundle, not your mentee\u2019s');
      if (meta.get('agreement') !== page.agreement) refuse('it belongs to agreement “' + (meta.get('agreement') || '') + '”, not “' + page.agreement + '”');
      const want = ['META', 'answers.xml', 'questionnaire.xml', 'MANIFEST', 'signatures/' + meta.get('party') + '.minisig'];
      const names = Array.from(members.keys()).sort();
      if (names.join('\n') !== want.sort().join('\n'))
        refuse('its members are not those of an answers bundle (' + names.join(', ') + ')');
      const doc = answers(members.get('answers.xml'), 'its answers.xml');
      const root = doc.documentElement;
      if (root.getAttribute('party') !== meta.get('party') || root.getAttribute('revision') !== meta.get('revision') ||
          root.getAttribute('digest') !== meta.get('questionnaire-sha256'))
        refuse('its answers.xml and its META disagree');
      const listed = /^([0-9a-f]{64}) {2}answers\.xml$/m.exec(utf8(members.get('MANIFEST')) || '');
      if (!listed) refuse('its MANIFEST does not list answers.xml');
      return { doc: doc, bytes: members.get('answers.xml'), listed: listed[1] };
    }

    // Resolves when the SHA-256 of answers.xml is the one MANIFEST lists
    // (the signature covers MANIFEST, so this catches an edited answers.xml
    // even with its zip checksum redone).
    function checkManifest(got) {
      if (!window.crypto || !window.crypto.subtle) return Promise.resolve();
      return window.crypto.subtle.digest('SHA-256', got.bytes).then(function (h) {
        if (hex(new Uint8Array(h)) !== got.listed)
          refuse('its answers.xml is not the one its MANIFEST lists (the file was changed after it was signed)');
      });
    }

    return {
      maxBytes: zipLimits.maxBytes,
      read: function (name, bytes) {
        // a bundle by its name or its first bytes; anything else must be answers XML
        const isZip = /\.accord$/i.test(name) || (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b);
        try {
          if (!isZip) return Promise.resolve({ doc: answers(bytes, 'the file'), signed: false });
          const got = fromBundle(bytes);
          return checkManifest(got).then(function () { return { doc: got.doc, signed: true }; });
        } catch (e) {
          return Promise.reject(e);
        }
      }
    };
  }

  accord.menteeFile = { reader: reader };
})(window.accord);
