// Browser tests of the private pages of the agreement cycle: the mentor's
// review page with live conflict flags and its export; the
// agreement page and its printout (checked with pdftotext); axe-core on the
// review page, the agreement page and the private index. The site is built
// here from a copy of the demo content whose bundles/ holds the example
// answers of amira-ben, signed with the demo keys, so the test does not
// depend on committed bundles.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, EXAMPLES, OUT, axeLightDark, axeViolations, buildSignedSite, expect, exportAnswers, fileUrl,
  flagCounts, flagOf, newContext, problem, run, runWithBrowser, screenshot, summaryText, test
} from './lib.mjs';

const MENTEE_XML = EXAMPLES.mentee;
const MENTOR_XML = EXAMPLES.mentor;
const work = path.join(OUT, 'browser-review');
mkdirSync(work, { recursive: true });

// The mentor's example answers less one the mentee gave (agenda-owner), so
// the page has every kind of flag: conflict, same, discuss, and none (texts
// that differ).
const mentorXml = path.join(work, 'amira-ben-mentor.xml');
writeFileSync(mentorXml, readFileSync(MENTOR_XML, 'utf8').replace(/ *<answer question="agenda-owner">.*\n/, ''));

let built = null;
try {
  built = buildSignedSite('site-review', [
    { file: MENTEE_XML, party: 'amira' },
    { file: mentorXml, party: 'ben' }
  ]);
} catch (err) {
  problem(`signing the example answers and building the site\n${err.message}`);
}

/* ---- helpers ------------------------------------------------------------ */

function exportFile(page, name) {
  return exportAnswers(page, work, name);
}

function pdfText(pdf, name) {
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  const r = run('pdftotext', ['-layout', file, '-']);
  if (r.status !== 0) throw new Error(`pdftotext ${file} exited ${r.status}: ${r.stderr}`);
  return r.stdout.replace(/\s+/g, ' ');
}

/* ---- the tests ---------------------------------------------------------- */

