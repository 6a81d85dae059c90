/* accord page scripts: agreement bundles, verified and countersigned.
 *
 * verify() applies the verifier's policy for an agreement bundle
 * (accord-bundle(5)): only META, questionnaire.xml, agreement.html,
 * MANIFEST, the two parties' answers bundles under parties/<id>/ and
 * their countersignatures signatures/<id>.minisig; MANIFEST canonical over
 * every member but itself and the countersignatures; questionnaire.xml the
 * one META names and each party's snapshot byte for byte; each embedded
 * answers bundle the party's own (mentee first, the mentor's answers the
 * final ones), agreeing with the agreement's META and verified as an
 * answers bundle; META created the later of the two answers' created; each
 * countersignature by a key the page holds for that party, its trusted
 * comment META's followed by " signed=<UTC time>" from created to
 * data-signing-months-max months later. Keys come from the page only.
 * People read each refusal in plain words (accord.refuses: damaged,
 * changed after it was signed, or changed after the program made it); the
 * verifier's reason is its detail.
 *
 * countersign() adds a party's signature as the C tool does: MANIFEST
 * unchanged, the unsigned members in their order, then the
 * countersignatures sorted by name, every member's time META's created.
 */
(function (accord) {
  'use strict';

  const SAME = ['program', 'agreement', 'revision', 'questionnaire', 'questionnaire-sha256', 'previous'];
  const MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  function refuse(message, detail) { throw new accord.Refused(message, detail); }
  function damaged(detail) { accord.refuses.damaged(detail); }
  // its parts do not fit together as the program makes them
  function altered(detail) { accord.refuses.altered(detail); }

  // t (seconds, UTC) plus months, the day kept or cut to the month's last
  // (meta_time_add_months); -1 past the format's last time.
  function addMonths(t, months) {
    const d = new Date(t * 1000);
    const m = d.getUTCMonth() + months, y = d.getUTCFullYear() + Math.floor(m / 12), mon = m % 12;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const last = MDAYS[mon] + (mon === 1 && leap ? 1 : 0);
    const out = Date.UTC(y, mon, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
    return out > 253402300799 ? -1 : out;
  }

  // The two party ids of an agreement's META.
  function partiesOf(m) { return m.get('party').split(','); }

  function isCountersignature(name) { return name.startsWith('signatures/'); }

  // Checks the countersignature sigBytes of party on manifest: returns its
  // signed= time (text); throws accord.Refused.
  function countersignature(sigBytes, party, m, manifest, keys, monthsMax) {
    const s = accord.bundle.signatureBy(sigBytes, party, manifest, keys, accord.minisign.sha256hex(sigBytes));
    const base = accord.bundle.trustedComment(m) + ' signed=';
    if (!s.trusted.startsWith(base) || s.trusted.length !== base.length + 20)
      accord.refuses.changed('the signature of ' + party + ' does not describe this agreement and when it was signed');
    const at = s.trusted.slice(base.length), when = accord.bundle.timeParse(at);
    const created = accord.bundle.timeParse(m.get('created'));
    if (when < 0) damaged('the signature of ' + party + ' has no valid time');
    if (when < created) refuse('a signature in it is dated before the agreement was made', party + ' signed at ' + at + ', before the agreement was made');
    const latest = addMonths(created, monthsMax);
    if (latest < 0 || when > latest) {
      refuse('a signature in it is dated more than ' + monthsMax + ' months after the agreement was made',
        party + ' signed at ' + at + ', more than ' + monthsMax + ' months after the agreement was made');
    }
    return at;
  }

  accord.agreement = {
    addMonths: addMonths,

    // Verifies an agreement bundle's bytes with the page's keys (a Map from
    // party to [{keynum, pk, id}]); expect(meta), when given, is called
    // with the parsed META before any signature is checked. Returns {meta, members (a Map), digest
    // (of MANIFEST), mentee, mentor (party ids), answers (a Map from party
    // to its answers.xml bytes), signed (a Map from party to its signed=
    // time, for those who countersigned)}; throws accord.Refused.
    verify: function (bytes, keys, limits, monthsMax, expect) {
      const members = accord.bundle.members(bytes, limits);
      if (!members.has('META')) damaged('it has no META');
      const m = accord.bundle.metaParse(members.get('META'));
      if (m.get('kind') !== 'agreement') refuse('it is one person’s answers, not an agreement');
      if (expect) expect(m);
      const parties = partiesOf(m);
      const dirs = parties.map(function (p) { return 'parties/' + p + '/'; });
      const sigs = parties.map(function (p) { return 'signatures/' + p + '.minisig'; });
      const top = ['META', 'questionnaire.xml', 'agreement.html', 'MANIFEST'];
      members.forEach(function (data, name) {
        if (top.indexOf(name) < 0 && sigs.indexOf(name) < 0 && !dirs.some(function (d) { return name.startsWith(d); }))
          altered('it holds a member that is not part of agreement ' + m.get('agreement') + ', “' + name + '”');
      });
      top.forEach(function (n) { if (!members.has(n)) damaged('it lacks its member ' + n); });

      const manifest = members.get('MANIFEST');
      const signedMembers = [];
      members.forEach(function (data, name) {
        if (name !== 'MANIFEST' && !isCountersignature(name)) signedMembers.push({ name: name, data: data });
      });
      accord.bundle.checkManifest(manifest, signedMembers, '', altered);
      const q = members.get('questionnaire.xml');
      if (accord.minisign.sha256hex(q) !== m.get('questionnaire-sha256'))
        altered('its questionnaire.xml is not the one its META names');

      const answers = new Map(), created = [];
      parties.forEach(function (party, i) {
        const dir = dirs[i], role = i === 0 ? 'mentee' : 'mentor';
        if (!members.has(dir + 'META')) damaged('it lacks ' + party + '’s answers (' + dir + 'META)');
        const pm = accord.bundle.metaParse(members.get(dir + 'META'));
        if (pm.get('kind') !== 'answers') altered('its ' + dir + 'META is not an answers bundle’s');
        if (pm.get('party') !== party || pm.get('role') !== role)
          altered('its ' + dir + ' does not hold ' + party + '’s answers as ' + role);
        SAME.forEach(function (k) {
          if (pm.get(k) !== m.get(k)) altered('its ' + dir + 'META ' + k + ' differs from the agreement’s');
        });
        accord.bundle.answersAt(members, dir, pm, keys);
        if (!accord.minisign.equalBytes(members.get(dir + 'questionnaire.xml'), q))
          altered('its ' + dir + 'questionnaire.xml differs from the agreement’s questionnaire');
        answers.set(party, members.get(dir + 'answers.xml'));
        created.push(pm.get('created'));
      });
      const later = created[1] > created[0] ? created[1] : created[0];
      if (m.get('created') !== later) altered('its META created is not the later of the two answers’ times');

      const signed = new Map();
      parties.forEach(function (party, i) {
        if (members.has(sigs[i])) signed.set(party, countersignature(members.get(sigs[i]), party, m, manifest, keys, monthsMax));
      });
      return {
        meta: m, members: members, digest: accord.minisign.sha256hex(manifest),
        mentee: parties[0], mentor: parties[1], answers: answers, signed: signed
      };
    },

    // The agreement (from verify()) countersigned by party with key at
    // signedAt (seconds since 1970): the new bundle's bytes.
    countersign: function (got, party, key, signedAt) {
      const m = got.meta, name = 'signatures/' + party + '.minisig';
      if (got.members.has(name)) throw new Error(party + ' has already signed');
      const tc = accord.bundle.trustedComment(m) + ' signed=' + accord.bundle.timeFormat(signedAt);
      const sig = new TextEncoder().encode(accord.minisign.sign(key, got.members.get('MANIFEST'), tc));
      const unsigned = [], sigs = [{ name: name, data: sig }];
      got.members.forEach(function (data, n) { (isCountersignature(n) ? sigs : unsigned).push({ name: n, data: data }); });
      sigs.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      return accord.zip.write(unsigned.concat(sigs), accord.bundle.timeParse(m.get('created')));
    }
  };
})(window.accord);
