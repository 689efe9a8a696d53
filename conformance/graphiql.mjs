// GraphiQL as a user opens it: headless Chromium loads /graphql with every
// request off the server refused (no network), and the documentation explorer
// must list the schema's root type `Query`. Saves a screenshot.
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const origin = new URL(base).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let status = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const offsite = [];
  await page.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const failed = async (what) => { await page.screenshot({ path: screenshot }); throw new Error(`${what}; see ${screenshot}`); };
  await page.goto(`${base}/graphql`, { waitUntil: 'networkidle' });
  await page.locator('.graphiql-container').waitFor({ timeout: 20000 }).catch(() => failed('GraphiQL did not render'));
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  const explorer = page.locator('.graphiql-doc-explorer');
  await explorer.getByText('Query', { exact: true }).first().waitFor({ timeout: 20000 })
    .catch(() => failed('the documentation explorer lists no Query type'));
  const text = await explorer.innerText();
  const rootTypes = [...text.matchAll(/^(query|mutation|subscription)\s*:\s*(\w+)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
  await page.screenshot({ path: screenshot });
  console.log(`GraphiQL docs explorer root types: ${JSON.stringify(rootTypes)}; ` +
    `off-site requests refused: ${offsite.length}; errors: ${problems.length}`);
  for (const p of problems) console.log(`  ${p}`);
  status = rootTypes.includes('query: Query') && offsite.length === 0 && problems.length === 0 ? 0 : 1;
} finally {
  await browser.close();
}
process.exit(status);
