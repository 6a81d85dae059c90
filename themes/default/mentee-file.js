/* accord page scripts: reading the mentee's answers on a mentor's form.
 *
 * The mentor chooses the mentee's answers bundle (.accord) or answers file
 * (.xml). A bundle is verified in the browser with the verifier's policy
 * for an answers bundle (bundle.js), with only the keys this page carries
 * for the agreement's mentee (data-mentee, data-keys-mentee); it must be
 * the mentee's, of this agreement and program, its answers.xml agreeing
 * with its META. A plain answers file is shown as unsigned. Either way the
 * answers are no larger than data-limit-answers-file. Mentors are told why
 * a file is refused in plain words; file formats are named only in the
 * refusal's detail.
 */
(function (accord) {
  'use strict';

  function refuse(message, detail) { throw new accord.Refused(message, detail); }

  // A reader of the mentee's files for form: {maxBytes (the largest file
  // it reads), read(name, bytes)}; read returns a Promise of {doc (the
  // answers), signed (from a verified bundle), keyId (its signer's)} or
  // rejects with accord.Refused saying why the file is not used. Throws
  // accord.ConfigError when form lacks a limit, the mentee or their keys.
  function reader(form) {
    const page = {
      program: form.getAttribute('data-program') || '',
      agreement: form.getAttribute('data-agreement') || '',
      mentee: accord.config.text(form, 'data-mentee'),
      keys: accord.minisign.keysOf(form, 'data-keys-mentee')
    };
    const zipLimits = accord.zip.limits(form);
    const maxAnswers = accord.config.count(form, 'data-limit-answers-file');

    // The parsed answers document in bytes, a mentee's of this agreement
    // (where: how to name the file in a message, as its subject).
    function answers(bytes, where) {
      if (bytes.length > maxAnswers)
        refuse(where + ' is larger than ' + accord.dom.size(maxAnswers) + ', too large for an answers file');
      const text = accord.utf8(bytes);
      if (text === null) refuse(where + ' is not an answers file', where + ' is not UTF-8 text');
      let doc;
      try {
        doc = accord.answersFile.parse(text);
      } catch (e) {
        if (e instanceof accord.Refused) refuse(where + ' ' + e.message, where + ' ' + e.detail);
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

    // Refuses the META of a bundle that is not this agreement's mentee's.
    function expectMentee(meta) {
      if (meta.get('role') !== 'mentee') refuse('it is the ' + meta.get('role') + '\u2019s answers bundle, not your mentee\u2019s');
      if (page.program && meta.get('program') !== page.program) refuse('it belongs to another program (“' + meta.get('program') + '”)');
      if (meta.get('agreement') !== page.agreement) refuse('it belongs to agreement “' + meta.get('agreement') + '”, not “' + page.agreement + '”');
      if (meta.get('party') !== page.mentee) refuse('it holds the answers of “' + meta.get('party') + '”, not of your mentee');
      if (!page.keys.length)
        refuse('the program had no key of your mentee when this page was made, so the signature cannot be checked; ask the program for an updated form, or load the answers file (.xml) instead');
    }

    // The answers of a mentee's answers bundle, verified: {doc, keyId}.
    function fromBundle(bytes) {
      const got = accord.bundle.verifyAnswers(bytes, new Map([[page.mentee, page.keys]]), zipLimits, expectMentee);
      const meta = got.meta;
      const doc = answers(got.members.get('answers.xml'), 'the answers file in it');
      const root = doc.documentElement;
      if (root.getAttribute('party') !== meta.get('party') || root.getAttribute('revision') !== meta.get('revision') ||
          root.getAttribute('digest') !== meta.get('questionnaire-sha256'))
        refuse('the answers in it are not the ones it says it holds', 'its answers.xml and its META disagree');
      return { doc: doc, keyId: got.keyId };
    }

    return {
      maxBytes: zipLimits.maxBytes,
      read: function (name, bytes) {
        // a bundle by its name or its first bytes; anything else must be answers XML
        const isZip = /\.accord$/i.test(name) || (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b);
        try {
          if (!isZip) return Promise.resolve({ doc: answers(bytes, 'the file'), signed: false });
          const got = fromBundle(bytes);
          return Promise.resolve({ doc: got.doc, signed: true, keyId: got.keyId });
        } catch (e) {
          return Promise.reject(e);
        }
      }
    };
  }

  accord.menteeFile = { reader: reader };
})(window.accord);
