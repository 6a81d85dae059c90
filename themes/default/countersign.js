/* accord page scripts: reading and signing the final agreement
 * (#accord-countersign).
 *
 * The person opens the agreement file the program sent them (among their
 * own pages, data-sealed-bundle names the one the page opens by itself,
 * through accord.personal.file). It is used
 * only when it verifies with the agreement policy (agreement.js) and the
 * keys this page carries for the agreement's two parties, and when its
 * digest is one the program published for this agreement (data-prepared:
 * the bundles the build made, each checked against its page). What the
 * page shows is made here from the bundle's signed answers and snapshot,
 * never from its agreement.html, which is offered as a download to read
 * or print. The person reads it all and confirms before the key is asked
 * for; the key then decides who signs (the mentee's or the mentor's, as
 * this page holds them). Signing adds the person's countersignature, as
 * the C tool's countersign does, at the current time.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };

  function refuse(message, detail) { throw new accord.Refused(message, detail); }

  // The agreement got (from accord.agreement.verify) as the person reads
  // it: per section, each question answered in the final (mentor's)
  // answers or carrying a note, the final answer, the mentee's first
  // answer where it differs, and both notes.
  function agreementView(got, names) {
    const sections = accord.snapshot.read(got.members.get('questionnaire.xml'));
    const answersOf = function (party) {
      let doc;
      try {
        doc = accord.answersFile.parse(new TextDecoder().decode(got.answers.get(party)));
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        refuse('the answers in it cannot be read', 'the answers.xml of ' + party + ' ' + e.detail);
      }
      return new Map(accord.answersFile.answers(doc).map(function (a) { return [a.question, a]; }));
    };
    const mentee = answersOf(got.mentee), mentor = answersOf(got.mentor);
    const view = make('div', 'agreement-view');
    let changed = 0;
    sections.forEach(function (s) {
      const dl = make('dl', 'review-answers');
      s.questions.forEach(function (q) {
        const fin = mentor.get(q.id), first = mentee.get(q.id);
        const finText = fin ? accord.snapshot.answerText(q, fin) : '';
        if (!finText && !(fin && fin.note) && !(first && first.note)) return;
        const row = make('div', 'review-item');
        row.appendChild(make('dt', '', q.text));
        row.appendChild(make('dd', 'review-answer', finText || 'No answer'));
        if (!accord.snapshot.same(fin, first) && !(first === undefined && !finText)) {
          changed++;
          const firstText = first ? accord.snapshot.answerText(q, first) : '';
          row.appendChild(make('dd', 'agreement-changed', 'Changed: ' + names.mentee + ' first answered ' +
            (firstText ? '“' + firstText + '”' : 'nothing') + '.'));
        }
        if (first && first.note) row.appendChild(make('dd', 'review-note', names.mentee + '’s note: ' + first.note));
        if (fin && fin.note) row.appendChild(make('dd', 'review-note', names.mentor + '’s note: ' + fin.note));
        dl.appendChild(row);
      });
      if (!dl.firstChild) return;
      view.appendChild(make('h3', '', s.title));
      view.appendChild(dl);
    });
    return { el: view, changed: changed };
  }

  function init(root) {
    const page = {
      program: accord.config.text(root, 'data-program'),
      agreement: accord.config.text(root, 'data-agreement'),
      mentee: accord.config.text(root, 'data-mentee'),
      mentor: accord.config.text(root, 'data-mentor'),
      names: { mentee: accord.config.text(root, 'data-mentee-name'), mentor: accord.config.text(root, 'data-mentor-name') },
      prepared: new Set((root.getAttribute('data-prepared') || '').split(' ').filter(Boolean)),
      monthsMax: accord.config.count(root, 'data-signing-months-max'),
      limits: accord.zip.limits(root)
    };
    const keys = new Map([[page.mentee, accord.minisign.keysOf(root, 'data-keys-mentee')], [page.mentor, accord.minisign.keysOf(root, 'data-keys-mentor')]]);
    const nameOf = function (party) { return party === page.mentee ? page.names.mentee : page.names.mentor; };

    const input = accord.dom.fileInput('.accord');
    root.appendChild(accord.dom.field('agreement-file', 'The agreement file the program sent you', 'Its name ends in .accord.', input));
    const loadStatus = accord.status.box('agreement-status');
    root.appendChild(loadStatus);
    const shown = make('div', 'agreement-shown');
    shown.id = 'agreement-shown';
    shown.hidden = true;
    root.appendChild(shown);

    // Refuses the META of a bundle that is not this agreement's.
    function expectThis(m) {
      if (m.get('program') !== page.program) refuse('it belongs to another program');
      if (m.get('agreement') !== page.agreement) refuse('it is the agreement “' + m.get('agreement') + '”, not yours (“' + page.agreement + '”)');
      if (m.get('party') !== page.mentee + ',' + page.mentor) refuse('it names other people than this agreement’s');
    }

    function signPart(got, fileName) {
      const part = make('section', 'sign-answers');
      part.setAttribute('aria-labelledby', 'countersign-title');
      const title = make('h3', '', 'Sign the agreement');
      title.id = 'countersign-title';
      part.appendChild(title);
      const confirm = document.createElement('input');
      confirm.type = 'checkbox';
      confirm.id = 'agreement-confirm';
      const label = make('label', '', 'I have read the whole agreement above, and I agree to it.');
      label.setAttribute('for', 'agreement-confirm');
      const box = make('div', 'confirm');
      box.append(confirm, label);
      part.appendChild(box);
      const go = accord.dom.button('agreement-continue', 'Continue to sign');
      part.appendChild(go);
      const hint = accord.status.box('confirm-status');
      part.appendChild(hint);
      const keyArea = make('div', 'sign-key-area');
      keyArea.hidden = true;
      part.appendChild(keyArea);
      const controls = accord.signAnswers.signControls(keyArea, 'It ends in .key.');
      go.addEventListener('click', function () {
        if (!confirm.checked) {
          accord.status.tell(hint, ['Read the whole agreement, then tick the box to say you agree to it.'], true);
          confirm.focus();
          return;
        }
        accord.status.set(hint, '');
        keyArea.hidden = false;
        controls.key.focus();
      });
      controls.button.addEventListener('click', async function () {
        const file = controls.key.files && controls.key.files[0], pw = controls.password.value;
        controls.password.value = '';
        controls.key.value = '';
        controls.button.disabled = true;
        try {
          await accord.signAnswers.signWithKey(file, pw, controls.status, function (key) {
            const same = function (k) { return accord.minisign.equalBytes(k.keynum, key.keynum) && accord.minisign.equalBytes(k.pk, key.pk); };
            const party = [page.mentee, page.mentor].find(function (p) { return keys.get(p).some(same); });
            if (!party) refuse('this key (key ID ' + key.id + ') is neither ' + page.names.mentee + '’s nor ' + page.names.mentor + '’s as the program holds them');
            accord.minisign.refuseRevoked(key, keys.get(party));
            if (got.signed.has(party))
              return { next: ['You, ' + nameOf(party) + ', already signed this agreement on ' + accord.dom.day(got.signed.get(party)) + '. Nothing was changed.'] };
            const now = Math.floor(Date.now() / 1000);
            if (now < accord.bundle.timeParse(got.meta.get('created'))) refuse('this computer’s clock is set before the agreement was made; correct the clock first');
            const bytes = accord.agreement.countersign(got, party, key, now);
            const check = accord.agreement.verify(bytes, keys, page.limits, page.monthsMax, expectThis);
            if (!check.signed.has(party) || check.digest !== got.digest) throw new Error('the signed agreement does not verify');
            const other = party === page.mentee ? page.mentor : page.mentee;
            return {
              bytes: bytes,
              name: fileName.replace(/\.accord$/i, '') + '.accord',
              next: ['Send that file to the program. ' + (check.signed.has(other)
                ? nameOf(other) + ' has signed too: the agreement is complete.'
                : nameOf(other) + ' has not signed yet: the agreement is complete when you both have.')]
            };
          }, 'The agreement was not signed');
        } finally {
          controls.button.disabled = false;
        }
      });
      return part;
    }

    function show(got, fileName) {
      const m = got.meta;
      const signedBy = [got.mentee, got.mentor].filter(function (p) { return got.signed.has(p); });
      const lines = ['This is your agreement as the program prepared it: revision ' + m.get('revision') + ', made on ' + accord.dom.day(m.get('created')) + '.'];
      if (signedBy.length === 2) lines.push('Both of you have signed it. There is nothing left to sign.');
      else if (signedBy.length === 1) lines.push(nameOf(signedBy[0]) + ' signed it on ' + accord.dom.day(got.signed.get(signedBy[0])) + '. Read it, then sign below.');
      else lines.push('Nobody has signed it yet. Read it, then sign below.');
      accord.status.tell(loadStatus, lines);
      shown.replaceChildren();
      const view = agreementView(got, page.names);
      shown.appendChild(make('h2', '', 'Your agreement'));
      shown.appendChild(make('p', 'agreement-intro', view.changed
        ? 'These are the mentor’s answers, which are final. Where they differ from the mentee’s first answers (' + view.changed +
          (view.changed === 1 ? ' question' : ' questions') + '), the first answer is shown too.'
        : 'These are the mentor’s answers, which are final; they say the same as the mentee’s first answers.'));
      shown.appendChild(view.el);
      const print = accord.dom.button('agreement-download', 'Download the agreement page to print', 'secondary');
      print.addEventListener('click', function () {
        accord.dom.download(got.members.get('agreement.html'), page.agreement + '-r' + m.get('revision') + '.html', 'text/html');
      });
      shown.appendChild(print);
      if (signedBy.length < 2) shown.appendChild(signPart(got, fileName));
      shown.hidden = false;
    }

    // Checks an agreement file's bytes and shows it, or says why not.
    function load(bytes, fileName) {
      try {
        const got = accord.agreement.verify(bytes, keys, page.limits, page.monthsMax, expectThis);
        if (!page.prepared.has(got.digest))
          refuse('it is not the agreement the program prepared. Its signatures may be real, but its contents are not what the program put together; ask the program for your agreement file');
        show(got, fileName);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(loadStatus, ['“' + fileName + '” was not used: ' + e.message + '.'], true);
      }
    }

    input.addEventListener('change', async function () {
      const f = input.files && input.files[0];
      input.value = '';
      if (!f) return;
      shown.hidden = true;
      shown.replaceChildren();
      if (f.size > page.limits.maxBytes) {
        accord.status.tell(loadStatus, ['“' + f.name + '” was not used: it is larger than ' + accord.dom.size(page.limits.maxBytes) + '.'], true);
        return;
      }
      load(new Uint8Array(await f.arrayBuffer()), f.name);
    });

    // Among a person's own pages, the agreement comes with the page.
    const sealed = root.getAttribute('data-sealed-bundle');
    if (sealed && accord.personal) {
      try {
        load(accord.personal.file(sealed), page.agreement + sealed.replace(/^.*(-r\d+)\.accord$/, '$1') + '.accord');
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(loadStatus, ['Your agreement could not be opened: ' + e.message + '.'], true);
      }
    }
  }

  accord.countersign = { init: init };
})(window.accord);
