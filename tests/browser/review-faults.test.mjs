// Browser tests of the mentor's side of an agreement, and of what every
// form shares with it:
// - optional questions say "(optional)", required ones carry no mark
//   (forms and the sample agreement);
// - text fields have no maxlength, so a long paste is kept whole;
// - the mentor's form and review page start with words for the mentor;
// - before the mentor answers, the summary counts what is left to answer,
//   the same on the page as written and as the script keeps it, in the
//   generator's words;
// - "other" chosen by both with different texts is a difference;
// - on a phone the mentee's answer comes before the mentor's inputs, on the
//   public mentor form and on the private review page;
// - an agreement page's status line looks one way when signed and another
//   when awaiting signatures;
// - the private index gives "signed" and "awaiting signatures" each its own
//   look and mark; flag icons need no emoji font; printed pages are filled;
// - axe-core finds nothing at 1280 and 390 px on the mentor form with the
//   mentee's answers loaded, on a review page and on the private index.
// Two sites: the demo as committed (every state; farid-chen's review page,
// where the mentor has answered nothing), and a copy whose amira-ben
// answers are signed here, the mentor's "other" text changed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  EXAMPLES, OUT, axeViolations, buildSignedSite, buildSite, expect, fileUrl, flagOf, newContext, problem, run,
  runWithBrowser, screenshot, summaryText, test
} from './lib.mjs';

const work = path.join(OUT, 'browser-review-faults');
mkdirSync(work, { recursive: true });
const MENTEE_OTHER = 'Datasets shared with the community';

// The mentor's example answers with another "other" text for
// productivity-measures (both choose papers and other).
const mentorXml = path.join(work, 'amira-ben-mentor.xml');
writeFileSync(mentorXml, readFileSync(EXAMPLES.mentor, 'utf8').replace(
  `<other>${MENTEE_OTHER}</other>`, '<other>Software other labs use</other>'));

let demo = null;
let signed = null;
try {
  demo = buildSite('content', 'site-review-faults-demo');
  signed = buildSignedSite('site-review-faults', [
    { file: EXAMPLES.mentee, party: 'amira' },
    { file: mentorXml, party: 'ben' }
  ]);
} catch (err) {
  problem(`building the sites\n${err.message}`);
}

/* ---- helpers ------------------------------------------------------------ */

const page = (site, rel) => fileUrl(path.join(site, rel));

async function open(browser, url, opts = {}) {
  const ctx = await newContext(browser, opts);
  const p = await ctx.newPage();
  await p.goto(url + '#all');
  return { ctx, p };
}

// The summary as the generator wrote it (read without script).
async function writtenSummary(browser, url) {
  const { ctx, p } = await open(browser, url, { javaScriptEnabled: false });
  const s = await p.evaluate(() => {
    const el = document.getElementById('review-summary');
    const attrs = {};
    for (const a of ['data-conflicts', 'data-discuss', 'data-answered', 'data-left']) attrs[a] = el.getAttribute(a);
    return { text: el.textContent.replace(/\s+/g, ' ').trim(), attrs,
      unconditional: document.querySelectorAll('[data-question]:not([data-show-if])').length };
  });
  await ctx.close();
  return s;
}

// The colour the summary on p takes: 'ok', 'accent' (neutral), 'conflict'
// or '?', by its left border.
function summaryLook(p) {
  return p.evaluate(() => {
    const colourOf = (v) => {
      const e = document.createElement('i');
      e.style.color = `var(${v})`;
      document.body.appendChild(e);
      const c = getComputedStyle(e).color;
      e.remove();
      return c;
    };
    const border = getComputedStyle(document.getElementById('review-summary')).borderLeftColor;
    return ['ok', 'accent', 'conflict'].find((k) => colourOf(`--${k}`) === border) || '?';
  });
}

// Loads the mentee's answers bundle into the public mentor form on p.
async function loadMentee(p, file) {
  await p.setInputFiles('#mentee-file', file);
  await p.waitForFunction(() => /Showing your mentee/.test(document.getElementById('mentee-status').textContent));
}

