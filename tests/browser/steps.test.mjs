// Browser tests of the form in steps, from file://: the whole mentee form
// walked with Continue only, from the first section to check your answers
// (progress and the contents list at every step, each required question's
// error on its own step, axe at 1280 and 390 wide on a step with errors and
// on check your answers, and screenshots of every step at both widths in
// OUT/screenshots/steps-walk/); one section at a time
// with a contents list and progress, errors per step, Back keeping the
// answers, a reload returning to the step with the draft, check answers
// and Change back to the right step; character counts that never cut
// text; clearing a one-choice answer; clearing the draft after asking;
// the mentor taking the mentee's answers; the page without script and in
// print showing every section; axe at 1280 and 390 wide.
import path from 'node:path';
import {
  EXAMPLES, axeViolations, buildSite, expect, fileUrl, newContext, problem, runWithBrowser, screenshot, test
} from './lib.mjs';

let site = null;
try {
  site = buildSite('content', 'site-steps');
} catch (err) {
  problem(`building the demo site\n${err.message}`);
}
const menteeUrl = () => fileUrl(path.join(site, 'public/forms/amira-ben-mentee.html'));

async function openForm(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.accord-steps');
  return page;
}

// The contents list: [{title, state, current}].
async function contents(page) {
  return page.$$eval('.step-contents li', (lis) => lis.map((li) => ({
    title: li.querySelector('a').textContent,
    state: li.querySelector('.step-state').textContent,
    current: li.querySelector('a').getAttribute('aria-current') === 'step'
  })));
}

// The ids of the sections shown on screen.
async function shownSections(page) {
  return page.$$eval('.form-section', (ss) => ss.filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.id));
}

// The required questions of the demo's mentee form of amira-ben, by
// section: the questions Continue must refuse to pass unanswered.
const REQUIRED = {
  's-one-on-one-meetings': ['meeting-frequency', 'meeting-length'],
  's-communication': ['channels'],
  's-scholarly-products': ['author-order'],
  's-program-questions': ['program-year']
};

// The question ids the error summary links to, in its order.
async function summaryQuestions(page) {
  return page.$$eval('#error-summary a', (as) => as.map((a) => {
    const el = document.getElementById(a.getAttribute('href').slice(1));
    const q = el && el.closest('[data-question]');
    return q ? q.getAttribute('data-question') : `(no question for ${a.getAttribute('href')})`;
  }));
}

