// Browser tests of the page scripts' configuration: every limit, flag word,
// icon and summary sentence comes from the data- attributes the generator
// writes on form.accord-form, none is copied into the scripts. Copies of
// built forms with other values show the page follows them; a copy without
// an attribute (or with a malformed one) is a page error: the part that
// needs it does not start, leaves the page as it is without script, and
// names the attribute in the console.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  EXAMPLES, OUT, REFUSAL, buildSignedSite, bundleMembers, expect, fileUrl, flagCounts, flagOf, makeZip, menteeRefusal, newContext,
  problem, runWithBrowser, summaryText, test
} from './lib.mjs';

const work = path.join(OUT, 'browser-config');
mkdirSync(work, { recursive: true });

let built = null;
try {
  built = buildSignedSite('site-config', [{ file: EXAMPLES.mentee, party: 'amira' }]);
} catch (err) {
  problem(`signing the example answers and building the site\n${err.message}`);
}

// Writes a copy of built form name (in public/forms/, so its links still
// resolve) as copy, each attribute of attrs set to its value (null: left
// out); returns its path. Throws when the form lacks an attribute to change.
function formCopy(name, copy, attrs) {
  const forms = path.join(built.site, 'public/forms');
  let html = readFileSync(path.join(forms, name), 'utf8');
  for (const [attr, value] of Object.entries(attrs)) {
    const re = new RegExp(` ${attr}="[^"]*"`);
    if (!re.test(html)) throw new Error(`${name} has no ${attr} on its form`);
    html = html.replace(re, value === null ? '' : ` ${attr}="${value}"`);
  }
  const file = path.join(forms, copy);
  writeFileSync(file, html);
  return file;
}

// Opens file in a new page of ctx; returns {page, errors}, errors being the
// page's script and console errors.
async function open(ctx, file) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`script error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(fileUrl(file) + '#all');
  return { page, errors };
}

async function fieldError(page, qid) {
  return (await page.textContent(`#q-${qid}-error`)).trim();
}

async function usePrior(page, file) {
  await page.evaluate(() => { document.getElementById('prior-status').textContent = ''; });
  await page.setInputFiles('#prior-file', file);
  await page.waitForFunction(() => document.getElementById('prior-status').textContent !== '');
  return (await page.textContent('#prior-status')).replace(/\s+/g, ' ');
}

async function loadMentee(page, file) {
  await page.evaluate(() => { document.getElementById('mentee-status').textContent = ''; });
  await page.setInputFiles('#mentee-file', file);
  await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
  return (await page.textContent('#mentee-status')).replace(/\s+/g, ' ');
}

