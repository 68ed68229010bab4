// The back office in a real browser: Debian's Chromium, headless, driven by playwright-core (which downloads no
// browser). Two pages, as two tabs of two users would be: what one does appears in the other without a reload.
//
//   CATALOG_URL=<catalog> CATALOG_TOKEN=<JWT with catalog:write> node e2e/back-office.mjs <image file> <screenshot dir>
//     Builds the app when dist/ is missing or older than its sources, serves dist/ with Vite's preview server
//     (proxying /graphql, its WebSocket, /files and /uploads to the catalog, as in development), and checks:
//     a product created in page A appears in page B; an image dropped on A's product appears on B's; B's stale edit
//     is refused with CONFLICT and its message; the history lists the changes. Saves screenshots of the views.
//     Without CATALOG_TOKEN the pages do not sign in (a service in open mode, on this machine). With BACK_OFFICE_URL
//     instead of CATALOG_URL, it checks the app served there (e.g. http://localhost:8080/back-office/ by the compose
//     file's Nginx).
//     Prints one line per check and ends with "N passed, 0 failed"; exits non-zero with the reason otherwise.
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, createLogger, preview } from 'vite';

const [imagePath, screenshots] = process.argv.slice(2);
const { CATALOG_URL, BACK_OFFICE_URL, CATALOG_TOKEN: token } = process.env;
if (!imagePath || !screenshots || !(CATALOG_URL || BACK_OFFICE_URL)) {
  console.error('usage: CATALOG_URL=<url> [CATALOG_TOKEN=<jwt>] node e2e/back-office.mjs <image> <screenshot dir>');
  process.exit(2);
}
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const TIMEOUT = 15_000;
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

let passed = 0;
let since = performance.now();
function ok(what) {
  passed += 1;
  console.log(`ok ${passed} - ${what} (${((performance.now() - since) / 1000).toFixed(1)} s)`);
  since = performance.now();
}

/** The newest modification time under a path. */
async function newest(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  return Math.max(info.mtimeMs, ...(await Promise.all(entries.map((entry) => newest(join(path, entry))))));
}

async function buildIfStale() {
  const built = await stat(join(root, 'dist', 'index.html')).then((info) => info.mtimeMs, () => 0);
  const sources = Math.max(...(await Promise.all(['src', 'index.html', 'vite.config.js', 'package-lock.json']
    .map((path) => newest(join(root, path))))));
  if (built < sources) {
    await build({ root, logLevel: 'warn' });
    console.log('built dist/ (it was missing or older than the sources)');
  }
}

/** Collects what goes wrong in a page: uncaught exceptions and console errors. */
function watch(page, name, problems) {
  page.on('pageerror', (error) => problems.push(`${name}: uncaught ${error.stack ?? error}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`${name}: console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('requestfailed', (request) => {
    // Apollo Client cancels a query that no view needs any more (ERR_ABORTED): not a failure.
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') problems.push(`${name}: ${request.url()} failed: ${reason}`);
  });
  page.setDefaultTimeout(TIMEOUT);
}

async function signIn(page) {
  await page.goto(app);
  if (token) {
    await page.fill('input[name=token]', token);
    await page.click('button:text("Sign in")');
    await page.getByTestId('signed-in').waitFor();
  }
  await page.locator('[data-testid=socket]:text-is("live")').waitFor();
}

/** Drops a file on the element as a user dragging it from the desktop would: dragenter, dragover, drop. */
async function dropFile(page, selector, path) {
  const bytes = (await readFile(path)).toString('base64');
  const dataTransfer = await page.evaluateHandle(({ bytes, name, type }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], name, { type }));
    return transfer;
  }, { bytes, name: basename(path), type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' });
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer });
}

/** Waits until the image in the element has loaded, and answers its natural width. */
async function loadedImage(locator) {
  await locator.waitFor();
  await locator.evaluate((image) => image.complete || new Promise((done, failed) => {
    image.addEventListener('load', done);
    image.addEventListener('error', () => failed(new Error(`image ${image.src} did not load`)));
  }));
  return locator.evaluate((image) => image.naturalWidth);
}

