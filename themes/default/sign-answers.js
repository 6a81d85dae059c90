/* accord page scripts: "Sign and download" on the check-your-answers step.
 *
 * Makes the signed answers bundle the C tool's sign command makes from the
 * same key, answers and time: the answers file as the form writes it, its
 * saved time as META created, and the effective questionnaire's canonical
 * bytes from data-questionnaire-bytes (checked against data-digest). The
 * key must be one the page holds for the form's party (data-keys-<role>)
 * when it holds any. The bundle is verified with the key's own public half
 * before it is offered.
 *
 * Secrets: the key file and password are read only when the person signs;
 * the password field and the file choice are cleared and the unlocked key
 * wiped after every attempt, right or wrong. Neither is ever part of the
 * form, so drafts never hold them.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };

  function refuse(message) { throw new accord.Refused(message); }

  function bundleNameOf(form) {
    const agreement = form.getAttribute('data-agreement');
    const rev = form.getAttribute('data-revision') || '1';
    return agreement ? agreement + '-r' + rev + '-' + form.getAttribute('data-role') + '.accord'
      : 'idp-' + form.getAttribute('data-party') + '-r' + rev + '.accord';
  }

  // The questionnaire's canonical bytes of form, checked against its digest.
  function questionnaireOf(form) {
    const bytes = accord.minisign.fromBase64(accord.config.text(form, 'data-questionnaire-bytes'), null);
    const digest = accord.config.text(form, 'data-digest');
    if (!bytes || accord.minisign.sha256hex(bytes) !== digest)
      throw new accord.ConfigError('the page’s questionnaire bytes do not match its digest');
    return bytes;
  }

  // Signs with the secret key file keyFile (a File) and password: unlocks
  // it, showing progress in status, calls build(key), which returns {bytes,
  // name, next} of the bundle (next: what to do now, lines for status;
  // without bytes nothing is offered) or throws accord.Refused, offers the
  // bundle and says what to do next; or says why nothing was signed
  // ("<failed>: <reason>."). The key is wiped whatever happens. Resolves
  // to the bytes, or null.
  async function signWithKey(keyFile, password, status, build, failed) {
    failed = failed || 'Your answers were not signed';
    if (!keyFile) { accord.status.tell(status, ['Choose your secret key file first.'], true); return null; }
    let key = null, parsed = null;
    try {
      parsed = accord.minisign.parseSecretKey(new Uint8Array(await keyFile.arrayBuffer()));
      if (parsed.encrypted && !password) refuse('type the password of your key');
      accord.status.tell(status, ['Unlocking your key…']);
      key = await accord.minisign.unlock(parsed, password, function (f) {
        accord.status.set(status.firstChild, 'Unlocking your key… ' + Math.round(f * 100) + '%');
      });
      const made = build(key);
      const closing = 'Your key and password were not saved anywhere. If this is a shared computer, close this tab now.';
      if (!made.bytes) { accord.status.tell(status, made.next.concat([closing])); return null; }
      accord.dom.download(made.bytes, made.name, 'application/zip');
      accord.status.tell(status, ['Signed. The signed file was saved as ' + made.name + ' in your downloads folder.']
        .concat(made.next || ['Send that file to your program. Your key ID is ' + key.id + '.'], [closing]));
      return made.bytes;
    } catch (e) {
      if (!(e instanceof accord.Refused)) { accord.status.tell(status, [failed + ': something went wrong in this page.'], true); throw e; }
      accord.status.tell(status, [failed + ': ' + e.message + '.'], true);
      return null;
    } finally {
      accord.minisign.forget(key);
      accord.minisign.forget(parsed);
    }
  }

  // Appends to parent what signing asks for: the secret key file, its
  // password, the "Sign and download" button and the status region;
  // returns them as {key, password, button, status}.
  function signControls(parent, keyHint) {
    const key = accord.dom.fileInput('.key');
    parent.appendChild(accord.dom.field('sign-key', 'Your secret key file', keyHint, key));
    const password = document.createElement('input');
    password.type = 'password';
    password.setAttribute('autocomplete', 'current-password');
    parent.appendChild(accord.dom.field('sign-password', 'The password of your key', null, password));
    const button = accord.dom.button('sign-button', 'Sign and download');
    parent.appendChild(button);
    const status = accord.status.box('sign-status');
    parent.appendChild(status);
    return { key: key, password: password, button: button, status: status };
  }

  // Sets up signing on form's check-answers step (steps, from
  // check-answers.js); collect() gives the answers or null (form.js).
  function init(form, steps, collect) {
    const review = document.getElementById('review');
    const role = form.getAttribute('data-role');
    if (!review) return;
    const ownKeys = accord.minisign.keysOf(form, 'data-keys-' + role);
    const party = accord.config.text(form, 'data-party');
    const limits = accord.zip.limits(form);
    const questionnaire = questionnaireOf(form);

    const section = make('section', 'sign-answers');
    section.setAttribute('aria-labelledby', 'sign-title');
    const title = make('h3', '', 'Sign and send your answers');
    title.id = 'sign-title';
    section.appendChild(title);
    section.appendChild(make('p', '', 'Signing shows the program that these answers are yours and that nobody changed them. ' +
      'You need the secret key you made on the “Your keys” page and its password. Both stay on this computer.'));
    const controls = signControls(section, 'It ends in .key.');
    const keyInput = controls.key, password = controls.password, button = controls.button, status = controls.status;
    const kitButton = accord.dom.button('kit-button', 'Save for my signing kit', 'secondary');
    section.insertBefore(kitButton, status);
    const actions = review.querySelector('.review-actions');
    review.insertBefore(section, actions || steps.exportStatus);

    // The META of an answers file head (a Map) saved at saved.
    function metaOf(head, saved) {
      return new Map([['format', 'accord-bundle 1'], ['kind', 'answers'], ['program', head.get('program')],
        ['agreement', head.get('agreement') || '-'], ['revision', head.get('revision')],
        ['role', head.get('role')], ['party', head.get('party')],
        ['questionnaire', head.get('questionnaire') + '@' + head.get('version')],
        ['questionnaire-sha256', head.get('digest')], ['previous', head.get('previous') || 'none'],
        ['created', accord.bundle.timeFormat(saved.getTime() / 1000)]]);
    }

    // The answers as a file, saved now (whole seconds), and its META.
    function prepare(got) {
      const saved = new Date(Math.floor(Date.now() / 1000) * 1000);
      return { meta: metaOf(got.head, saved), answers: new TextEncoder().encode(accord.answersFile.write(got.head, got.answers, saved)) };
    }

    async function sign() {
      const file = keyInput.files && keyInput.files[0];
      const pw = password.value;
      password.value = '';
      keyInput.value = '';
      const got = collect();
      if (!got) return;
      button.disabled = true;
      try {
        await signWithKey(file, pw, status, function (key) {
          const same = function (k) { return accord.minisign.equalBytes(k.keynum, key.keynum) && accord.minisign.equalBytes(k.pk, key.pk); };
          if (ownKeys.length && !ownKeys.some(same))
            refuse('this is not the key the program has for you (it has key ID ' +
              ownKeys.map(function (k) { return k.id; }).join(' or ') + '; this key’s ID is ' + key.id +
              '). If you made a new key, send its public key to the program first');
          accord.minisign.refuseRevoked(key, ownKeys);
          const p = prepare(got);
          const bytes = accord.bundle.write(key, p.meta, p.answers, questionnaire);
          accord.bundle.verifyAnswers(bytes, new Map([[party, [key]]]), limits);
          return { bytes: bytes, name: bundleNameOf(form) };
        });
      } finally {
        button.disabled = false;
      }
    }

    // The answers, unsigned, for the signing kit: META, answers.xml and
    // questionnaire.xml in a zip of the bundle's layout.
    function prepareForKit() {
      const got = collect();
      if (!got) return;
      const p = prepare(got);
      const bytes = accord.zip.write([{ name: 'META', data: accord.bundle.metaFormat(p.meta) },
        { name: 'answers.xml', data: p.answers }, { name: 'questionnaire.xml', data: questionnaire }],
      accord.bundle.timeParse(p.meta.get('created')));
      const name = bundleNameOf(form).replace(/\.accord$/, '-unsigned.accord');
      accord.dom.download(bytes, name, 'application/zip');
      accord.status.tell(status, ['Your answers, not yet signed, were saved as ' + name + '. Open your signing kit and sign that file there.']);
    }

    button.addEventListener('click', function () { sign(); });
    kitButton.addEventListener('click', prepareForKit);
  }

  accord.signAnswers = { init: init, signControls: signControls, signWithKey: signWithKey };
})(window.accord);
