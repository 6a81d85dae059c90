/* accord review script (themes/default/review.js).
 *
 * The mentor's side of an agreement, on two kinds of page:
 * - the private review page (form data-review="true"): the generator writes
 *   the mentee's answer beside each question (div.mentee-answer); this
 *   script keeps each flag and the summary count true as the mentor answers;
 * - the public mentor form: a tool reads the mentee's answers bundle (.accord)
 *   or answers file (.xml) chosen by the mentor, builds the same mentee column
 *   with DOM methods, then flags it the same way. Nothing leaves the browser
 *   and no signature is checked here (the program does that at build time).
 *
 * Rules this file keeps, and why:
 * - A plain script, no modules, no network, no eval (file:// pages).
 * - It reads only data- attributes and element text; the mentee's text
 *   reaches the page through textContent only.
 * - The conflict rules are the generator's (issue 4 contract, D5): yes/no and
 *   single choice differ when the values differ; multiple choice when the
 *   sets differ; free text never conflicts (an equal text is "same", a
 *   different one is simply shown beside the mentor's); a question only the
 *   mentee answered is "for discussion"; one only the mentor answered, or
 *   nobody, has no flag. "Other" text does not take part in the comparison.
 *   A question hidden by the mentor's answers counts as unanswered by the
 *   mentor. Markup: issue4-contract.md "D5 markup as built".
 * - The zip reader refuses what the verifier refuses (verifier/zipread.c):
 *   anything but contiguous stored members from offset 0, a central
 *   directory agreeing with every local header, and an end record with no
 *   comment ending the file; at most 256 members and 64 MiB; portable,
 *   unique names; no encryption, data descriptors, links or directories.
 * - No lookup keyed by data (a page attribute, a file's question ids, zip
 *   member names, META keys) goes through a plain object, which would
 *   answer "constructor" (a valid question id) or "__proto__" from
 *   Object.prototype: such lookups use a Map or a Set.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.accord-form');
  if (!form) return;
  var isReview = form.getAttribute('data-review') === 'true';
  var isMentorForm = form.getAttribute('data-role') === 'mentor' && form.getAttribute('data-kind') !== 'idp';
  if (!isReview && !isMentorForm) return;

  var ZIP_MAX = 64 * 1024 * 1024;
  var MEMBERS_MAX = 256;
  var NAME_MAX = 255;
  var EXTRA_MAX = 1024;
  var XML_MAX = 1024 * 1024;

  // the generator's words and icons (generator/conflict.c), so a page reads
  // the same before and after the script changes a flag
  var FLAGS = new Map([
    ['conflict', { icon: '\u26A0', text: 'Differs from the mentee\'s answer' }],
    ['discuss', { icon: '\uD83D\uDCAC', text: 'The mentee answered; discuss before you answer' }],
    ['same', { icon: '\u2713', text: 'Same as the mentee\'s answer' }]
  ]);

  var byId = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  /* ---- reading the form ---------------------------------------------- */

  var questions = Array.prototype.map.call(form.querySelectorAll('[data-question]'), function (el) {
    var kind = el.getAttribute('data-kind');
    return { el: el, id: el.getAttribute('data-question'), kind: kind,
      choice: kind === 'yesno' || kind === 'single' || kind === 'multiple' };
  });

  function choiceInputs(q) {
    return Array.prototype.slice.call(q.el.querySelectorAll('.choices input[type=radio], .choices input[type=checkbox]'));
  }

  function optionLabel(q, value) {
    var input = choiceInputs(q).filter(function (i) { return i.value === value; })[0];
    var label = input && form.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : null;
  }

  // The mentor's answer to q as it stands: {values, text}; a hidden
  // question counts as unanswered (its answer is never exported). "Other"
  // text comes only with the value other, so values and text decide.
  function mentorAnswer(q) {
    var a = { values: [], text: '', given: false };
    if (q.el.hidden) return a;
    if (q.choice) {
      choiceInputs(q).forEach(function (i) { if (i.checked) a.values.push(i.value); });
      a.given = a.values.length > 0;
    } else {
      var input = byId('q-' + q.id + '-input');
      if (input) a.text = input.value.trim();
      a.given = a.text !== '';
    }
    return a;
  }

  function columnOf(q) {
    var col = q.el.querySelector('.mentee-answer');
    return col && col.closest('[data-question]') === q.el ? col : null;
  }

  // The mentee's answer as the column states it: {values, text, given}
  // (data-answered: values, text or other text; a note alone is no answer).
  function menteeAnswer(q, col) {
    var values = (col.getAttribute('data-values') || '').split(/\s+/).filter(Boolean);
    var textEl = col.querySelector('.mentee-text');
    var text = textEl ? textEl.textContent.trim() : '';
    return { values: values, text: text, given: col.getAttribute('data-answered') === 'true' };
  }

  /* ---- the conflict rules (D5; identical to the generator's) --------- */

  // every value of a is among b's (conflict.c values_within)
  function within(a, b) {
    return a.every(function (v) { return b.indexOf(v) >= 0; });
  }

  // Returns 'conflict', 'discuss', 'same' or '' (no flag).
  function flagOf(q, mentee, mentor) {
    if (!mentee.given) return '';
    if (!mentor.given) return 'discuss';
    if (!q.choice) return mentee.text !== '' && mentee.text === mentor.text ? 'same' : '';
    // as sets for every choice kind: one value each for yes/no and single
    return within(mentee.values, mentor.values) && within(mentor.values, mentee.values) ? 'same' : 'conflict';
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function showFlag(col, kind) {
    var p = col.querySelector('.agreement-flag');
    if (!p) {
      p = document.createElement('p');
      col.appendChild(p);
    }
    var cls = 'agreement-flag' + (kind ? ' flag-' + kind : ' flag-none');
    if (p.className !== cls) p.className = cls;
    p.hidden = !kind;
    if (!kind) { // as the generator writes it: hidden and empty
      while (p.firstChild) p.removeChild(p.firstChild);
      return;
    }
    var icon = p.querySelector('span[aria-hidden="true"]');
    var want = FLAGS.get(kind);
    if (!icon || icon.textContent !== want.icon || p.textContent !== want.icon + ' ' + want.text) {
      while (p.firstChild) p.removeChild(p.firstChild);
      icon = document.createElement('span');
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = want.icon;
      p.appendChild(icon);
      p.appendChild(document.createTextNode(' ' + want.text));
    }
  }

  // The live summary: the generator's #review-summary on a review page,
  // else the same element made here, at the top of the form. It is the only
  // live region of this script: one short sentence per change.
  var summary = null;
  function summaryEl() {
    if (summary) return summary;
    summary = byId('review-summary');
    if (!summary) {
      summary = document.createElement('p');
      summary.className = 'review-summary';
      summary.id = 'review-summary';
      summary.setAttribute('role', 'status');
      var errors = byId('error-summary');
      form.insertBefore(summary, errors ? errors.nextSibling : form.firstChild);
    }
    summary.setAttribute('aria-live', 'polite');
    return summary;
  }

  // generator/conflict.c conflict_summary, word for word
  function summaryText(conflicts, discuss) {
    var text = conflicts === 0 ? 'No answers differ from the mentee\'s.'
      : conflicts === 1 ? '1 answer differs from the mentee\'s.'
        : conflicts + ' answers differ from the mentee\'s.';
    if (discuss === 1) text += ' 1 question the mentee answered is for discussion.';
    else if (discuss > 1) text += ' ' + discuss + ' questions the mentee answered are for discussion.';
    return text;
  }

  function updateFlags() {
    var counts = new Map([['conflict', 0], ['discuss', 0], ['same', 0]]);
    var columns = 0;
    questions.forEach(function (q) {
      var col = columnOf(q);
      if (!col) return;
      columns++;
      // a question hidden by the mentor's answers counts as unanswered by
      // the mentor, as on the server: "discuss" when the mentee answered it
      var kind = flagOf(q, menteeAnswer(q, col), mentorAnswer(q));
      showFlag(col, kind);
      if (kind) counts.set(kind, counts.get(kind) + 1);
    });
    if (!columns) return;
    var s = summaryEl();
    s.setAttribute('data-conflicts', String(counts.get('conflict')));
    s.setAttribute('data-discuss', String(counts.get('discuss')));
    setText(s, summaryText(counts.get('conflict'), counts.get('discuss')));
  }

  /* ---- a stored-only zip reader -------------------------------------- */

  var CRC_TABLE = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  function ZipError(message) { this.message = message; }

  function refuse(message) { throw new ZipError(message); }

  // Checks a member name as the verifier does; returns it as a string.
  function memberName(bytes) {
    if (bytes.length === 0 || bytes.length > NAME_MAX) refuse('a member name is empty or too long');
    var s = '';
    for (var i = 0; i < bytes.length; i++) {
      var c = bytes[i];
      if (c < 0x20 || c >= 0x7f) refuse('a member name has a control character or a non-ASCII byte');
      if (c === 0x5c || c === 0x3a) refuse('a member name has a backslash or a colon');
      s += String.fromCharCode(c);
    }
    if (s.charAt(0) === '/') refuse('a member name is an absolute path (“' + s + '”)');
    s.split('/').forEach(function (part) {
      if (part === '' || part === '.' || part === '..') refuse('a member name has an empty, “.” or “..” part (“' + s + '”)');
    });
    return s;
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // Returns the members of the archive in buf (Uint8Array) as
  // [{name, data}], or throws ZipError saying what is wrong.
  function readZip(buf) {
    var len = buf.length;
    var dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    var u16 = function (p) { return dv.getUint16(p, true); };
    var u32 = function (p) { return dv.getUint32(p, true); };
    if (len > ZIP_MAX) refuse('the file is larger than 64 MiB');
    if (len < 22 + 30 || u32(len - 22) !== 0x06054b50) {
      for (var p = len - 22; p >= 0 && p >= len - 22 - 65535; p--) {
        if (u32(p) === 0x06054b50) refuse('bytes follow the end of the archive (a comment or appended data)');
      }
      refuse('it is not a zip archive, or it is truncated');
    }
    if (u32(0) !== 0x04034b50) refuse('bytes come before the first member');
    var eocd = len - 22;
    var n = u16(eocd + 10), cdSize = u32(eocd + 12), cdOff = u32(eocd + 16);
    if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== n) refuse('multi-disk archives are refused');
    if (n === 0xffff || cdSize === 0xffffffff || cdOff === 0xffffffff) refuse('zip64 archives are refused');
    if (n === 0 || n > MEMBERS_MAX) refuse('the archive has ' + n + ' members (1 to ' + MEMBERS_MAX + ' allowed)');
    if (cdOff > eocd || cdSize !== eocd - cdOff) refuse('bytes are hidden before the end record, or it is damaged');

    var central = [], pos = cdOff, seen = new Set(); // names folded to lower case
    for (var i = 0; i < n; i++) {
      if (eocd - pos < 46 || u32(pos) !== 0x02014b50) refuse('the central directory is damaged');
      var c = {
        madeBy: u16(pos + 4), flags: u16(pos + 8), method: u16(pos + 10), time: u16(pos + 12),
        date: u16(pos + 14), crc: u32(pos + 16), csize: u32(pos + 20), usize: u32(pos + 24),
        nameLen: u16(pos + 28), attr: u32(pos + 38), offset: u32(pos + 42)
      };
      var xlen = u16(pos + 30), clen = u16(pos + 32);
      if (eocd - pos - 46 < c.nameLen + xlen + clen) refuse('the central directory is damaged');
      if (u16(pos + 34) !== 0) refuse('multi-disk archives are refused');
      if (xlen > EXTRA_MAX || clen !== 0) refuse('a member has a comment or an oversized extra field');
      c.nameBytes = buf.subarray(pos + 46, pos + 46 + c.nameLen);
      c.name = memberName(c.nameBytes);
      if (c.flags & 0x0001) refuse('member “' + c.name + '” is encrypted');
      if (c.flags & 0x0008) refuse('member “' + c.name + '” uses a data descriptor');
      if (c.flags & ~0x0800) refuse('member “' + c.name + '” has unsupported flags');
      if (c.method !== 0) refuse('member “' + c.name + '” is compressed; a bundle stores every member uncompressed');
      if (c.csize !== c.usize) refuse('member “' + c.name + '” has inconsistent sizes');
      var type = (c.attr >>> 16) & 0xf000;
      if (c.madeBy >> 8 === 3 && type === 0xa000) refuse('member “' + c.name + '” is a symbolic link');
      if ((c.madeBy >> 8 === 3 && type === 0x4000) || (c.attr & 0x10)) refuse('member “' + c.name + '” is a directory');
      var folded = c.name.toLowerCase();
      if (seen.has(folded)) refuse('two members are named “' + c.name + '” (names must differ, also ignoring case)');
      seen.add(folded);
      central.push(c);
      pos += 46 + c.nameLen + xlen + clen;
    }
    if (pos !== eocd) refuse('bytes follow the central directory');

    var off = 0, members = [];
    central.forEach(function (c) {
      if (c.offset !== off) refuse(c.offset > off ? 'bytes are hidden before member “' + c.name + '”' : 'member “' + c.name + '” overlaps the one before it');
      if (cdOff - off < 30 || u32(off) !== 0x04034b50) refuse('the local header of member “' + c.name + '” is missing or damaged');
      var nlen = u16(off + 26), xlen = u16(off + 28);
      if (u16(off + 6) !== c.flags || u16(off + 8) !== c.method || u16(off + 10) !== c.time ||
          u16(off + 12) !== c.date || u32(off + 14) !== c.crc || u32(off + 18) !== c.csize ||
          u32(off + 22) !== c.usize || nlen !== c.nameLen || cdOff - off - 30 < nlen ||
          !sameBytes(buf.subarray(off + 30, off + 30 + nlen), c.nameBytes))
        refuse('the local and central headers of member “' + c.name + '” disagree');
      if (xlen > EXTRA_MAX || cdOff - off - 30 - nlen < xlen + c.csize) refuse('member “' + c.name + '” overruns the central directory');
      var start = off + 30 + nlen + xlen;
      var data = buf.subarray(start, start + c.csize);
      if (crc32(data) !== c.crc) refuse('member “' + c.name + '” is damaged (its checksum does not match)');
      members.push({ name: c.name, data: data });
      off = start + c.csize;
    });
    if (off !== cdOff) refuse('bytes are hidden between the last member and the central directory');
    return members;
  }

  /* ---- the mentee's file --------------------------------------------- */

  var meta = {
    program: form.getAttribute('data-program') || '',
    agreement: form.getAttribute('data-agreement') || '',
    digest: form.getAttribute('data-digest') || '',
    revision: form.getAttribute('data-revision') || '1'
  };

  function utf8(bytes) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      return null;
    }
  }

  // META of a bundle: "key: value" lines; returns a Map, or null.
  function parseMeta(text) {
    if (text === null) return null;
    var out = new Map();
    var lines = text.replace(/\n$/, '').split('\n');
    for (var i = 0; i < lines.length; i++) {
      var m = /^([a-z0-9-]+): (.*)$/.exec(lines[i]);
      if (!m || out.has(m[1])) return null;
      out.set(m[1], m[2]);
    }
    return out;
  }

  // Returns the parsed answers document of the mentee of this agreement,
  // or throws ZipError saying why not (where: how to name the file).
  function parseAnswers(text, where) {
    if (text === null) refuse(where + ' is not UTF-8 text');
    if (text.length > XML_MAX) refuse(where + ' is larger than 1 MB, too large for an answers file');
    if (/<!DOCTYPE/i.test(text)) refuse(where + ' has a DOCTYPE declaration, which answers files never have');
    var doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagNameNS('*', 'parsererror').length || !doc.documentElement) refuse(where + ' is not well-formed XML');
    var root = doc.documentElement;
    if (root.localName !== 'answers' || root.namespaceURI !== null) refuse(where + ' is not an accord answers file (its root element is not <answers>)');
    var role = root.getAttribute('role');
    if (role !== 'mentee') refuse(where + ' holds the answers of ' + (role === 'mentor' ? 'a mentor' : 'no mentee') + ', not your mentee\u2019s');
    if (root.getAttribute('agreement') !== meta.agreement)
      refuse(where + ' belongs to agreement “' + (root.getAttribute('agreement') || 'none') + '”, not “' + meta.agreement + '”');
    if (meta.program && root.getAttribute('program') !== meta.program)
      refuse(where + ' belongs to another program (“' + (root.getAttribute('program') || 'none') + '”)');
    return doc;
  }

  // Reads a mentee's answers bundle: returns {doc, meta (META as a Map),
  // answers (the bytes of answers.xml), listed (its digest in MANIFEST)},
  // or throws ZipError.
  function fromBundle(bytes) {
    var members = readZip(bytes);
    var find = function (name) { return members.filter(function (m) { return m.name === name; })[0]; };
    var metaMember = find('META');
    var m = metaMember && parseMeta(utf8(metaMember.data));
    if (!m || m.get('format') !== 'accord-bundle 1') refuse('it is not an accord bundle (no readable META)');
    if (m.get('kind') !== 'answers') refuse('it is an agreement bundle; choose your mentee\u2019s answers bundle instead');
    if (m.get('role') !== 'mentee') refuse('it is the ' + (m.get('role') || 'unknown') + '\u2019s answers bundle, not your mentee\u2019s');
    if (m.get('agreement') !== meta.agreement) refuse('it belongs to agreement “' + (m.get('agreement') || '') + '”, not “' + meta.agreement + '”');
    var want = ['META', 'answers.xml', 'questionnaire.xml', 'MANIFEST', 'signatures/' + m.get('party') + '.minisig'];
    var names = members.map(function (x) { return x.name; }).sort();
    if (names.join('\n') !== want.slice().sort().join('\n'))
      refuse('its members are not those of an answers bundle (' + names.join(', ') + ')');
    var doc = parseAnswers(utf8(find('answers.xml').data), 'its answers.xml');
    var root = doc.documentElement;
    if (root.getAttribute('party') !== m.get('party') || root.getAttribute('revision') !== m.get('revision') ||
        root.getAttribute('digest') !== m.get('questionnaire-sha256'))
      refuse('its answers.xml and its META disagree');
    var listed = /^([0-9a-f]{64})  answers\.xml$/m.exec(utf8(find('MANIFEST').data) || '');
    if (!listed) refuse('its MANIFEST does not list answers.xml');
    return { doc: doc, meta: m, answers: find('answers.xml').data, listed: listed[1] };
  }

  // Resolves when the answers' SHA-256 is the one MANIFEST lists (the
  // signature covers MANIFEST, so this catches an edited answers.xml even
  // with its zip checksum redone); rejects with a ZipError otherwise.
  function checkManifest(got) {
    if (!got.meta || !window.crypto || !window.crypto.subtle) return Promise.resolve(got);
    return window.crypto.subtle.digest('SHA-256', got.answers).then(function (h) {
      var hex = Array.prototype.map.call(new Uint8Array(h), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
      if (hex !== got.listed) throw new ZipError('its answers.xml is not the one its MANIFEST lists (the file was changed after it was signed)');
      return got;
    });
  }

  /* ---- building the mentee column ------------------------------------ */

  function directChildren(el, name) {
    return Array.prototype.filter.call(el.children, function (c) { return c.localName === name; });
  }

  function childText(el, name) {
    var c = directChildren(el, name)[0];
    return c ? c.textContent.trim() : '';
  }

  function para(cls, text) {
    var p = document.createElement('p');
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function removeColumns() {
    each(form.querySelectorAll('.mentee-answer.mentee-loaded'), function (col) { col.remove(); });
  }

  // One column per question of this form; an answer this form cannot show
  // (its question or value is not here) is listed in misfits.
  function buildColumns(doc) {
    var answers = new Map(); // question id -> <answer>; the last one of an id wins
    var misfits = [];
    directChildren(doc.documentElement, 'answer').forEach(function (a) {
      answers.set(a.getAttribute('question') || '', a);
    });
    var known = new Set();
    var party = doc.documentElement.getAttribute('party') || 'your mentee';
    questions.forEach(function (q) {
      known.add(q.id);
      var a = answers.get(q.id);
      var col = document.createElement('div');
      col.className = 'mentee-answer mentee-loaded';
      col.appendChild(para('mentee-answer-title', 'Mentee\'s answer'));
      var values = a ? directChildren(a, 'value').map(function (v) { return v.textContent.trim(); })
        .filter(function (v) { return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v); }) : [];
      var other = a ? childText(a, 'other') : '';
      var text = a ? childText(a, 'text') : '';
      var note = a ? childText(a, 'note') : '';
      var given = values.length > 0 || text !== '' || other !== '';
      col.setAttribute('data-answered', given ? 'true' : 'false');
      col.setAttribute('data-values', values.join(' '));
      if (other) col.setAttribute('data-other', other);
      if (text) {
        col.appendChild(para('mentee-answer-value mentee-text', text));
      } else if (given) {
        col.appendChild(para('mentee-answer-value', values.map(function (v) {
          if (v === 'other' && other) return 'Other: ' + other;
          var label = optionLabel(q, v);
          if (label === null) misfits.push('Value “' + v + '” of question “' + q.id + '” is not an option on this form.');
          return label === null ? v : label;
        }).join(', ')));
      } else {
        col.appendChild(para('mentee-answer-value mentee-none', 'Not answered'));
      }
      if (note) {
        var n = para('mentee-note', '');
        var label = document.createElement('span');
        label.className = 'note-label';
        label.textContent = 'Note from ' + party + ' (mentee):';
        n.appendChild(label);
        n.appendChild(document.createTextNode(' ' + note));
        col.appendChild(n);
      }
      var flag = document.createElement('p');
      flag.className = 'agreement-flag flag-none';
      flag.hidden = true;
      col.appendChild(flag);
      q.el.appendChild(col);
    });
    answers.forEach(function (a, id) {
      if (!known.has(id)) misfits.push('Question “' + id + '” is not on this form; its answer is not shown.');
    });
    return misfits;
  }

  /* ---- the "load your mentee's answers" tool ------------------------- */

  var loadStatus = null;

  function showLoadStatus(lines, isError, list) {
    while (loadStatus.firstChild) loadStatus.removeChild(loadStatus.firstChild);
    lines.forEach(function (t, i) {
      var p = para(i === 0 && isError ? 'status-problem' : (i === 0 ? 'status-lead' : 'status-notice'), t);
      loadStatus.appendChild(p);
    });
    if (list && list.length) {
      var ul = document.createElement('ul');
      list.forEach(function (t) {
        var li = document.createElement('li');
        li.textContent = t;
        ul.appendChild(li);
      });
      loadStatus.appendChild(ul);
    }
  }

  function loadFile(file) {
    if (file.size > ZIP_MAX) {
      showLoadStatus(['“' + file.name + '” was not read: it is larger than 64 MiB.'], true);
      return;
    }
    var reader = new FileReader();
    reader.onerror = function () { showLoadStatus(['“' + file.name + '” could not be read.'], true); };
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      // a bundle by its name or its first bytes; anything else must be answers XML
    var isZip = /\.accord$/i.test(file.name) || (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b);
      var fail = function (e) {
        if (!(e instanceof ZipError)) throw e;
        showLoadStatus(['“' + file.name + '” was not used: ' + e.message + '.'], true);
      };
      var got;
      try {
        got = isZip ? fromBundle(bytes) : { doc: parseAnswers(utf8(bytes), 'the file'), meta: null };
      } catch (e) {
        fail(e);
        return;
      }
      checkManifest(got).then(function () { show(file, got); }, fail);
    };
    reader.readAsArrayBuffer(file);
  }

  function show(file, got) {
    removeColumns();
    var misfits = buildColumns(got.doc);
    form.classList.add('has-mentee-answers');
    updateFlags();
    var root = got.doc.documentElement;
    var lines = ['Showing your mentee\u2019s answers from “' + file.name + '” beside each question' +
      (root.getAttribute('saved') ? ' (saved ' + root.getAttribute('saved') + ').' : '.')];
    if (root.getAttribute('digest') !== meta.digest)
      lines.push('Your mentee answered a different version of this questionnaire, so some answers may not match these questions.');
    if (root.getAttribute('revision') !== meta.revision)
      lines.push('Your mentee\u2019s answers are for revision ' + root.getAttribute('revision') + ' of the agreement; this form is for revision ' + meta.revision + '.');
    lines.push(got.meta
      ? 'Your browser has not verified the signature on this file. The program checks signatures when it builds the agreement.'
      : 'This answers file is not signed, and your browser has not checked where it came from. The program checks signed bundles when it builds the agreement.');
    lines.push('Nothing was uploaded: the file was read in this browser only.');
    showLoadStatus(lines, false, misfits);
  }

  function addLoadTool() {
    var tools = form.querySelector('.form-tools');
    if (!tools || byId('mentee-file')) return byId('mentee-file');
    var box = document.createElement('div');
    box.className = 'mentee-load';
    var label = document.createElement('label');
    label.setAttribute('for', 'mentee-file');
    label.textContent = 'Load your mentee\u2019s answers (.accord bundle or answers .xml)';
    var input = document.createElement('input');
    input.type = 'file';
    input.id = 'mentee-file';
    input.setAttribute('accept', '.accord,.xml,application/xml,text/xml,application/zip');
    var hint = para('mentee-load-hint', 'The file stays on this computer: it is read by your browser and shown beside your own answers.');
    hint.id = 'mentee-file-hint';
    input.setAttribute('aria-describedby', 'mentee-file-hint');
    loadStatus = document.createElement('div');
    loadStatus.id = 'mentee-status';
    loadStatus.setAttribute('role', 'status');
    loadStatus.setAttribute('aria-live', 'polite');
    box.appendChild(label);
    box.appendChild(hint);
    box.appendChild(input);
    box.appendChild(loadStatus);
    tools.appendChild(box);
    return input;
  }

  /* ---- start --------------------------------------------------------- */

  if (!isReview) {
    var input = addLoadTool();
    if (input) {
      loadStatus = loadStatus || byId('mentee-status');
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (file) loadFile(file);
        input.value = ''; // choosing the same file again reads it again
      });
    }
  }

  // form.js (loaded first) settles conditions on the same events before
  // these listeners run, so a hidden question is already hidden here.
  var onEdit = function (ev) {
    if (ev.target && ev.target.type === 'file') return;
    updateFlags();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('accord:prefilled', updateFlags);
  updateFlags();
})();