async function limits(browser) {
  const ctx = await newContext(browser);

  await test('form: the character limits are the form\'s data-limit-note, -other and -long', async () => {
    const file = formCopy('amira-ben-mentee.html', 'zz-config-limits.html',
      { 'data-limit-note': '10', 'data-limit-other': '3', 'data-limit-long': '7' });
    const { page } = await open(ctx, file);
    await page.fill('#q-meeting-frequency-note', 'Eleven char');
    await page.check('#q-meeting-frequency-other');
    await page.fill('#q-meeting-frequency-other-text', 'Four');
    await page.fill('#q-lab-meeting-role-input', 'Eight ch');
    await page.click('.form-actions button[type=submit]');
    const note = await fieldError(page, 'meeting-frequency');
    expect(note.includes('Use at most 3 characters.') && note.includes('Use at most 10 characters in a note.'), `meeting-frequency: "${note}"`);
    const long = await fieldError(page, 'lab-meeting-role');
    expect(long === 'Use at most 7 characters (now 8).', `lab-meeting-role: "${long}"`);
    await page.fill('#q-meeting-frequency-note', 'Ten chars.');
    await page.fill('#q-meeting-frequency-other-text', 'Two');
    await page.fill('#q-lab-meeting-role-input', 'Seven c');
    expect(await page.isHidden('#q-meeting-frequency-error') && await page.isHidden('#q-lab-meeting-role-error'),
      'answers within the limits still show errors');
    await page.close();
  });

  await test('form: "use prior answers" reads files up to data-limit-answers-file bytes', async () => {
    const size = readFileSync(EXAMPLES.mentor).length;
    const small = formCopy('amira-ben-mentor.html', 'zz-config-prior-small.html', { 'data-limit-answers-file': String(size - 1) });
    const { page } = await open(ctx, small);
    const status = await usePrior(page, EXAMPLES.mentor);
    expect(status.includes(`is larger than ${size - 1} bytes, too large for an answers file; it was not read.`), `status: ${status}`);
    await page.close();
    const exact = formCopy('amira-ben-mentor.html', 'zz-config-prior-exact.html', { 'data-limit-answers-file': String(size) });
    const { page: p2 } = await open(ctx, exact);
    const ok = await usePrior(p2, EXAMPLES.mentor);
    expect(/^Prefilled \d+ answers/.test(ok), `a file of exactly the limit: ${ok}`);
    await p2.close();
  });

  await test('mentor form: the zip limits are the form\'s data-zip-max-bytes and -members; the answers limit applies inside a bundle', async () => {
    const [bundle] = built.bundles;
    const bytes = readFileSync(bundle).length;
    const bad = [];
    // [attributes, what the mentor reads, the reason when the mentor reads only that the file is damaged]
    const cases = [
      [{ 'data-zip-max-bytes': String(bytes - 1) }, `was not read: it is larger than ${bytes - 1} bytes.`],
      [{ 'data-zip-max-members': '4' }, 'was not used: ' + REFUSAL.damaged.source + '.', 'the archive has 5 members (1 to 4 allowed)'],
      [{ 'data-limit-answers-file': '100' }, 'was not used: the answers file in it is larger than 100 bytes, too large for an answers file.']
    ];
    for (const [i, [attrs, want, why]] of cases.entries()) {
      const { page } = await open(ctx, formCopy('amira-ben-mentor.html', `zz-config-zip-${i}.html`, attrs));
      const status = await loadMentee(page, bundle);
      if (!status.includes(want)) bad.push(`${JSON.stringify(attrs)}: ${status}`);
      const refused = why && await menteeRefusal(page, bundle);
      if (why && (!refused || refused.detail !== why)) bad.push(`${JSON.stringify(attrs)}: refused for ${JSON.stringify(refused)}`);
      await page.close();
    }
    expect(bad.length === 0, `not refused as the limits say:\n${bad.join('\n')}`);
    // a name longer than data-zip-max-name (the bundle's own are at most 24 bytes)
    const named = path.join(work, 'long-name.accord');
    writeFileSync(named, makeZip([...bundleMembers(bundle, 'amira'), { name: 'x'.repeat(31), data: Buffer.from('') }]));
    const { page } = await open(ctx, formCopy('amira-ben-mentor.html', 'zz-config-zip-name.html', { 'data-zip-max-name': '30' }));
    const status = await loadMentee(page, named);
    const refused = await menteeRefusal(page, named);
    expect(REFUSAL.damaged.test(status) && refused && refused.detail === 'a member name is empty or too long',
      `a 31-byte name with data-zip-max-name 30: ${status} (${JSON.stringify(refused)})`);
    await page.close();
  });
  await ctx.close();
}

async function words(browser) {
  const ctx = await newContext(browser);
  await test('mentor form: flag words, icons and summary sentences are the form\'s data-flag-*, data-icon-*, data-summary-* and data-discuss-*', async () => {
    const file = formCopy('amira-ben-mentor.html', 'zz-config-words.html', {
      'data-flag-conflict': 'Not what the mentee said', 'data-icon-conflict': '!',
      'data-flag-same': 'As the mentee said', 'data-icon-same': '=',
      'data-flag-discuss': 'Talk it over', 'data-icon-discuss': '?',
      'data-summary-many': 'Differences: {n}.', 'data-summary-one': 'One difference.',
      'data-summary-left-one': 'One to go.', 'data-summary-left-many': 'To go: {n}.',
      'data-discuss-one': 'One to talk over.', 'data-discuss-many': 'To talk over: {n}.'
    });
    const { page } = await open(ctx, file);
    await page.setInputFiles('#prior-file', EXAMPLES.mentor);
    await page.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    await loadMentee(page, built.bundles[0]);
    const conflict = await flagOf(page, 'meeting-frequency');
    expect(conflict.kind === 'conflict' && conflict.icon === '!' && conflict.text === '! Not what the mentee said',
      `meeting-frequency: ${JSON.stringify(conflict)}`);
    const same = await flagOf(page, 'meeting-length');
    expect(same.kind === 'same' && same.icon === '=' && same.text === '= As the mentee said', `meeting-length: ${JSON.stringify(same)}`);
    await page.uncheck('#q-channels-chat');
    await page.uncheck('#q-channels-email');
    const discuss = await flagOf(page, 'channels');
    expect(discuss.kind === 'discuss' && discuss.text === '? Talk it over', `channels: ${JSON.stringify(discuss)}`);
    const c = await flagCounts(page);
    const left = Number(await page.getAttribute('.review-summary', 'data-left'));
    const want = [left === 0 ? '' : left === 1 ? 'One to go.' : `To go: ${left}.`,
      c.conflict === 1 ? 'One difference.' : `Differences: ${c.conflict}.`,
      c.discuss === 1 ? 'One to talk over.' : `To talk over: ${c.discuss}.`].filter(Boolean).join(' ');
    const s = await summaryText(page);
    expect(left > 0 && c.conflict > 1 && c.discuss >= 1 && s === want, `summary "${s}", wanted "${want}"`);
    await page.close();
  });
  await ctx.close();
}

