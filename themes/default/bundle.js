/* accord page scripts: answers bundles, written and verified.
 *
 * An answers bundle (accord-bundle(5)) is a stored zip of META,
 * answers.xml, questionnaire.xml, MANIFEST and signatures/<party>.minisig,
 * every member's time META's created. write() makes the bytes the C tool's
 * `sign` makes from the same key, answers, questionnaire and time.
 * verifyAnswers() applies the verifier's policy for an answers bundle:
 * exactly those members; META well-formed with the verifier's value rules;
 * MANIFEST canonical and listing exactly the signed members with their
 * SHA-256; questionnaire.xml the one META names; the signature by a key
 * the page holds for META's party, in "ED" mode, its trusted comment
 * recomputed from META byte for byte. Keys come only from the caller (the
 * page's data), never from the bundle. Its parts (answersAt, checkManifest,
 * signatureBy) serve agreement.js for the answers an agreement holds.
 * People read each refusal in plain words (accord.refuses: damaged, or
 * changed after it was signed); the verifier's reason is its detail.
 */
(function (accord) {
  'use strict';

  // Format limits (accord_verify.h: META_MAX, META_VALUE_MAX, MANIFEST_MAX).
  const META_MAX = 2048, META_VALUE_MAX = 80, MANIFEST_MAX = 128 * 1024;
  const META_KEYS = ['format', 'kind', 'program', 'agreement', 'revision', 'role', 'party',
    'questionnaire', 'questionnaire-sha256', 'previous', 'created'];
  const TIME_MAX = 253402300799; // 9999-12-31T23:59:59Z

  const encoder = new TextEncoder();

  function refuse(message, detail) { throw new accord.Refused(message, detail); }
  function damaged(detail) { accord.refuses.damaged(detail); }
  function changed(detail) { accord.refuses.changed(detail); }

  function sha256hex(bytes) { return accord.minisign.sha256hex(bytes); }

  // "2026-01-31T09:00:00Z" of t (whole seconds since 1970).
  function timeFormat(t) {
    if (!Number.isInteger(t) || t < 0 || t > TIME_MAX) throw new RangeError('time out of range');
    return new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // Seconds since 1970 of a canonical UTC time, or -1.
  function timeParse(s) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s)) return -1;
    const t = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13),
      +s.slice(14, 16), +s.slice(17, 19)) / 1000;
    return t >= 0 && t <= TIME_MAX && timeFormat(t) === s ? t : -1;
  }

  function isId(s) { return /^[a-z][a-z0-9-]{0,31}$/.test(s); }

  // The verifier's rule for the value of META key k in m (a Map).
  function valueOk(m, k) {
    const v = m.get(k), answers = m.get('kind') === 'answers';
    switch (k) {
    case 'format': return v === 'accord-bundle 1';
    case 'kind': return answers || v === 'agreement';
    case 'program': return isId(v);
    case 'agreement': return isId(v) || (answers && v === '-');
    case 'revision': return /^[1-9][0-9]{0,8}$/.test(v);
    case 'role': return answers ? v === 'mentee' || v === 'mentor' : v === 'agreement';
    case 'party': {
      if (answers) return isId(v);
      const two = v.split(',');
      return two.length === 2 && isId(two[0]) && isId(two[1]) && two[0] !== two[1];
    }
    case 'questionnaire': {
      const at = v.indexOf('@');
      return at > 0 && isId(v.slice(0, at)) && /^[A-Za-z0-9._-]{1,32}$/.test(v.slice(at + 1));
    }
    case 'questionnaire-sha256': return /^[0-9a-f]{64}$/.test(v);
    case 'previous': return v === 'none' || /^[0-9a-f]{64}$/.test(v);
    case 'created': return timeParse(v) >= 0;
    }
    return false;
  }

  // Throws accord.Refused unless META m (a Map of every key) holds values
  // the verifier accepts.
  function metaCheck(m) {
    META_KEYS.forEach(function (k) {
      if (!valueOk(m, k)) damaged('its META ' + k + ' is not valid (“' + m.get(k) + '”)');
    });
    const previousNone = m.get('previous') === 'none';
    if (m.get('agreement') === '-') {
      if (!previousNone) damaged('its META previous must be none for a development plan');
    } else if ((m.get('revision') === '1') !== previousNone) {
      damaged(previousNone ? 'its META previous must name the signed agreement a review follows'
        : 'its META previous must be none for a first revision');
    }
  }

  const bundle = accord.bundle = {
    META_KEYS: META_KEYS,
    timeFormat: timeFormat,
    timeParse: timeParse,
    metaCheck: metaCheck,

    // META's bytes of m, a Map of every key.
    metaFormat: function (m) {
      return encoder.encode(META_KEYS.map(function (k) { return k + ': ' + m.get(k) + '\n'; }).join(''));
    },

    // META's bytes → a Map; throws accord.Refused as the verifier does.
    metaParse: function (bytes) {
      if (bytes.length > META_MAX) damaged('its META is larger than ' + META_MAX + ' bytes');
      const s = accord.utf8(bytes);
      if (s === null || !s.endsWith('\n') || /[\r\0]/.test(s)) damaged('its META is not ' + META_KEYS.length + ' lines');
      const lines = s.slice(0, -1).split('\n');
      if (lines.length !== META_KEYS.length) damaged('its META is not ' + META_KEYS.length + ' lines');
      const m = new Map();
      META_KEYS.forEach(function (k, i) {
        if (!lines[i].startsWith(k + ': ')) damaged('its META line ' + (i + 1) + ' is not “' + k + ': …”');
        const v = lines[i].slice(k.length + 2);
        if (encoder.encode(v).length > META_VALUE_MAX) damaged('its META ' + k + ' is too long');
        m.set(k, v);
      });
      metaCheck(m);
      return m;
    },

    // The trusted comment META m's signatures carry.
    trustedComment: function (m) {
      return 'accord/1' + META_KEYS.map(function (k) { return ' ' + k + '=' + m.get(k); }).join('');
    },

    // MANIFEST's bytes for members [{name, data}]: one line per member,
    // sorted by name.
    manifest: function (members) {
      const sorted = members.slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      return encoder.encode(sorted.map(function (m) { return sha256hex(m.data) + '  ' + m.name + '\n'; }).join(''));
    },

    // The answers bundle of META m (a Map), the answers file's bytes and the
    // questionnaire's canonical bytes, signed with key (from
    // accord.minisign.unlock); a Uint8Array.
    write: function (key, m, answers, questionnaire) {
      metaCheck(m);
      if (m.get('kind') !== 'answers') throw new Error('META kind is not answers');
      const members = [
        { name: 'META', data: bundle.metaFormat(m) },
        { name: 'answers.xml', data: answers },
        { name: 'questionnaire.xml', data: questionnaire }
      ];
      const manifest = bundle.manifest(members);
      const signature = accord.minisign.sign(key, manifest, bundle.trustedComment(m));
      members.push({ name: 'MANIFEST', data: manifest });
      members.push({ name: 'signatures/' + m.get('party') + '.minisig', data: encoder.encode(signature) });
      return accord.zip.write(members, timeParse(m.get('created')));
    },

    // Verifies an answers bundle's bytes with the page's keys (a Map from
    // party to [{keynum, pk, id}]); expect(meta), when given, is called
    // with the parsed META before any signature is checked, to refuse a
    // bundle meant for another form by saying so. Returns {meta (a Map),
    // members (a Map from name to bytes), keyId, digest (of MANIFEST)};
    // throws accord.Refused with the reason.
    verifyAnswers: function (bytes, keys, limits, expect) {
      const members = bundle.members(bytes, limits);
      if (!members.has('META')) damaged('it has no META');
      const m = bundle.metaParse(members.get('META'));
      if (m.get('kind') !== 'answers') refuse('it is a whole agreement, not one person’s answers');
      if (expect) expect(m);
      const got = bundle.answersAt(members, '', m, keys);
      return { meta: m, members: members, keyId: got.keyId, digest: got.digest };
    },

    // The members of an archive's bytes, as a Map from name to bytes.
    members: function (bytes, limits) {
      return new Map(accord.zip.read(bytes, limits).map(function (x) { return [x.name, x.data]; }));
    },

    // Checks the answers bundle of META m whose members are prefix + name
    // in members ("" for a bundle of its own, "parties/<id>/" inside an
    // agreement): exactly its five members there, MANIFEST listing the
    // other three with their digests, questionnaire.xml the one META
    // names, and the party's signature with META's trusted comment.
    // Returns {keyId, digest}; throws accord.Refused.
    answersAt: function (members, prefix, m, keys) {
      const party = m.get('party'), sigName = 'signatures/' + party + '.minisig';
      const expected = ['META', 'answers.xml', 'questionnaire.xml', 'MANIFEST', sigName];
      members.forEach(function (data, name) {
        // a member no answers bundle holds was added after it was signed
        if (name.startsWith(prefix) && expected.indexOf(name.slice(prefix.length)) < 0)
          changed('it holds an unexpected member, “' + name + '”');
      });
      expected.forEach(function (n) {
        if (members.has(prefix + n)) return;
        // what a bundle gains when it is signed
        if (prefix === '' && (n === 'MANIFEST' || n === sigName)) refuse('it is not signed', 'it lacks its member ' + n);
        damaged('it lacks its member ' + prefix + n);
      });
      const manifest = members.get(prefix + 'MANIFEST');
      bundle.checkManifest(manifest, expected.slice(0, 3).map(function (n) { return { name: n, data: members.get(prefix + n) }; }), prefix);
      if (sha256hex(members.get(prefix + 'questionnaire.xml')) !== m.get('questionnaire-sha256'))
        changed('its ' + prefix + 'questionnaire.xml is not the one its META names');
      const s = bundle.signatureBy(members.get(prefix + sigName), party, manifest, keys, sha256hex(manifest));
      if (s.trusted !== bundle.trustedComment(m)) changed('the signed description of ' + prefix + sigName + ' does not match its META');
      return { keyId: s.id, digest: sha256hex(manifest) };
    },

    // Throws accord.Refused unless manifest is the canonical MANIFEST of
    // members ([{name, data}], names without prefix); a mismatch is
    // refused by fault(detail) (the bundle changed after it was signed,
    // unless the caller says otherwise).
    checkManifest: function (manifest, members, prefix, fault) {
      if (manifest.length > MANIFEST_MAX) damaged('its ' + prefix + 'MANIFEST is too large');
      if (!accord.minisign.equalBytes(bundle.manifest(members), manifest))
        (fault || changed)('its contents do not match its ' + prefix + 'MANIFEST');
    },

    // The signature file sigBytes of manifest, verified with a key the page
    // holds for party (keys: a Map from party to [{keynum, pk, id}]) and
    // valid by index order for evidence, the SHA-256 hex the program's
    // index records it by (minisign.checkValidity); returns the parsed
    // signature (its trusted comment is the caller's to check); throws
    // accord.Refused.
    signatureBy: function (sigBytes, party, manifest, keys, evidence) {
      const s = accord.minisign.parseSignature(sigBytes);
      const mine = keys.get(party) || [];
      const pub = mine.find(function (k) { return accord.minisign.equalBytes(k.keynum, s.keynum); });
      if (!pub) {
        refuse(mine.length ? 'it was signed with key ID ' + s.id + ', which is not a key the program holds for ' + party
          : 'the program holds no key for ' + party + ' (key ID ' + s.id + ')');
      }
      accord.minisign.verify(s, pub, manifest);
      accord.minisign.checkValidity(pub, evidence);
      return s;
    }
  };
})(window.accord);