// axe-core at 1280 and 390 wide, a full-page screenshot at each as
// steps-walk/<name>-<width>; returns the violations, width by width. The
// page is left 1280 wide.
async function axeAndShots(page, name, runAxe) {
  const found = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (runAxe) found.push(...(await axeViolations(page)).map((v) => `${width} wide: ${v}`));
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) found.push(`${width} wide: the page is ${scrollWidth} px wide`);
    await screenshot(page, `steps-walk/${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}

async function walk(browser) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await openForm(context, menteeUrl());
  const sectionIds = await page.$$eval('.step-contents li a', (as) => as.map((a) => a.getAttribute('href').slice(1)));
  const total = sectionIds.length;
  const baseTitle = await page.title();
  const answered = [];

  await test('the mentee form walked with Continue only: progress, contents states and each step\'s required questions', async () => {
    expect(total === 9, `${total} sections in the contents: ${sectionIds.join(', ')}`);
    expect(Object.keys(REQUIRED).every((id) => sectionIds.includes(id)), `sections ${sectionIds.join(', ')}`);
    for (let i = 0; i < total; i++) {
      const id = sectionIds[i];
      const n = String(i + 1).padStart(2, '0');
      const at = `step ${i + 1} (${id})`;
      const name = id.replace(/^s-/, '');
      const shown = await shownSections(page);
      expect(JSON.stringify(shown) === JSON.stringify([id]), `${at}: shown ${JSON.stringify(shown)}`);
      expect((await page.textContent('#step-progress')) === `Section ${i + 1} of ${total}`, `${at}: "${await page.textContent('#step-progress')}"`);
      const c = await contents(page);
      const want = c.map((x, k) => ({ title: x.title, state: k < i ? 'Done' : 'Not started', current: k === i }));
      expect(JSON.stringify(c) === JSON.stringify(want), `${at}: contents\n${JSON.stringify(c)}\nwanted\n${JSON.stringify(want)}`);
      expect((await page.isHidden('#step-back')) === (i === 0), `${at}: Back ${i === 0 ? 'shows' : 'is hidden'}`);
      const label = await page.textContent('#step-continue');
      expect(label === (i === total - 1 ? 'Continue to check your answers' : 'Continue'), `${at}: the button says "${label}"`);

      // a long answer's box is as tall as the five rows it asks for (a note's stays small)
      const short = await page.$$eval(`#${id} [data-kind="long"]:not([hidden]) > textarea`, (ts) => ts.map((t) => {
        const cs = getComputedStyle(t);
        return { id: t.id, height: t.getBoundingClientRect().height, lines: Number(t.getAttribute('rows')), line: parseFloat(cs.lineHeight) };
      }).filter((t) => t.height < t.lines * t.line));
      expect(short.length === 0, `${at}: answer boxes shorter than their rows: ${JSON.stringify(short)}`);
      // what the page marks required here is what the questionnaire requires
      const required = await page.$$eval(`#${id} [data-required="true"]`, (qs) => qs.map((q) => q.getAttribute('data-question')));
      expect(JSON.stringify(required) === JSON.stringify(REQUIRED[id] || []), `${at}: required ${JSON.stringify(required)}`);
      if (required.length) {
        await page.click('#step-continue');
        await page.waitForSelector('#error-summary:not([hidden])');
        const listed = await summaryQuestions(page);
        expect(JSON.stringify(listed) === JSON.stringify(required), `${at}: the error summary lists ${JSON.stringify(listed)}`);
        expect((await page.title()) === `Error: ${baseTitle}`, `${at}: title "${await page.title()}" with errors`);
        for (const q of required) expect(await page.isVisible(`#q-${q}-error`), `${at}: no error beside ${q}`);
        expect(JSON.stringify(await shownSections(page)) === JSON.stringify([id]), `${at}: the step changed despite its errors`);
        expect((await page.textContent('#step-progress')) === `Section ${i + 1} of ${total}`, `${at}: progress moved despite errors`);
        expect((await contents(page))[i].state === 'Not started', `${at}: "${(await contents(page))[i].state}" with nothing answered`);
        const found = await axeAndShots(page, `${n}-${name}-error`, true);
        expect(found.length === 0, `${at}, error summary shown:\n${found.join('\n')}`);
        // the first option of each: an answer, not the "other" that asks for text
        for (const q of required) await page.check(`#q-${q} .choices input:not([value="other"])`);
        answered.push(...required);
        expect((await contents(page))[i].state === 'In progress', `${at}: "${(await contents(page))[i].state}" once answered, before Continue`);
      }
      expect((await axeAndShots(page, `${n}-${name}`, false)).length === 0, `${at}: wider than the window`);
      await page.click('#step-continue');
      if (i < total - 1) {
        await page.waitForFunction((k) => document.getElementById('step-progress').textContent.startsWith(`Section ${k} `), i + 2);
        expect(await page.isHidden('#error-summary'), `${at}: the error summary stays after Continue`);
        expect((await page.title()) === baseTitle, `${at}: title "${await page.title()}" after the errors were fixed`);
      }
    }
  });

  await test('Continue on the last step opens check your answers, with every answer given, by section; axe at 1280 and 390', async () => {
    await page.waitForSelector('#review:not([hidden])');
    expect(await page.isHidden('#accord-form'), 'the form still shows beside check your answers');
    const listed = await page.$$eval('#review-list dt', (dts) => dts.map((d) => d.textContent));
    const texts = await page.$$eval('[data-question]', (qs, ids) => ids.map((id) => {
      const q = qs.find((x) => x.getAttribute('data-question') === id);
      return q.querySelector('legend, .question-text').childNodes[0].textContent.trim();
    }), answered);
    expect(answered.length === 5 && JSON.stringify(listed) === JSON.stringify(texts), `check your answers lists ${JSON.stringify(listed)}, wanted ${JSON.stringify(texts)}`);
    const heads = await page.$$eval('#review-list h3', (hs) => hs.map((h) => h.textContent));
    const titles = (await contents(page)).filter((x, k) => REQUIRED[sectionIds[k]]).map((x) => x.title);
    expect(JSON.stringify(heads) === JSON.stringify(titles), `sections on check your answers: ${JSON.stringify(heads)}, wanted ${JSON.stringify(titles)}`);
    const found = await axeAndShots(page, `${String(total + 1).padStart(2, '0')}-check-your-answers`, true);
    expect(found.length === 0, found.join('\n'));
  });
  await context.close();
}