// Sets the text of input id as typing would (wherever its step is) and
// fires input, as the page scripts listen for.
async function typeInto(p, id, text) {
  await p.evaluate(([i, t]) => {
    const el = document.getElementById(i);
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, [id, text]);
}

// The text lines of a PDF per page: [{height, bottoms: [yMax...]}].
function pdfPages(pdf, name) {
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  const r = run('pdftotext', ['-bbox', file, '-']);
  if (r.status !== 0) throw new Error(`pdftotext -bbox ${file} exited ${r.status}: ${r.stderr}`);
  return [...r.stdout.matchAll(/<page width="[\d.]+" height="([\d.]+)">([^]*?)<\/page>/g)].map((m) => ({
    height: Number(m[1]),
    bottoms: [...m[2].matchAll(/yMax="([\d.]+)"/g)].map((y) => Number(y[1]))
  }));
}

/* ---- the tests ---------------------------------------------------------- */

async function formsAndSample(browser) {
  const { ctx, p } = await open(browser, page(demo, 'public/forms/amira-chen-mentee.html'));

  await test('optional questions say "(optional)" in their label or legend; required ones carry no mark (form and sample)', async () => {
    const heads = await p.evaluate(() => [...document.querySelectorAll('[data-question]')].map((q) => ({
      id: q.getAttribute('data-question'),
      required: q.getAttribute('data-required') === 'true',
      text: q.querySelector('legend, .question-text').textContent.replace(/\s+/g, ' ').trim()
    })));
    const required = new Map(heads.map((h) => [h.id, h.required]));
    const wrong = heads.filter((h) => /\(required\)/.test(h.text) || /\(optional\)$/.test(h.text) === h.required);
    expect(heads.some((h) => h.required) && heads.some((h) => !h.required), 'the form lacks one kind of question');
    expect(wrong.length === 0, `marked wrongly on the form: ${wrong.map((h) => `${h.id}: "${h.text}"`).join('; ')}`);
    await p.goto(page(demo, 'public/sample/agreement.html'));
    const sample = await p.evaluate(() => ({
      note: document.querySelector('.sample-note').textContent,
      heads: [...document.querySelectorAll('.sample-question')].map((q) => ({
        id: q.id.replace(/^q-/, ''), text: q.querySelector('.question-text').textContent.replace(/\s+/g, ' ').trim()
      }))
    }));
    const compared = sample.heads.filter((h) => required.has(h.id));
    const off = compared.filter((h) => /\(required\)/.test(h.text) || /\(optional\)$/.test(h.text) === required.get(h.id));
    expect(compared.length > 10, `only ${compared.length} sample questions are on the form to compare`);
    expect(off.length === 0, `marked wrongly on the sample: ${off.map((h) => `${h.id}: "${h.text}"`).join('; ')}`);
    expect(/Questions marked \(optional\) may be left blank/.test(sample.note), `sample note "${sample.note}"`);
  });

  await test('text fields have no maxlength: a paste longer than the limit is kept whole (the count and the check report it)', async () => {
    await p.goto(page(demo, 'public/forms/amira-chen-mentee.html') + '#all');
    const facts = await p.evaluate(() => ({
      limited: [...document.querySelectorAll('input, textarea')].filter((e) => e.hasAttribute('maxlength')).map((e) => e.id),
      fields: document.querySelectorAll('input[type="text"], textarea').length,
      limits: ['short', 'long', 'other', 'note'].map((k) => document.getElementById('accord-form').getAttribute(`data-limit-${k}`))
    }));
    expect(facts.fields > 20 && facts.limited.length === 0, `${facts.limited.length} of ${facts.fields} fields have maxlength: ${facts.limited.join(', ')}`);
    expect(facts.limits.every((l) => /^[1-9][0-9]*$/.test(l || '')), `data-limit-*: ${facts.limits.join(', ')}`);
    const note = Number(facts.limits[3]);
    await p.focus('#q-meeting-frequency-note');
    await p.keyboard.insertText('x'.repeat(note + 25)); // as a paste arrives
    const kept = await p.$eval('#q-meeting-frequency-note', (t) => t.value.length);
    expect(kept === note + 25, `${note + 25} characters pasted, ${kept} kept`);
  });

  await test('the mentor\'s form and review page start with words for the mentor; the mentee\'s form keeps the questionnaire\'s intro', async () => {
    const intro = async (rel) => {
      await p.goto(page(demo, rel) + '#all');
      return p.evaluate(() => {
        const el = document.querySelector('.intro');
        const form = document.getElementById('accord-form');
        return el ? { text: el.textContent.replace(/\s+/g, ' '), first: !!(el.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) } : null;
      });
    };
    const questionnaire = 'This form helps you and your mentor agree';
    const mentee = await intro('public/forms/amira-chen-mentee.html');
    expect(mentee && mentee.text.includes(questionnaire) && !mentee.text.includes('Your mentee'), `mentee form: ${JSON.stringify(mentee)}`);
    const shared = ['Your mentee answered these questions first.', 'talk it through', 'Your answers are final: they become the agreement.',
      'Every question has room for a note.'];
    const form = await intro('public/forms/amira-chen-mentor.html');
    const formLacks = shared.concat('Load their answers').filter((t) => !form || !form.text.includes(t));
    expect(form && form.first && formLacks.length === 0 && !form.text.includes(questionnaire),
      `mentor form: lacks ${formLacks.join(' | ')}: ${JSON.stringify(form)}`);
    const review = await intro('private/review/farid-chen.html');
    const reviewLacks = shared.concat('Their answers are shown beside each question.').filter((t) => !review || !review.text.includes(t));
    expect(review && review.first && reviewLacks.length === 0 && !review.text.includes(questionnaire),
      `review page: lacks ${reviewLacks.join(' | ')}: ${JSON.stringify(review)}`);
  });
  await ctx.close();
}

async function summaries(browser) {
  const url = page(demo, 'private/review/farid-chen.html');

  await test('review page, nothing answered yet: the summary counts what is left, as written and as the script keeps it', async () => {
    const written = await writtenSummary(browser, url);
    const n = written.unconditional; // with no answers, the questions without conditions are shown
    const want = `You have not answered any of the ${n} questions yet.`;
    expect(written.text === want, `written summary "${written.text}", wanted "${want}"`);
    expect(written.attrs['data-left'] === String(n) && written.attrs['data-answered'] === '0' && written.attrs['data-conflicts'] === '0',
      `written counts ${JSON.stringify(written.attrs)}`);
    const { ctx, p } = await open(browser, url);
    const live = await summaryText(p);
    expect(live === want, `the script's summary "${live}", wanted "${want}"`);
    const neutral = await summaryLook(p);
    expect(neutral === 'accent', `the summary looks "${neutral}" before any answer, not neutral`);
    await p.check('#q-meeting-length-30-minutes'); // the mentee said 1 hour
    const after = await summaryText(p);
    expect(after.startsWith(`You have ${n - 1} questions left to answer. 1 answer differs`) && !/not answered any/.test(after),
      `after one answer: "${after}"`);
    const differs = await summaryLook(p);
    expect(differs === 'conflict', `the summary looks "${differs}" with an answer that differs`);
    await ctx.close();
  });

  await test('review page: the left-to-answer sentences are the generator\'s (data-summary-unanswered-*, data-summary-left-*)', async () => {
    const html = readFileSync(path.join(demo, 'private/review/farid-chen.html'), 'utf8');
    const copy = path.join(demo, 'private/review/zz-faults-words.html');
    const edited = html.replace(/ data-summary-unanswered-many="[^"]*"/, ' data-summary-unanswered-many="Nothing yet; {n} to go."')
      .replace(/ data-summary-left-many="[^"]*"/, ' data-summary-left-many="Still {n} to go."');
    expect(edited.includes('Nothing yet;') && edited.includes('Still {n}'), 'the review page lacks the attributes to change');
    writeFileSync(copy, edited);
    const { ctx, p } = await open(browser, fileUrl(copy));
    const n = Number(await p.getAttribute('#review-summary', 'data-left'));
    const first = await summaryText(p);
    await p.check('#q-meeting-length-30-minutes');
    const after = await summaryText(p);
    await ctx.close();
    expect(first === `Nothing yet; ${n} to go.`, `summary "${first}"`);
    expect(after.startsWith(`Still ${n - 1} to go. `), `summary after one answer "${after}"`);
  });

  await test('public mentor form, mentee\'s answers loaded before any of the mentor\'s: the summary says what is left, not "No answers differ"', async () => {
    const { ctx, p } = await open(browser, page(signed.site, 'public/forms/amira-ben-mentor.html'));
    await loadMentee(p, signed.bundles[0]);
    const shown = await p.$$eval('[data-question]:not([hidden])', (q) => q.length);
    const s = await summaryText(p);
    await ctx.close();
    expect(s === `You have not answered any of the ${shown} questions yet.`, `summary "${s}" with ${shown} questions shown`);
  });
}

async function otherTexts(browser) {
  const url = page(signed.site, 'private/review/amira-ben.html');

  await test('"other" chosen by both with different texts is a difference: the generator\'s flag and the script\'s agree', async () => {
    const written = await (async () => {
      const { ctx, p } = await open(browser, url, { javaScriptEnabled: false });
      const f = await flagOf(p, 'productivity-measures');
      await ctx.close();
      return f;
    })();
    expect(written.kind === 'conflict', `written flag ${JSON.stringify(written)}`);
    const { ctx, p } = await open(browser, url);
    expect((await flagOf(p, 'productivity-measures')).kind === 'conflict', 'the script\'s flag is not "conflict"');
    await typeInto(p, 'q-productivity-measures-other-text', MENTEE_OTHER);
    expect((await flagOf(p, 'productivity-measures')).kind === 'same', 'the same text is not "same"');
    await typeInto(p, 'q-productivity-measures-other-text', `  ${MENTEE_OTHER} `);
    expect((await flagOf(p, 'productivity-measures')).kind === 'same', 'spaces at the ends made a difference');
    await typeInto(p, 'q-productivity-measures-other-text', 'Software');
    expect((await flagOf(p, 'productivity-measures')).kind === 'conflict', 'a new text is not a difference');
    await ctx.close();

    // the public form builds the mentee's column itself, from the bundle
    const pub = await open(browser, page(signed.site, 'public/forms/amira-ben-mentor.html'));
    await pub.p.setInputFiles('#prior-file', mentorXml);
    await pub.p.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    await loadMentee(pub.p, signed.bundles[0]);
    const loaded = await flagOf(pub.p, 'productivity-measures');
    await typeInto(pub.p, 'q-productivity-measures-other-text', MENTEE_OTHER);
    const same = await flagOf(pub.p, 'productivity-measures');
    await pub.ctx.close();
    expect(loaded.kind === 'conflict' && same.kind === 'same', `public form: ${loaded.kind}, then ${same.kind}`);
  });
}

async function looks(browser) {
  await test('private index: "signed" and "awaiting signatures" each have their own look and mark, and say it in words', async () => {
    const { ctx, p } = await open(browser, page(demo, 'private/index.html'));
    const cells = await p.evaluate(() => Object.fromEntries([...document.querySelectorAll('td.state')].map((td) => {
      const tag = td.querySelector('.state-tag');
      const cs = getComputedStyle(tag);
      const mark = getComputedStyle(tag, '::before');
      const kind = [...td.classList].find((c) => c.startsWith('state-')).slice(6);
      return [kind, {
        text: tag.textContent.trim(), bg: cs.backgroundColor, color: cs.color,
        mark: { content: mark.content, transform: mark.transform, radius: mark.borderTopLeftRadius, image: mark.backgroundImage }
      }];
    })));
    await screenshot(p, 'review-faults-private-index');
    await ctx.close();
    const s = cells.signed;
    const a = cells['awaiting-signatures'];
    const none = 'rgba(0, 0, 0, 0)';
    expect(s && a && cells['not-started'], `states on the demo's index: ${Object.keys(cells).join(', ')}`);
    expect(s.text === 'signed' && /^awaiting (signatures from|the signature of) /.test(a.text), `words: "${s.text}", "${a.text}"`);
    expect(s.bg !== none && a.bg !== none && s.bg !== a.bg && s.color !== a.color, `tags: signed ${s.bg} ${s.color}, awaiting ${a.bg} ${a.color}`);
    expect(cells['not-started'].bg === none, `not started has a tag: ${cells['not-started'].bg}`);
    // drawn marks, no characters a font must have: a turned tick, a ring three quarters filled
    expect(s.mark.content === '""' && s.mark.transform !== 'none', `signed mark ${JSON.stringify(s.mark)}`);
    expect(a.mark.content === '""' && a.mark.radius === '50%' && /conic-gradient/.test(a.mark.image), `awaiting mark ${JSON.stringify(a.mark)}`);
  });

  await test('agreement pages: the status line of a signed agreement looks unlike one awaiting signatures', async () => {
    const lineOf = async (name) => {
      const { ctx, p } = await open(browser, page(demo, `private/agreements/${name}.html`));
      const s = await p.evaluate(() => {
        const el = document.querySelector('p.status');
        if (!el) return null;
        const cs = getComputedStyle(el);
        return { text: el.textContent.trim(), border: cs.borderLeftColor, borderWidth: cs.borderLeftWidth, bg: cs.backgroundColor };
      });
      await ctx.close();
      return s;
    };
    // the demo: amira-ben-r1 signed by both, ines-ben-r1 by the mentee only, hugo-chen-r1 by neither
    const signedLine = await lineOf('amira-ben-r1');
    const awaiting = [await lineOf('ines-ben-r1'), await lineOf('hugo-chen-r1')];
    expect(signedLine && signedLine.text === 'Signed by both parties.', `signed status line ${JSON.stringify(signedLine)}`);
    expect(awaiting.every((a) => a && /^Awaiting the signatures? of /.test(a.text)), `awaiting status lines ${JSON.stringify(awaiting)}`);
    // a colour as [r, g, b]; two looks differ when a colour differs by more than a shade
    const rgb = (c) => (c.match(/\d+(\.\d+)?/g) || []).slice(0, 3).map(Number);
    const far = (x, y) => Math.max(...rgb(x).map((v, i) => Math.abs(v - rgb(y)[i]))) > 40;
    for (const a of awaiting) {
      expect(parseFloat(signedLine.borderWidth) >= 3 && parseFloat(a.borderWidth) >= 3,
        `status line borders ${signedLine.borderWidth}, ${a.borderWidth}`);
      expect(far(signedLine.border, a.border) || far(signedLine.bg, a.bg),
        `"${signedLine.text}" (border ${signedLine.border}, background ${signedLine.bg}) looks like "${a.text}" (border ${a.border}, background ${a.bg})`);
    }
    expect(awaiting[0].border === awaiting[1].border && awaiting[0].bg === awaiting[1].bg,
      `the two lines awaiting signatures look different: ${JSON.stringify(awaiting)}`);
  });

  await test('flag icons need no emoji font and the words of each flag stand alone', async () => {
    const { ctx, p } = await open(browser, page(signed.site, 'private/review/amira-ben.html'));
    const facts = await p.evaluate(() => {
      const form = document.getElementById('accord-form');
      const words = {};
      for (const k of ['conflict', 'discuss', 'same']) words[k] = { icon: form.getAttribute(`data-icon-${k}`), text: form.getAttribute(`data-flag-${k}`) };
      const flags = [...document.querySelectorAll('.agreement-flag:not([hidden])')].map((f) => {
        const icon = f.querySelector('[aria-hidden="true"]');
        const kind = ['conflict', 'discuss', 'same'].find((k) => f.classList.contains(`flag-${k}`));
        const spoken = [...f.childNodes].filter((n) => n !== icon).map((n) => n.textContent).join('').trim();
        return { kind, icon: icon ? icon.textContent : null, spoken };
      });
      return { words, flags };
    });
    await ctx.close();
    const safe = (c) => /^[\x21-\x7e\u2010-\u22ff]$/u.test(c) && !/\p{Extended_Pictographic}/u.test(c);
    const bad = Object.entries(facts.words).filter(([, w]) => !safe(w.icon || '') || !w.text);
    expect(bad.length === 0, `icons that need an emoji font, or no words: ${JSON.stringify(bad)}`);
    expect(facts.flags.length > 3, `${facts.flags.length} flags shown`);
    const off = facts.flags.filter((f) => f.icon !== facts.words[f.kind].icon || f.spoken !== facts.words[f.kind].text);
    expect(off.length === 0, `flags whose words do not stand alone: ${JSON.stringify(off.slice(0, 3))}`);
  });

  await test('printing fills the pages: question boxes break across pages, no page is left half empty', async () => {
    const { ctx, p } = await open(browser, page(signed.site, 'private/review/amira-ben.html'));
    await p.emulateMedia({ media: 'print' });
    const style = await p.evaluate(() => {
      const q = document.querySelector('.question');
      return { box: getComputedStyle(q).breakInside, head: getComputedStyle(q.querySelector('legend, .question-text')).breakAfter };
    });
    const pages = pdfPages(await p.pdf({ format: 'A4' }), 'review-print.pdf');
    await ctx.close();
    expect(style.box === 'auto' && style.head === 'avoid', `print: question box break-inside ${style.box}, its text break-after ${style.head}`);
    expect(pages.length > 3, `${pages.length} printed pages`);
    const short = pages.slice(0, -1).map((pg, i) => ({ page: i + 1, filled: Math.max(...pg.bottoms) / pg.height }))
      .filter((pg) => pg.filled < 0.6);
    expect(short.length === 0, `pages whose text stops above 60% of the page: ${short.map((s) => `${s.page} (${Math.round(s.filled * 100)}%)`).join(', ')}`);
  });
}

async function accessibility(browser) {
  for (const width of [1280, 390]) {
    const viewport = { width, height: 900 };

    await test(`${width} px: the mentor form with the mentee's answers loaded has no axe violations; on a phone the mentee's answer comes first`, async () => {
      const { ctx, p } = await open(browser, page(signed.site, 'public/forms/amira-ben-mentor.html'), { viewport });
      await loadMentee(p, signed.bundles[0]);
      const order = await p.evaluate(() => {
        const q = document.getElementById('q-meeting-frequency');
        const box = (sel) => q.querySelector(sel).getBoundingClientRect();
        const col = box('.mentee-answer');
        return { before: col.bottom <= box('.choices').top, beside: col.left >= box('.choices').right,
          width: document.documentElement.scrollWidth };
      });
      const v = await axeViolations(p);
      await screenshot(p, `review-faults-mentor-form-${width}`);
      await ctx.close();
      expect(width > 600 ? order.beside : order.before, `mentee column at ${width} px: ${JSON.stringify(order)}`);
      expect(order.width <= width, `the page is ${order.width} px wide`);
      expect(v.length === 0, `axe-core:\n${v.join('\n')}`);
    });

    await test(`${width} px: a review page and the private index have no axe violations; on a phone the review page shows the mentee's answer first`, async () => {
      const { ctx, p } = await open(browser, page(signed.site, 'private/review/amira-ben.html'), { viewport });
      // per question with the mentee's answer shown: is it above (or beside)
      // every one of the mentor's controls?
      const order = await p.evaluate(() => [...document.querySelectorAll('.question')].map((q) => {
        const col = q.querySelector(':scope > .mentee-answer');
        if (!col || col.hidden || col.getBoundingClientRect().height === 0) return null;
        const c = col.getBoundingClientRect();
        const controls = [...q.querySelectorAll('.choices, textarea, input[type="text"]')]
          .filter((e) => (e.matches('.choices') || !e.closest('.choices')) && e.getBoundingClientRect().height > 0)
          .map((e) => e.getBoundingClientRect());
        return { id: q.id, n: controls.length,
          before: controls.every((r) => c.bottom <= r.top), beside: controls.every((r) => c.left >= r.right) };
      }).filter((x) => x !== null));
      const pageWidth = await p.evaluate(() => document.documentElement.scrollWidth);
      const v = await axeViolations(p);
      await screenshot(p, `review-faults-review-${width}`);
      await p.goto(page(demo, 'private/index.html'));
      const w = await axeViolations(p);
      await ctx.close();
      expect(order.length > 20 && order.every((o) => o.n > 0), `${order.length} questions show the mentee's answer: ${JSON.stringify(order.filter((o) => o.n === 0))}`);
      const wrong = order.filter((o) => !(width > 600 ? o.beside : o.before));
      expect(wrong.length === 0, `mentee's answer at ${width} px is not ${width > 600 ? 'beside' : 'above'} the mentor's inputs: ${wrong.map((o) => o.id).join(', ')}`);
      expect(pageWidth <= width, `the review page is ${pageWidth} px wide`);
      expect(v.length === 0, `review page, axe-core:\n${v.join('\n')}`);
      expect(w.length === 0, `private index, axe-core:\n${w.join('\n')}`);
    });
  }
}

await runWithBrowser(demo && signed, formsAndSample, summaries, otherTexts, looks, accessibility);
