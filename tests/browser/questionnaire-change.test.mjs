// Browser tests of an agreement whose questionnaire changed after the
// mentee signed (a copy of the demo: an option of meeting-frequency
// replaced, the question reply-time removed). The mentor's review page
// still asks what the mentee answered, so the answers signed on it in the
// page, and its exported answers file signed by accord sign, are accepted
// (accord-verify) and make the agreement. The mentee's form asks the new
// version; "Use prior answers" with the mentee's signed bundle fills it
// and lists what no longer fits.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCORD, ROOT, buildSite, expect, exportAnswers, fileUrl, newContext, problem, run, runWithBrowser, test } from './lib.mjs';
import { PASSWORD, VERIFY, ok, settled, signOpenForm, useWorkFolder } from './signing.mjs';

const work = useWorkFolder('browser-qchange');
const content = path.join(work, 'content');
const CHEN_KEY = path.join(ROOT, 'content/keys/demo-secret/chen.key');
const OLD_DIGEST = '52cd3fcfd2c03e4381ee0d2ad80e7cfdd1de8a4154dd0d865a2147ed82329a4b';

let site = null;
try {
  cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  rmSync(path.join(content, 'examples'), { recursive: true, force: true }); // made for today's questions
  const qfile = path.join(content, 'questionnaires/agreement.xml');
  const q = readFileSync(qfile, 'utf8')
    .replace('<option value="fortnightly">Every two weeks</option>', '<option value="three-weekly">Every three weeks</option>')
    .replace(/ *<question id="reply-time"[^]*?<\/question>\n/, '');
  writeFileSync(qfile, q);
  site = buildSite(content, 'browser-qchange-site');
} catch (err) {
  problem(`changing a copy of the demo and building it\n${err.message}`);
}

// chen's answers for farid-chen, one of them an option the new version lacks
const mentorXml = path.join(work, 'chen-answers.xml');
writeFileSync(mentorXml, readFileSync(path.join(ROOT, 'content/examples/hugo-chen-mentor.xml'), 'utf8')
  .replace('agreement="hugo-chen"', 'agreement="farid-chen"')
  .replace('<value>weekly</value>', '<value>fortnightly</value>'));

async function reviewAfterChange(browser) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  let signed = null;

  await test('questionnaire changed: the review page asks what the mentee answered, and its answers sign in the page', async () => {
    await page.goto(fileUrl(path.join(site, 'private/review/farid-chen.html')) + '#all');
    expect(await page.getAttribute('#accord-form', 'data-digest') === OLD_DIGEST, 'the review page does not carry the mentee\'s snapshot digest');
    expect(await page.isVisible('#q-meeting-frequency-fortnightly'), 'the option the mentee chose is not on the review page');
    const got = await signOpenForm(page, mentorXml, CHEN_KEY, PASSWORD, 'farid-chen-r1-mentor.accord');
    expect(/^Signed/.test(got.status), `signing: ${got.status}`);
    signed = got.file;
    ok(run(VERIFY, ['-r', path.join(content, 'keys'), signed]), 'accord-verify of the bundle signed in the page');
    const meta = run('unzip', ['-p', signed, 'META']).stdout;
    expect(meta.includes(`questionnaire-sha256: ${OLD_DIGEST}`), `META:\n${meta}`);
  });

  await test('questionnaire changed: the review page\'s answers file is accepted by accord sign', async () => {
    const exported = await exportAnswers(page, work, 'chen-review.xml');
    const out = path.join(work, 'chen-cli.accord');
    ok(run(ACCORD, ['sign', '-s', CHEN_KEY, '-C', content, '-f', '-o', out, exported.file]), 'accord sign of the exported answers');
    ok(run(VERIFY, ['-r', path.join(content, 'keys'), out]), 'accord-verify of accord sign\'s bundle');
  });

  await test('questionnaire changed: the build makes the agreement of the mentee\'s and the page\'s bundles', async () => {
    expect(signed, 'nothing was signed in the page');
    cpSync(signed, path.join(content, 'bundles/farid-chen-r1-mentor.accord'));
    const s2 = buildSite(content, 'browser-qchange-site2');
    const agreement = path.join(s2, 'private/agreements/farid-chen-r1.accord');
    const r = run(VERIFY, ['-r', path.join(content, 'keys'), agreement]);
    expect(r.status === 1 && /^AWAITING .*awaiting signatures from farid, chen/m.test(r.stdout), `accord-verify: ${r.status} ${r.stdout}${r.stderr}`);
    rmSync(path.join(content, 'bundles/farid-chen-r1-mentor.accord'));
  });
  await ctx.close();
}

async function priorAnswersAfterChange(browser) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await test('questionnaire changed: "Use prior answers" takes the signed bundle and lists what no longer fits', async () => {
    await page.goto(fileUrl(path.join(site, 'public/forms/farid-chen-mentee.html')) + '#all');
    expect(await page.getAttribute('#accord-form', 'data-digest') !== OLD_DIGEST, 'the mentee\'s form does not ask the new version');
    await page.waitForFunction(() => window.accord && window.accord.priorAnswers);
    await page.setInputFiles('#prior-file', path.join(content, 'bundles/farid-chen-r1-mentee.accord'));
    const status = await settled(page, 'prior-status');
    expect(/Prefilled \d+ answers from “farid-chen-r1-mentee.accord” \(saved 2026-10-05T13:47:09Z\)\. These old answers no longer fit this form:/.test(status), `status: ${status}`);
    expect(status.includes('Value “fortnightly” of question “meeting-frequency” is no longer an option.'), `the gone option is not listed: ${status}`);
    expect(status.includes('Question “reply-time” no longer exists; its answer was left out.'), `the gone question is not listed: ${status}`);
    expect(await page.isChecked('#q-meeting-length-60-minutes'), 'an answer that still fits was not used');
    expect(!(await page.isChecked('#q-meeting-frequency-three-weekly')), 'a new option was chosen for the mentee');
  });
  await ctx.close();
}

await runWithBrowser(site, reviewAfterChange, priorAnswersAfterChange);