async function missing(browser) {
  // the page errors are what these tests look for
  const ctx = await newContext(browser, {}, { watch: false });

  await test('form without data-limit-note, or with data-limit-short="lots": the form part does not start and names the attribute', async () => {
    const cases = [['data-limit-note', null], ['data-limit-short', 'lots'], ['data-limit-answers-file', null]];
    for (const [attr, value] of cases) {
      const { page, errors } = await open(ctx, formCopy('amira-ben-mentee.html', 'zz-config-missing.html', { [attr]: value }));
      expect(await page.isHidden('.form-tools'), `${attr}=${value}: the form tools are shown`);
      expect(errors.length === 1 && errors[0].includes(attr) && !errors[0].startsWith('script error'),
        `${attr}=${value}: errors ${JSON.stringify(errors)}`);
      await page.close();
    }
  });

  await test('mentor form without one of its review or signing attributes: the form works, the part that needs it does not start and names it', async () => {
    // the zip limits are signing's too: without one, signing does not start either, and says so
    for (const [attr, parts] of [['data-flag-same', ['review']], ['data-zip-max-members', ['signing', 'review']],
      ['data-summary-many', ['review']], ['data-summary-left-many', ['review']], ['data-keys-mentee', ['review']], ['data-keys-mentor', ['signing']],
      ['data-questionnaire-bytes', ['signing']]]) {
      const { page, errors } = await open(ctx, formCopy('amira-ben-mentor.html', 'zz-config-missing-mentor.html', { [attr]: null }));
      expect(await page.isVisible('#prior-file'), `without ${attr}: the form's tools are hidden`);
      expect(await page.$$eval('#mentee-file', (x) => x.length) === (parts.includes('review') ? 0 : 1),
        `without ${attr}: the load tool is there or not as it should`);
      const named = parts.map((part) => `accord ${part}: `);
      expect(errors.length === parts.length && errors.every((e, i) => e.startsWith(named[i]) && e.includes(attr)),
        `without ${attr}: errors ${JSON.stringify(errors)}`);
      expect(await page.$$eval('#sign-button', (x) => x.length) === (parts.includes('signing') ? 0 : 1),
        `without ${attr}: signing started or not as it should`);
      await page.close();
    }
  });

  await test('a mentee form needs no flag attribute', async () => {
    const html = readFileSync(path.join(built.site, 'public/forms/amira-ben-mentee.html'), 'utf8');
    const form = /<form class="accord-form"[^>]*>/.exec(html)[0];
    const stray = ['data-flag-same', 'data-summary-none'].filter((a) => form.includes(` ${a}=`));
    const { page, errors } = await open(ctx, path.join(built.site, 'public/forms/amira-ben-mentee.html'));
    expect(errors.length === 0, `errors on the mentee form (it has ${stray.join(', ') || 'none'} of the mentor's attributes): ${errors.join('\n')}`);
    expect(await page.isVisible('.form-tools'), 'the form tools are hidden');
    await page.close();
  });
  await ctx.close();
}

await runWithBrowser(built, limits, words, missing);
