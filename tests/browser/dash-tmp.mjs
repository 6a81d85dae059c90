import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const w of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width: w, height: 1000 } });
  page.on('pageerror', (e) => console.log('err', e.message));
  await page.goto('file:///tmp/s/private/index.html');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/dash-${w}-top.png` });
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.screenshot({ path: `/tmp/dash-${w}-mid.png` });
}
await browser.close();