const shot = (page, name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

/** Vite's preview server for dist/, proxying to CATALOG_URL (vite.config.js reads it), on a free port. */
async function serve() {
  await buildIfStale();
  // The proxy's warnings and errors, but for the connection reset of each socket as the browser quits.
  const logger = createLogger('warn');
  const logError = logger.error;
  logger.error = (message, options) => /ws proxy.*ECONNRESET/s.test(message) || logError(message, options);
  return preview({ root, customLogger: logger, preview: { port: 0, strictPort: true, open: false } });
}

await rm(screenshots, { recursive: true, force: true });
await mkdir(screenshots, { recursive: true });
const server = BACK_OFFICE_URL ? null : await serve();
const app = BACK_OFFICE_URL ?? server.resolvedUrls.local[0];
const profile = await mkdtemp(join(tmpdir(), 'back-office-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
});
const problems = [];
const a = browser.pages()[0] ?? (await browser.newPage());
const b = await browser.newPage();
watch(a, 'page A', problems);
watch(b, 'page B', problems);

try {
  await Promise.all([signIn(a), signIn(b)]);
  ok(`both pages open ${app}${token ? ', signed in,' : ''} with their subscriptions live`);

  const name = `Back office lamp ${Date.now()}`;
  const create = a.getByTestId('create-form');
  await create.locator('input[name=name]').fill(name);
  await create.locator('input[name=price]').fill('49.90');
  await create.locator('button[type=submit]').click();
  const created = create.locator('.notice a');
  await created.waitFor();
  const id = Number((await created.getAttribute('href')).split('/').pop());
  await b.locator(`[data-testid=product-list] tr[data-product="${id}"]:has-text("${name}")`).waitFor();
  ok(`product ${id} created in page A appears in page B's list without a reload`);

  await Promise.all([a, b].map(async (page) => {
    await page.click(`[data-testid=product-list] a:text-is("${name}")`);
    await page.getByTestId('product-page').waitFor();
  }));
  await dropFile(a, '[data-testid=drop-zone]', imagePath);
  const widthInA = await loadedImage(a.locator('[data-testid=images] img').first());
  const widthInB = await loadedImage(b.locator('[data-testid=images] img').first());
  if (!(widthInA > 0 && widthInB > 0)) {
    throw new Error(`the uploaded image is ${widthInA} px wide in A, ${widthInB} in B`);
  }
  ok(`an image dropped on page A's product is uploaded and appears on page B's (${widthInB} px wide)`);
  await shot(b, 'product-with-image');

  const version = Number(await b.getByTestId('version').textContent());
  await Promise.all([a, b].map((page) => page.click('button:text("Edit")')));
  const editA = a.getByTestId('edit-form');
  await editA.locator('input[name=price]').fill('59.90');
  await editA.locator('button[type=submit]').click();
  await a.locator(`[data-testid=version]:text-is("${version + 1}")`).waitFor();
  await b.getByTestId('stale').waitFor(); // B's page saw A's change live, while B was editing
  const editB = b.getByTestId('edit-form');
  await editB.locator('input[name=name]').fill(`${name} (renamed in B)`);
  await editB.locator('button[type=submit]').click();
  const conflict = editB.locator('.error[data-code=CONFLICT]');
  await conflict.waitFor();
  const message = (await conflict.textContent()).trim();
  if (!/version/i.test(message)) throw new Error(`the CONFLICT error does not say why: ${message}`);
  ok(`page B's edit from version ${version}, stale after page A's save, shows "${message}"`);
  await shot(b, 'conflict');

  await editB.locator(`button:text("Start over from version ${version + 1}")`).click();
  await editB.locator('input[name=name]').fill(`${name} (renamed in B)`);
  await editB.locator('button[type=submit]').click();
  await a.locator(`[data-testid=product-name]:text-is("${name} (renamed in B)")`).waitFor();
  ok(`page B's edit started over from version ${version + 1} is saved and shows in page A`);

  const entries = a.locator('[data-testid=history] > ol > li');
  await a.locator('[data-testid=history] > ol > li:nth-child(3)').waitFor();
  const kinds = await entries.evaluateAll((items) => items.map((item) => item.dataset.kind));
  if (kinds.join() !== 'UPDATED,UPDATED,CREATED') throw new Error(`history kinds: ${kinds}`);
  const history = await a.getByTestId('history').textContent();
  if (!history.includes('59.90') && !history.includes('59.9')) throw new Error(`history lacks A's price: ${history}`);
  ok(`page A's history lists ${kinds.length} changes, newest first, with what they changed`);
  await a.getByTestId('history').scrollIntoViewIfNeeded();
  await shot(a, 'history');

  await b.click('header h1 a');
  const thumbnail = b.locator(`[data-testid=product-list] tr[data-product="${id}"] img`);
  if (!((await loadedImage(thumbnail)) > 0)) throw new Error('no thumbnail in the list');
  ok("the list shows the product's first image as its thumbnail");
  await shot(b, 'list');

  if (problems.length > 0) throw new Error(`the pages reported problems:\n${problems.join('\n')}`);
  ok('no uncaught exception or console error in either page');
  console.log(`${passed} passed, 0 failed`);
} catch (error) {
  process.exitCode = 1;
  console.log(`not ok ${passed + 1} - ${error.message}`);
  if (problems.length > 0) console.log(problems.join('\n'));
  await Promise.all([shot(a, 'failure-page-a'), shot(b, 'failure-page-b')]).catch(() => {});
  console.log(`${passed} passed, 1 failed`);
} finally {
  // Leaving the pages closes their sockets cleanly before the browser goes.
  await Promise.all([a, b].map((page) => page.goto('about:blank').catch(() => {})));
  await browser.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
}