async function steps(browser) {
  const context = await newContext(browser);
  const page = await openForm(context, menteeUrl());
  const total = (await contents(page)).length;

  await test('the form opens at its first section, with a contents list and progress', async () => {
    expect(total >= 6, `${total} sections in the contents`);
    const c = await contents(page);
    expect(c.every((x) => x.state === 'Not started') && c[0].current, JSON.stringify(c));
    expect((await page.textContent('#step-progress')) === `Section 1 of ${total}`, await page.textContent('#step-progress'));
    expect(JSON.stringify(await shownSections(page)) === '["s-one-on-one-meetings"]', JSON.stringify(await shownSections(page)));
    expect(await page.isHidden('#step-back'), 'Back shows on the first step');
    expect(await page.isHidden('.form-actions'), 'the one-page submit button shows in steps');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const found = await axeViolations(page);
      expect(found.length === 0, `${width} wide:\n${found.join('\n')}`);
      await screenshot(page, `steps-first-${width}`);
    }
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  await test('Continue checks only this step: an error shows in the summary and the step stays', async () => {
    await page.check('#q-meeting-frequency-weekly');
    await page.fill('#q-meeting-frequency-note', 'Tuesday mornings');
    await page.click('#step-continue');
    const summary = await page.textContent('#error-summary');
    expect(/There is a problem/.test(summary) && /How long should a typical meeting last/.test(summary), summary);
    expect(!/How often do you and your mentor expect/.test(summary) && !/channels|Which channels/i.test(summary), `other steps' problems in the summary: ${summary}`);
    expect((await shownSections(page))[0] === 's-one-on-one-meetings', 'the step changed despite an error');
    expect((await contents(page))[0].state === 'In progress', JSON.stringify(await contents(page)));
    await screenshot(page, 'steps-error');
  });

  await test('a fixed step continues; its state is Done; a condition shows its question; Back keeps the answers', async () => {
    await page.check('#q-meeting-length-60-minutes');
    await page.click('#step-continue');
    expect((await shownSections(page))[0] === 's-lab-meetings', JSON.stringify(await shownSections(page)));
    expect((await page.textContent('#step-progress')) === `Section 2 of ${total}`, await page.textContent('#step-progress'));
    expect(await page.isHidden('#error-summary'), 'the error summary stays after the step was fixed');
    const c = await contents(page);
    expect(c[0].state === 'Done' && c[1].current, JSON.stringify(c));
    expect(await page.isHidden('#q-collaborator-meetings-which'), 'the conditional question shows before its condition');
    await page.check('#q-collaborator-meetings-yes');
    expect(await page.isVisible('#q-collaborator-meetings-which'), 'the conditional question does not show');
    await page.fill('#q-collaborator-meetings-which-input', 'The imaging core, monthly');
    await page.click('#step-back');
    expect((await shownSections(page))[0] === 's-one-on-one-meetings', 'Back did not go back');
    expect(await page.isChecked('#q-meeting-frequency-weekly') && (await page.inputValue('#q-meeting-frequency-note')) === 'Tuesday mornings', 'Back lost answers');
    await page.click('#step-continue');
    await screenshot(page, 'steps-second');
  });

  await test('a reload in the middle of a step returns to it, with the draft', async () => {
    await page.reload();
    await page.waitForSelector('.accord-steps');
    expect((await shownSections(page))[0] === 's-lab-meetings', `after reload: ${JSON.stringify(await shownSections(page))}`);
    expect((await page.inputValue('#q-collaborator-meetings-which-input')) === 'The imaging core, monthly', 'the draft was not restored');
    expect(await page.isChecked('#q-meeting-frequency-weekly'), 'the first step\'s answer was not restored');
  });

  await test('the contents list jumps to any section; the last step goes to check answers; Change returns to the step', async () => {
    await page.setInputFiles('#prior-file', EXAMPLES.mentee);
    await page.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    const c = await contents(page);
    await page.click(`.step-contents li:nth-child(${c.length}) a`);
    expect((await contents(page))[c.length - 1].current, 'the contents link did not open the last step');
    expect((await page.textContent('#step-continue')) === 'Continue to check your answers', await page.textContent('#step-continue'));
    await page.click('#step-continue');
    await page.waitForSelector('#review:not([hidden])');
    await screenshot(page, 'steps-check-answers');
    await page.click('#review-list a[href="#q-meeting-length-30-minutes"]');
    await page.waitForSelector('#review', { state: 'hidden' });
    expect((await shownSections(page))[0] === 's-one-on-one-meetings', `Change opened ${JSON.stringify(await shownSections(page))}`);
    expect(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'q-meeting-length-30-minutes', 'focus is not on the control to change');
  });

  await test('character counts: what is left, "too many" past the limit, and pasted text is never cut', async () => {
    await page.click('.step-contents li:nth-child(2) a');
    const limit = Number(await page.getAttribute('#accord-form', 'data-limit-long'));
    await page.fill('#q-lab-meeting-role-input', 'abc');
    expect((await page.textContent('#q-lab-meeting-role-input-count')) === `You have ${limit - 3} characters remaining`, await page.textContent('#q-lab-meeting-role-input-count'));
    const long = 'x'.repeat(limit + 5);
    await page.fill('#q-lab-meeting-role-input', long);
    expect((await page.inputValue('#q-lab-meeting-role-input')).length === limit + 5, 'the text was cut');
    expect((await page.textContent('#q-lab-meeting-role-input-count')) === 'You have 5 characters too many', await page.textContent('#q-lab-meeting-role-input-count'));
    await page.click('#step-continue');
    expect(/Shorten your answer/.test(await page.textContent('#error-summary')), 'no error for the long answer');
    await page.fill('#q-lab-meeting-role-input', 'Present my progress once a month.');
  });

  await test('a one-choice answer can be cleared', async () => {
    expect(await page.isChecked('#q-collaborator-meetings-yes'), 'precondition');
    await page.click('#q-collaborator-meetings-clear');
    expect(!(await page.isChecked('#q-collaborator-meetings-yes')) && !(await page.isChecked('#q-collaborator-meetings-no')), 'the answer is still chosen');
    expect(await page.isHidden('#q-collaborator-meetings-clear'), 'the clear button shows with nothing chosen');
    expect(await page.isHidden('#q-collaborator-meetings-which'), 'the question its condition shows is still shown');
  });

  await test('"Clear my draft" asks first, then empties the form and the stored draft', async () => {
    await page.click('#clear-draft');
    expect(await page.isVisible('#clear-confirm'), 'no confirmation');
    await page.click('#clear-draft-no');
    expect(await page.isChecked('#q-meeting-frequency-weekly') || (await page.inputValue('#q-lab-meeting-role-input')) !== '', 'cancelling cleared the form');
    await page.click('#clear-draft');
    await page.click('#clear-draft-yes');
    expect((await page.inputValue('#q-lab-meeting-role-input')) === '', 'the form still has answers');
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('accord-draft:')).map((k) => localStorage.getItem(k)));
    expect(stored.every((v) => !v.includes('Present my progress')), `the draft is still stored: ${stored}`);
    await page.reload();
    await page.waitForSelector('.accord-steps');
    expect((await page.inputValue('#q-lab-meeting-role-input')) === '', 'a reload brought answers back');
  });
  await context.close();

  await test('the mentor takes the mentee\'s answer for one question, then for every one left, never by default', async () => {
    const ctx = await newContext(browser);
    const p = await openForm(ctx, fileUrl(path.join(site, 'public/forms/amira-ben-mentor.html')));
    await p.setInputFiles('#mentee-file', EXAMPLES.mentee);
    await p.waitForFunction(() => /Showing your mentee/.test(document.getElementById('mentee-status').textContent));
    const checked = () => p.$$eval('.form-section input:checked', (x) => x.length);
    expect(await checked() === 0, 'the mentee\'s answers were taken by default');
    await p.click('#q-meeting-frequency-take');
    expect(await p.isChecked('#q-meeting-frequency-weekly'), 'one answer was not taken');
    expect(await checked() === 1, `${await checked()} answers taken for one click`);
    expect((await p.inputValue('#q-meeting-frequency-note')) === '', 'the mentee\'s note was copied into the mentor\'s');
    await p.click('#take-all');
    const said = await p.textContent('#take-all-status');
    const n = Number((/copied into (\d+) question/.exec(said) || [])[1]);
    expect(n > 10, said);
    expect((await p.inputValue('#q-collaborator-meetings-which-input')) !== '', 'a question shown by a taken condition was not filled');
    await p.setViewportSize({ width: 390, height: 900 });
    const found = await axeViolations(p);
    expect(found.length === 0, found.join('\n'));
    await screenshot(p, 'steps-mentor-taken-390');
    await ctx.close();
  });

  await test('without script the form is one page with every section; printing shows every section', async () => {
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    const p = await noScript.newPage();
    await p.goto(menteeUrl());
    const shown = await shownSections(p);
    expect(shown.length === total, `${shown.length} of ${total} sections without script`);
    await noScript.close();
    const ctx = await newContext(browser);
    const q = await openForm(ctx, menteeUrl());
    await q.emulateMedia({ media: 'print' });
    expect((await shownSections(q)).length === total, 'printing shows one step only');
    await ctx.close();
  });
}

runWithBrowser(site !== null, walk, steps);
