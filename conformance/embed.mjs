// The README's "embed a radar on your site" example, as a partner uses it:
// pasted into a page served from the partner's own origin with a real embed
// key for that origin, and opened in headless Chromium with every request
// outside the two local servers refused. The frame must show the chart (an
// <svg role="img"> with its <title>), and the same page with a key for
// another origin must be refused by the embed page's frame-ancestors.
// Saves screenshots of both.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [base, partnerPort, allowedKey, otherKey, readme, screenshot] = process.argv.slice(2);
const example = readFileSync(readme, 'utf8').match(/<!-- embed-example -->\s*```html\n([\s\S]*?)```/);
if (!example) throw new Error('the README has no embed example between <!-- embed-example --> markers');
const page = (key) => example[1].replaceAll('https://roledex.example', base).replace('rdx_YOUR_EMBED_KEY', key);

const partner = `http://localhost:${partnerPort}`;
const site = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(req.url.startsWith('/elsewhere') ? otherKey : allowedKey));
});
await new Promise((resolve) => site.listen(Number(partnerPort), '127.0.0.1', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const local = new Set([new URL(base).origin, partner]);
// The example's frame loads lazily, after the page's load event: wait for it.
const embedded = async (p) => {
  for (let i = 0; i < 100; i += 1) {
    const frame = p.frames().find((f) => f.url().includes('/embed/roles/') || f.url().startsWith('chrome-error:'));
    if (frame) return frame;
    await p.waitForTimeout(100);
  }
  return undefined;
};
let status = 1;
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 640 } });
  await context.route('**/*', (route) => (local.has(new URL(route.request().url()).origin) ? route.continue() : route.abort()));

  const shown = await context.newPage();
  await shown.goto(`${partner}/`, { waitUntil: 'load' });
  const frame = await embedded(shown);
  if (!frame) throw new Error('the page has no embed frame');
  await frame.locator('svg[role="img"]').waitFor({ timeout: 20000 });
  const title = await frame.locator('svg[role="img"] > title').textContent();
  if (!/AI Systems Safety Manager/.test(title ?? '')) throw new Error(`unexpected chart title: ${title}`);
  const box = await shown.locator('iframe').boundingBox();
  const drawn = await frame.locator('svg[role="img"]').boundingBox();
  if (!box || !drawn || drawn.width < 300 || drawn.height < 200) throw new Error(`the chart is not drawn: ${JSON.stringify(drawn)}`);
  await shown.screenshot({ path: screenshot });
  console.log(`framed on ${partner}: "${title}", frame ${box.width}x${box.height}, chart ${drawn.width}x${drawn.height}`);

  // The server answers the embed page (200, its policy naming the other
  // origin); it is Chromium that must refuse to show it in this page.
  const refused = await context.newPage();
  const answered = refused.waitForResponse((r) => r.url().includes('/embed/roles/'), { timeout: 20000 });
  await refused.goto(`${partner}/elsewhere`, { waitUntil: 'load' });
  const response = await answered;
  const policy = (await response.allHeaders())['content-security-policy'] ?? '';
  if (response.status() !== 200 || !policy.includes('frame-ancestors https://elsewhere.example')) {
    throw new Error(`the embed page answered ${response.status()} with policy "${policy}"`);
  }
  await refused.waitForTimeout(1000);
  const other = await embedded(refused);
  if (!other) throw new Error('the page has no embed frame');
  const charts = await other.locator('svg[role="img"]').count().catch(() => 0);
  await refused.screenshot({ path: screenshot.replace(/\.png$/, '-refused.png') });
  if (charts !== 0 || !other.url().startsWith('chrome-error:')) {
    throw new Error(`a key for another origin was framed (${other.url()}): frame-ancestors did not refuse it`);
  }
  console.log(`a key for another origin: the server answers 200 with "${policy.split('; ').pop()}", and Chromium refuses the frame`);
  status = 0;
} catch (e) {
  console.error(e.message);
} finally {
  await browser.close();
  site.close();
}
process.exit(status);