async function reviewPage(browser) {
  const file = path.join(built.site, 'private/review/amira-ben.html');
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  let ready = false;

  await test('review page: prefilled with the mentor\'s answers, conflicts flagged with text and icon', async () => {
    expect(existsSync(file), `accord build wrote no ${file}`);
    await page.goto(fileUrl(file) + '#all');
    ready = true;
    expect(await page.getAttribute('#accord-form', 'data-review') === 'true', 'form lacks data-review="true"');
    const f = await flagOf(page, 'meeting-frequency');
    expect(f.kind === 'conflict' && f.icon === '\u2260' && /Differs from the mentee.s answer/.test(f.text), `meeting-frequency: ${JSON.stringify(f)}`);
    expect((await flagOf(page, 'meeting-length')).kind === 'same', 'meeting-length not "same"');
    const c = await flagCounts(page);
    expect(c.conflict > 1, `${c.conflict} conflicts`);
    expect((await summaryText(page)).includes(`${c.conflict} answers differ from the mentee`), `summary "${await summaryText(page)}"`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'review-page');
    await page.locator('#q-meeting-frequency').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'screenshots', 'review-page-conflicts.png') });
  });

  await test('review page: the script\'s flags and summary equal the generator\'s (C and JS rules agree)', async () => {
    expect(ready, 'no review page');
    const facts = (p) => p.evaluate(() => ({
      flags: [...document.querySelectorAll('[data-question]')].map((q) => {
        const f = q.querySelector('.mentee-answer .agreement-flag');
        return `${q.getAttribute('data-question')}:${f ? f.className + (f.hidden ? ' hidden' : '') + ' ' + f.textContent.trim() : 'none'}`;
      }),
      summary: document.getElementById('review-summary').textContent.trim(),
      counts: ['data-conflicts', 'data-discuss', 'data-answered', 'data-left'].map((a) => document.getElementById('review-summary').getAttribute(a)).join('/')
    }));
    const noJs = await newContext(browser, { javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(fileUrl(file) + '#all');
    const server = await facts(p);
    await noJs.close();
    const live = await facts(page);
    const differ = server.flags.filter((f, i) => f !== live.flags[i]);
    expect(server.flags.length === live.flags.length && differ.length === 0, `flags differ:\n${differ.join('\n')}`);
    expect(server.summary === live.summary && server.counts === live.counts,
      `summary: server "${server.summary}" (${server.counts}), script "${live.summary}" (${live.counts})`);
    for (const kind of ['conflict', 'discuss', 'same', 'none'])
      expect(server.flags.some((f) => f.includes(`flag-${kind}`)), `no flag-${kind} on the page to compare`);
    expect(server.flags.some((f) => f.startsWith('agenda-owner:') && f.includes('flag-discuss')), 'agenda-owner not for discussion');
    expect(server.flags.some((f) => f.startsWith('lab-meeting-role:') && f.includes('flag-none')), 'differing texts flagged');
    expect(server.flags.some((f) => f.startsWith('program-milestone:') && f.includes('flag-same')), 'equal texts not "same"');
  });

  await test('review page: a matching answer clears its flag and the count follows', async () => {
    expect(ready, 'no review page');
    const before = (await flagCounts(page)).conflict;
    await page.check('#q-meeting-frequency-weekly');
    expect((await flagOf(page, 'meeting-frequency')).kind === 'same', 'flag not cleared');
    expect((await flagCounts(page)).conflict === before - 1, 'flag count did not drop');
    expect((await summaryText(page)).includes(`${before - 1} answer`), `summary "${await summaryText(page)}"`);
    await page.check('#q-meeting-frequency-monthly');
    expect((await flagOf(page, 'meeting-frequency')).kind === 'conflict', 'new difference not flagged');
    await page.check('#q-meeting-frequency-weekly');
  });

  await test('review page: a note is added and the exported mentor answers pass accord check', async () => {
    expect(ready, 'no review page');
    await page.fill('#q-meeting-frequency-note', 'Weekly it is, as you asked.');
    const out = await exportFile(page, 'review-mentor.xml');
    expect(out.suggested === 'amira-ben-mentor-r1.xml', `file name ${out.suggested}`);
    expect(/ role="mentor" party="ben"/.test(out.xml), 'role and party');
    expect(out.xml.includes('<answer question="meeting-frequency"><value>weekly</value><note>Weekly it is, as you asked.</note></answer>'), 'changed answer and note');
    expect(!/ previous=/.test(out.xml), 'revision 1 export carries previous');
    const r = run(ACCORD, ['check', '-C', built.content, out.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
    await page.click('#back-to-form');
  });

  await test('review page: on a phone the mentee\'s answer comes after the question and before the mentor\'s inputs (no sideways scroll); print keeps it and the flags', async () => {
    expect(ready, 'no review page');
    const narrow = await newContext(browser, { viewport: { width: 375, height: 800 } });
    const p = await narrow.newPage();
    await p.goto(fileUrl(file) + '#all');
    const facts = await p.evaluate(() => {
      const q = document.getElementById('q-meeting-frequency');
      const box = (sel) => q.querySelector(sel).getBoundingClientRect();
      const col = box('.mentee-answer');
      return {
        width: document.documentElement.scrollWidth,
        order: box('legend').bottom <= col.top && col.bottom <= box('.choices').top && col.bottom <= box('.note').top
      };
    });
    await narrow.close();
    expect(facts.width <= 375, `the page is ${facts.width} px wide at 375 px`);
    expect(facts.order, 'on a narrow screen the mentee column is not between the question and the mentor\'s inputs');
    const wide = await page.evaluate(() => {
      const q = document.getElementById('q-meeting-frequency');
      const col = q.querySelector('.mentee-answer').getBoundingClientRect();
      const choices = q.querySelector('.choices').getBoundingClientRect();
      return col.left >= choices.right && col.top < choices.bottom;
    });
    expect(wide, 'the mentee column is not to the right of the choices on a wide screen');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (el) => !!el && getComputedStyle(el).display !== 'none';
      return {
        columns: [...document.querySelectorAll('.question:not([hidden]) .mentee-answer')].every(shown),
        flag: shown(document.querySelector('.flag-conflict')),
        summary: shown(document.getElementById('review-summary'))
      };
    });
    await page.emulateMedia({ media: 'screen' });
    expect(printed.columns && printed.flag && printed.summary, `print: ${JSON.stringify(printed)}`);
  });

  await test('review page: no axe violations (light and dark)', async () => {
    expect(ready, 'no review page');
    const v = await axeLightDark(browser, page, fileUrl(file));
    expect(v.length === 0, `axe-core:\n${v.join('\n')}`);
  });
  await ctx.close();
}

async function agreementPage(browser) {
  const file = path.join(built.site, 'private/agreements/amira-ben-r1.html');
  // the page allows no script; axe is injected past its Content-Security-Policy
  const ctx = await newContext(browser, { bypassCSP: true });
  const page = await ctx.newPage();

  await test('agreement page prints to PDF with parties, final answers, notes, next review; no unanswered question', async () => {
    expect(existsSync(file), `accord build wrote no ${file}`);
    await page.goto(fileUrl(file) + '#all');
    await screenshot(page, 'agreement-page');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(OUT, 'screenshots', 'agreement-print.png'), fullPage: true });
    const text = pdfText(await page.pdf({ format: 'A4' }), 'agreement.pdf');
    await page.emulateMedia({ media: 'screen' });
    const missing = [
      'Amira Testwell', 'Ben Samplesworth', // parties
      'Every two weeks', // the mentor's final answer to meeting-frequency (the mentee said weekly)
      'First paper by summer; a fellowship application in the autumn round.', // the mentor's text answer
      'Weekly during the month before a deadline.', 'Tuesday mornings suit me best.', // notes of both
      'Grants need three months; abstracts one.'
    ].filter((t) => !text.includes(t));
    expect(missing.length === 0, `the PDF lacks: ${missing.join(' | ')}`);
    expect(/review due by/i.test(text) && /2027/.test(text), 'no review date (2027) in the PDF');
    expect(!text.includes('Finish the first paper'), 'the mentee\'s overruled text answer is printed as final');
    // staff-access: a question neither party answered
    const unanswered = await page.evaluate(() => {
      const q = [...document.querySelectorAll('#q-staff-access legend, #q-staff-access .question-text')];
      return q.length ? q[0].textContent : null;
    });
    const formText = readFileSync(path.join(built.site, 'public/forms/amira-ben-mentor.html'), 'utf8');
    const m = /id="q-staff-access"[^]*?<legend>([^<]+)/.exec(formText);
    expect(m, 'the mentor form has no staff-access question to compare with');
    expect(unanswered === null && !text.includes(m[1].trim()), `the unanswered question "${m[1].trim()}" is printed`);
  });

  await test('agreement page: no axe violations (light and dark)', async () => {
    expect(existsSync(file), `no ${file}`);
    const v = await axeLightDark(browser, page, fileUrl(file));
    expect(v.length === 0, `axe-core:\n${v.join('\n')}`);
  });

  await test('private index with agreements in several states: no axe violations', async () => {
    await page.goto(fileUrl(path.join(built.site, 'private/index.html')));
    const text = await page.textContent('table');
    expect(/amira/i.test(text), 'the index lists no amira-ben agreement');
    await screenshot(page, 'private-index');
    const v = await axeViolations(page);
    expect(v.length === 0, `axe-core:\n${v.join('\n')}`);
  });
  await ctx.close();
}

await runWithBrowser(built, reviewPage, agreementPage);
