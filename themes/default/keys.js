/* accord page scripts: the "Your keys" page (#accord-keys).
 *
 * Makes a key pair in minisign's formats, the secret key encrypted with
 * the person's password at the cost the page states (data-kdf-opslimit,
 * data-kdf-memlimit), and offers both files; shows the key ID and, when
 * the program has a contact address (data-contact), a mailto: link with
 * the public key in the message. A second part unlocks a key the person
 * already has, to check its password and show its ID.
 *
 * Secrets: passwords are read from their fields once and the fields
 * cleared; the secret key file's text is kept only until the page closes,
 * to be downloaded again if the first download was lost. Nothing is
 * stored by the browser.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };

  function passwordInput(autocomplete) {
    const el = document.createElement('input');
    el.type = 'password';
    el.setAttribute('autocomplete', autocomplete);
    return el;
  }

  // The part that makes a new pair, inside root.
  function makePart(root, cfg) {
    const box = make('section', 'keys-make');
    box.setAttribute('aria-label', 'Make your keys');
    const pw = passwordInput('new-password'), again = passwordInput('new-password');
    box.appendChild(accord.dom.field('key-password', 'Choose a password for your secret key',
      'At least ' + cfg.passwordMin + ' characters. A few unrelated words are easy to remember and hard to guess.', pw));
    box.appendChild(accord.dom.field('key-password-again', 'Type the password again', null, again));
    const go = accord.dom.button('make-keys', 'Make my keys');
    box.appendChild(go);
    const status = accord.status.box('make-status');
    box.appendChild(status);
    const result = make('div', 'keys-result');
    result.id = 'keys-result';
    result.hidden = true;
    box.appendChild(result);
    root.appendChild(box);

    function showResult(pair) {
      result.replaceChildren();
      const idLine = make('p', 'key-id');
      idLine.append('Your key ID: ', make('strong', '', pair.id));
      result.appendChild(make('h3', '', 'Your keys are ready'));
      result.appendChild(idLine);
      result.appendChild(make('p', '', 'Download both files and keep them somewhere safe, such as your documents folder and a backup. ' +
        'The program confirms your key by reading this ID back to you.'));
      const secret = accord.dom.button('download-secret', 'Download your secret key');
      const pub = accord.dom.button('download-public', 'Download your public key', 'secondary');
      const secretName = 'accord-secret-' + pair.id + '.key', publicName = 'accord-public-' + pair.id + '.pub';
      secret.addEventListener('click', function () { accord.dom.download(pair.secretKeyFile, secretName, 'application/octet-stream'); });
      pub.addEventListener('click', function () { accord.dom.download(pair.publicKeyFile, publicName, 'application/octet-stream'); });
      const actions = make('div', 'review-actions');
      actions.append(secret, pub);
      result.appendChild(actions);
      const send = make('p');
      if (cfg.contact) {
        const link = document.createElement('a');
        link.href = 'mailto:' + cfg.contact + '?subject=' + encodeURIComponent('My public key for ' + cfg.title) +
          '&body=' + encodeURIComponent('Hello,\n\nthis is my public key for ' + cfg.title + '. Its key ID is ' + pair.id +
            '.\n\n' + pair.publicKeyFile + '\nMy name: \n');
        link.textContent = 'e-mail your public key to the program (' + cfg.contact + ')';
        send.append('Then ', link, '. The message already holds your public key; add your name. It never holds your secret key.');
      } else {
        send.textContent = 'Then send your public key file (' + publicName + ') to the program. Never send the secret key.';
      }
      result.appendChild(send);
      result.hidden = false;
    }

    go.addEventListener('click', async function () {
      const a = pw.value, b = again.value;
      pw.value = '';
      again.value = '';
      if (a.length < cfg.passwordMin) { accord.status.tell(status, ['Choose a password of at least ' + cfg.passwordMin + ' characters.'], true); pw.focus(); return; }
      if (a !== b) { accord.status.tell(status, ['The two passwords are not the same. Type them again.'], true); pw.focus(); return; }
      go.disabled = true;
      result.hidden = true;
      accord.status.tell(status, ['Making your keys…']);
      try {
        const pair = await accord.minisign.generate(a, cfg.limits, function (f) {
          accord.status.set(status.firstChild, 'Making your keys… ' + Math.round(f * 100) + '%');
        });
        accord.status.tell(status, ['Your keys are made. Nothing was sent anywhere.']);
        showResult(pair);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(status, ['No keys were made: ' + e.message + '.'], true);
      } finally {
        go.disabled = false;
      }
    });
  }

  // The part that unlocks a key the person has, inside root.
  function checkPart(root) {
    const box = make('section', 'keys-check');
    box.setAttribute('aria-labelledby', 'keys-check-title');
    const title = make('h2', '', 'Check a key you already have');
    title.id = 'keys-check-title';
    box.appendChild(title);
    box.appendChild(make('p', '', 'Not sure you remember the password, or which key this is? Choose the secret key file and type its password.'));
    const file = accord.dom.fileInput('.key');
    box.appendChild(accord.dom.field('check-key', 'Your secret key file', 'It ends in .key.', file));
    const pw = passwordInput('current-password');
    box.appendChild(accord.dom.field('check-password', 'Its password', null, pw));
    const go = accord.dom.button('check-keys', 'Check my key', 'secondary');
    box.appendChild(go);
    const status = accord.status.box('check-status');
    box.appendChild(status);
    root.appendChild(box);

    go.addEventListener('click', async function () {
      const chosen = file.files && file.files[0], password = pw.value;
      pw.value = '';
      file.value = '';
      if (!chosen) { accord.status.tell(status, ['Choose your secret key file first.'], true); file.focus(); return; }
      let parsed = null, key = null;
      go.disabled = true;
      try {
        parsed = accord.minisign.parseSecretKey(new Uint8Array(await chosen.arrayBuffer()));
        accord.status.tell(status, ['Unlocking your key…']);
        key = await accord.minisign.unlock(parsed, password, function (f) {
          accord.status.set(status.firstChild, 'Unlocking your key… ' + Math.round(f * 100) + '%');
        });
        accord.status.tell(status, ['The password is right. This key’s ID is ' + key.id + '.']);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(status, ['“' + chosen.name + '” could not be unlocked: ' + e.message + '.'], true);
      } finally {
        accord.minisign.forget(key);
        accord.minisign.forget(parsed);
        go.disabled = false;
      }
    });
  }

  function init(root) {
    const cfg = {
      limits: { opslimit: accord.config.count(root, 'data-kdf-opslimit'), memlimit: accord.config.count(root, 'data-kdf-memlimit') },
      passwordMin: accord.config.count(root, 'data-password-min'),
      title: accord.config.text(root, 'data-program-title'),
      contact: root.getAttribute('data-contact')
    };
    accord.minisign.lib();
    makePart(root, cfg);
    checkPart(root);
  }

  accord.keys = { init: init };
})(window.accord);
