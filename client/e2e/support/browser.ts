import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; nothing is ever downloaded. CHROMIUM_PATH overrides it on other machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');

/** The server under test, started by scripts/e2e.mjs. */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is unset: run the browser tests with `npm run test:e2e`');
  return url.replace(/\/$/, '');
}

/** A headless Chromium; Playwright gives each launch a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (a CSP violation or a failed chunk shows up here). */
  problems: string[];
}

/**
 * A new context (own cookies and localStorage) and page at the given viewport, with its errors collected;
 * relative URLs go to the server under test unless `origin` names another.
 */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  origin: string = baseUrl(),
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: origin, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  // A shell page answers in well under a second here; fail fast rather than at Playwright's 30 s default.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // The browser logs every 4xx answer as an error; the app expects some (401 when signed out, 403 before an
    // organization exists) and shows them itself. Server faults are caught below instead.
    const url = msg.location().url;
    if (/^Failed to load resource/.test(msg.text()) && /\/(api|socket\.io)\//.test(url)) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500 && res.url().includes('/api/'))
      problems.push(`server error: ${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

/** Saves a screenshot under client/e2e/artifacts/ (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
